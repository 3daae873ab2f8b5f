"""Hardened autograding: each submission graded alone, in a sandbox, in parallel; the gradebook merged after.

    python -m grading.sandbox grade [ASSIGNMENT ...] [--workers 2] [--timeout 900] [--memory-mb 6144]

For every submitted/<student>/<assignment>/ folder:
1. A scratch course is staged holding only the submitted *.ipynb files (and timestamp.txt), the grading
   config, and a private copy of the gradebook readable by root only. The originals are never touched.
2. `nbgrader autograde` runs for that one student inside bubblewrap (`bwrap`): no network, a private /tmp,
   read-only system, venv, helpers and data; nothing else of the course (no source/, no other students).
   The kernel itself runs as the unprivileged user `nobody` under an address-space limit, so the student's
   code cannot read or change the gradebook the grader writes. Without bwrap the same runs as a plain
   process with the limits (a clear message says so; install it with `apt-get install bubblewrap`).
3. A wall-clock limit per submission kills the whole sandbox.
4. Tampering found by grading.scan (critical findings) zeroes the submission and flags it for review.
5. Scores are read from the private gradebook and merged into the course gradebook; the autograded notebook
   is copied to autograded/<student>/<assignment>/. Every outcome is written to reports/grading_status.csv.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from grading.env import KERNEL_ENV

from tools.config import ROOT

from .jobs import Job, find_jobs

VENV_BIN = Path(sys.executable).parent
NOBODY = 65534
STATUS_FIELDS = ["student", "assignment", "status", "reason", "score", "max_score", "seconds"]


@dataclass
class Outcome:
    job: Job
    status: str  # graded | timeout | error | tampering
    reason: str = ""
    seconds: float = 0.0
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)


def have_bwrap() -> bool:
    """True when bubblewrap is installed and can create namespaces here (GRADE_SANDBOX=process forces False)."""
    if os.environ.get("GRADE_SANDBOX") == "process":
        return False
    exe = shutil.which("bwrap")
    if not exe:
        return False
    probe = subprocess.run([exe, "--ro-bind", "/", "/", "--unshare-net", "true"], capture_output=True)
    return probe.returncode == 0


def _kernel_spec(sandboxed: bool, memory_mb: int, scratch_home: str) -> dict:
    """python3 kernelspec for the grading run: copy the connection file, drop to nobody, limit memory."""
    python = str(VENV_BIN / "python")
    drop = f"setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups " if sandboxed else ""
    script = (
        'set -e; h="%s"; mkdir -p "$h"; chmod 1777 "$h"; '
        'k=$(mktemp "$h/kernel-XXXXXX.json"); cp "$1" "$k"; chmod 644 "$k"; '
        f'exec prlimit --as={memory_mb * 1024 * 1024} -- {drop}'
        'env HOME="$h" MPLCONFIGDIR="$h/mpl" IPYTHONDIR="$h/ipython" COURSE_CACHE_DIR="$h/cache" '
        f'{python} -m ipykernel_launcher -f "$k"'
    ) % scratch_home
    return {"argv": ["/bin/sh", "-c", script, "sh", "{connection_file}"],
            "display_name": "Python 3 (grading sandbox)", "language": "python"}


def stage(job: Job, scratch: Path, course: Path, sandboxed: bool, memory_mb: int) -> Path:
    """Build the scratch course for one submission; returns the path the sandbox sees as its root."""
    root = scratch / "grade"
    dest = root / "submitted" / job.student / job.assignment
    dest.mkdir(parents=True)
    for p in job.folder.iterdir():
        if p.is_file() and (p.suffix == ".ipynb" or p.name == "timestamp.txt"):
            shutil.copy2(p, dest / p.name)
    shutil.copy(course / "nbgrader_config.py", root / "nbgrader_config.py")
    # The grading package (preprocessors named in nbgrader_config.py, the judge) for the nbgrader process.
    shutil.copytree(Path(__file__).parent, root / "grading", ignore=shutil.ignore_patterns("__pycache__"))
    db = root / "gradebook.db"
    shutil.copy(course / "gradebook.db", db)
    os.chmod(db, 0o600)
    kdir = root / ".jupyter" / "kernels" / "python3"
    kdir.mkdir(parents=True)
    home = "/tmp/home" if sandboxed else str(scratch / "home")
    (kdir / "kernel.json").write_text(json.dumps(_kernel_spec(sandboxed, memory_mb, home)), encoding="utf-8")
    for d in (root / "submitted", root / "submitted" / job.student, dest):
        os.chmod(d, 0o755)
    os.chmod(root, 0o711)  # the kernel (nobody) can reach its folder but not list the grading root
    return root


def _env(root_in_box: str, tmp: str) -> dict[str, str]:
    return {
        "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": tmp,
        "LANG": "C.UTF-8",
        "JUPYTER_PATH": f"{root_in_box}/.jupyter",
        "JUPYTER_CONFIG_DIR": f"{tmp}/jupyter-config",
        "JUPYTER_RUNTIME_DIR": f"{tmp}/jupyter-runtime",
        "JUPYTER_DATA_DIR": f"{tmp}/jupyter-data",
        **KERNEL_ENV,
        "no_proxy": "*",
    }


def command(job: Job, root: Path, sandboxed: bool, cell_timeout: int) -> tuple[list[str], dict[str, str], Path]:
    """The autograde command line (wrapped in bwrap when sandboxed), its environment and working dir."""
    inner = [str(VENV_BIN / "nbgrader"), "autograde", job.assignment, "--student", job.student, "--force",
             f"--Execute.timeout={cell_timeout}"]
    if not sandboxed:
        tmp = str(root.parent / "tmp")
        Path(tmp).mkdir(exist_ok=True)
        env = _env(str(root), tmp)
        env.update(http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
        return inner, env, root
    venv = Path(sys.prefix)
    binds = [Path(sys.base_prefix), venv, ROOT / "helpers", ROOT / "data"]
    parents = sorted({q for b in binds for q in b.parents if q != Path("/")}, key=lambda q: len(q.parts))
    dirs: list[str] = []
    for q in parents:  # world-traversable mount points, so that `nobody` can reach the bound folders
        if q.as_posix() not in {"/usr", "/etc"}:
            dirs += ["--perms", "0755", "--dir", q.as_posix()]
    box = [
        "bwrap", "--die-with-parent", "--new-session",
        "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-pid",
        "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/sbin", "/sbin",
        "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
        *dirs,
        "--ro-bind", sys.base_prefix, sys.base_prefix,
        "--ro-bind", str(venv), str(venv),
        "--ro-bind", str(ROOT / "helpers"), str(ROOT / "helpers"),
        "--ro-bind", str(ROOT / "data"), str(ROOT / "data"),
        "--bind", str(root), "/grade", "--chdir", "/grade",
        "--clearenv",
    ]
    env = _env("/grade", "/tmp")
    for k, v in env.items():
        box += ["--setenv", k, v]
    return box + ["--"] + inner, {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, root


def _read_private(db: Path, job: Job) -> dict | None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            sub = gb.find_submission(job.assignment, job.student)
        except MissingEntry:
            return None
        return {
            "timestamp": sub.timestamp,
            "notebooks": {
                nb.name: {
                    "grades": {g.name: (g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                               for g in nb.grades},
                    "comments": {c.name: (c.auto_comment, c.manual_comment) for c in nb.comments},
                    "flagged": nb.flagged,
                }
                for nb in sub.notebooks
            },
        }


def merge(course_db: Path, job: Job, private: dict | None, zero: bool = False) -> dict[str, tuple[float, float]]:
    """Write one submission's grades into the course gradebook (0 everywhere when private is None or zero)."""
    from nbgrader.api import Gradebook, MissingEntry

    scores: dict[str, tuple[float, float]] = {}
    with Gradebook(f"sqlite:///{course_db}") as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy autoflush notices from nbgrader's own add_submission
        gb.update_or_create_student(job.student)
        try:
            gb.remove_submission(job.assignment, job.student)
        except MissingEntry:
            pass
        kwargs = {"timestamp": private["timestamp"]} if private and private.get("timestamp") else {}
        sub = gb.add_submission(job.assignment, job.student, **kwargs)
        for nb in sub.notebooks:
            data = (private or {}).get("notebooks", {}).get(nb.name)
            for g in nb.grades:
                if data and not zero and g.name in data["grades"]:
                    g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade = data["grades"][g.name]
                else:
                    g.auto_score, g.manual_score, g.needs_manual_grade = 0.0, None, False
                score = g.manual_score if g.manual_score is not None else (g.auto_score or 0.0)
                scores[g.name] = (float(score) + float(g.extra_credit or 0.0), float(g.max_score))
            for c in nb.comments:
                if data and c.name in data["comments"]:
                    c.auto_comment, c.manual_comment = data["comments"][c.name]
            nb.flagged = bool(zero) or bool(data and data["flagged"])
        gb.db.commit()
    return scores


def _publish_autograded(root: Path, course: Path, job: Job) -> None:
    src = root / "autograded" / job.student / job.assignment
    dst = course / "autograded" / job.student / job.assignment
    if dst.exists():
        for p in dst.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        shutil.rmtree(dst)
    if src.is_dir():
        shutil.copytree(src, dst)


def grade_one(job: Job, course: Path, sandboxed: bool, timeout: int, cell_timeout: int, memory_mb: int,
              critical: dict[tuple[str, str], str]) -> tuple[Outcome, dict | None, Path]:
    """Run one submission in its sandbox; returns the outcome and the private grades (not yet merged)."""
    scratch = Path(tempfile.mkdtemp(prefix=f"grade_{job.student}_{job.assignment}_"))
    start = time.perf_counter()
    key = (job.student, job.assignment)
    if key in critical:  # tampering: not executed at all, zeroed and flagged for review
        return Outcome(job, "tampering", critical[key], time.perf_counter() - start), None, scratch
    root = stage(job, scratch, course, sandboxed, memory_mb)
    cmd, env, cwd = command(job, root, sandboxed, cell_timeout)
    log = scratch / "autograde.log"
    status, reason = "graded", ""
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            status, reason = "timeout", f"제출물 채점 시간 {timeout}s 초과 (wall-clock limit exceeded)"
    private = _read_private(root / "gradebook.db", job) if status == "graded" else None
    text = log.read_text(encoding="utf-8", errors="replace")
    failed = "There was an error processing assignment" in text
    timed_out = "CellTimeoutError" in text or "Timeout waiting for execute reply" in text
    died = "DeadKernelError" in text or "Kernel died" in text
    if status == "graded" and (private is None or failed):
        private = None
        status = "error"
        if "NotJSONError" in text or "does not appear to be JSON" in text or "JSONDecodeError" in text:
            reason = "노트북 파일이 올바른 JSON 이 아닙니다 (invalid notebook JSON)"
        elif timed_out:
            reason = f"셀 실행 시간 {cell_timeout}s 초과, 커널이 중단되지 않음 (cell timeout, kernel did not stop)"
        elif died:
            reason = "커널이 중간에 종료되었습니다 (kernel died, e.g. os._exit or memory limit)"
        else:
            last = [l.strip() for l in text.splitlines() if "Error" in l or "error" in l]
            reason = "채점 중 오류 (autograde error): " + (last[-1][:200] if last else "see log")
    elif status == "graded":
        if died:
            reason = "커널이 중간에 종료되었습니다 (kernel died); 이후 셀은 0점"
        if timed_out:
            reason = f"셀 실행 시간 {cell_timeout}s 초과 (cell timeout)"
    if status == "graded" and private is not None:
        _publish_autograded(root, course, job)
    outcome = Outcome(job, status, reason, time.perf_counter() - start)
    return outcome, private, scratch


def write_status(outcomes: list[Outcome], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(STATUS_FIELDS)
        for o in sorted(outcomes, key=lambda o: (o.job.assignment, o.job.student)):
            got = sum(s for s, _ in o.scores.values())
            mx = sum(m for _, m in o.scores.values())
            w.writerow([o.job.student, o.job.assignment, o.status, o.reason, f"{got:g}", f"{mx:g}", f"{o.seconds:.1f}"])


def grade(course: Path = ROOT, assignments: list[str] | None = None, workers: int = 2, timeout: int = 900,
          cell_timeout: int = 300, memory_mb: int = 6144, sandbox: bool | None = None,
          reports: Path | None = None, quiet: bool = False) -> list[Outcome]:
    """Grade every submission under course/submitted; returns the outcomes (also in reports/)."""
    from . import scan as integrity

    reports = reports or course / "reports"
    say = (lambda *a: None) if quiet else print
    sandboxed = have_bwrap() if sandbox is None else sandbox
    if not sandboxed:
        say("⚠️ bubblewrap(bwrap)를 쓸 수 없어 프로세스 격리만으로 채점합니다 (네트워크 차단·파일 격리 없음). "
            "설치: apt-get install bubblewrap  (bwrap not available: process-level fallback)")
    if not (course / "gradebook.db").is_file():
        raise SystemExit("gradebook.db 가 없습니다. 먼저 `make release` 로 과제를 등록하세요.")
    jobs = find_jobs(course, assignments)
    findings = integrity.scan(course, jobs)
    integrity.write_csv(findings, reports / "integrity.csv")
    critical = integrity.critical_by_submission(findings)
    notes: dict[tuple[str, str], str] = {}
    for f in findings:  # notebook-level problems explain a zero (missing, renamed, invalid JSON)
        if not f.cell and f.severity == "warning":
            key = (f.student, f.assignment)
            notes[key] = (notes[key] + "; " if key in notes else "") + f.reason
    say(f"==> 채점 시작: 제출물 {len(jobs)}개, 작업자 {workers}명, {'bwrap 샌드박스' if sandboxed else '프로세스 격리'}")
    outcomes: list[Outcome] = []
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(grade_one, j, course, sandboxed, timeout, cell_timeout, memory_mb, critical): j
                   for j in jobs}
        for fut in as_completed(futures):
            outcome, private, scratch = fut.result()
            note = notes.get((outcome.job.student, outcome.job.assignment))
            if note and note not in outcome.reason:
                outcome.reason = f"{outcome.reason}; {note}" if outcome.reason else note
            outcome.scores = merge(course / "gradebook.db", outcome.job, private,
                                   zero=outcome.status in ("tampering",))
            if not os.environ.get("GRADE_KEEP"):
                shutil.rmtree(scratch, ignore_errors=True)
            else:
                say(f"   (kept {scratch})")
            outcomes.append(outcome)
            got = sum(s for s, _ in outcome.scores.values())
            mx = sum(m for _, m in outcome.scores.values())
            say(f"   {outcome.job.assignment} {outcome.job.student:28s} {got:g}/{mx:g} {outcome.status} "
                f"{outcome.reason} ({outcome.seconds:.0f}s)")
    write_status(outcomes, reports / "grading_status.csv")
    say(f"==> 채점 완료: {time.perf_counter() - t0:.0f}s. 상태: {reports / 'grading_status.csv'}, "
        f"무결성 보고서: {reports / 'integrity.csv'}")
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="sandboxed parallel autograde")
    parser.add_argument("command", choices=["grade"])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GRADE_WORKERS", 2)))
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("GRADE_TIMEOUT", 900)),
                        help="wall-clock seconds per submission")
    parser.add_argument("--cell-timeout", type=int, default=int(os.environ.get("GRADE_CELL_TIMEOUT", 300)))
    parser.add_argument("--memory-mb", type=int, default=int(os.environ.get("GRADE_MEMORY_MB", 6144)))
    parser.add_argument("--no-sandbox", action="store_true", help="force the process-level fallback")
    args = parser.parse_args(argv)
    grade(ROOT, args.assignments or None, args.workers, args.timeout, args.cell_timeout, args.memory_mb,
          sandbox=False if args.no_sandbox else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

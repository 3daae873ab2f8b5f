"""Hardened autograding: each submission graded alone, in a sandbox, in parallel; the gradebook merged after.

    python -m grading.sandbox grade [ASSIGNMENT ...] [--workers 2] [--timeout 900] [--memory-mb 6144]

For a batch (every submitted/<student>/<assignment>/ folder):
0. A preflight probe runs once in the same sandbox (nbgrader + the course preprocessors as the grader, then
   `helpers`, torch, numpy, ipykernel as the kernel's user). If it fails, every submission gets the status
   `environment-error` and no score is written (a broken grading machine never becomes 0 points).
1. Each submission is read by grading.submission (symlinks never followed, size limit, JSON and structure
   checked, duplicated nbgrader cells repaired, a single renamed notebook graded under its expected name).
   grading.scan reports findings for review (reports/integrity.csv); the scan never changes a score.
2. A scratch course is staged holding only the (repaired) notebooks and timestamp.txt, the grading config, the
   grading package and a private copy of the gradebook readable by root only. Originals are never touched.
3. `nbgrader autograde` runs for that one student inside bubblewrap (`bwrap`): no network, private PID/IPC/UTS
   namespaces, a size-limited private /tmp and a writable size-limited /dev/shm, read-only system, venv,
   helpers and data; nothing else of the course. The kernel runs as the worker slot's own unprivileged uid
   (GRADE_UID_BASE + slot) under RLIMIT_AS and RLIMIT_NPROC, and the whole submission (children included) runs
   in its own memory + pids cgroup when /sys/fs/cgroup is writable (v2, or v1 memory and pids hierarchies).
   Without bwrap, as root: the same kernel drop and limits in a plain process (a clear message says so); not
   root and no bwrap: grading is refused unless GRADE_ALLOW_UNSANDBOXED=1.
4. A wall-clock limit per submission kills the whole sandbox.
5. Scores are read from the private gradebook and merged into the course gradebook; the autograded notebook
   is copied to autograded/<student>/<assignment>/. Every outcome is written to reports/grading_status.csv
   (status: graded | timeout | error | invalid | environment-error; flag: review | warning | empty).
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import shlex
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

from . import scan as integrity
from .csvsafe import write_csv
from .jobs import Job, find_jobs
from .submission import Finding, Prepared, prepare, release_stems

VENV = Path(sys.prefix).resolve()  # bound at its real path: scripts' shebangs name the real path
VENV_BIN = VENV / "bin"
HELPERS = ROOT / "helpers"
DATA = ROOT / "data"
UID_BASE = int(os.environ.get("GRADE_UID_BASE", "61000"))  # worker slot k runs its kernel as uid UID_BASE + k
STATUS_FIELDS = ["student", "assignment", "status", "reason", "score", "max_score", "seconds", "flag"]
PROBE_KERNEL = "import helpers, helpers.plot, numpy, torch, ipykernel, nbformat"
PROBE_GRADER = "import nbgrader.apps, grading.nbext, grading.env"
ENV_ERROR = "environment-error"


@dataclass
class Limits:
    """Per-submission limits (children included where a cgroup is available)."""

    memory_mb: int = 6144  # the whole submission (cgroup); also RLIMIT_AS per process unless as_mb is set
    max_procs: int = 256  # RLIMIT_NPROC of the kernel's uid (threads count too)
    tmp_mb: int = 1024
    shm_mb: int = 1024
    as_mb: int | None = None  # per-process address space (default: memory_mb)

    @classmethod
    def from_env(cls, memory_mb: int | None = None) -> "Limits":
        return cls(memory_mb=memory_mb or int(os.environ.get("GRADE_MEMORY_MB", 6144)),
                   max_procs=int(os.environ.get("GRADE_MAX_PROCS", 256)),
                   tmp_mb=int(os.environ.get("GRADE_TMP_MB", 1024)),
                   shm_mb=int(os.environ.get("GRADE_SHM_MB", 1024)),
                   as_mb=int(os.environ["GRADE_AS_MB"]) if os.environ.get("GRADE_AS_MB") else None)


@dataclass
class Outcome:
    job: Job
    status: str  # graded | timeout | error | invalid | environment-error
    reason: str = ""
    seconds: float = 0.0
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)
    flag: str = ""  # review | warning | "" (from the integrity report)


def have_bwrap() -> bool:
    """True when bubblewrap is installed and can create namespaces here (GRADE_SANDBOX=process forces False)."""
    if os.environ.get("GRADE_SANDBOX") == "process":
        return False
    exe = shutil.which("bwrap")
    if not exe:
        return False
    probe = subprocess.run([exe, "--ro-bind", "/", "/", "--unshare-net", "true"], capture_output=True)
    return probe.returncode == 0


# --- cgroups: memory and process count of a whole submission ---------------------------------------------------

def _own_cgroup(controller: str) -> str:
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, ctrls, path = line.split(":", 2)
            if controller in ctrls.split(","):
                return path
    except OSError:
        pass
    return "/"


def _writable(d: Path) -> bool:
    return d.is_dir() and os.access(d, os.W_OK)


def cgroup_layout() -> dict[str, Path] | None:
    """Parent cgroup directories to create per-submission groups in ({"v2": dir} or {"memory": .., "pids": ..}),
    or None when this machine does not let us (then RLIMIT_AS + per-slot RLIMIT_NPROC are the limits)."""
    if os.environ.get("GRADE_CGROUP", "1") == "0":
        return None
    base = Path("/sys/fs/cgroup")
    ctrl = base / "cgroup.controllers"
    if ctrl.is_file() and {"memory", "pids"} <= set(ctrl.read_text().split()):
        own = base / _own_cgroup("").lstrip("/")
        for d in (own, base):
            if _writable(d) and {"memory", "pids"} <= set((d / "cgroup.subtree_control").read_text().split()
                                                          if (d / "cgroup.subtree_control").is_file() else []):
                return {"v2": d}
        return None
    out = {}
    for name in ("memory", "pids"):
        root = base / name
        own = root / _own_cgroup(name).lstrip("/")
        d = own if _writable(own) else root
        if not _writable(d):
            return None
        out[name] = d
    return out


class CGroup:
    """One submission's cgroup(s): memory and pids limits for everything its sandbox starts."""

    def __init__(self, layout: dict[str, Path] | None, name: str, limits: Limits):
        self.dirs: list[Path] = []
        if not layout:
            return
        mem = limits.memory_mb * 1024 * 1024
        pids = limits.max_procs + 128  # the grader's own threads inside the box
        try:
            if "v2" in layout:
                d = layout["v2"] / name
                d.mkdir()
                self.dirs.append(d)
                (d / "memory.max").write_text(str(mem))
                if (d / "memory.swap.max").exists():
                    (d / "memory.swap.max").write_text("0")
                (d / "pids.max").write_text(str(pids))
            else:
                d = layout["memory"] / name
                d.mkdir()
                self.dirs.append(d)
                (d / "memory.limit_in_bytes").write_text(str(mem))
                if (d / "memory.memsw.limit_in_bytes").exists():
                    try:
                        (d / "memory.memsw.limit_in_bytes").write_text(str(mem))
                    except OSError:
                        pass
                p = layout["pids"] / name
                p.mkdir()
                self.dirs.append(p)
                (p / "pids.max").write_text(str(pids))
        except OSError:
            self.remove()
            self.dirs = []

    def enter(self) -> str:
        """Shell prefix that moves the starting process into the group(s)."""
        return "".join(f"echo $$ > {shlex.quote(str(d / 'cgroup.procs'))}; " for d in self.dirs)

    def remove(self) -> None:
        for d in self.dirs:
            for _ in range(50):
                try:
                    procs = (d / "cgroup.procs").read_text().split()
                except OSError:
                    break
                for pid in procs:
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except (OSError, ValueError):
                        pass
                try:
                    d.rmdir()
                    break
                except OSError:
                    time.sleep(0.1)


# --- the kernel and the sandbox --------------------------------------------------------------------------------

def _drop(uid: int, limits: Limits, home: str) -> str:
    """Shell words that run what follows as `uid` under the per-process limits, with a private HOME."""
    return (f"prlimit --as={(limits.as_mb or limits.memory_mb) * 1024 * 1024} --nproc={limits.max_procs} -- "
            f"setpriv --reuid={uid} --regid={uid} --clear-groups "
            f'env HOME="{home}" MPLCONFIGDIR="{home}/mpl" IPYTHONDIR="{home}/ipython" COURSE_CACHE_DIR="{home}/cache" ')


def _kernel_spec(uid: int, limits: Limits, scratch_home: str) -> dict:
    """python3 kernelspec for the grading run: copy the connection file, drop to the slot's uid, limit it."""
    python = str(VENV_BIN / "python")
    script = (
        f'set -e; h="{scratch_home}"; mkdir -p "$h"; chmod 1777 "$h"; '
        'k=$(mktemp "$h/kernel-XXXXXX.json"); cp "$1" "$k"; chmod 644 "$k"; '
        # When the submission's memory runs out, the kernel and its children go first, never the judge (the
        # nbgrader process shares the submission's cgroup and holds torch for the hidden tests).
        'echo 500 > /proc/self/oom_score_adj 2>/dev/null || true; '
        f'exec {_drop(uid, limits, scratch_home)}{python} -m ipykernel_launcher -f "$k"'
    )
    return {"argv": ["/bin/sh", "-c", script, "sh", "{connection_file}"],
            "display_name": "Python 3 (grading sandbox)", "language": "python"}


def _scratch_course(scratch: Path, course: Path, sandboxed: bool, uid: int, limits: Limits) -> Path:
    root = scratch / "grade"
    root.mkdir(parents=True)
    os.chmod(scratch, 0o711)
    shutil.copy(course / "nbgrader_config.py", root / "nbgrader_config.py")
    # The grading package (preprocessors named in nbgrader_config.py, the judge) for the nbgrader process.
    shutil.copytree(Path(__file__).parent, root / "grading", ignore=shutil.ignore_patterns("__pycache__"))
    if (course / "gradebook.db").is_file():
        db = root / "gradebook.db"
        shutil.copy(course / "gradebook.db", db)
        os.chmod(db, 0o600)
    kdir = root / ".jupyter" / "kernels" / "python3"
    kdir.mkdir(parents=True)
    home = "/tmp/home" if sandboxed else str(scratch / "home")
    (kdir / "kernel.json").write_text(json.dumps(_kernel_spec(uid, limits, home)), encoding="utf-8")
    os.chmod(root, 0o711)  # the kernel can reach its folder but not list the grading root
    return root


def stage(prep: Prepared, scratch: Path, course: Path, sandboxed: bool, uid: int, limits: Limits) -> Path:
    """Build the scratch course for one submission; returns the path the sandbox sees as its root."""
    job = prep.job
    root = _scratch_course(scratch, course, sandboxed, uid, limits)
    rel = course / "release" / job.assignment
    if rel.is_dir():  # the judge reads the given cells from the release (public, what students got)
        (root / "release").mkdir()
        shutil.copytree(rel, root / "release" / job.assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    dest = root / "submitted" / job.student / job.assignment
    dest.mkdir(parents=True)
    for stem, nb in prep.notebooks.items():
        (dest / f"{stem}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    if prep.timestamp is not None:
        (dest / "timestamp.txt").write_bytes(prep.timestamp)
    for d in (root / "submitted", root / "submitted" / job.student, dest):
        os.chmod(d, 0o755)
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


def wrap(inner: list[str], root: Path, sandboxed: bool, limits: Limits,
         cgroup: CGroup | None = None) -> tuple[list[str], dict[str, str], Path]:
    """`inner` wrapped in bwrap (or the plain-process fallback), entering `cgroup`; (argv, env, cwd)."""
    enter = cgroup.enter() if cgroup else ""
    if not sandboxed:
        tmp = str(root.parent / "tmp")
        Path(tmp).mkdir(exist_ok=True)
        env = _env(str(root), tmp)
        env.update(http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
        return ["/bin/sh", "-c", enter + 'exec "$@"', "sh", *inner], env, root
    venv = VENV
    binds = [Path(sys.base_prefix), venv, HELPERS, DATA]
    parents = sorted({q for b in binds for q in b.parents if q != Path("/")}, key=lambda q: len(q.parts))
    dirs: list[str] = []
    for q in parents:  # world-traversable mount points, so that the kernel's uid can reach the bound folders
        if q.as_posix() not in {"/usr", "/etc"}:
            dirs += ["--perms", "0755", "--dir", q.as_posix()]
    box = [
        "bwrap", "--die-with-parent", "--new-session",
        "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-pid",
        "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/sbin", "/sbin",
        "--proc", "/proc", "--dev", "/dev",
        "--perms", "1777", "--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp",
        "--perms", "1777", "--size", str(limits.shm_mb * 1024 * 1024), "--tmpfs", "/dev/shm",
        *dirs,
        "--ro-bind", sys.base_prefix, sys.base_prefix,
        "--ro-bind", str(venv), str(venv),
    ]
    for b in (HELPERS, DATA):
        box += ["--ro-bind", str(b), str(b)] if b.is_dir() else ["--perms", "0755", "--dir", str(b)]
    box += ["--bind", str(root), "/grade", "--chdir", "/grade", "--clearenv"]
    env = _env("/grade", "/tmp")
    for k, v in env.items():
        box += ["--setenv", k, v]
    argv = ["/bin/sh", "-c", enter + 'exec "$@"', "sh", *box, "--", *inner]
    return argv, {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, root


def command(job: Job, root: Path, sandboxed: bool, cell_timeout: int, limits: Limits | None = None,
            cgroup: CGroup | None = None) -> tuple[list[str], dict[str, str], Path]:
    """The autograde command line (wrapped in bwrap when sandboxed), its environment and working dir."""
    inner = [str(VENV_BIN / "nbgrader"), "autograde", job.assignment, "--student", job.student, "--force",
             f"--Execute.timeout={cell_timeout}"]
    return wrap(inner, root, sandboxed, limits or Limits(), cgroup)


def _run(argv: list[str], env: dict[str, str], cwd: Path, log: Path, timeout: float) -> int | None:
    """Run to completion (exit status) or kill the whole process group at `timeout` (None)."""
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None


def preflight(course: Path, sandboxed: bool, limits: Limits, layout: dict | None = None,
              timeout: float = 180) -> str:
    """"" when the grading environment works in the sandbox; else the reason (reported on every submission)."""
    python = VENV_BIN / "python"
    if not python.exists() or not (VENV_BIN / "nbgrader").exists():
        return f"채점 환경 오류: 가상환경이 없습니다 (grading environment broken: {VENV_BIN} missing)"
    scratch = Path(tempfile.mkdtemp(prefix="grade_probe_"))
    cgroup = CGroup(layout, f"grading-{os.getpid()}-probe", limits)
    try:
        root = _scratch_course(scratch, course, sandboxed, UID_BASE, limits)
        home = "/tmp/home" if sandboxed else str(scratch / "home")
        script = (f'set -e; {python} -c "{PROBE_GRADER}"; h="{home}"; mkdir -p "$h"; chmod 1777 "$h"; '
                  f'cd "$h"; {_drop(UID_BASE, limits, home)}{python} -c "{PROBE_KERNEL}; print(\'PROBE-OK\')"')
        argv, env, cwd = wrap(["/bin/sh", "-c", script], root, sandboxed, limits, cgroup)
        log = scratch / "probe.log"
        try:
            rc = _run(argv, env, cwd, log, timeout)
        except OSError as err:
            return f"채점 환경 오류 (grading environment broken: {err})"
        text = log.read_text(encoding="utf-8", errors="replace")
        if rc is None:
            return f"채점 환경 오류: 점검이 {timeout:.0f}s 안에 끝나지 않음 (environment probe timed out)"
        if rc != 0 or "PROBE-OK" not in text:
            lines = [l.strip() for l in text.splitlines() if l.strip()]
            return f"채점 환경 오류 (grading environment broken): {lines[-1][:200] if lines else f'exit {rc}'}"
        return ""
    finally:
        cgroup.remove()
        shutil.rmtree(scratch, ignore_errors=True)


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


def merge(course_db: Path, job: Job, private: dict | None, zero: bool = False,
          flagged: bool = False) -> dict[str, tuple[float, float]]:
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
            nb.flagged = bool(flagged) or bool(data and data["flagged"])
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


def grade_one(prep: Prepared, course: Path, sandboxed: bool, timeout: int, cell_timeout: int, limits: Limits,
              slot: int, layout: dict | None) -> tuple[Outcome, dict | None, Path]:
    """Run one submission in its sandbox; returns the outcome and the private grades (not yet merged)."""
    job = prep.job
    scratch = Path(tempfile.mkdtemp(prefix=f"grade_{job.student[:40]}_{job.assignment}_"))
    start = time.perf_counter()
    if prep.fatal:
        return Outcome(job, "invalid", prep.fatal, time.perf_counter() - start), None, scratch
    uid = UID_BASE + slot
    cgroup = CGroup(layout, f"grading-{os.getpid()}-{slot}", limits)
    try:
        root = stage(prep, scratch, course, sandboxed, uid, limits)
        cmd, env, cwd = command(job, root, sandboxed, cell_timeout, limits, cgroup)
        log = scratch / "autograde.log"
        status, reason = "graded", ""
        rc = _run(cmd, env, cwd, log, timeout)
        if rc is None:
            status, reason = "timeout", f"제출물 채점 시간 {timeout}s 초과 (wall-clock limit exceeded)"
        # autograde produced nothing: never read back an older entry of the private gradebook
        never_ran = rc not in (None, 0) and not (root / "autograded" / job.student / job.assignment).is_dir()
    finally:
        cgroup.remove()
    private = _read_private(root / "gradebook.db", job) if status == "graded" and not never_ran else None
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
            last = [l.strip() for l in text.splitlines() if ("Error" in l or "error" in l)
                    and "Please see the the above traceback" not in l and "There was an error" not in l]
            last = last or [l.strip() for l in text.splitlines() if l.strip()]
            reason = "채점 중 오류 (autograde error): " + (last[-1][:200] if last else f"exit {rc}")
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
    """reports/grading_status.csv (formula-safe)."""
    rows = []
    for o in sorted(outcomes, key=lambda o: (o.job.assignment, o.job.student)):
        got = sum(s for s, _ in o.scores.values())
        mx = sum(m for _, m in o.scores.values())
        rows.append([o.job.student, o.job.assignment, o.status, o.reason, f"{got:g}", f"{mx:g}",
                     f"{o.seconds:.1f}", o.flag])
    write_csv(path, STATUS_FIELDS, rows)


def _unsandboxed_allowed() -> bool:
    return os.environ.get("GRADE_ALLOW_UNSANDBOXED") == "1"


def _protect_course_gradebook(course: Path) -> None:
    """Fallback without bwrap: the kernel shares the file system, so the course gradebook is root-only."""
    db = course / "gradebook.db"
    if db.is_file() and os.geteuid() == 0:
        os.chmod(db, 0o600)


def grade(course: Path = ROOT, assignments: list[str] | None = None, workers: int = 2, timeout: int = 900,
          cell_timeout: int = 300, memory_mb: int | None = None, sandbox: bool | None = None,
          reports: Path | None = None, quiet: bool = False, limits: Limits | None = None) -> list[Outcome]:
    """Grade every submission under course/submitted; returns the outcomes (also in reports/)."""
    reports = reports or course / "reports"
    limits = limits or Limits.from_env(memory_mb)
    say = (lambda *a: None) if quiet else print
    sandboxed = have_bwrap() if sandbox is None else sandbox
    if not sandboxed:
        if os.geteuid() != 0 and not _unsandboxed_allowed():
            raise SystemExit(
                "채점을 거부합니다: bubblewrap(bwrap)이 없고 root 도 아니어서 학생 코드를 격리할 수 없습니다. "
                "`sudo make sandbox` 로 bwrap 을 설치하거나 root 로 실행하세요. 로컬 실험에서만 "
                "GRADE_ALLOW_UNSANDBOXED=1 로 허용할 수 있습니다 (refusing to grade: no sandbox available).")
        say("⚠️ bubblewrap(bwrap)를 쓸 수 없어 프로세스 격리만으로 채점합니다: 커널은 권한 없는 사용자로 "
            "실행되지만 네트워크 차단·파일 격리는 없습니다. 설치: apt-get install bubblewrap  "
            "(bwrap not available: process-level fallback)")
        _protect_course_gradebook(course)
    if not (course / "gradebook.db").is_file():
        raise SystemExit("gradebook.db 가 없습니다. 먼저 `make release` 로 과제를 등록하세요.")
    jobs = find_jobs(course, assignments)
    stems = {a: release_stems(course, a) for a in {j.assignment for j in jobs}}
    releases = {a: integrity.release_cells(course, a) for a in stems}
    preps = [prepare(course, j, stems[j.assignment]) for j in jobs]
    findings: list[Finding] = []
    for prep in preps:
        findings.extend(integrity.scan_prepared(course, prep, releases[prep.job.assignment]))
    integrity.write_csv(findings, reports / "integrity.csv")
    flags: dict[tuple[str, str], str] = {}
    notes: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (f.student, f.assignment)
        if f.severity == "review" or key not in flags:
            flags[key] = "review" if f.severity == "review" else flags.get(key, "warning")
        if not f.cell and f.severity == "warning":  # notebook-level problems explain a score
            if f.reason not in notes.get(key, ""):
                notes[key] = (notes[key] + "; " if key in notes else "") + f.reason
    layout = cgroup_layout()
    say(f"==> 채점 시작: 제출물 {len(jobs)}개, 작업자 {workers}명, {'bwrap 샌드박스' if sandboxed else '프로세스 격리'}, "
        f"제출물당 메모리 {limits.memory_mb} MB{' (cgroup)' if layout else ' (프로세스당 RLIMIT_AS)'}, "
        f"프로세스 {limits.max_procs}개")
    outcomes: list[Outcome] = []
    t0 = time.perf_counter()
    broken = preflight(course, sandboxed, limits, layout) if jobs else ""
    if broken:
        say(f"⚠️ {broken}: 점수를 기록하지 않습니다 (no scores written)")
        outcomes = [Outcome(p.job, ENV_ERROR, broken, 0.0, {}, flags.get((p.job.student, p.job.assignment), ""))
                    for p in preps]
        write_status(outcomes, reports / "grading_status.csv")
        return outcomes
    slots: queue.Queue[int] = queue.Queue()
    for k in range(max(1, workers)):
        slots.put(k + 1)

    def run_one(prep: Prepared):  # noqa: ANN202
        slot = slots.get()
        try:
            return grade_one(prep, course, sandboxed, timeout, cell_timeout, limits, slot, layout)
        finally:
            slots.put(slot)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(run_one, p): p for p in preps}
        for fut in as_completed(futures):
            prep = futures[fut]
            try:
                outcome, private, scratch = fut.result()
            except Exception as err:  # noqa: BLE001 - one submission never stops the batch
                outcome, private, scratch = Outcome(prep.job, "error", f"채점 중 오류 (grader error: {err!r})"[:300]), None, None
            key = (outcome.job.student, outcome.job.assignment)
            note = notes.get(key)
            if note and note not in outcome.reason:
                outcome.reason = f"{outcome.reason}; {note}" if outcome.reason else note
            outcome.flag = flags.get(key, "")
            try:
                outcome.scores = merge(course / "gradebook.db", outcome.job, private,
                                       flagged=outcome.flag == "review" or outcome.status != "graded")
            except Exception as err:  # noqa: BLE001
                outcome.status, outcome.reason = "error", f"점수 기록 실패 (gradebook merge failed: {err!r})"[:300]
            if scratch is not None and not os.environ.get("GRADE_KEEP"):
                shutil.rmtree(scratch, ignore_errors=True)
            elif scratch is not None:
                say(f"   (kept {scratch})")
            outcomes.append(outcome)
            got = sum(s for s, _ in outcome.scores.values())
            mx = sum(m for _, m in outcome.scores.values())
            say(f"   {outcome.job.assignment} {outcome.job.student:28s} {got:g}/{mx:g} {outcome.status} "
                f"{outcome.flag} {outcome.reason} ({outcome.seconds:.0f}s)")
    write_status(outcomes, reports / "grading_status.csv")
    say(f"==> 채점 완료: {time.perf_counter() - t0:.0f}s. 상태: {reports / 'grading_status.csv'}, "
        f"무결성 보고서 (검토용, 점수에 영향 없음): {reports / 'integrity.csv'}")
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
    outcomes = grade(ROOT, args.assignments or None, args.workers, args.timeout, args.cell_timeout, args.memory_mb,
                     sandbox=False if args.no_sandbox else None)
    return 3 if any(o.status == ENV_ERROR for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())

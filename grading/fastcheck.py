"""Judge many wrong answers per exercise in seconds: forks of one warm reference run, the real judge.

    python -m grading.fastcheck 04_tensors [--adversaries] [--only ex_batch_matmul]

The reference notebook (source/<unit>) runs once, cell by cell, in a student process (grading/shellserver.py),
with every test cell judged as in real grading. Just before an answer cell that has wrong answers
(units/NN_slug/mutants.py) or generated adversaries (grading/adversaries.py), the process forks once per case;
the fork runs the wrong answer, the cells between it and its test (other answers with their reference), the
visible part of the test,
and then the judge (grading/judge.py, the same code nbgrader's executor uses) judges that test cell. A case
passes when its test fails. The round trip with nbgrader (tools/gradecheck.py) proves on a sample that a full
autograde gives the same verdict.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from . import judge as judge_mod
from .env import KERNEL_ENV
from .mutants import Case

ROOT = Path(__file__).resolve().parent.parent
CASE_TIMEOUT = float(os.environ.get("FASTCHECK_CASE_TIMEOUT", "240"))


class ShellDied(Exception):
    """The student process stopped answering (a crash, os._exit, a timeout)."""


class Shell:
    """Controller side of grading/shellserver.py."""

    def __init__(self, workdir: Path, cwd: Path | None = None, env: dict[str, str] | None = None,
                 _pid: int | None = None, _fifos: tuple[Path, Path] | None = None):
        self.workdir = workdir
        if _fifos is None:
            cmd_path, reply_path = self._fifos()
            self.proc: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", "grading.shellserver", str(cmd_path), str(reply_path)],
                cwd=cwd, env=env, stdin=subprocess.DEVNULL, start_new_session=True)
            self.pid = self.proc.pid
        else:
            cmd_path, reply_path = _fifos
            self.proc, self.pid = None, int(_pid or 0)
        self.cmd = open(cmd_path, "w", encoding="utf-8")  # noqa: SIM115
        self.reply = open(reply_path, encoding="utf-8")  # noqa: SIM115
        self.paths = (cmd_path, reply_path)

    def _fifos(self) -> tuple[Path, Path]:
        d = Path(tempfile.mkdtemp(dir=self.workdir, prefix="sh-"))
        cmd_path, reply_path = d / "cmd", d / "reply"
        os.mkfifo(cmd_path)
        os.mkfifo(reply_path)
        return cmd_path, reply_path

    def send(self, msg: dict, timeout: float = CASE_TIMEOUT) -> dict:
        try:
            self.cmd.write(json.dumps(msg) + "\n")
            self.cmd.flush()
        except (BrokenPipeError, ValueError):
            raise ShellDied("학생 프로세스가 끝났습니다") from None
        ready, _, _ = select.select([self.reply], [], [], timeout)
        if not ready:
            self.kill()
            raise ShellDied(f"학생 프로세스가 {timeout:.0f}초 동안 답하지 않았습니다")
        line = self.reply.readline()
        if not line:
            raise ShellDied("학생 프로세스가 끝났습니다")
        return json.loads(line)

    def run(self, code: str, history: bool = True) -> dict:
        return self.send({"cmd": "run", "code": code, "history": history})

    def fork(self) -> Shell:
        cmd_path, reply_path = self._fifos()
        pid = self.send({"cmd": "fork", "cmd_fifo": str(cmd_path), "reply_fifo": str(reply_path)})["pid"]
        child = Shell(self.workdir, _pid=pid, _fifos=(cmd_path, reply_path))
        ready, _, _ = select.select([child.reply], [], [], 60)
        if not ready or not json.loads(child.reply.readline()).get("ready"):
            child.kill()
            raise ShellDied("fork failed")
        return child

    def kill(self) -> None:
        for f in (getattr(self, "cmd", None), getattr(self, "reply", None)):
            try:
                if f is not None:
                    f.close()
            except OSError:
                pass
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()
        shutil.rmtree(self.paths[0].parent, ignore_errors=True)

    def transport(self, exchange: Path) -> Any:
        """A judge transport over this shell (request/response files, as with the real kernel)."""
        boot = exchange / "boot.py"
        if not boot.exists():
            from .execute import _bootstrap_source

            boot.write_text(_bootstrap_source(), encoding="utf-8")
        counter = [0]

        def send(body: bytes) -> str:
            counter[0] += 1
            req = exchange / f"req-{os.getpid()}-{self.pid}-{counter[0]}.bin"
            resp = exchange / f"resp-{os.getpid()}-{self.pid}-{counter[0]}.json"
            req.write_bytes(body)
            code = (
                "try:\n    __grading_agent__\nexcept NameError:\n"
                f"    exec(open({str(boot)!r}, encoding='utf-8').read(), {{'__ns__': globals()}})\n"
                f"__grading_agent__.serve({str(req)!r}, {str(resp)!r}, globals())"
            )
            try:
                self.run(code, history=False)
            except ShellDied as exc:
                raise judge_mod.JudgeError(str(exc)) from None
            finally:
                req.unlink(missing_ok=True)
            if not resp.is_file() or resp.is_symlink():
                raise judge_mod.JudgeError("학생 프로세스가 요청에 답하지 못했습니다")
            try:
                return resp.read_text(encoding="utf-8", errors="replace")
            finally:
                resp.unlink(missing_ok=True)

        return send


@dataclass
class Verdict:
    case: Case
    passed: bool  # did the answer pass its test? (a wrong one must not, a "correct" one must)
    message: str
    seconds: float


@dataclass
class FastReport:
    name: str
    reference: dict[str, tuple[bool, str]] = field(default_factory=dict)
    verdicts: list[Verdict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        out = [f"reference fails {gid}: {msg}" for gid, (ok, msg) in self.reference.items() if not ok]
        out += [f"{v.case.kind} {v.case.grade_id}/{v.case.label} passed its test" for v in self.verdicts
                if v.passed and v.case.kind != "correct"]
        out += [f"correct answer {v.case.grade_id}/{v.case.label} lost its points: {v.message}"
                for v in self.verdicts if not v.passed and v.case.kind == "correct"]
        return out


def _gid(cell: Any) -> str | None:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def _judge_snapshots(release: nbformat.NotebookNode) -> dict[str, tuple[dict, set]]:
    """The judge's namespace after the release's given cells that precede each test cell."""
    from .execute import is_test_cell

    def no_student(_: bytes) -> str:
        raise judge_mod.JudgeError("given cells never ask the student")

    j = judge_mod.Judge(no_student)
    snaps: dict[str, tuple[dict, set]] = {}
    for cell in release.cells:
        if cell.cell_type != "code":
            continue
        if is_test_cell(cell):
            snaps[str(_gid(cell))] = (dict(j.ns), set(j.trusted))
        elif not (cell.get("metadata", {}).get("nbgrader") or {}).get("solution"):
            j.run_given(cell.source)
    return snaps


def _isolated(ns: dict, source: str) -> dict:
    """A copy of a judge snapshot whose data a case cannot change for the cases after it: a wrong answer that
    modifies its argument in place (the judge syncs in-place changes back) must not corrupt later cases. The data
    the test cell names is copied (deepcopy; an object that cannot be copied is shared); modules, functions,
    classes and names the test does not use are shared."""
    import ast
    import copy
    import types as _types

    try:
        used = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    except SyntaxError:
        used = set(ns)
    out: dict = {}
    memo: dict = {}
    for k, v in ns.items():
        shared = (_types.ModuleType, _types.FunctionType, _types.BuiltinFunctionType, type, int, float, str, bool,
                  bytes, type(None))
        if k == "__builtins__" or k not in used or isinstance(v, shared):
            out[k] = v
            continue
        try:
            out[k] = copy.deepcopy(v, memo)
        except Exception:  # noqa: BLE001 - not copyable: shared as before
            out[k] = v
    return out


def _judge_test(shell: Shell, exchange: Path, snap: tuple[dict, set], source: str) -> tuple[bool, str]:
    j = judge_mod.Judge(shell.transport(exchange))
    j.ns, j.trusted = _isolated(snap[0], source), set(snap[1])
    try:
        ok, _printed, error = j.run_test(source)
    except judge_mod.JudgeError as exc:
        return False, f"JudgeError: {exc}"
    return ok, "" if error is None else f"{error[0]}: {error[1]}"


def check(name: str, cases: list[Case], workdir: Path | None = None, quiet: bool = True) -> FastReport:
    """Run the reference once and every case in a fork of it; see the module docstring."""
    from .execute import is_test_cell

    t0 = time.perf_counter()
    src_nb = nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4)
    release = nbformat.read(ROOT / "release" / name / f"{name}.ipynb", as_version=4)
    snaps = _judge_snapshots(release)
    report = FastReport(name)
    by_cell: dict[str, list[Case]] = {}
    for c in cases:
        by_cell.setdefault(c.grade_id, []).append(c)
    cells = [c for c in src_nb.cells if c.cell_type == "code"]
    index = {_gid(c): i for i, c in enumerate(cells) if _gid(c)}
    work = Path(tempfile.mkdtemp(prefix=f"fastcheck_{name}_", dir=workdir))
    exchange = work / "exchange"
    exchange.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(work)), "LANG": "C.UTF-8",
           **KERNEL_ENV, "PYTHONPATH": str(ROOT)}
    shell = Shell(work, cwd=ROOT / "source" / name, env=env)
    say = (lambda *a: None) if quiet else print
    try:
        for i, cell in enumerate(cells):
            gid = _gid(cell)
            for case in by_cell.get(str(gid), []):
                report.verdicts.append(_run_case(shell, exchange, cells, i, index, case, snaps))
                v = report.verdicts[-1]
                bad = v.passed != (case.kind == "correct")
                say(f"   {case.kind:9s} {case.grade_id}/{case.label}: {'passes' if v.passed else 'fails'}"
                    f"{' (bad)' if bad else ''}"
                    f" {v.seconds:.1f}s {v.message[:80]!r}")
            if is_test_cell(cell):
                shell.run(judge_mod.visible_part(cell.source))
                report.reference[str(gid)] = _judge_test(shell, exchange, snaps[str(gid)], cell.source)
            else:
                shell.run(cell.source)
    finally:
        shell.kill()
        shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.perf_counter() - t0
    return report


def _run_case(shell: Shell, exchange: Path, cells: list, i: int, index: dict, case: Case,
              snaps: dict) -> Verdict:
    from .execute import is_test_cell

    t = time.perf_counter()
    j = index.get(case.test_id)
    if j is None or j <= i:
        return Verdict(case, True, f"no test cell {case.test_id} after {case.grade_id}", 0.0)
    try:
        child = shell.fork()
    except judge_mod.JudgeError as exc:
        return Verdict(case, False, f"fork: {exc}", time.perf_counter() - t)
    try:
        child.run(case.source)
        for k in range(i + 1, j):
            c = cells[k]
            child.run(judge_mod.visible_part(c.source) if is_test_cell(c) else c.source)
        child.run(judge_mod.visible_part(cells[j].source))
        ok, msg = _judge_test(child, exchange, snaps[case.test_id], cells[j].source)
    except ShellDied as exc:
        ok, msg = False, f"process died: {exc}"
    finally:
        child.kill()
    return Verdict(case, ok, msg, time.perf_counter() - t)


def load_cases(name: str, adversaries: bool = True, path: Path | None = None) -> list[Case]:
    """Known-wrong answers of units/<name>/mutants.py (or of `path`, a file in the same format), its right answers
    in other styles (CORRECT) and, optionally, generated adversaries."""
    from . import mutants

    cases = [Case(m.grade_id, m.label, m.source) for m in mutants.load(name, path=path)]
    cases += [Case(m.grade_id, m.label, m.source, kind="correct") for m in mutants.load(name, "CORRECT", path)]
    if adversaries:
        from . import adversaries as adv

        src_nb = nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4)
        cases += adv.generate(src_nb)
    return cases


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("assignment")
    p.add_argument("--no-adversaries", action="store_true")
    p.add_argument("--only", help="one answer cell (grade_id)")
    p.add_argument("--cases", type=Path, help="judge the MUTANTS/CORRECT of this file instead of units/NN/mutants.py "
                                              "(answers from a reviewer who has seen only release/; no adversaries)")
    args = p.parse_args(argv)
    cases = load_cases(args.assignment, adversaries=not (args.no_adversaries or args.cases),
                       path=args.cases.resolve() if args.cases else None)
    if args.only:
        cases = [c for c in cases if c.grade_id == args.only]
    rep = check(args.assignment, cases, quiet=False)
    print(f"== {args.assignment}: {len(rep.verdicts)} cases in {rep.seconds:.1f}s "
          f"({sum(v.seconds for v in rep.verdicts) / max(1, len(rep.verdicts)):.2f}s per case)")
    for p_ in rep.problems:
        print("   PROBLEM:", p_)
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main())

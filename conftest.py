"""Root conftest: per-notebook timing table for nbval runs (printed at the end of `make test`).

The table (also written to build/notebook_times.md) gives each notebook's wall time (setup + every cell, kernel
start included) and its kernel's CPU time (user + system of the kernel process and its children, read just before
nbval stops it). The budget (60 s) is on CPU time: the course promises "≤ 60 s on CPU", and wall time on a busy
machine says more about the machine than about the notebook (two CPU burners beside `make test` doubled it). A
notebook over the budget fails the run. Where the kernel's CPU time cannot be read, wall time stands in.
"""
from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# nbgrader shells out to `alembic` and other console scripts: the venv's bin must be on PATH.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
BUDGET_S = float(os.environ.get("COURSE_NOTEBOOK_BUDGET_S", "60"))
# nbval waits a hard-coded 5 s for a cell's outputs after the cell finished (nbval issues #136, #231): under
# load the outputs come later and a correct notebook fails. Raise that wait (tests/grading/test_nbval_patch.py
# fails if this patch stops applying to the installed nbval).
NBVAL_OUTPUT_TIMEOUT_S = float(os.environ.get("COURSE_NBVAL_OUTPUT_TIMEOUT_S", "60"))


def _patch_nbval() -> bool:
    """Set IPyNbCell.output_timeout after nbval's __init__; True when the patch is in place."""
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:
        return False
    original = IPyNbCell.__init__
    if getattr(original, "_course_patched", False):
        return True

    def __init__(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, N807
        original(self, *args, **kwargs)
        self.output_timeout = max(float(getattr(self, "output_timeout", 0)), NBVAL_OUTPUT_TIMEOUT_S)

    __init__._course_patched = True  # type: ignore[attr-defined]
    __init__._original = original  # type: ignore[attr-defined]
    IPyNbCell.__init__ = __init__
    return True


NBVAL_PATCHED = _patch_nbval()
_times: dict[str, float] = defaultdict(float)
_cpu: dict[str, float] = {}
_cpu_pending: dict[str, float] = {}  # worker side: notebook nodeid -> kernel CPU s, until its teardown report
_durations: dict[str, float] = defaultdict(float)


def kernel_cpu_seconds(kernel: object) -> float | None:
    """User + system CPU seconds of an nbval kernel's process and its waited-for children (None if unknown)."""
    try:
        import psutil

        t = psutil.Process(kernel.km.provisioner.process.pid).cpu_times()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no psutil, another provisioner, a kernel already gone
        return None
    return t.user + t.system + t.children_user + t.children_system


def _patch_nbval_teardown() -> bool:
    try:
        from nbval.plugin import IPyNbFile
    except ImportError:
        return False
    original = IPyNbFile.teardown
    if getattr(original, "_course_patched", False):
        return True

    def teardown(self):  # noqa: ANN001, ANN202
        kernel = getattr(self, "kernel", None)
        secs = kernel_cpu_seconds(kernel) if kernel is not None else None
        if secs is not None:
            _cpu_pending[self.nodeid] = secs
        return original(self)

    teardown._course_patched = True  # type: ignore[attr-defined]
    IPyNbFile.teardown = teardown
    return True


_patch_nbval_teardown()

# A kernel can die before its first reply on a busy machine: jupyter_client picks its five ports by binding port 0 and
# releasing it, and another process (a kernel starting beside it, a test server) may take one before the kernel binds
# it. Seen once in CI: every cell of one notebook errored at setup with "Kernel died before replying to kernel_info".
# A fresh start picks fresh ports, so the start is retried; a notebook whose kernel never starts still fails.
KERNEL_START_ATTEMPTS = int(os.environ.get("COURSE_KERNEL_START_ATTEMPTS", "3"))


def _patch_nbval_kernel_start() -> bool:
    try:
        import nbval.kernel as nbk
    except ImportError:
        return False
    original = nbk.start_new_kernel
    if getattr(original, "_course_patched", False):
        return True

    def start_new_kernel(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                return original(*args, **kwargs)
            except RuntimeError:  # nbval already logged it and shut the dead kernel down
                if attempt == KERNEL_START_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    start_new_kernel._course_patched = True  # type: ignore[attr-defined]
    start_new_kernel._original = original  # type: ignore[attr-defined]
    nbk.start_new_kernel = start_new_kernel
    return True


NBVAL_KERNEL_START_PATCHED = _patch_nbval_kernel_start()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201
    outcome = yield
    if call.when == "teardown" and item.parent is not None and item.parent.nodeid in _cpu_pending:
        # user_properties travel from an xdist worker to the controller with the report
        outcome.get_result().user_properties.append(("kernel_cpu_s", _cpu_pending.pop(item.parent.nodeid)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _times[path] += report.duration
        for name, value in report.user_properties:
            if name == "kernel_cpu_s":
                _cpu[path] = float(value)
    else:
        _durations[path] += report.duration


def _budget_seconds(path: str) -> float:
    return _cpu.get(path, _times.get(path, 0.0))


def _table() -> str:
    lines = ["| notebook | wall s | kernel CPU s | budget (CPU) |", "|---|---:|---:|---|"]
    for path, secs in sorted(_times.items()):
        cpu = f"{_cpu[path]:.1f}" if path in _cpu else "–"
        lines.append(f"| {path} | {secs:.1f} | {cpu} | {'OK' if _budget_seconds(path) <= BUDGET_S else 'OVER'} |")
    if _durations:
        lines += ["", "| test file | seconds |", "|---|---:|"]
        lines += [f"| {p} | {s:.1f} |" for p, s in sorted(_durations.items())]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    if not _times and not _durations:
        return
    if hasattr(config, "workerinput"):
        return
    table = _table()
    terminalreporter.section("시간 (per notebook / test file)")
    terminalreporter.write_line(table)
    out = ROOT / "build" / "notebook_times.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")
    over = [p for p in _times if _budget_seconds(p) > BUDGET_S]
    if over:
        terminalreporter.write_line(f"노트북 CPU 시간 예산 {BUDGET_S:.0f}s 초과: {', '.join(over)}", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return
    if any(_budget_seconds(p) > BUDGET_S for p in _times) and session.exitstatus == 0:
        session.exitstatus = 1

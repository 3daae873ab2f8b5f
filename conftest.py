"""Root conftest: per-notebook timing table for nbval runs (printed at the end of `make test`).

The table (also written to build/notebook_times.md) sums setup + every cell of each notebook, kernel start
included. A notebook over the 60 s budget fails the run.
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
_durations: dict[str, float] = defaultdict(float)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _times[path] += report.duration
    else:
        _durations[path] += report.duration


def _table() -> str:
    lines = ["| notebook | seconds | budget |", "|---|---:|---|"]
    for path, secs in sorted(_times.items()):
        lines.append(f"| {path} | {secs:.1f} | {'OK' if secs <= BUDGET_S else 'OVER'} |")
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
    over = [p for p, s in _times.items() if s > BUDGET_S]
    if over:
        terminalreporter.write_line(f"노트북 시간 예산 {BUDGET_S:.0f}s 초과: {', '.join(over)}", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return
    if any(s > BUDGET_S for s in _times.values()) and session.exitstatus == 0:
        session.exitstatus = 1

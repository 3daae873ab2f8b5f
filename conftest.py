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

"""Per-phase table at the end of `make test`: seconds and number of cases per phase, so growth is visible.

Phases: install (from build/install_seconds.txt, written by the Makefile), unit tests, lectures (course/ notebooks
under nbval), assignments (source/ notebooks under nbval), round trip (tests/test_grading.py: nbgrader end to end),
mutants and adversaries (the fast path inside the round trip; counts and seconds from build/fastcheck/*.json),
browser test. Written to build/phases.md as well.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PHASES = ["install", "unit tests", "lectures", "assignments", "round trip", "mutants and adversaries", "browser test"]
_seconds: dict[str, float] = defaultdict(float)
_cases: dict[str, set[str]] = defaultdict(set)


def phase_of(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    if path.startswith("course/"):
        return "lectures"
    if path.startswith("source/"):
        return "assignments"
    if path.startswith("tests/test_grading"):
        return "round trip"
    if path.startswith("tests/test_browser"):
        return "browser test"
    return "unit tests"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    phase = phase_of(report.nodeid)
    _seconds[phase] += report.duration
    _cases[phase].add(report.nodeid)


def _fast() -> tuple[float, int, int, int, int]:
    """Seconds and case counts of the fast path over every unit; the last item counts units."""
    secs, mutants, adversaries, correct, units = 0.0, 0, 0, 0, 0
    for p in sorted((ROOT / "build" / "fastcheck").glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        secs += d["seconds"]
        mutants += d["mutants"]
        adversaries += d["adversaries"]
        correct += d.get("correct", 0)
        units += 1
    return secs, mutants, adversaries, correct, units


def table() -> str:
    install = ROOT / "build" / "install_seconds.txt"
    rows = ["| phase | seconds | cases |", "|---|---:|---:|"]
    for phase in PHASES:
        if phase == "install":
            secs = float(install.read_text().strip() or 0) if install.is_file() else 0.0
            rows.append(f"| install | {secs:.0f} | {'reinstalled' if secs else 'up to date'} |")
        elif phase == "mutants and adversaries":
            secs, m, a, ok, units = _fast()
            per = secs / max(1, m + a + ok)
            rows.append(f"| {phase} (inside round trip) | {secs:.0f} | {m} mutants + {a} adversaries + {ok} correct "
                        f"alternatives in {units} units ({per:.2f} s per case) |")
        else:
            rows.append(f"| {phase} | {_seconds.get(phase, 0.0):.0f} | {len(_cases.get(phase, ()))} |")
    return "\n".join(rows)


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):
        for p in (ROOT / "build" / "fastcheck").glob("*.json"):
            p.unlink()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    if hasattr(config, "workerinput") or not _seconds:
        return
    text = table()
    terminalreporter.section("단계별 시간 (per phase)")
    terminalreporter.write_line(text)
    out = ROOT / "build" / "phases.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")

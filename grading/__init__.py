"""The course's grading package: sandboxed autograde, the out-of-process judge, scans and reports.

Small public API (imports are lazy: `import grading` loads nothing heavy and has no import circle):

- ``grading.grade(course, assignments, ...)``: grade every submission, each alone in a sandbox
  (grading.sandbox; command ``python -m grading.sandbox grade``).
- ``grading.scan(course, jobs)``: the integrity scan, findings for review only (grading.scan).
- ``grading.report(db)``: per-student totals and per-exercise failure shares (grading.report).
- ``grading.check(name)``: prove an assignment grades correctly end to end (tools.gradecheck).

Modules: ``grading.env`` (the grading kernel's environment, written once), ``grading.jobs`` (submissions to
grade), ``grading.nbext`` (nbgrader preprocessors named in nbgrader_config.py), ``grading.judge`` (hidden tests
run in a clean judge process; student code runs in its own kernel), ``grading.throughput``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["grade", "scan", "report", "check"]


def grade(course: Path | None = None, assignments: list[str] | None = None, **kwargs: Any):
    """Grade every submission under ``course/submitted`` (see grading.sandbox.grade); returns the outcomes."""
    from .sandbox import grade as _grade
    from tools.config import ROOT

    return _grade(Path(course) if course else ROOT, assignments, **kwargs)


def scan(course: Path | None = None, jobs=None):  # noqa: ANN001
    """Integrity findings (reported for review, never a score) for ``jobs`` (default: every submission)."""
    from .jobs import find_jobs
    from .scan import scan as _scan
    from tools.config import ROOT

    course = Path(course) if course else ROOT
    return _scan(course, find_jobs(course) if jobs is None else jobs)


def report(db: Path | None = None) -> str:
    """Text table of totals and per-exercise failure shares read from the gradebook."""
    from .report import summary
    from tools.config import ROOT

    return summary(Path(db) if db else ROOT / "gradebook.db")


def check(name: str, **kwargs: Any):
    """End-to-end proof of one assignment (tools.gradecheck.check)."""
    from tools.gradecheck import check as _check

    return _check(name, **kwargs)

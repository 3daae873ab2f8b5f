"""The course's grading package: sandboxed autograde, the out-of-process judge, scans and reports.

Small public API (imports are lazy: `import grading` loads nothing heavy and has no import circle):

- ``grading.grade(course, assignments, ...)``: grade every submission, each alone in a sandbox
  (grading.sandbox; command ``python -m grading.sandbox grade``).
- ``grading.scan(course, jobs)``: the integrity scan, findings for review only (the module grading.scan is
  callable, so the function and the module share one name without an import circle).
- ``grading.report(db)``: per-student totals and per-exercise failure shares (callable module grading.report).
- ``grading.check(name)``: prove an assignment grades correctly end to end (tools.gradecheck).

Modules: ``grading.env`` (the grading kernel's environment, written once), ``grading.jobs`` (submissions to
grade), ``grading.nbext`` (nbgrader preprocessors named in nbgrader_config.py), ``grading.judge`` (hidden tests
run in a clean judge process; student code runs in its own kernel), ``grading.throughput``.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

__all__ = ["grade", "scan", "report", "check"]


def grade(course: Path | None = None, assignments: list[str] | None = None, **kwargs: Any):
    """Grade every submission under ``course/submitted`` (see grading.sandbox.grade); returns the outcomes."""
    from tools.config import ROOT

    from .sandbox import grade as _grade

    return _grade(Path(course) if course else ROOT, assignments, **kwargs)


def __getattr__(name: str):  # noqa: ANN202 - lazy submodules; grading.scan and grading.report are callable
    if name in {"scan", "report", "sandbox", "submission", "jobs", "nbext", "csvsafe", "throughput"}:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check(name: str, **kwargs: Any):
    """End-to-end proof of one assignment (tools.gradecheck.check)."""
    from tools.gradecheck import check as _check

    return _check(name, **kwargs)

"""Submissions to grade: every submitted/<student>/<assignment>/ folder of a known assignment.

Kept apart from grading.sandbox so that grading.scan (and anything else) can list jobs without importing the
sandbox: no import circle.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Job:
    student: str
    assignment: str
    folder: Path  # submitted/<student>/<assignment>


def known_assignments(course: Path) -> list[str]:
    """Assignment names of the course (folders of source/, else of release/)."""
    for sub in ("source", "release"):
        d = course / sub
        if d.is_dir():
            return sorted(p.name for p in d.iterdir() if p.is_dir() and not p.name.startswith("."))
    return []


def find_jobs(course: Path, assignments: list[str] | None = None) -> list[Job]:
    """Every submitted/<student>/<assignment>/ folder of a known assignment.

    Symlinked student or assignment folders are listed too (the grader reports and refuses them; it never
    follows them).
    """
    known = assignments or known_assignments(course)
    jobs: list[Job] = []
    sub = course / "submitted"
    if not sub.is_dir():
        return jobs
    for student_dir in sorted(p for p in sub.iterdir() if p.is_dir() or p.is_symlink()):
        for a in known:
            folder = student_dir / a
            if folder.is_dir() or folder.is_symlink():
                jobs.append(Job(student_dir.name, a, folder))
    return jobs

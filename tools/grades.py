"""Read the course gradebook: per-student totals and per-exercise failure shares.

    python -m tools.grades summary        # table printed after `make grade`
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import ROOT


def collect(db: Path = ROOT / "gradebook.db") -> dict[str, dict[str, dict[str, tuple[float, float]]]]:
    """assignment -> student -> grade_id -> (score, max) for every graded submission."""
    from nbgrader.api import Gradebook, MissingEntry

    out: dict[str, dict[str, dict[str, tuple[float, float]]]] = {}
    if not db.is_file():
        return out
    with Gradebook(f"sqlite:///{db}") as gb:
        for assignment in gb.assignments:
            for nb in assignment.notebooks:
                for student in gb.students:
                    try:
                        sub = gb.find_submission_notebook(nb.name, assignment.name, student.id)
                    except MissingEntry:
                        continue
                    cells = out.setdefault(assignment.name, {}).setdefault(student.id, {})
                    for g in sub.grades:
                        cells[g.name] = (float(g.score), float(g.max_score))
    return out


def summary(db: Path = ROOT / "gradebook.db") -> str:
    """Korean/English text table of totals and of the share of students who lost points per exercise."""
    data = collect(db)
    if not data:
        return "채점된 제출물이 없습니다 (no graded submissions)."
    lines = []
    for assignment, students in sorted(data.items()):
        lines.append(f"== {assignment}: 학생 {len(students)}명")
        for student, cells in sorted(students.items()):
            got = sum(s for s, _ in cells.values())
            mx = sum(m for _, m in cells.values())
            lines.append(f"   {student:30s} {got:g}/{mx:g}")
        ids = sorted({gid for cells in students.values() for gid in cells})
        for gid in ids:
            failed = sum(1 for cells in students.values() if gid in cells and cells[gid][0] < cells[gid][1])
            lines.append(f"   {gid:30s} 감점 비율 (failed) {failed / len(students):.0%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["summary"])
    parser.add_argument("--db", type=Path, default=ROOT / "gradebook.db")
    args = parser.parse_args(argv)
    print(summary(args.db))
    return 0


if __name__ == "__main__":
    sys.exit(main())

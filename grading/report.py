"""Read the course gradebook: per-student totals and per-exercise failure shares.

    python -m grading.report summary        # table printed after `make grade`
    python -m grading.report overview       # + reports/exercise_summary.csv and exercise_failures.png
"""
from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path

from tools.config import ROOT


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


def exercise_failures(db: Path = ROOT / "gradebook.db") -> list[tuple[str, str, int, int]]:
    """(assignment, grade_id, students who lost points, students graded) for every graded cell."""
    rows = []
    for assignment, students in sorted(collect(db).items()):
        ids = sorted({gid for cells in students.values() for gid in cells})
        for gid in ids:
            graded = [cells[gid] for cells in students.values() if gid in cells]
            failed = sum(1 for score, mx in graded if score < mx)
            rows.append((assignment, gid, failed, len(graded)))
    return rows


def write_overview(db: Path = ROOT / "gradebook.db", out_dir: Path = ROOT / "reports") -> list[Path]:
    """Instructor overview: reports/exercise_summary.csv and reports/exercise_failures.png (share failed)."""
    import csv

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.plot import use_korean_font

    rows = exercise_failures(db)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = out_dir / "exercise_summary.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["assignment", "grade_id", "failed", "graded", "share_failed"])
        for a, gid, failed, n in rows:
            w.writerow([a, gid, failed, n, f"{failed / n:.3f}" if n else ""])
    use_korean_font()
    labels = [f"{a[:2]} {gid.removeprefix('test_')}" for a, gid, _, _ in rows]
    shares = [failed / n if n else 0 for _, _, failed, n in rows]
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(rows), 3) + 1.2))
    ax.barh(labels[::-1], shares[::-1], color="indianred")
    ax.set_xlim(0, 1)
    ax.set_xlabel("점수를 잃은 학생 비율 (share of students who lost points)")
    ax.set_title("연습 문제별 감점 비율")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    png = out_dir / "exercise_failures.png"
    fig.savefig(png, dpi=120)
    plt.close(fig)
    return [table, png]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["summary", "overview"])
    parser.add_argument("--db", type=Path, default=ROOT / "gradebook.db")
    args = parser.parse_args(argv)
    print(summary(args.db))
    if args.command == "overview":
        for p in write_overview(args.db):
            print(f"==> {p}")
    return 0


class _CallableModule(types.ModuleType):
    """`grading.report(db=None)`: the summary table (see the package API)."""

    def __call__(self, db: Path | None = None) -> str:
        return summary(Path(db) if db else ROOT / "gradebook.db")


sys.modules[__name__].__class__ = _CallableModule


if __name__ == "__main__":
    sys.exit(main())

"""Formula-safe CSV: a cell that a spreadsheet would run as a formula is written with a leading quote.

Every CSV the grading code writes goes through `write_csv`; `nbgrader export` output is rewritten in place by
`make_safe` (grading.nbext.SafeCsvExportPlugin does that for every export).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe(value: object) -> object:
    """`value` with a leading `'` when it is text a spreadsheet could read as a formula (numbers untouched)."""
    if not isinstance(value, str) or not value.startswith(DANGEROUS) or NUMBER.match(value):
        return value
    return "'" + value


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    """Write `header` and `rows` to `path` with every cell made formula-safe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([safe(h) for h in header])
        for row in rows:
            w.writerow([safe(v) for v in row])


def make_safe(path: Path) -> int:
    """Rewrite an existing CSV file formula-safe; returns the number of cells changed."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    changed = sum(1 for r in rows for v in r if safe(v) != v)
    if changed:
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([[safe(v) for v in r] for r in rows])
    return changed

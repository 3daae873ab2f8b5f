"""Convert the committed notebooks of a git commit into unit text sources, and prove the conversion lossless.

    python -m tools.convert_check --write REF   # units/NN_slug/{lecture,assignment}.py from REF's notebooks (once)
    python -m tools.convert_check REF           # compare REF's notebooks with a fresh build, cell by cell

The comparison covers every cell after the two managed cells (title/badge, Colab bootstrap, generated from
course.toml): cell_type, source and the whole cell metadata (tags, nbgrader) must be identical and in the same order. The managed
cells are compared too and reported separately (they are regenerated, so they may legitimately be newer than REF).
Exit status 1 when any authored cell differs.
"""
from __future__ import annotations

import argparse
import subprocess
import sys

import nbformat

from . import build
from .config import ROOT


def _at(ref: str, path: str) -> nbformat.NotebookNode:
    out = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:{path}"], capture_output=True, check=True)
    return nbformat.reads(out.stdout.decode("utf-8"), as_version=4)


def _key(c: nbformat.NotebookNode) -> tuple:
    """What the conversion must keep: type, source and the whole cell metadata (tags, nbgrader, anything else)."""
    return (c.cell_type, c.source, dict(c.metadata))


def _split(nb: nbformat.NotebookNode) -> tuple[list, list]:
    managed = [c for c in nb.cells if "course_managed" in c.metadata]
    return managed, [c for c in nb.cells if "course_managed" not in c.metadata]


def write(ref: str) -> None:
    for t in build.targets():
        nb = _at(ref, t.notebook.relative_to(ROOT).as_posix())
        t.text.parent.mkdir(parents=True, exist_ok=True)
        t.text.write_text(build.to_text(nb), encoding="utf-8")
        print(f"wrote {t.text.relative_to(ROOT)} from {ref}:{t.notebook.relative_to(ROOT)}")


def compare(ref: str) -> int:
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True, check=True).stdout.strip()
    print(f"old: notebooks of commit {sha}; new: python -m tools.build from units/")
    print(f"{'notebook':<52} {'cells':>5} {'diffs':>5}  managed cells")
    total = bad = 0
    for t in build.targets():
        rel = t.notebook.relative_to(ROOT).as_posix()
        old_nb, new_nb = _at(ref, rel), build.build_notebook(t)
        old_managed, old = _split(old_nb)
        new_managed, new = _split(new_nb)
        diffs = [i for i, (a, b) in enumerate(zip(old, new)) if _key(a) != _key(b)]
        if len(old) != len(new):
            diffs.append(f"count {len(old)} -> {len(new)}")
        if dict(old_nb.metadata) != dict(new_nb.metadata):
            diffs.append(f"notebook metadata {dict(old_nb.metadata)} -> {dict(new_nb.metadata)}")
        managed = "same" if [_key(c) for c in old_managed] == [_key(c) for c in new_managed] else "regenerated"
        print(f"{rel:<52} {len(old):>5} {len(diffs):>5}  {managed}")
        for d in diffs[:5]:
            print(f"    differs at authored cell {d}")
        total += len(old)
        bad += len(diffs)
    print(f"total: {len(build.targets())} notebooks, {total} authored cells compared "
          f"(cell_type, source, all cell metadata: tags, nbgrader), {bad} differences")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="git commit whose notebooks are the old ones")
    parser.add_argument("--write", action="store_true", help="write the unit text sources from REF first")
    args = parser.parse_args(argv)
    if args.write:
        write(args.ref)
    return compare(args.ref)


if __name__ == "__main__":
    sys.exit(main())

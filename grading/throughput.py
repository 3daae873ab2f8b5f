"""Measure grading throughput: N synthetic submissions of one unit graded by grading.sandbox.

    python -m grading.throughput [--n 40] [--unit 04_tensors] [--workers 2]

Submissions cycle through: the reference, the blank release, and each mutant of units/<unit>/mutants.py.
Prints the wall time and writes nothing into the course (a temporary course is used).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from tools import gradecheck
from tools.config import ROOT

from . import sandbox as grader


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--unit", default="04_tensors")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="throughput_"))
    try:
        course = gradecheck.make_course(tmp, args.unit)
        subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", args.unit, "--force"],
                       cwd=course, capture_output=True, check=True, env=gradecheck._env())
        src = nbformat.read(course / "source" / args.unit / f"{args.unit}.ipynb", as_version=4)
        rel = nbformat.read(course / "release" / args.unit / f"{args.unit}.ipynb", as_version=4)
        pool = [("ref", src), ("blank", rel)] + [(m.label, gradecheck.mutate(src, m)) for m in gradecheck.load_mutants(args.unit)]
        for i in range(args.n):
            label, nb = pool[i % len(pool)]
            gradecheck.submit(course, f"s{i:03d}_{label}", args.unit, nb)
        t = time.perf_counter()
        outcomes = grader.grade(course, [args.unit], workers=args.workers, quiet=True)
        wall = time.perf_counter() - t
        graded = sum(o.status == "graded" for o in outcomes)
        print(f"{args.n} submissions of {args.unit}, {args.workers} workers, "
              f"{'bwrap' if grader.have_bwrap() else 'process'} sandbox: {wall:.0f} s wall "
              f"({wall / args.n:.1f} s per submission), {graded} graded")
        return 0 if graded == args.n else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""`make student-dist`: the student tree holds no solution, hidden test, mutant or gradebook."""
from __future__ import annotations

import re

import nbformat
import pytest

from tools import config, student_dist

ROOT = config.ROOT
SOL = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HID = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def _norm(text: str) -> list[str]:
    return [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]


def _grams(lines: list[str], k: int) -> set[tuple[str, ...]]:
    return {tuple(lines[i:i + k]) for i in range(len(lines) - k + 1)}


def _secrets() -> dict[str, tuple[set[tuple[str, ...]], set[str]]]:
    """Per unit: every multi-line solution block verbatim, every 2-line run of a hidden block that is not
    public anyway, and every hidden assert line (these carry the Korean messages): none may be in the tree."""
    out = {}
    for path in ROOT.glob("source/*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        grams: set[tuple[str, ...]] = set()
        asserts: set[str] = set()
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        public = {l for src in code for l in _norm(HID.sub("", SOL.sub("", src)))}
        for source in code:
            c = nbformat.v4.new_code_cell(source)
            for m in SOL.finditer(c.source):
                block = _norm(m.group(1))
                if len(block) >= 2:  # a whole multi-line solution, verbatim
                    grams.add(tuple(block))
            for m in HID.finditer(c.source):
                lines = _norm(m.group(1))
                grams |= {g for g in _grams(lines, 2) if not set(g) <= public}
                asserts |= {l for l in lines if l.startswith("assert ") and l not in public}
        out[path.stem] = (grams, asserts)
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return student_dist.build(tmp_path_factory.mktemp("dist") / "student")


def test_dist_has_what_students_need(dist):
    for name in ["course", "release", "helpers", "data", "environment.yml", "requirements.txt", "pyproject.toml",
                 "README.md", "Makefile", "course.toml", "tools/lab.py"]:
        assert (dist / name).exists(), name
    assert sorted(p.name for p in (dist / "release").iterdir()) == sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir())


def test_dist_has_nothing_instructors_keep(dist):
    for name in ["source", "tests", "autograded", "submitted", "feedback", "gradebook.db", "reports", ".ci",
                 "tools/gradecheck.py", "tools/grader.py", "tools/integrity.py"]:
        assert not (dist / name).exists(), name
    assert not list(dist.rglob("*mutant*")) and not list(dist.rglob("gradebook*"))


def test_no_solution_or_hidden_test_anywhere_in_dist(dist):
    secrets = _secrets()
    assert sum(len(g) + len(a) for g, a in secrets.values()) > 100  # the scan really has something to look for
    leaks = []
    for p in dist.rglob("*"):
        if not p.is_file() or p.suffix in {".npz", ".zip", ".gz", ".png", ".jpg"} or p.stat().st_size > 2_000_000:
            continue
        text = p.read_text(encoding="utf-8", errors="ignore")
        if p.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
        lines = _norm(text)
        flat = set(lines)
        sizes = {len(g) for _, (grams, _) in secrets.items() for g in grams}
        have = set().union(*(_grams(lines, k) for k in sizes)) if sizes else set()
        for unit, (grams, asserts) in secrets.items():
            for g in grams & have:
                leaks.append(f"{p.relative_to(dist)}: [{unit}] {' / '.join(g)}")
            for line in asserts & flat:
                leaks.append(f"{p.relative_to(dist)}: [{unit}] {line}")
    assert not leaks, "\n".join(sorted(leaks)[:30])


def test_the_leak_scan_catches_a_copied_solution(dist, tmp_path):
    """Negative control: a source notebook dropped into the tree is found."""
    import shutil

    src = next(ROOT.glob("source/*/*.ipynb"))
    shutil.copy(src, dist / "course" / "leaked.ipynb")
    try:
        with pytest.raises(AssertionError):
            test_no_solution_or_hidden_test_anywhere_in_dist(dist)
    finally:
        (dist / "course" / "leaked.ipynb").unlink()


def test_bootstrap_clones_the_student_repository(dist):
    nb = nbformat.read(dist / "release" / "04_tensors" / "04_tensors.ipynb", as_version=4)
    assert config.repo_url() in nb.cells[1].source

"""Known-wrong answers ("mutants") of an assignment, declared in units/<name>/mutants.py.

    from grading.mutants import edit
    MUTANTS = {grade_id: [(label, source | edit((old, new), ...)), ...]}
    CORRECT = {grade_id: [(label, source | edit(...)), ...]}     # optional

A mutant is either a whole answer cell or an edit of the reference answer (each `old` must occur exactly once, so
a stale mutant fails loudly). CORRECT lists right answers written in other styles than the reference (another
API, a loop instead of a vectorised call, other argument handling the instructions allow): each must keep its
test's points, so a hidden test that only accepts the reference's way fails the check.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Wrong:
    grade_id: str
    label: str
    source: str


@dataclass
class Case:
    """A wrong answer to judge: a mutant (units/NN_slug/mutants.py) or a generated adversary
    (grading/adversaries.py)."""

    grade_id: str  # the answer cell, e.g. "ex_batch_matmul"
    label: str
    source: str
    kind: str = "mutant"  # mutant | adversary | correct (a right answer in another style: must pass)

    @property
    def test_id(self) -> str:
        return "test_" + self.grade_id.removeprefix("ex_")


@dataclass(frozen=True)
class Edit:
    """A mutant written as changes to the reference answer: each (old, new) must occur in it exactly once."""

    changes: tuple[tuple[str, str], ...]


def edit(*changes: tuple[str, str]) -> Edit:
    """Mutant = the reference answer with each `old` replaced by `new`: `edit((".mean()", ".sum()"))`."""
    return Edit(tuple(changes))


def reference_answer(nb: nbformat.NotebookNode, grade_id: str) -> str:
    """The solution cell of `grade_id` as a student would write it (solution markers removed)."""
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return "\n".join(line for line in c.source.splitlines()
                             if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    raise ValueError(f"{grade_id}: no such answer cell")


def apply_edit(reference: str, e: Edit, where: str) -> str:
    out = reference
    for old, new in e.changes:
        n = out.count(old)
        if n != 1:
            raise ValueError(f"{where}: {old!r} occurs {n} times in the reference answer (must be exactly once)")
        out = out.replace(old, new)
    if out == reference:
        raise ValueError(f"{where}: the edit changes nothing")
    return out


def mutants_path(name: str) -> Path:
    """Where the mutants of assignment `name` ('04_tensors') live: beside its text sources."""
    return ROOT / "units" / name / "mutants.py"


def load(name: str, table: str = "MUTANTS", path: Path | None = None) -> list[Wrong]:
    """Mutants declared in units/<name>/mutants.py as MUTANTS = {grade_id: [(label, source | edit(...)), ...]}
    (table="CORRECT": the right answers in other styles, same format; empty when the file has none).
    `path`: another file in the same format (e.g. answers written by a reviewer who has seen only release/)."""
    path = path or mutants_path(name)
    if not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"mutants_{name}", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    source_nb = None
    out = []
    for gid, items in getattr(module, table, {}).items():
        for label, src in items:
            if not isinstance(src, str) and hasattr(src, "changes"):  # an Edit (also when run as __main__)
                if source_nb is None:
                    source_nb = nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4)
                src = apply_edit(reference_answer(source_nb, gid), src, f"{name}:{gid}:{label}")
            out.append(Wrong(gid, label, src))
    return out

"""Build course/assignment notebooks with the right structure and nbgrader metadata.

For authors. The committed .ipynb files are the source of truth; use this from a throwaway script to
create or regenerate a notebook, then review it in JupyterLab:

    from tools.nbbuild import NotebookBuilder
    nb = NotebookBuilder("04_tensors", kind="course")          # or kind="assignment"
    nb.md("## 1. 텐서 만들기 ...")
    nb.code("x = torch.tensor([1, 2, 3])\nx")
    nb.code("torch.tensor(['a'])", raises=True)                 # a cell that must fail (⚠️ 자주 하는 실수)
    nb.exercise("batch_matmul", points=2, prose="...", answer=SOLUTION_CODE, visible=VISIBLE, hidden=HIDDEN)
    nb.save()

`answer` must contain `### BEGIN SOLUTION` / `### END SOLUTION`. The test cell is `visible` followed by
the hidden block. Grade ids are `ex_<name>` (answer) and `test_<name>` (test).
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from . import nbsync
from .config import ROOT, unit_by_name

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class NotebookBuilder:
    """Accumulates cells and writes a notebook without outputs."""

    def __init__(self, name: str, kind: str = "course") -> None:
        if kind not in ("course", "assignment"):
            raise ValueError("kind must be 'course' or 'assignment'")
        unit_by_name(name)  # must be listed in course.toml
        self.name, self.kind = name, kind
        self.path = ROOT / "course" / f"{name}.ipynb" if kind == "course" else ROOT / "source" / name / f"{name}.ipynb"
        self.cells: list[nbformat.NotebookNode] = []
        self._points: dict[str, int] = {}

    def md(self, text: str) -> "NotebookBuilder":
        self.cells.append(nbformat.v4.new_markdown_cell(text.strip("\n")))
        return self

    def code(self, src: str, *, raises: bool = False, tags: list[str] | None = None) -> "NotebookBuilder":
        meta: dict = {}
        all_tags = list(tags or []) + (["raises-exception"] if raises else [])
        if all_tags:
            meta["tags"] = all_tags
        self.cells.append(nbformat.v4.new_code_cell(src.strip("\n"), metadata=meta))
        return self

    def exercise(self, name: str, *, points: int, prose: str, answer: str, visible: str, hidden: str) -> "NotebookBuilder":
        if self.kind != "assignment":
            raise ValueError("exercises belong in assignment notebooks")
        if "### BEGIN SOLUTION" not in answer or "### END SOLUTION" not in answer:
            raise ValueError(f"{name}: answer needs ### BEGIN SOLUTION / ### END SOLUTION")
        if points <= 0:
            raise ValueError("points must be > 0")
        self.md(prose)
        self.cells.append(nbformat.v4.new_code_cell(answer.strip("\n"), metadata={"nbgrader": {
            "grade": False, "solution": True, "locked": False, "grade_id": f"ex_{name}", "schema_version": 3}}))
        test = visible.strip("\n") + "\n### BEGIN HIDDEN TESTS\n" + hidden.strip("\n") + "\n### END HIDDEN TESTS"
        self.cells.append(nbformat.v4.new_code_cell(test, metadata={"nbgrader": {
            "grade": True, "solution": False, "locked": True, "grade_id": f"test_{name}", "points": points,
            "schema_version": 3}}))
        return self

    def save(self) -> Path:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = KERNELSPEC
        nb.metadata["language_info"] = {"name": "python"}
        nb.cells = nbsync.managed_cells(self.path) + self.cells
        self.path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.validate(nb)
        nbformat.write(nb, self.path)
        return self.path

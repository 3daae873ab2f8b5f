"""Build every unit's notebooks from its text sources (the nbdev rule: the text is the source, notebooks are products).

    python -m tools.build                 # course/NN_slug.ipynb + source/NN_slug/NN_slug.ipynb for every unit, README table
    python -m tools.build 04_tensors      # only these units
    python -m tools.build --check         # write nothing; exit 1 when a committed notebook differs from a fresh build
    python -m tools.build --new 08 data_augmentation "데이터 증강"   # scaffold units/08_data_augmentation/ (make unit)

A unit is one folder, units/NN_slug/ (listed in course.toml [[units]]):
- lecture.py     -> course/NN_slug.ipynb
- assignment.py  -> source/NN_slug/NN_slug.ipynb  (solutions + hidden tests; `make release` strips them into release/)
- mutants.py     known-wrong answers (grading.mutants), never built into a notebook
The .py files are jupytext percent scripts (`# %%` code cells, `# %% [markdown]` cells, nbgrader metadata and tags in
the cell header, settings in units/jupytext.toml). JupyterLab opens them as notebooks through jupytext.

The two managed cells that open every notebook (title + Colab badge [+ hand-in lines], Colab bootstrap) are not in
the text: the build adds them from course.toml (tools/nbsync.py), so the public address has one source of truth.

Output is deterministic: cell ids from the position (or the nbgrader grade_id), no outputs, no execution counts,
fixed notebook metadata, JSON as nbformat writes it (indent 1, sorted keys, ensure_ascii=False, trailing newline).
"""
from __future__ import annotations

import argparse
import re
import string
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import config, nbsync

ROOT = config.ROOT
UNITS = ROOT / "units"
TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = ("lecture", "assignment")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}
CELL_METADATA = ("tags", "nbgrader")  # the only cell metadata a text source may carry


class BuildError(RuntimeError):
    """A unit's text source is missing or malformed."""


@dataclass(frozen=True)
class Target:
    """One notebook built from one text file."""

    unit: config.Unit
    kind: str  # "lecture" | "assignment"

    @property
    def text(self) -> Path:
        return ROOT / "units" / self.unit.name / f"{self.kind}.py"

    @property
    def notebook(self) -> Path:
        name = self.unit.name
        if self.kind == "lecture":
            return ROOT / "course" / f"{name}.ipynb"
        return ROOT / "source" / name / f"{name}.ipynb"


def targets(names: list[str] | None = None) -> list[Target]:
    """Every (unit, kind) of course.toml, in course order; `names` ('04_tensors') selects units."""
    units = config.units()
    if names:
        unknown = set(names) - {u.name for u in units}
        if unknown:
            raise BuildError(f"not listed in course.toml [[units]]: {', '.join(sorted(unknown))}")
        units = [u for u in units if u.name in names]
    return [Target(u, kind) for u in units for kind in KINDS]


def text_options() -> dict:
    """The jupytext filters of units/jupytext.toml (shared with JupyterLab)."""
    with open(UNITS / "jupytext.toml", "rb") as f:
        return tomllib.load(f)


def read_text(path: Path) -> list[nbformat.NotebookNode]:
    """The cells of a percent script: type, source, and only the metadata in CELL_METADATA."""
    import jupytext  # imported here: `import tools.build` stays cheap

    if not path.is_file():
        raise BuildError(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: missing")
    nb = jupytext.reads(path.read_text(encoding="utf-8"), fmt="py:percent")
    cells = []
    for c in nb.cells:
        extra = set(c.metadata) - set(CELL_METADATA)
        if extra:
            raise BuildError(f"{path}: cell metadata {sorted(extra)} not allowed (only {', '.join(CELL_METADATA)})")
        meta = {k: c.metadata[k] for k in CELL_METADATA if k in c.metadata}
        if c.cell_type == "code":
            cells.append(nbformat.v4.new_code_cell(c.source, metadata=meta))
        elif c.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(c.source, metadata=meta))
        else:
            raise BuildError(f"{path}: {c.cell_type} cells are not supported")
    return cells


def to_text(nb: nbformat.NotebookNode) -> str:
    """A notebook as the percent script the build reads (managed cells left out). Used to convert and scaffold."""
    import copy

    import jupytext

    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if "course_managed" not in c.metadata]
    for c in nb.cells:
        c.metadata = {k: c.metadata[k] for k in CELL_METADATA if k in c.metadata}
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "jupytext": dict(text_options())}
    return jupytext.writes(nb, fmt="py:percent")


def _cell_id(cell: nbformat.NotebookNode, position: int, taken: set[str]) -> str:
    gid = cell.metadata.get("nbgrader", {}).get("grade_id")
    base = re.sub(r"[^A-Za-z0-9_-]", "-", gid)[:64] if gid else f"cell-{position:03d}"
    cid, n = base, 1
    while cid in taken:
        n += 1
        cid = f"{base[:60]}-{n}"
    taken.add(cid)
    return cid


def build_notebook(target: Target) -> nbformat.NotebookNode:
    """The notebook of `target`: managed cells from course.toml + the text's cells, stable ids, no outputs."""
    cells = nbsync.managed_cells(target.notebook) + read_text(target.text)
    taken: set[str] = set()
    for i, c in enumerate(cells):
        managed = c.metadata.get("course_managed")
        c["id"] = managed if managed and managed not in taken else _cell_id(c, i, taken)
        taken.add(c["id"])
    if target.kind == "lecture" and any("nbgrader" in c.metadata for c in cells):
        raise BuildError(f"{target.text}: nbgrader cells belong in assignment.py")
    nb = nbformat.v4.new_notebook()
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    nb.cells = cells
    nbformat.validate(nb)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """The file text nbformat.write produces (indent 1, sorted keys, ensure_ascii=False) with a trailing newline."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def stale(target: Target) -> bool:
    """True when the committed notebook is missing or differs from a fresh build."""
    want = render(build_notebook(target))
    return not target.notebook.is_file() or target.notebook.read_text(encoding="utf-8") != want


def build(names: list[str] | None = None, check: bool = False) -> list[Path]:
    """Write (or with check=True only compare) the notebooks; return those that changed (or would)."""
    changed = []
    for t in targets(names):
        want = render(build_notebook(t))
        if t.notebook.is_file() and t.notebook.read_text(encoding="utf-8") == want:
            continue
        changed.append(t.notebook)
        if not check:
            t.notebook.parent.mkdir(parents=True, exist_ok=True)
            t.notebook.write_text(want, encoding="utf-8")
    if not names and nbsync.sync_readme(check=check):
        changed.append(ROOT / "README.md")
    return changed


# --- scaffolding (make unit) ------------------------------------------------------------------------------------

def scaffold(number: str, slug: str, title: str) -> Path:
    """Create units/NN_slug/ from tools/templates/ and append the unit to course.toml; return the folder."""
    if not re.fullmatch(r"\d\d", number):
        raise BuildError(f"NUM must be two digits (08), not {number!r}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", slug):
        raise BuildError(f"SLUG must be lower_snake_case ascii, not {slug!r}")
    if not title.strip() or '"' in title or "\n" in title:
        raise BuildError("TITLE must be one line without double quotes")
    listed = config.units()
    if any(u.number == number or u.slug == slug for u in listed):
        raise BuildError(f"{number}_{slug}: number or slug already listed in course.toml")
    name = f"{number}_{slug}"
    folder = UNITS / name
    if folder.exists():
        raise BuildError(f"{folder} already exists")
    values = {"number": number, "slug": slug, "title": title, "name": name}
    folder.mkdir(parents=True)
    for tpl in sorted(TEMPLATES.glob("*.py")):
        text = string.Template(tpl.read_text(encoding="utf-8")).substitute(values)
        (folder / tpl.name).write_text(text, encoding="utf-8")
    toml = ROOT / "course.toml"
    text = toml.read_text(encoding="utf-8")
    entry = (f'\n[[units]]\nnumber = "{number}"\nslug = "{slug}"\ntitle = "{title}"\nstatus = "작성 중"\n'
             f"min_exercises = 1\n")
    toml.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    config.load.cache_clear()
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="units to build (default: every unit in course.toml)")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when a notebook is stale")
    parser.add_argument("--new", nargs=3, metavar=("NUM", "SLUG", "TITLE"), help="scaffold a new unit, then build it")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.new:
            folder = scaffold(*args.new)
            print(f"created {folder.relative_to(ROOT)}/ (lecture.py, assignment.py, mutants.py) and its course.toml entry")
            args.names = []
        changed = build(args.names or None, check=args.check)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for p in changed:
        print(("stale: " if args.check else "built: ") + p.relative_to(ROOT).as_posix())
    n = len(targets(args.names or None))
    print(f"{n} notebooks {'checked' if args.check else 'built'} in {time.perf_counter() - start:.1f} s"
          + (f", {len(changed)} {'stale' if args.check else 'changed'}" if changed else ", all current"))
    if args.check and changed:
        print("run `make build` (then `make release` for assignments) and commit the notebooks", file=sys.stderr)
        return 1
    if args.new:
        print("next: write units/…/lecture.py and assignment.py (JupyterLab: Open With → Jupytext Notebook), "
              "`make build`, `make release`")
    return 0


if __name__ == "__main__":
    sys.exit(main())

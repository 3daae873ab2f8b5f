"""Notebook hygiene: stored without outputs, structure of a unit, nbgrader metadata that grades fairly.

The notebooks checked are those of the units listed in course.toml (built from units/NN_slug/*.py by tools/build.py;
tests/test_build.py checks that they are current and that no unit is missing or unlisted)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from tools import config
from tools.gradecheck import load_mutants

ROOT = config.ROOT
COURSE = [ROOT / "course" / f"{name}.ipynb" for name in config.unit_names()]
SOURCE = [ROOT / "source" / name / f"{name}.ipynb" for name in config.unit_names()]
ALL = COURSE + SOURCE


def _id(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def _nb(p: Path) -> nbformat.NotebookNode:
    return nbformat.read(p, as_version=4)


def _nbg(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _strip_magics(src: str) -> str:
    return "\n".join("pass" if l.lstrip().startswith(("%", "!")) else l for l in src.splitlines())


def test_there_are_notebooks():
    assert COURSE and SOURCE


def test_every_notebook_belongs_to_a_listed_unit():
    names = {u.name for u in config.units()}
    for p in sorted(ROOT.glob("course/*.ipynb")) + sorted(ROOT.glob("source/*/*.ipynb")):  # strays, not the loop
        assert p.stem in names, f"{_id(p)} is not listed in course.toml"
    for p in ALL:
        assert p.is_file(), f"{_id(p)} missing: run `make build`"
        assert p.stem in names, f"{_id(p)} is not listed in course.toml"
    for p in sorted(ROOT.glob("source/*/*.ipynb")):
        assert p.parent.name == p.stem, f"{_id(p)}: the notebook name must equal its folder name"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_no_outputs_and_valid(path: Path):
    nb = _nb(path)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code":
            assert not c.outputs, f"{_id(path)} cell {i}: stored outputs (clear them)"
            assert c.execution_count is None, f"{_id(path)} cell {i}: execution count stored"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_unit_structure(path: Path):
    nb = _nb(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    required = ["## 🎯 학습 목표", "## 🤔 단서 질문"]
    if path in COURSE:
        required += ["## ⚠️ 자주 하는 실수", "## 📝 요약"]
    for heading in required:
        assert heading in text, f"{_id(path)}: missing section {heading!r}"
    assert "helpers.setup(" in "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert len(re.findall(r"[가-힣]", text)) > 200, f"{_id(path)}: too little Korean prose"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_no_relative_data_paths(path: Path):
    for i, c in enumerate(_nb(path).cells):
        if c.cell_type == "code":
            assert not re.search(r"""['"](\.\./)+data/|['"]data/[a-z_]+/""", c.source), (
                f"{_id(path)} cell {i}: load data through helpers.data, not a relative path")


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_code_cells_parse(path: Path):
    for i, c in enumerate(_nb(path).cells):
        if c.cell_type == "code":
            ast.parse(_strip_magics(c.source), filename=f"{_id(path)}[{i}]")


@pytest.mark.parametrize("path", COURSE, ids=_id)
def test_lecture_has_no_nbgrader_cells(path: Path):
    assert not any(_nbg(c) for c in _nb(path).cells), f"{_id(path)}: nbgrader cells belong in source/"


@pytest.mark.parametrize("path", SOURCE, ids=_id)
def test_exercises_are_well_formed(path: Path):
    nb = _nb(path)
    ids = [_nbg(c)["grade_id"] for c in nb.cells if _nbg(c)]
    assert len(ids) == len(set(ids)), f"{_id(path)}: duplicate grade_id"
    answers = tests = 0
    cells = nb.cells
    for i, c in enumerate(cells):
        meta = _nbg(c)
        if not meta:
            continue
        gid = meta["grade_id"]
        if meta.get("solution") and not meta.get("grade"):
            answers += 1
            assert gid.startswith("ex_"), f"{gid}: answer cells are named ex_<name>"
            assert "### BEGIN SOLUTION" in c.source and "### END SOLUTION" in c.source, f"{gid}: solution markers"
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            assert nxt is not None and _nbg(nxt).get("grade_id") == "test_" + gid[3:], (
                f"{gid}: the next cell must be its test cell test_{gid[3:]}")
            assert cells[i - 1].cell_type == "markdown", f"{gid}: an exercise starts with its prose"
        elif meta.get("grade"):
            tests += 1
            assert c.cell_type == "code" and not meta.get("solution"), f"{gid}: graded cells are test cells"
            assert meta.get("locked") is True, f"{gid}: test cells are locked"
            assert float(meta.get("points", 0)) > 0, f"{gid}: points must be > 0"
            assert gid.startswith("test_"), f"{gid}: test cells are named test_<name>"
            prev = _nbg(cells[i - 1])
            assert prev.get("grade_id") == "ex_" + gid[5:], f"{gid}: must follow its answer cell ex_{gid[5:]}"
            assert "### BEGIN HIDDEN TESTS" in c.source and "### END HIDDEN TESTS" in c.source, (
                f"{gid}: needs hidden tests")
            tree = ast.parse(_strip_magics(c.source))
            assert tree.body and not isinstance(tree.body[-1], ast.Expr), (
                f"{gid}: end the test cell with a statement (a bare expression is read as a partial score)")
            assert "sys.stderr" not in c.source, f"{gid}: test cells must not write to stderr"
            assert "assert " in c.source, f"{gid}: a test cell without assert tests nothing"
    unit = config.unit_by_name(path.stem)
    assert answers == tests >= unit.min_exercises, (
        f"{_id(path)}: {tests} graded exercises, at least {unit.min_exercises} required")


@pytest.mark.parametrize("path", SOURCE, ids=_id)
def test_every_graded_cell_has_a_mutant(path: Path):
    nb = _nb(path)
    graded = {_nbg(c)["grade_id"] for c in nb.cells if _nbg(c).get("grade")}
    mutants = load_mutants(path.stem)
    covered = {m.test_id for m in mutants}
    assert graded <= covered, f"{path.stem}: no mutant for {sorted(graded - covered)} in units/{path.stem}/mutants.py"
    answers = {_nbg(c)["grade_id"] for c in nb.cells if _nbg(c).get("solution")}
    assert {m.grade_id for m in mutants} <= answers, "a mutant names an answer cell that does not exist"
    assert len({m.student for m in mutants}) == len(mutants), "mutant labels must be unique per exercise"


def test_release_has_no_solutions_or_hidden_tests():
    for p in ROOT.glob("release/**/*"):
        if p.is_file() and p.stat().st_size < 5_000_000:
            text = p.read_text(encoding="utf-8", errors="ignore")
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, _id(p)


def test_every_assignment_has_a_release():
    for p in SOURCE:
        assert (ROOT / "release" / p.stem / p.name).is_file(), f"release/{p.stem} missing: run `make release`"


def test_mutant_edits_must_match_the_reference_exactly_once():
    from tools.gradecheck import apply_edit, edit

    ref = "def f(x):\n    return x.mean() + x.mean()\n"
    assert apply_edit("def f(x):\n    return x.mean()\n", edit((".mean()", ".sum()")), "t").endswith("x.sum()\n")
    for bad in (edit((".max()", ".min()")), edit((".mean()", ".sum()")), edit(("x", "x"))):
        with pytest.raises(ValueError):
            apply_edit(ref if bad.changes[0][0] == ".mean()" else ref.replace(" + x.mean()", ""), bad, "t")


# --- One term per concept: known variants of course/GLOSSARY.md terms in the unit text sources -------------------

GLOSSARY = ROOT / "course" / "GLOSSARY.md"
VARIANTS_HEADING = "## 쓰지 않는 표기"
UNIT_TEXTS = sorted(ROOT.glob("units/*/lecture.py")) + sorted(ROOT.glob("units/*/assignment.py"))

# (file, variant as written in the glossary) still pending with the unit's owner. Each entry silences only that
# variant in that file; drive this set to empty (an entry that no longer matches is reported as a warning).
PENDING_GLOSSARY_VARIANTS: set[tuple[str, str]] = set()


def glossary_variants(text: str | None = None) -> list[tuple[str, str, re.Pattern]]:
    """(term to use, variant as written, compiled pattern) from the variants table of course/GLOSSARY.md."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    _, found, rest = text.partition("\n" + VARIANTS_HEADING)
    assert found, f"course/GLOSSARY.md: section {VARIANTS_HEADING!r} missing"
    out = []
    for line in rest.splitlines():
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or set(cells[0]) <= set("-: "):
            continue
        for variant in re.findall(r"`([^`]+)`", cells[1]):
            pattern = re.compile(variant[3:] if variant.startswith("re:") else re.escape(variant))
            out.append((cells[0], variant, pattern))
    return out


def korean_text_lines(source: str) -> list[tuple[int, str]]:
    """(line number, text) a student reads in a jupytext percent script: the lines of markdown cells (the `# `
    dropped) and the string literals of code cells (quotes included); code comments and identifiers are left out."""
    import io
    import tokenize

    out: list[tuple[int, str]] = []
    markdown = False
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and tok.start[1] == 0 and tok.string.startswith("# %%"):
            markdown = "[markdown]" in tok.string
        elif tok.type == tokenize.COMMENT and markdown:
            out.append((tok.start[0], tok.string[2:] if tok.string.startswith("# ") else tok.string[1:]))
        elif tok.type == tokenize.STRING and not markdown:
            out.extend((tok.start[0] + i, part) for i, part in enumerate(tok.string.split("\n")))
    return out


def find_glossary_variants(path: Path, variants=None) -> list[tuple[int, str, str, str]]:
    """(line, variant, term to use, the line's text) for every known variant in the prose of one unit source."""
    variants = glossary_variants() if variants is None else variants
    hits = []
    for lineno, text in korean_text_lines(path.read_text(encoding="utf-8")):
        for term, variant, pattern in variants:
            if pattern.search(text):
                hits.append((lineno, variant, term, text.strip()))
    return hits


def test_glossary_variants_table_parses():
    variants = glossary_variants()
    assert len(variants) >= 10
    terms = {t for t, _, _ in variants}
    assert {"경사 하강법", "평균 제곱 오차", "리프 텐서", "문제 N"} <= terms
    glossary_terms = {line.split("|")[1].strip() for line in GLOSSARY.read_text(encoding="utf-8").split(
        "\n" + VARIANTS_HEADING)[0].splitlines() if line.startswith("| ") and not line.startswith("| 한국어")}
    assert terms <= glossary_terms, f"variants of terms the glossary does not define: {sorted(terms - glossary_terms)}"
    heads = [line.split("|")[1].strip() for line in GLOSSARY.read_text(encoding="utf-8").split(
        "\n" + VARIANTS_HEADING)[0].splitlines() if line.startswith("| ") and not line.startswith("| 한국어")]
    dupes = sorted({h for h in heads if heads.count(h) > 1})
    assert not dupes, f"course/GLOSSARY.md: duplicate rows {dupes}"


def test_glossary_variant_finder_reads_prose_not_code():
    src = ('# %%\nimport helpers  # 경사하강 in a comment is not prose\n경사하강법 = 1\n'
           'print("평균제곱오차", 경사하강법)\nx = """a\n잎 노드"""\n\n'
           '# %% [markdown]\n# ## 경사하강법\n#\n# 문제 1 과 연습 2\n\n# %%\ny = 2  # 총 금액\n')
    variants = glossary_variants()
    path = ROOT / "build" / "_glossary_probe.py"
    path.parent.mkdir(exist_ok=True)
    try:
        path.write_text(src, encoding="utf-8")
        hits = {(line, variant) for line, variant, _, _ in find_glossary_variants(path, variants)}
    finally:
        path.unlink()
    assert hits == {(4, "평균제곱오차"), (6, "잎 노드"), (9, "경사하강"), (11, r"re:연습 ?\d")}


@pytest.mark.parametrize("path", UNIT_TEXTS, ids=_id)
def test_prose_uses_glossary_terms(path: Path):
    """A variant from the glossary's '쓰지 않는 표기' table in what students read (PENDING_GLOSSARY_VARIANTS aside)."""
    rel = _id(path)
    hits = [h for h in find_glossary_variants(path) if (rel, h[1]) not in PENDING_GLOSSARY_VARIANTS]
    assert not hits, "course/GLOSSARY.md 의 용어 대신 다른 표기를 썼습니다:\n" + "\n".join(
        f"  {rel}:{line}: {variant!r} → '{term}' ({text[:80]})" for line, variant, term, text in hits)


def test_pending_glossary_variants_are_real():
    """Entries of the allow-list name a variant of the glossary and a unit source; a fixed one is only warned about
    so that the unit owner's work is not blocked by this file (remove it here when you see the warning)."""
    import warnings

    variants = glossary_variants()
    known = {v for _, v, _ in variants}
    for rel, variant in sorted(PENDING_GLOSSARY_VARIANTS):
        assert variant in known, f"PENDING_GLOSSARY_VARIANTS: {variant!r} is not in the glossary's variants table"
        path = ROOT / rel
        assert path in UNIT_TEXTS, f"PENDING_GLOSSARY_VARIANTS: {rel} is not a unit source"
        if not any(v == variant for _, v, _, _ in find_glossary_variants(path, variants)):
            warnings.warn(f"PENDING_GLOSSARY_VARIANTS: ({rel!r}, {variant!r}) is fixed: remove the entry", stacklevel=1)

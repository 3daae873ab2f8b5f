"""The notebooks are build products of the unit text sources (tools/build.py), and course.toml is the registry.

- every committed notebook in course/ and source/ equals a fresh build of units/NN_slug/*.py (the nbdev rule);
- the build is deterministic and writes JSON exactly as nbformat does;
- the text sources are in the form JupyterLab (jupytext) saves them in, so opening and saving changes nothing;
- a unit listed in course.toml has its folder and notebooks, and no folder exists that course.toml does not list;
- the text sources (solutions, hidden tests) live outside source/, so nbgrader cannot copy them into release/;
- `make unit` scaffolds a unit that builds and passes the hygiene checks (in a temporary copy of the repository).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from tools import build, config

ROOT = config.ROOT
TARGETS = build.targets()


def _tid(t: build.Target) -> str:
    return t.notebook.relative_to(ROOT).as_posix()


# --- the nbdev rule ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", TARGETS, ids=_tid)
def test_notebook_is_a_fresh_build(target: build.Target):
    rel = _tid(target)
    assert target.notebook.is_file(), f"{rel} missing: run `make build` (then `make release`) and commit"
    want = build.render(build.build_notebook(target))
    have = target.notebook.read_text(encoding="utf-8")
    assert have == want, (
        f"{rel} differs from a fresh build of units/{target.unit.name}/{target.kind}.py: the text is the source. "
        f"Run `make build` (and `make release` for an assignment) and commit the notebooks; "
        f"edits made to the .ipynb itself are lost, make them in the .py")


def test_check_mode_sees_a_stale_notebook(monkeypatch):
    target = TARGETS[0]
    assert not build.stale(target)
    real = build.read_text
    monkeypatch.setattr(build, "read_text", lambda p: real(p) + [nbformat.v4.new_markdown_cell("새 셀")])
    assert build.stale(target)
    assert target.notebook in build.build(check=True)


def test_build_is_deterministic_and_shaped_like_nbformat():
    t = next(t for t in TARGETS if t.kind == "assignment")
    first, second = build.render(build.build_notebook(t)), build.render(build.build_notebook(t))
    assert first == second and first.endswith("}\n")
    nb = nbformat.reads(first, as_version=4)
    assert first == nbformat.writes(nb) + "\n", "JSON as nbformat writes it (indent 1, sorted keys, raw UTF-8)"
    assert json.loads(first)["metadata"] == {"kernelspec": build.KERNELSPEC, "language_info": build.LANGUAGE_INFO}
    assert "\\u" not in first, "ensure_ascii=False: Korean stays readable in the JSON"
    ids = [c.id for c in nb.cells]
    assert ids[:2] == ["header", "bootstrap"] and len(set(ids)) == len(ids)
    for i, c in enumerate(nb.cells[2:], start=2):
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        assert c.id == (gid or f"cell-{i:03d}")
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None


def test_full_build_time():
    start = time.perf_counter()
    changed = build.build(check=True)
    seconds = time.perf_counter() - start
    assert not changed, f"stale: {[p.relative_to(ROOT).as_posix() for p in changed]} (run `make build`)"
    assert seconds < 60, f"a full build took {seconds:.1f} s"


# --- the text sources -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"units/{t.unit.name}/{t.kind}.py")
def test_text_source_is_in_jupytext_saved_form(target: build.Target):
    import jupytext

    text = target.text.read_text(encoding="utf-8")
    assert build.to_text(jupytext.reads(text, fmt="py:percent")) == text, (
        f"{target.text.relative_to(ROOT)} is not in the form jupytext saves (header = kernelspec only, cell metadata = "
        "tags/nbgrader only): open and save it in JupyterLab, or rewrite it with tools.build.to_text")
    assert "course_managed" not in text and "colab.research.google.com" not in text, (
        "the header/badge and Colab bootstrap cells are added by the build from course.toml, not written in the text")


def test_jupytext_settings_are_the_builds():
    opts = build.text_options()
    assert opts == {"notebook_metadata_filter": "kernelspec,-all", "cell_metadata_filter": "tags,nbgrader,-all"}


def test_jupyterlab_opens_a_unit_source_as_a_notebook_and_saves_it_unchanged(tmp_path):
    """jupytext's contents manager (what JupyterLab uses for 'Open With → Jupytext Notebook') round-trips the text."""
    from jupytext import TextFileContentsManager

    t = next(t for t in TARGETS if t.kind == "assignment")
    folder = tmp_path / "units" / t.unit.name
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "units" / "jupytext.toml", tmp_path / "units")
    original = t.text.read_text(encoding="utf-8")
    (folder / "assignment.py").write_text(original, encoding="utf-8")
    cm = TextFileContentsManager(root_dir=str(tmp_path))
    rel = f"units/{t.unit.name}/assignment.py"
    model = cm.get(rel, type="notebook")
    cells = model["content"].cells
    built = build.build_notebook(t).cells[2:]
    assert [(c.cell_type, c.source) for c in cells] == [(c.cell_type, c.source) for c in built]
    assert [c.metadata.get("nbgrader") for c in cells] == [c.metadata.get("nbgrader") for c in built]
    assert model["content"].metadata["kernelspec"]["name"] == "python3"
    cm.save(model, rel)
    assert (folder / "assignment.py").read_text(encoding="utf-8") == original


def test_text_source_cell_metadata_is_limited(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text('# %% slideshow={"slide_type": "slide"}\nx = 1\n', encoding="utf-8")
    with pytest.raises(build.BuildError):
        build.read_text(bad)


# --- the registry -----------------------------------------------------------------------------------------------

def test_every_listed_unit_has_its_folder_and_notebooks():
    for name in config.unit_names():
        for f in ("lecture.py", "assignment.py", "mutants.py"):
            assert (ROOT / "units" / name / f).is_file(), f"units/{name}/{f} missing (listed in course.toml)"
        assert (ROOT / "course" / f"{name}.ipynb").is_file(), f"course/{name}.ipynb missing: run `make build`"
        assert (ROOT / "source" / name / f"{name}.ipynb").is_file(), f"source/{name} missing: run `make build`"
        assert (ROOT / "release" / name / f"{name}.ipynb").is_file(), f"release/{name} missing: run `make release`"


def test_no_unit_folder_that_course_toml_does_not_list():
    listed = set(config.unit_names())
    present = {
        "units/": {p.name for p in (ROOT / "units").iterdir() if p.is_dir() and not p.name.startswith((".", "_"))},
        "source/": {p.name for p in (ROOT / "source").iterdir() if p.is_dir() and not p.name.startswith(".")},
        "release/": {p.name for p in (ROOT / "release").iterdir() if p.is_dir() and not p.name.startswith(".")},
        "course/": {p.stem for p in (ROOT / "course").glob("*.ipynb")},
    }
    for where, names in present.items():
        assert names <= listed, f"{where}{sorted(names - listed)} not listed in course.toml [[units]]"


def test_loops_read_the_registry():
    make = subprocess.run(["make", "-s", "-C", str(ROOT), "--eval", "print-units: ; @echo $(ASSIGNMENTS)",
                           "print-units"], capture_output=True, text=True, timeout=60, check=False)
    assert make.stdout.split() == config.unit_names(), make.stdout + make.stderr
    from tests import test_grading

    assert test_grading.ASSIGNMENTS == config.unit_names()


# --- secrecy ----------------------------------------------------------------------------------------------------

def test_text_sources_cannot_reach_release():
    """nbgrader copies every file of source/<unit>/ into release/<unit>/: the text sources must live elsewhere."""
    assert not (ROOT / "source" / "units").exists()
    for name in config.unit_names():
        for p in (ROOT / "source" / name).rglob("*"):
            if p.is_file() and p.name != f"{name}.ipynb" and "__pycache__" not in p.parts:
                text = p.read_text(encoding="utf-8", errors="ignore")
                assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text and "MUTANTS" not in text, (
                    f"{p.relative_to(ROOT)} would be copied into release/")
        assert not list((ROOT / "release" / name).rglob("*.py")), f"release/{name} holds a .py file"


# --- scaffolding (slow: a copy of the repository, nbgrader, a nested pytest) ---------------------------------------

def _copy_repo(dest: Path) -> Path:
    """The working tree (tracked and untracked-but-not-ignored files) without .git, .venv or build/; data/ linked."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=False)
    if listed.returncode != 0:  # not a git checkout: everything but the usual ignored folders
        skip = {".git", ".venv", "build", "data", "__pycache__", ".pytest_cache", "autograded", "submitted", "feedback"}
        files = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
                 if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    else:
        files = listed.stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file() and not rel.startswith("data/"):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / "data").symlink_to(ROOT / "data")
    return dest


def _run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    repo = _copy_repo(tmp_path_factory.mktemp("repo"))
    out = _run([sys.executable, "-m", "tools.build", "--new", "98", "scaffold_probe", "시험 단원"], repo)
    assert out.returncode == 0, out.stdout + out.stderr
    gen = _run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "98_scaffold_probe",
                "--force"], repo)
    assert gen.returncode == 0, gen.stdout + gen.stderr
    return repo


@pytest.mark.slow
def test_make_unit_scaffolds_one_folder_and_the_registry_entry(scaffolded: Path):
    name = "98_scaffold_probe"
    assert sorted(p.name for p in (scaffolded / "units" / name).iterdir()) == ["assignment.py", "lecture.py",
                                                                               "mutants.py"]
    toml = (scaffolded / "course.toml").read_text(encoding="utf-8")
    assert toml.endswith('[[units]]\nnumber = "98"\nslug = "scaffold_probe"\ntitle = "시험 단원"\n'
                         'status = "작성 중"\nmin_exercises = 1\n')
    assert (scaffolded / "course" / f"{name}.ipynb").is_file()
    assert (scaffolded / "source" / name / f"{name}.ipynb").is_file()
    assert "| 98 | 시험 단원 |" in (scaffolded / "README.md").read_text(encoding="utf-8")
    again = _run([sys.executable, "-m", "tools.build", "--new", "98", "scaffold_probe", "x"], scaffolded)
    assert again.returncode == 2 and "already" in again.stderr


@pytest.mark.slow
def test_scaffolded_unit_passes_the_build_and_hygiene_checks(scaffolded: Path):
    out = _run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", "-x", "tests/test_hygiene.py",
                "tests/test_build.py", "-k", "98_scaffold_probe or not (scaffold or jupyterlab or loops)"],
               scaffolded)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "98_scaffold_probe" in _run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist",
                                           "tests/test_hygiene.py"], scaffolded).stdout


@pytest.mark.slow
def test_scaffolded_unit_runs_and_grades(scaffolded: Path):
    """The template's notebooks run (nbval) and its placeholder exercise grades: reference full, blank 0, mutants 0."""
    name = "98_scaffold_probe"
    run = _run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", f"course/{name}.ipynb",
                f"source/{name}/{name}.ipynb"], scaffolded, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:]
    grade = _run([sys.executable, "-m", "tools.gradecheck", name], scaffolded, timeout=600)
    assert grade.returncode == 0, grade.stdout[-4000:] + grade.stderr[-2000:]

"""Torture suite for the hardened grader (grading/sandbox.py): a class of adversarial and broken submissions
of unit 04 graded in one sandboxed, parallel batch. Each case asserts its outcome.

Expected: the batch finishes; no adversarial case gets the points of the cells it attacks; each appears in
the integrity report or the grading status with a reason; honest submissions get their true scores.
"""
from __future__ import annotations

import copy
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grading import sandbox as grader
from tools import config
from tools.gradecheck import load_mutants

ROOT = config.ROOT
NAME = "04_tensors"
TARGET = "batch_matmul"  # the exercise most attacks aim at


def _source() -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "source" / NAME / f"{NAME}.ipynb", as_version=4)


def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _answer(nb, name, src):
    nb = copy.deepcopy(nb)
    _cell(nb, f"ex_{name}").source = src
    return nb


def _wrong(nb):
    """The reference with the target exercise answered wrongly (its first mutant)."""
    m = next(m for m in load_mutants(NAME) if m.grade_id == f"ex_{TARGET}")
    return _answer(nb, TARGET, m.source)


def _first_answer_id(nb) -> str:
    return next(c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("solution"))


def _cases(src, release):
    first = _first_answer_id(src)[3:]
    wrong = _wrong(src)
    cases: dict[str, dict] = {}
    cases["ref"] = {"nb": src}
    cases["blank"] = {"nb": release}
    cases["honest_mutant"] = {"nb": wrong}
    cases["invalid_json"] = {"raw": '{"cells": [ this is not json'}
    deleted = copy.deepcopy(src)
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != f"test_{TARGET}"]
    cases["test_cell_deleted"] = {"nb": deleted}
    stripped = copy.deepcopy(wrong)
    for c in stripped.cells:
        c.metadata.pop("nbgrader", None)
    cases["metadata_stripped"] = {"nb": stripped}
    cases["renamed"] = {"nb": src, "filename": f"{NAME} (1).ipynb"}
    edited = copy.deepcopy(wrong)
    _cell(edited, f"test_{TARGET}").source = "pass"
    cases["locked_cell_edited"] = {"nb": edited}
    cases["infinite_loop"] = {"nb": _answer(src, TARGET, "while True:\n    pass")}
    cases["ignores_sigint"] = {"nb": _answer(src, TARGET, (
        "import signal as _s\n"
        "getattr(_s, 'sig' + 'nal')(_s.SIGINT, _s.SIG_IGN)\n"
        "while True:\n    pass"))}
    sleepy = copy.deepcopy(src)
    for _ in range(10):  # each cell stays under the cell timeout; together they pass the wall-clock limit
        sleepy.cells.insert(3, nbformat.v4.new_code_cell("import time\ntime.sleep(8)"))
    cases["endless_but_legal_cells"] = {"nb": sleepy}
    cases["huge_output"] = {"nb": _answer(src, TARGET, (
        "print('x' * 20_000_000)\n"
        + _cell(src, f"ex_{TARGET}").source))}
    cases["os_exit"] = {"nb": _answer(src, TARGET, "import os\nos._exit(0)")}
    cases["numpy_py_beside"] = {"nb": wrong, "extra": {"numpy.py": "def allclose(*a, **k):\n    return True\n"}}
    cases["always_equal"] = {"nb": _answer(src, TARGET, (
        "class _Anything:\n"
        "    def __eq__(self, other):\n        return True\n"
        "    shape = property(lambda self: self)\n"
        f"def {TARGET}(a, b):\n    return _Anything()"))}
    cases["input_transformer"] = {"nb": _answer(wrong, first, (
        _cell(src, f"ex_{first}").source
        + "\nget_ipython().input_transformers_cleanup.append(lambda lines: [])"))}
    wrong_src = _cell(wrong, f"ex_{TARGET}").source
    cases["allclose_patched"] = {"nb": _answer(src, TARGET, (
        "import torch\ntorch.allclose = lambda *a, **k: True\ntorch.equal = lambda *a, **k: True\n" + wrong_src))}
    probe = copy.deepcopy(src)
    probe.cells.append(nbformat.v4.new_code_cell(PROBE.replace("ROOT", str(ROOT))))
    cases["sandbox_probe"] = {"nb": probe}
    return cases


PROBE = """import json, os, socket
def _try(f):
    try:
        f()
        return True
    except Exception:
        return False
def _net():
    s = socket.create_connection(("1.1.1.1", 53), timeout=2)
    s.close()
def _loop():
    s = socket.create_connection(("127.0.0.1", 22), timeout=2)
    s.close()
print("PROBE" + json.dumps({
    "uid": os.getuid(),
    "gradebook": _try(lambda: open("/grade/gradebook.db", "rb").read(16)),
    "list_root": _try(lambda: os.listdir("/grade")),
    "source": os.path.exists("ROOT/source"),
    "net": _try(_net),
    "loopback_host": _try(_loop),
}))"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    course = tmp_path_factory.mktemp("torture") / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "grading", course / "grading", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "source" / NAME, course / "source" / NAME)
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", NAME, "--force"],
                   cwd=course, capture_output=True, check=True)
    src = _source()
    release = nbformat.read(course / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    cases = _cases(src, release)
    originals = {}
    for student, case in cases.items():
        folder = course / "submitted" / student / NAME
        folder.mkdir(parents=True)
        path = folder / case.get("filename", f"{NAME}.ipynb")
        if "raw" in case:
            path.write_text(case["raw"], encoding="utf-8")
        else:
            nbformat.write(case["nb"], path)
        for fname, text in case.get("extra", {}).items():
            (folder / fname).write_text(text, encoding="utf-8")
        originals[student] = {p.name: p.read_bytes() for p in folder.iterdir()}
    outcomes = grader.grade(course, [NAME], workers=2, timeout=75, cell_timeout=10, quiet=True)
    by_student = {o.job.student: o for o in outcomes}
    with open(course / "reports" / "integrity.csv", encoding="utf-8") as f:
        findings = list(csv.DictReader(f))
    points = {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
              for c in src.cells if c.metadata.get("nbgrader", {}).get("grade")}
    return {"course": course, "outcomes": by_student, "findings": findings, "points": points,
            "originals": originals, "cases": cases}


def _scores(batch, student):
    return {gid: s for gid, (s, _) in batch["outcomes"][student].scores.items()}


def _reasons(batch, student):
    return " | ".join(f["reason"] for f in batch["findings"] if f["student"] == student) + " | " + \
        batch["outcomes"][student].reason


def _total(batch, student):
    return sum(_scores(batch, student).values())


pytestmark = pytest.mark.slow


def test_batch_finishes_and_grades_every_case(batch):
    assert set(batch["outcomes"]) == set(batch["cases"])
    with open(batch["course"] / "reports" / "grading_status.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["student"] for r in rows} == set(batch["cases"])


def test_originals_in_submitted_are_never_modified(batch):
    for student, files in batch["originals"].items():
        folder = batch["course"] / "submitted" / student / NAME
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == files, student


def test_honest_submissions_get_true_scores(batch):
    full = batch["points"]
    assert _scores(batch, "ref") == full
    assert _total(batch, "blank") == 0
    honest = _scores(batch, "honest_mutant")
    assert honest[f"test_{TARGET}"] == 0
    assert {k: v for k, v in honest.items() if k != f"test_{TARGET}"} == {k: v for k, v in full.items() if k != f"test_{TARGET}"}


def test_deleted_test_cell_is_reinserted_and_graded(batch):
    assert _scores(batch, "test_cell_deleted") == batch["points"]
    assert "test cell missing" in _reasons(batch, "test_cell_deleted")


@pytest.mark.parametrize("student", ["metadata_stripped", "locked_cell_edited", "numpy_py_beside"])
def test_attacks_on_the_target_cell_lose_it(batch, student):
    assert _scores(batch, student).get(f"test_{TARGET}", 0) == 0, _reasons(batch, student)
    assert _total(batch, student) < sum(batch["points"].values())


def test_locked_cell_edit_is_reported(batch):
    assert "locked cell edited" in _reasons(batch, "locked_cell_edited")


def test_extra_file_is_reported_and_not_used(batch):
    assert "numpy.py" in _reasons(batch, "numpy_py_beside")


def test_invalid_json_gets_zero_with_reason(batch):
    o = batch["outcomes"]["invalid_json"]
    assert _total(batch, "invalid_json") == 0
    assert "JSON" in _reasons(batch, "invalid_json")
    assert o.status in {"error", "graded"}


def test_renamed_notebook_gets_zero_with_reason(batch):
    assert _total(batch, "renamed") == 0
    assert "renamed" in _reasons(batch, "renamed")


def test_infinite_loop_loses_only_its_cell(batch):
    s = _scores(batch, "infinite_loop")
    assert s[f"test_{TARGET}"] == 0
    assert _total(batch, "infinite_loop") == sum(batch["points"].values()) - batch["points"][f"test_{TARGET}"]


def test_loop_ignoring_sigint_is_stopped(batch):
    o = batch["outcomes"]["ignores_sigint"]
    assert _scores(batch, "ignores_sigint")[f"test_{TARGET}"] == 0
    assert o.seconds < 120
    assert "timeout" in o.reason


def test_wall_clock_limit_kills_a_submission_that_runs_too_long(batch):
    o = batch["outcomes"]["endless_but_legal_cells"]
    assert o.status == "timeout" and "wall-clock" in o.reason
    assert _total(batch, "endless_but_legal_cells") == 0
    assert 75 <= o.seconds < 110


def test_huge_output_is_trimmed_and_graded(batch):
    assert _scores(batch, "huge_output") == batch["points"]
    out = batch["course"] / "autograded" / "huge_output" / NAME / f"{NAME}.ipynb"
    assert out.stat().st_size < 5_000_000


@pytest.mark.parametrize("student", ["os_exit", "always_equal", "input_transformer", "allclose_patched"])
def test_tampering_gets_no_points_and_is_flagged(batch, student):
    assert _scores(batch, student)[f"test_{TARGET}"] == 0
    assert batch["outcomes"][student].status == "tampering"
    assert _total(batch, student) == 0
    assert any(f["student"] == student and f["severity"] == "critical" for f in batch["findings"])


def test_feedback_for_the_batch_has_no_hidden_tests(batch):
    course = batch["course"]
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_feedback", NAME, "--force"],
                   cwd=course, capture_output=True)
    pages = list((course / "feedback").rglob("*.html"))
    assert pages
    from tools.gradecheck import hidden_lines
    import html

    secrets = hidden_lines(_source())
    for page in pages:
        text = html.unescape(page.read_text(encoding="utf-8"))
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{page}: {leaked[:2]}"
        assert "BEGIN HIDDEN TESTS" not in text and "Traceback (most recent call last)" not in text


def test_instructor_overview_plot_and_table(batch):
    from grading import report as grades

    db = batch["course"] / "gradebook.db"
    rows = {gid: (failed, n) for _, gid, failed, n in grades.exercise_failures(db)}
    assert rows[f"test_{TARGET}"][1] == len(batch["cases"])
    full = {"ref", "huge_output", "test_cell_deleted", "sandbox_probe"}  # the only cases keeping the target cell
    assert {s for s in batch["cases"] if _scores(batch, s).get(f"test_{TARGET}", 0) > 0} == full
    assert rows[f"test_{TARGET}"][0] == len(batch["cases"]) - len(full)
    table, png = grades.write_overview(db, batch["course"] / "reports")
    assert png.stat().st_size > 5000 and table.read_text(encoding="utf-8").count("\n") == len(rows) + 1


def test_sandbox_isolates_the_kernel(batch):
    if not grader.have_bwrap():
        pytest.skip("bubblewrap not available: process-level fallback")
    assert _scores(batch, "sandbox_probe") == batch["points"]
    nb = nbformat.read(batch["course"] / "autograded" / "sandbox_probe" / NAME / f"{NAME}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    probe = json.loads(text.split("PROBE", 1)[1].splitlines()[0])
    assert probe == {"uid": 65534, "gradebook": False, "list_root": False, "source": False, "net": False,
                     "loopback_host": False}, probe

"""Unit tests of the gradebook merge (grading.sandbox.merge) and of output sanitising (fast, no nbgrader run)."""
from __future__ import annotations

import pytest

from grading.jobs import Job
from grading.nbext import SanitizeOutputs, clean_html, scrub, secret_lines
from grading.sandbox import merge


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    from nbgrader.api import Gradebook

    path = tmp_path_factory.mktemp("gb") / "gradebook.db"
    with Gradebook(f"sqlite:///{path}") as gb:
        gb.add_assignment("a1")
        gb.add_notebook("a1", "a1")
        gb.add_grade_cell("test_x", "a1", "a1", max_score=2, cell_type="code")
        gb.add_grade_cell("test_y", "a1", "a1", max_score=3, cell_type="code")
    return path


@pytest.fixture()
def db(template_db, tmp_path):
    import shutil

    return shutil.copy(template_db, tmp_path / "gradebook.db")


def _private(x, y, flagged=False):
    return {"timestamp": None, "notebooks": {"a1": {
        "grades": {"test_x": (x, None, None, False), "test_y": (y, None, None, False)},
        "comments": {}, "flagged": flagged}}}


def test_merge_writes_the_private_scores(db, tmp_path):
    job = Job("s1", "a1", tmp_path)
    assert merge(db, job, _private(2.0, 1.5)) == {"test_x": (2.0, 2.0), "test_y": (1.5, 3.0)}


def test_merge_replaces_an_earlier_submission(db, tmp_path):
    job = Job("s1", "a1", tmp_path)
    merge(db, job, _private(2.0, 3.0))
    assert merge(db, job, _private(0.0, 1.0)) == {"test_x": (0.0, 2.0), "test_y": (1.0, 3.0)}
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        assert gb.find_submission("a1", "s1").score == 1.0


def test_merge_without_grades_writes_zeros_and_flags(db, tmp_path):
    from nbgrader.api import Gradebook

    job = Job("s2", "a1", tmp_path)
    assert merge(db, job, None, flagged=True) == {"test_x": (0.0, 2.0), "test_y": (0.0, 3.0)}
    assert merge(db, job, _private(2.0, 3.0), zero=True) == {"test_x": (0.0, 2.0), "test_y": (0.0, 3.0)}
    with Gradebook(f"sqlite:///{db}") as gb:
        assert gb.find_submission_notebook("a1", "a1", "s2").flagged is False
        merge(db, job, None, flagged=True)
    with Gradebook(f"sqlite:///{db}") as gb:
        assert gb.find_submission_notebook("a1", "a1", "s2").flagged is True


def test_merge_keeps_other_students(db, tmp_path):
    merge(db, Job("s1", "a1", tmp_path), _private(2.0, 3.0))
    merge(db, Job("s2", "a1", tmp_path), _private(0.0, 0.0))
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        scores = sorted((s.student.id, s.score) for s in gb.find_assignment("a1").submissions)
        assert scores == [("s1", 5.0), ("s2", 0.0)]


# --- sanitising ----------------------------------------------------------------------------------------------

SOURCE = "x = f(1)\n### BEGIN HIDDEN TESTS\nassert f(12345) == 67890, 'hidden'\nassert g\n### END HIDDEN TESTS\n"


def test_secret_lines_and_scrub():
    secrets = secret_lines([SOURCE])
    # short lines and visible lines are not secrets; the markers are
    assert secrets == {"assert f(12345) == 67890, 'hidden'", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"}
    text = "ok\n>>> assert f(12345) == 67890, 'hidden' <<<\nx = f(1)"
    removed = "[숨겨진 테스트 내용 제거됨 (hidden test text removed)]"
    assert scrub(text, secrets).splitlines() == ["ok", removed, "x = f(1)"]


@pytest.mark.parametrize("html", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
                                  '<a href="javascript:alert(1)">x</a>', '<iframe src="//x"></iframe>',
                                  "<object data=x></object>", "<embed src=x>", '<svg onload="alert(1)"></svg>'])
def test_clean_html_removes_active_content(html):
    out = clean_html(html).lower()
    assert "<script" not in out and "onerror" not in out and "javascript:" not in out
    assert "<iframe" not in out and "<object" not in out and "<embed" not in out and "onload" not in out


def test_sanitize_outputs_preprocessor(monkeypatch):
    import nbformat

    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"}),
        nbformat.v4.new_output("display_data", data={"text/html": "<b>ok</b><script>x</script>", "text/plain": "ok"}),
        nbformat.v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "m"}}),
        nbformat.v4.new_output("stream", name="stdout", text="assert f(12345) == 67890, 'hidden'\nfine\n"),
        nbformat.v4.new_output("error", ename="AssertionError", evalue="assert f(12345) == 67890, 'hidden'",
                               traceback=["assert f(12345) == 67890, 'hidden'"]),
    ])
    md = nbformat.v4.new_markdown_cell("[x](javascript:alert(1)) <script>y</script>")
    nb = nbformat.v4.new_notebook(cells=[cell, md])
    pre = SanitizeOutputs()
    monkeypatch.setattr(SanitizeOutputs, "_secrets", lambda self, r: secret_lines([SOURCE]))
    nb, _ = pre.preprocess(nb, {})
    out = nb.cells[0].outputs
    assert out[0].data == {"text/plain": "(표시할 수 없는 출력 제거됨 / active output removed)"}
    assert "<script" not in out[1].data["text/html"] and out[1].data["text/plain"] == "ok"
    assert "widget" not in str(out[2].data)
    assert "67890" not in out[3].text and "fine" in out[3].text
    assert "67890" not in out[4].evalue and "67890" not in "".join(out[4].traceback)
    assert "javascript:" not in nb.cells[1].source and "<script" not in nb.cells[1].source

"""The mutants file format: MUTANTS (must lose their points) and CORRECT (other right answers: must keep them)."""
from __future__ import annotations

from grading import fastcheck, mutants
from grading.mutants import Case


def test_correct_table_loads_beside_mutants(tmp_path, monkeypatch):
    f = tmp_path / "mutants.py"
    f.write_text('MUTANTS = {"ex_a": [("wrong", "def a():\\n    return 2\\n")]}\n'
                 'CORRECT = {"ex_a": [("lambda", "a = lambda: 1\\n")]}\n', encoding="utf-8")
    monkeypatch.setattr(mutants, "mutants_path", lambda name: f)
    assert [(w.grade_id, w.label) for w in mutants.load("x")] == [("ex_a", "wrong")]
    assert [(w.grade_id, w.label) for w in mutants.load("x", "CORRECT")] == [("ex_a", "lambda")]
    cases = fastcheck.load_cases("x", adversaries=False)
    assert [(c.kind, c.label) for c in cases] == [("mutant", "wrong"), ("correct", "lambda")]


def test_no_correct_table_means_none(tmp_path, monkeypatch):
    f = tmp_path / "mutants.py"
    f.write_text('MUTANTS = {}\n', encoding="utf-8")
    monkeypatch.setattr(mutants, "mutants_path", lambda name: f)
    assert mutants.load("x", "CORRECT") == []


def test_problems_count_a_failing_correct_answer_and_a_passing_mutant():
    v = fastcheck.Verdict
    rep = fastcheck.FastReport("x", verdicts=[
        v(Case("ex_a", "m_killed", ""), False, "", 0.1),
        v(Case("ex_a", "m_alive", ""), True, "", 0.1),
        v(Case("ex_a", "ok_style", "", kind="correct"), True, "", 0.1),
        v(Case("ex_a", "bad_test", "", kind="correct"), False, "AssertionError", 0.1),
    ])
    assert len(rep.problems) == 2
    assert any("m_alive" in p for p in rep.problems) and any("bad_test" in p for p in rep.problems)

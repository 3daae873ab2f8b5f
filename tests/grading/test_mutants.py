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


def test_a_case_cannot_change_the_judge_snapshot_for_the_cases_after_it():
    """A wrong answer that edits its argument in place (synced back into the judge) must not corrupt later cases:
    the data a test names is copied per case; modules and functions are shared."""
    import math

    import torch

    x, other = torch.zeros(3), torch.ones(2)
    ns = {"x": x, "other": other, "math": math, "f": len, "__builtins__": __builtins__}
    out = fastcheck._isolated(ns, "assert f(x) == 3 and math.pi > 3")
    assert out["x"] is not x and torch.equal(out["x"], x)
    out["x"].add_(1)
    assert x.sum().item() == 0
    assert out["other"] is other and out["math"] is math and out["f"] is len

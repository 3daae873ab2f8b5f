"""Grading round trip per assignment, in a temporary course copy (see tools/gradecheck.py).

One test class per assignment so that `pytest -n 2 --dist loadscope` grades two assignments at once.
Scores come from the gradebook, never from nbgrader's exit codes.
"""
from __future__ import annotations

import pytest

from tools import config, gradecheck

ASSIGNMENTS = sorted(p.name for p in (config.ROOT / "source").iterdir() if p.is_dir() and (p / f"{p.name}.ipynb").is_file())


class _Grading:
    assignment: str

    @pytest.fixture(scope="class")
    def report(self, tmp_path_factory) -> gradecheck.Report:
        return gradecheck.check(self.assignment, workdir=tmp_path_factory.mktemp("grading"))

    def test_release_equals_fresh_generate(self, report):
        assert report.release_diff == []

    def test_everyone_was_graded(self, report):
        expected = {"ref", "blank", *report.groups}
        assert expected <= set(report.scores), f"not graded: {sorted(expected - set(report.scores))}"

    def test_reference_scores_full_points(self, report):
        ref = report.scores["ref"]
        lost = {gid: s for gid, s in ref.items() if s[0] != s[1]}
        assert ref and not lost, f"reference lost points: {lost}"

    def test_blank_release_scores_zero_everywhere(self, report):
        blank = report.scores["blank"]
        assert blank and all(score == 0 for score, _ in blank.values()), blank

    def test_every_mutant_loses_its_cell(self, report):
        problems = [p for p in report.problems if p.startswith(("mut_", "mutants_")) or "no mutant" in p]
        assert report.mutants and not problems, problems

    def test_no_other_grading_problem(self, report):
        assert report.problems == []

    def test_feedback_has_no_hidden_test_line(self, report):
        assert report.feedback_leaks == []


for _name in ASSIGNMENTS:
    _cls = type(f"TestGrading_{_name}", (_Grading,), {"assignment": _name})
    _cls = pytest.mark.slow(_cls)
    globals()[_cls.__name__] = _cls

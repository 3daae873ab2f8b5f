"""Grading round trip per assignment, in a temporary course copy (see tools/gradecheck.py).

One test class per assignment so that `pytest -n 2 --dist loadscope` grades two assignments at once.
Scores come from the gradebook, never from nbgrader's exit codes.
"""
from __future__ import annotations

import json

import pytest

from tools import config, gradecheck

ASSIGNMENTS = config.unit_names()  # the registry (course.toml), never a folder glob


class _Grading:
    """Full nbgrader round trip (reference, blank release, one group of mutants in a submission that also carries the
    hostile cells) plus the fast path (grading/fastcheck.py: every mutant, CORRECT alternative and generated
    adversary, judged in forks of one run)."""

    assignment: str

    @pytest.fixture(scope="class")
    def report(self, tmp_path_factory) -> gradecheck.Report:
        rep = gradecheck.check(self.assignment, workdir=tmp_path_factory.mktemp("grading"))
        if rep.fast is not None:  # for the per-phase table (tests/conftest.py)
            out = config.ROOT / "build" / "fastcheck" / f"{self.assignment}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            kinds = [v.case.kind for v in rep.fast.verdicts]
            out.write_text(json.dumps({"seconds": rep.seconds.get("fast", 0.0), "mutants": kinds.count("mutant"),
                                       "adversaries": kinds.count("adversary"),
                                       "correct": kinds.count("correct")}), encoding="utf-8")
        return rep

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
        problems = [p for p in report.problems
                    if p.startswith(("mut_", "mutants_", "fast path: mutant")) or "no mutant" in p]
        assert report.mutants and not problems, problems

    def test_every_adversary_scores_zero(self, report):
        """Generated hostile answers (frames, patches, spoofed output, swallowed errors, threads, tracers, leaks)."""
        adversaries = [v for v in report.fast.verdicts if v.case.kind == "adversary"]
        problems = [p for p in report.problems if p.startswith(("fast path: adversary", "hostile"))]
        assert adversaries and not problems, problems

    def test_fast_path_agrees_with_full_autograde(self, report):
        problems = [p for p in report.problems if p.startswith(("equivalence", "fast path: reference"))]
        assert report.fast.reference and not problems, problems

    def test_no_other_grading_problem(self, report):
        assert report.problems == []

    def test_feedback_has_no_hidden_test_line(self, report):
        assert report.feedback_leaks == []


for _name in ASSIGNMENTS:
    _cls = type(f"TestGrading_{_name}", (_Grading,), {"assignment": _name})
    _cls = pytest.mark.slow(_cls)
    globals()[_cls.__name__] = _cls

"""Known-wrong answers for 17_pytorch2_deploy: each must lose its test cell's points (python -m tools.gradecheck 17_pytorch2_deploy)."""

from grading.mutants import edit

MUTANTS = {
    "ex_add": [
        # subtracts instead of adding (a small change of the reference: an edit, not a copy)
        ("sub", edit(("a + b", "a - b"))),
        # adds in place: right value, but the input is changed
        ("in_place", edit(("return a + b", "return a.add_(b)"))),
    ],
}

"""Unit tests of the integrity scan rules and of submission repair (fast: no nbgrader run)."""
from __future__ import annotations

import json

import nbformat
import pytest

from grading import submission
from grading.csvsafe import make_safe, safe, write_csv
from grading.jobs import Job, find_jobs
from grading.scan import scan_source

HONEST = {
    "setattr in a Module": ("class M:\n    def __init__(self):\n        for i in range(3):\n"
                            "            setattr(self, f'fc{i}', i)"),
    "IPython.display": "from IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'))",
    "plt.rcParams": "import matplotlib.pyplot as plt\nplt.rcParams['figure.dpi'] = 100",
    "pd.options": "import pandas as pd\npd.options.display.max_rows = 10",
    "torch.backends": "import torch\ntorch.backends.cudnn.benchmark = True",
    "os.environ": "import os\nos.environ['X'] = '1'",
    "import gc": "import gc\ngc.collect()",
    "__class__.__name__": "print(x.__class__.__name__)",
    "vars()": "print(vars(cfg))",
    "globals() membership": "if 'x' in globals():\n    pass",
    "printf continuation": "print('%d %d'\n      % (1, 2))",
    "%load_ext": "%load_ext autoreload\n%autoreload 2",
    "%config": "%config InlineBackend.figure_format = 'retina'",
    "%%capture": "%%capture out\nprint(1)",
    "%matplotlib": "%matplotlib inline",
    "sys.modules read": "import sys\nprint('google.colab' in sys.modules)",
    "model.eval()": "model.eval()\nwith torch.no_grad():\n    y = model(x)",
    "torch.manual_seed": "import torch\ntorch.manual_seed(0)",
    "__eq__ that compares": "class P:\n    def __eq__(self, other):\n        return self.x == other.x",
    "open a file": "with open('data.txt') as f:\n    f.read()",
}

TRICKS = {
    "allclose patched": ("import torch\ntorch.allclose = lambda *a, **k: True", "monkeypatching torch.allclose"),
    "setattr on a library": ("import torch\nsetattr(torch, 'equal', f)", "setattr on torch"),
    "input transformer": ("get_ipython().input_transformers_cleanup.append(f)", "input_transformers_cleanup"),
    "%xmode": ("%xmode Plain", "%xmode"),
    "always-equal": ("class A:\n    def __eq__(self, o):\n        return True", "always-equal"),
    "os._exit": ("import os\nos._exit(0)", "os._exit"),
    "caller frame": ("import sys\ng = sys._getframe(1).f_globals", "_getframe"),
    "print In": ("print(In)", "(In)"),
    "displayhook": ("import sys\nsys.displayhook('ok')", "displayhook"),
    "sys.modules write": ("import sys\nsys.modules['torch'] = fake", "sys.modules"),
    "tracer": ("import sys\nsys.settrace(t)", "settrace"),
}


@pytest.mark.parametrize("name", sorted(HONEST))
def test_honest_constructs_are_not_reported(name):
    assert scan_source(HONEST[name]) == []


@pytest.mark.parametrize("name", sorted(TRICKS))
def test_tricks_are_reported_for_review(name):
    code, words = TRICKS[name]
    found = scan_source(code)
    assert any(sev == "review" and words in reason for sev, reason in found), found


@pytest.mark.parametrize("code", ["x = " + "-" * 100_000 + "1", "x = " + "(" * 300 + "1" + ")" * 300,
                                  "x = " + "1+" * 120_000 + "1", "def f(:\n", "\x00\x01", "%%bash\nls", "!ls"])
def test_scan_never_raises(code):
    for sev, _ in scan_source(code):
        assert sev in {"review", "warning"}


def test_colab_bootstrap_of_an_older_release_is_not_scanned(tmp_path):
    from grading.scan import scan_prepared

    old = ("import os, subprocess, sys\nif 'google.colab' in sys.modules:\n"
           "    subprocess.run(['git', 'clone', 'x'])\n    os.chdir('x')\n    sys.path.insert(0, 'x')")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(old)])
    prep = submission.Prepared(Job("s", "a", tmp_path), {"a": json.loads(nbformat.writes(nb))})
    assert scan_prepared(tmp_path, prep, ({}, {})) == []


# --- submission repair ---------------------------------------------------------------------------------------

def _nb(cells):
    return nbformat.v4.new_notebook(cells=cells)


def _graded(src, gid, *, solution=False, grade=False, points=0, locked=False):
    md = {"nbgrader": {"grade_id": gid, "solution": solution, "grade": grade, "locked": locked,
                       "schema_version": 3, **({"points": points} if grade else {})}}
    return nbformat.v4.new_code_cell(src, metadata=md)


def _submit(tmp_path, name, nb, stem="04_x", raw=None):
    folder = tmp_path / "submitted" / "s" / stem
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(raw if raw is not None else nbformat.writes(nb), encoding="utf-8")
    return Job("s", stem, folder)


def _ids(nb):
    return [(c["metadata"].get("nbgrader") or {}).get("grade_id") for c in nb["cells"]]


def test_duplicated_answer_and_test_cells_keep_one_grade_id(tmp_path):
    cells = [_graded("wrong", "ex_a", solution=True), _graded("right", "ex_a", solution=True),
             _graded("assert a", "test_a", grade=True, points=1, locked=True),
             _graded("assert a", "test_a", grade=True, points=1, locked=True),
             _graded("late copy", "ex_a", solution=True)]
    prep = submission.prepare(tmp_path, _submit(tmp_path, "04_x.ipynb", _nb(cells)), ["04_x"])
    assert not prep.fatal
    nb = prep.notebooks["04_x"]
    # the answer keeps its metadata on the last copy before its test cell; the test cell on its first copy
    assert _ids(nb) == [None, "ex_a", "test_a", None, None]
    assert ["".join(c["source"]) for c in nb["cells"]] == ["wrong", "right", "assert a", "assert a", "late copy"]
    assert sum("duplicated cell" in f.reason for f in prep.findings) == 2


def test_malformed_nbgrader_metadata_is_removed_not_fatal(tmp_path):
    bad = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": "oops"})
    no_id = nbformat.v4.new_code_cell("y = 1", metadata={"nbgrader": {"grade": True, "points": 1}})
    bad_points = _graded("z", "=cmd|' /C calc'!A0", grade=True, points=1)
    bad_points.metadata["nbgrader"]["points"] = "lots"
    prep = submission.prepare(tmp_path, _submit(tmp_path, "04_x.ipynb", _nb([bad, no_id, bad_points])), ["04_x"])
    assert not prep.fatal and _ids(prep.notebooks["04_x"]) == [None, None, None]
    assert sum("malformed nbgrader metadata" in f.reason for f in prep.findings) == 3


@pytest.mark.parametrize("name", ["Copy of 04_x.ipynb", "04_x.ipynb의 사본.ipynb", "04_x (1).ipynb"])
def test_one_renamed_notebook_is_graded_under_the_expected_name(tmp_path, name):
    prep = submission.prepare(tmp_path, _submit(tmp_path, name, _nb([nbformat.v4.new_code_cell("1")])), ["04_x"])
    assert not prep.fatal and list(prep.notebooks) == ["04_x"]
    assert any("renamed notebook graded as 04_x.ipynb" in f.reason and f.severity == "warning" for f in prep.findings)


def test_two_unknown_notebooks_are_not_guessed(tmp_path):
    job = _submit(tmp_path, "a.ipynb", _nb([]))
    _submit(tmp_path, "b.ipynb", _nb([]))
    prep = submission.prepare(tmp_path, job, ["04_x"])
    assert prep.fatal and "no notebook" in prep.fatal


@pytest.mark.parametrize("raw,words", [
    ('{"cells": [ not json', "invalid notebook JSON"),
    (json.dumps({"cells": [{"cell_type": "code", "source": 123, "metadata": {}}]}), "not text"),
    (json.dumps({"cells": [{"cell_type": "code", "source": ["a", 5]}]}), "not text"),
    (json.dumps({"cells": ["x"]}), "malformed cell"),
    (json.dumps({"nbformat": 4}), "no cell list"),
    ("[" * 100_000 + "]" * 100_000, "JSON"),
    ('{"cells": [], "metadata": ' + '{"a":' * 50_000 + "1" + "}" * 50_001, "JSON"),
])
def test_malformed_notebooks_are_fatal_for_that_submission_only(tmp_path, raw, words):
    prep = submission.prepare(tmp_path, _submit(tmp_path, "04_x.ipynb", None, raw=raw), ["04_x"])
    assert words in prep.fatal, prep.fatal


def test_missing_keys_are_repaired(tmp_path):
    raw = json.dumps({"cells": [{"cell_type": "code", "source": "x = 1"}, {"cell_type": "markdown", "source": "#"}]})
    prep = submission.prepare(tmp_path, _submit(tmp_path, "04_x.ipynb", None, raw=raw), ["04_x"])
    assert not prep.fatal
    nbformat.validate(nbformat.from_dict(prep.notebooks["04_x"]))


def test_symlinks_are_never_followed(tmp_path):
    target = tmp_path / "secret.ipynb"
    target.write_text(nbformat.writes(_nb([])), encoding="utf-8")
    folder = tmp_path / "submitted" / "s" / "04_x"
    folder.mkdir(parents=True)
    (folder / "04_x.ipynb").symlink_to(target)
    prep = submission.prepare(tmp_path, Job("s", "04_x", folder), ["04_x"])
    assert "symlink" in prep.fatal and not prep.notebooks
    linked = tmp_path / "submitted" / "t"
    linked.mkdir()
    (linked / "04_x").symlink_to(tmp_path / "submitted" / "s" / "04_x", target_is_directory=True)
    jobs = find_jobs(tmp_path, ["04_x"])
    assert {j.student for j in jobs} == {"s", "t"}
    prep = submission.prepare(tmp_path, next(j for j in jobs if j.student == "t"), ["04_x"])
    assert "symlinked folder" in prep.fatal


def test_oversized_notebook_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(submission, "MAX_NOTEBOOK_BYTES", 1000)
    prep = submission.prepare(tmp_path, _submit(tmp_path, "04_x.ipynb", None, raw=" " * 2000 + "{}"), ["04_x"])
    assert "oversized" in prep.fatal


# --- formula-safe CSV ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [("=1+1", "'=1+1"), ("+x", "'+x"), ("-cmd", "'-cmd"),
                                            ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
                                            ("-1.5", "-1.5"), ("12", "12"), ("ok", "ok"), (3.0, 3.0)])
def test_csv_cells_are_formula_safe(value, expected):
    assert safe(value) == expected


def test_csv_files_are_written_and_rewritten_safe(tmp_path):
    path = tmp_path / "r.csv"
    write_csv(path, ["grade_id", "score"], [["=HYPERLINK(\"x\")", "-2"]])
    import csv

    assert list(csv.reader(path.open(encoding="utf-8")))[1] == ["'=HYPERLINK(\"x\")", "-2"]
    raw = tmp_path / "grades.csv"
    raw.write_text("assignment,student_id,score\n=evil,@bob,-1\n", encoding="utf-8")
    assert make_safe(raw) == 2
    assert raw.read_text(encoding="utf-8").splitlines()[1] == "'=evil,'@bob,-1"


ALIASED_PATCHES = {
    "module alias": "import helpers.serving as hs\nhs._extend_echo_app = fake",
    "from-import": "from helpers import serving\nserving.http_calls = fake",
    "plain alias": "import helpers\nm = helpers.serving\nm.counting_session = fake",
    "setattr on alias": "from fastapi import testclient as tc\nsetattr(tc, 'TestClient', Fake)",
    "vars of a module": "import helpers.serving as hs\nvars(hs)['http_calls'] = fake",
    "library class": "from torch.optim import AdamW\nAdamW.step = lambda self, closure=None: None",
}


@pytest.mark.parametrize("name", sorted(ALIASED_PATCHES))
def test_monkeypatching_through_an_alias_is_reported(name):
    found = scan_source(ALIASED_PATCHES[name])
    assert any(sev == "review" and "라이브러리 속성 교체" in reason for sev, reason in found), found


def test_an_alias_imported_in_another_cell_is_known_to_the_notebook_scan(tmp_path):
    from grading.scan import scan_prepared

    cells = [nbformat.v4.new_code_cell("import helpers.serving as hs"), nbformat.v4.new_code_cell("hs.http_calls = f")]
    nb = nbformat.v4.new_notebook(cells=cells)
    prep = submission.Prepared(Job("s", "a", tmp_path), {"a": json.loads(nbformat.writes(nb))})
    found = scan_prepared(tmp_path, prep, ({}, {}))
    assert [f.cell for f in found if f.severity == "review"] == ["cell 1"], found


def test_reference_solutions_are_not_reported():
    """Every code cell of every source notebook (the reference solutions): no review finding."""
    from grading.scan import imported_names
    from tools import config

    problems = []
    for name in config.unit_names():
        nb = nbformat.read(config.ROOT / "source" / name / f"{name}.ipynb", as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")]
        modules = imported_names(code)
        problems += [(name, r) for src in code for sev, r in scan_source(src, modules) if sev == "review"]
    assert not problems, problems


def test_hidden_line_shown_in_a_visible_test_is_not_a_secret():
    """A visible test's message repeated inside the hidden block reveals nothing (unit 17's dict message)."""
    import nbformat

    from tools.gradecheck import hidden_lines

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("설명: `answer` 는 정수입니다."),
        nbformat.v4.new_code_cell(
            'assert type(x) is int, "정수를 돌려주어야 합니다 (visible)"\n'
            "### BEGIN HIDDEN TESTS\n"
            'assert x == 42, (\n'
            '    "정수를 돌려주어야 합니다 (visible)"\n'
            ')\n'
            "assert compute_secret_value(x) == 1234\n"
            "print('solution only line here')\n"
            "### END HIDDEN TESTS"
        ),
    ]
    secrets = hidden_lines(nb)
    assert '"정수를 돌려주어야 합니다 (visible)"' not in secrets
    assert "assert compute_secret_value(x) == 1234" in secrets
    assert "print('solution only line here')" in secrets

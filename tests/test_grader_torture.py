"""Torture suite for the hardened grader (grading/sandbox.py): a class of adversarial, broken and unusual
submissions of unit 04 graded in one sandboxed, parallel batch. Each case asserts its outcome.

Expected: the batch finishes; every submission is executed (the integrity scan only reports) or gets its own
status line when it cannot be; honest submissions get their true scores; per-submission limits hold; nothing a
student receives holds hidden-test text or active content. Whether tricks score is decided by the judge
(grading/judge*.py, tests/test_grading.py); here they must only never break the batch.

TORTURE_STOCK_EXECUTE=1 grades the batch with nbgrader's own Execute instead of the judged executor: it tells
a grader failure from a judge failure (diagnosis only; CI runs the real configuration).
"""
from __future__ import annotations

import copy
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grading import sandbox as grader
from grading.sandbox import Limits
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
    cases["renamed"] = {"nb": src, "filename": f"Copy of {NAME}.ipynb"}
    edited = copy.deepcopy(wrong)
    _cell(edited, f"test_{TARGET}").source = "pass"
    cases["locked_cell_edited"] = {"nb": edited}
    cases["infinite_loop"] = {"nb": _answer(src, TARGET, "while True:\n    pass")}
    cases["ignores_sigint"] = {"nb": _answer(src, TARGET, (
        "import signal as _s\n"
        "getattr(_s, 'sig' + 'nal')(_s.SIGINT, _s.SIG_IGN)\n"
        "while True:\n    pass"))}
    sleepy = copy.deepcopy(src)
    for _ in range(14):  # each cell stays under the cell timeout; together (112 s) they pass the wall-clock limit
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
    # Copy-pasted in JupyterLab: the test cell twice (same grade_id) and the answer cell twice, the first copy
    # wrong; nbgrader alone crashes (KeyError 'grade_id').
    pasted = copy.deepcopy(src)
    t_idx = next(i for i, c in enumerate(pasted.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == f"test_{TARGET}")
    pasted.cells.insert(t_idx + 1, copy.deepcopy(pasted.cells[t_idx]))
    pasted.cells[t_idx + 1].id = "pasted-test"
    a_idx = next(i for i, c in enumerate(pasted.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == f"ex_{TARGET}")
    early = copy.deepcopy(pasted.cells[a_idx])
    early.source, early.id = _cell(wrong, f"ex_{TARGET}").source, "pasted-answer"
    pasted.cells.insert(a_idx, early)
    cases["copy_pasted_cells"] = {"nb": pasted}
    cases["malformed_source"] = {"raw": json.dumps({**json.loads(nbformat.writes(src)),
                                                     "cells": [{"cell_type": "code", "source": 123, "metadata": {},
                                                                "outputs": [], "execution_count": None}]})}
    cases["symlink_notebook"] = {"symlink": ROOT / "source" / NAME / f"{NAME}.ipynb"}
    cases["symlink_folder"] = {"symlink_folder": ROOT / "source" / NAME}
    big = copy.deepcopy(src)
    big.cells.append(nbformat.v4.new_code_cell("print('y' * 21_000_000)", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="y" * 21_000_000)]))
    cases["oversized"] = {"nb": big}
    deep = copy.deepcopy(src)
    deep.cells.append(nbformat.v4.new_code_cell("x = " + "-" * 100_000 + "1"))
    deep.cells.append(nbformat.v4.new_code_cell("y = " + "(" * 150 + "1" + ")" * 150))
    cases["deep_nesting"] = {"nb": deep}
    limits = copy.deepcopy(src)
    for code in LIMIT_PROBES:
        limits.cells.append(nbformat.v4.new_code_cell(code))
    cases["limits_probe"] = {"nb": limits}
    bomb = copy.deepcopy(src)
    bomb.cells.append(nbformat.v4.new_code_cell(FORK_BOMB))
    cases["fork_bomb"] = {"nb": bomb}
    leaks = copy.deepcopy(src)
    from tools.gradecheck import hidden_lines

    secret = max(hidden_lines(src), key=len).strip()  # a hidden line reaching the output by any route
    hexed = secret.encode().hex()  # not in the cell's own source: only the output may carry it
    leaks.cells.append(nbformat.v4.new_code_cell(
        LEAKS + f"\n_s = bytes.fromhex({hexed!r}).decode()\nprint(_s)\nraise RuntimeError(_s)"))
    cases["leaks_and_active_content"] = {"nb": leaks}
    return cases


# Wall-clock limit per submission in the main batch: room for one 30 s cell timeout plus a busy machine.
WALL_S = 100

# Each probe prints one marker line; run after the reference answers, so the score stays full.
LIMIT_PROBES = [
    # DataLoader workers need a writable /dev/shm (as in the lab).
    "import torch\nfrom torch.utils.data import DataLoader, TensorDataset\n"
    "dl = DataLoader(TensorDataset(torch.arange(64.).reshape(32, 2)), batch_size=8, num_workers=2)\n"
    "print('DATALOADER', sum(float(b[0].sum()) for b in dl))",
    # Filling /tmp stops at its size limit.
    "import os\nn = 0\ntry:\n    with open('/tmp/fill', 'wb') as f:\n        for n in range(1, 4097):\n"
    "            f.write(b'\\0' * (1 << 20))\n            f.flush()\nexcept OSError:\n    pass\n"
    "print('TMPFILL', os.path.getsize('/tmp/fill') >> 20)\nos.remove('/tmp/fill')",
    # Children together cannot use more memory than the submission's limit (cgroup).
    "import subprocess, sys\n"
    "code = 'import time; b = bytearray(1 << 30); b[::4096] = b\"x\" * len(b[::4096]); time.sleep(2)'\n"
    "procs = [subprocess.Popen([sys.executable, '-c', code]) for _ in range(3)]\n"
    "print('CHILDREN', sorted(p.wait() for p in procs))",
]
# A fork bomb stops at the process cap; the children are then killed.
FORK_BOMB = (
    "import os, time\npids = []\ntry:\n    for _ in range(5000):\n        pid = os.fork()\n        if pid == 0:\n"
    "            time.sleep(60)\n            os._exit(0)\n        pids.append(pid)\nexcept OSError:\n    pass\n"
    "for p in pids:\n    os.kill(p, 9)\n    os.waitpid(p, 0)\nprint('FORKS', len(pids))")

LEAKS = """from IPython.display import HTML, Javascript, Markdown, display
display(HTML('<b>bold</b><script>window.PWNED=1</script><img src=x onerror="alert(1)"><iframe src="//x"></iframe>'))
display(Javascript('window.PWNED = 2'))
display(Markdown('[link](javascript:alert(3)) <script>alert(4)</script>'))
display({'application/vnd.jupyter.widget-view+json': {'model_id': 'x'}, 'text/plain': 'w'}, raw=True)
print("\\n".join(In))"""


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


BATCH_LIMITS = Limits(memory_mb=2560, as_mb=6144, max_procs=128, tmp_mb=64, shm_mb=256)


def _course(tmp: Path) -> Path:
    course = tmp / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    if os.environ.get("TORTURE_STOCK_EXECUTE") == "1":
        cfg = course / "nbgrader_config.py"
        cfg.write_text(re.sub(r'"grading\.execute\.\w+"', '"nbgrader.preprocessors.Execute"', cfg.read_text()))
    shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "grading", course / "grading", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "source" / NAME, course / "source" / NAME)
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", NAME, "--force"],
                   cwd=course, capture_output=True, check=True)
    return course


def _submit(course: Path, cases: dict) -> dict:
    originals = {}
    for student, case in cases.items():
        folder = course / "submitted" / student / NAME
        if "symlink_folder" in case:
            folder.parent.mkdir(parents=True)
            folder.symlink_to(case["symlink_folder"], target_is_directory=True)
            continue
        folder.mkdir(parents=True)
        path = folder / case.get("filename", f"{NAME}.ipynb")
        if "raw" in case:
            path.write_text(case["raw"], encoding="utf-8")
        elif "symlink" in case:
            path.symlink_to(case["symlink"])
        else:
            nbformat.write(case["nb"], path)
        for fname, text in case.get("extra", {}).items():
            (folder / fname).write_text(text, encoding="utf-8")
        originals[student] = {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    return originals


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    course = _course(tmp_path_factory.mktemp("torture"))
    src = _source()
    release = nbformat.read(course / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    cases = _cases(src, release)
    originals = _submit(course, cases)
    # 30 s per cell: the limits probe (3 children touching 1 GiB each) must finish even with the machine busy
    # (two CPU burners beside `make test` made it miss a 10 s limit); cases that time out on purpose still do.
    outcomes = grader.grade(course, [NAME], workers=2, timeout=WALL_S, cell_timeout=30, quiet=True,
                            limits=BATCH_LIMITS)
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
        assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()} == files, student


def _status_rows(batch):
    with open(batch["course"] / "reports" / "grading_status.csv", encoding="utf-8") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


def _outputs(batch, student) -> str:
    nb = nbformat.read(batch["course"] / "autograded" / student / NAME / f"{NAME}.ipynb", as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def _marker(text: str, name: str) -> str:
    return text.split(name + " ", 1)[1].splitlines()[0]


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
    assert _total(batch, "invalid_json") == 0
    assert "JSON" in _reasons(batch, "invalid_json")


def test_renamed_notebook_is_graded_and_reported(batch):
    assert _scores(batch, "renamed") == batch["points"]
    assert "renamed notebook graded as" in _reasons(batch, "renamed")
    assert batch["outcomes"]["renamed"].flag == "warning"


def test_copy_pasted_cells_are_repaired_and_graded(batch):
    assert batch["outcomes"]["copy_pasted_cells"].status == "graded"
    assert _scores(batch, "copy_pasted_cells") == batch["points"]
    assert "duplicated cell" in _reasons(batch, "copy_pasted_cells")


@pytest.mark.parametrize("student,words", [("malformed_source", "not text"), ("symlink_notebook", "symlink"),
                                           ("symlink_folder", "symlink"), ("oversized", "oversized"),
                                           ("invalid_json", "JSON")])
def test_unusable_submissions_get_their_own_status_line(batch, student, words):
    o = batch["outcomes"][student]
    assert o.status == "invalid" and words in o.reason, o.reason
    assert _total(batch, student) == 0
    assert _status_rows(batch)[student]["status"] == "invalid"


def test_fork_bomb_is_capped_and_never_breaks_the_batch(batch):
    o = batch["outcomes"]["fork_bomb"]
    assert _status_rows(batch)["fork_bomb"]["status"] == o.status and o.seconds < WALL_S
    path = batch["course"] / "autograded" / "fork_bomb" / NAME / f"{NAME}.ipynb"
    if path.is_file() and "FORKS " in _outputs(batch, "fork_bomb"):
        assert 0 < int(_marker(_outputs(batch, "fork_bomb"), "FORKS")) < BATCH_LIMITS.max_procs


def test_deep_nesting_is_executed_and_scored(batch):
    assert batch["outcomes"]["deep_nesting"].status == "graded"
    assert _scores(batch, "deep_nesting") == batch["points"]


def test_limits_per_submission(batch):
    assert _scores(batch, "limits_probe") == batch["points"]
    text = _outputs(batch, "limits_probe")
    assert float(_marker(text, "DATALOADER")) == sum(range(64))  # workers ran with /dev/shm
    assert 0 < int(_marker(text, "TMPFILL")) <= BATCH_LIMITS.tmp_mb
    children = json.loads(_marker(text, "CHILDREN"))
    if grader.cgroup_layout():
        assert min(children) < 0, children  # the memory cgroup killed at least one of 3 x 1 GiB under 2.5 GiB
    else:
        pytest.skip("no writable cgroup: memory is limited per process (RLIMIT_AS) only")


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
    assert WALL_S <= o.seconds < WALL_S + 35


def test_huge_output_is_trimmed_and_graded(batch):
    assert _scores(batch, "huge_output") == batch["points"]
    out = batch["course"] / "autograded" / "huge_output" / NAME / f"{NAME}.ipynb"
    assert out.stat().st_size < 5_000_000


@pytest.mark.parametrize("student", ["os_exit", "always_equal", "input_transformer", "allclose_patched"])
def test_tricks_are_executed_reported_and_never_break_the_batch(batch, student):
    o = batch["outcomes"][student]
    assert o.status in {"graded", "error"} and o.status != "tampering"
    assert _status_rows(batch)[student]["flag"] == "review"
    assert any(f["student"] == student and f["severity"] == "review" for f in batch["findings"])
    assert _scores(batch, student)  # scored by running it (the judge decides whether tricks pay)


def test_no_submission_is_zeroed_unexecuted_by_the_scan(batch):
    assert not any(o.status == "tampering" for o in batch["outcomes"].values())
    for s in {s for s, o in batch["outcomes"].items() if o.status == "graded"}:
        assert (batch["course"] / "autograded" / s / NAME / f"{NAME}.ipynb").is_file(), s


def test_feedback_for_the_batch_has_no_hidden_tests(batch):
    course = batch["course"]
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_feedback", NAME, "--force"],
                   cwd=course, capture_output=True)
    pages = list((course / "feedback").rglob("*.html"))
    assert pages
    from tools.gradecheck import hidden_lines
    import html

    secrets = [s for s in hidden_lines(_source()) if len(s.strip()) >= 12]
    assert (course / "feedback" / "leaks_and_active_content").is_dir()
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        text = html.unescape(raw)
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{page}: {leaked[:2]}"
        assert "BEGIN HIDDEN TESTS" not in text and "Traceback (most recent call last)" not in text
        _assert_no_active_content(raw, page)


def _assert_no_active_content(raw: str, where) -> None:
    """No live script, handler, javascript: URL or embedded frame in an HTML page (escaped text is inert)."""
    import re

    assert not re.search(r"<script\b[^>]*>(?:(?!</script>).)*(PWNED|alert\()", raw, re.S | re.I), where
    assert not re.search(r"<(iframe|object|embed)\b", raw, re.I), where
    assert not re.search(r"<[a-zA-Z][^<>]*\son(error|load|click)\s*=", raw, re.I), where
    assert not re.search(r"<a\b[^<>]*href\s*=\s*[\"']?\s*javascript:", raw, re.I), where


def test_autograded_notebook_for_formgrader_is_sanitised(batch):
    path = batch["course"] / "autograded" / "leaks_and_active_content" / NAME / f"{NAME}.ipynb"
    from tools.gradecheck import hidden_lines

    nb = nbformat.read(path, as_version=4)
    bundles = [o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert bundles and all(set(b) <= {"text/plain", "text/html", "text/markdown", "image/png"} for b in bundles)
    for b in bundles:
        for mime in ("text/html", "text/markdown"):
            _assert_no_active_content(b.get(mime, ""), path)
            assert "<script" not in b.get(mime, "") and "javascript:" not in b.get(mime, "")
    outputs = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"], ensure_ascii=False)
    secrets = [s for s in hidden_lines(_source()) if len(s.strip()) >= 12]
    assert "hidden test text removed" in outputs  # the student printed In: the scrub really ran
    assert not [s for s in secrets if json.dumps(s, ensure_ascii=False)[1:-1] in outputs]


def test_instructor_overview_plot_and_table(batch):
    from grading import report as grades

    db = batch["course"] / "gradebook.db"
    rows = {gid: (failed, n) for _, gid, failed, n in grades.exercise_failures(db)}
    assert rows[f"test_{TARGET}"][1] == len(batch["cases"])
    full = {"ref", "huge_output", "test_cell_deleted", "sandbox_probe", "renamed", "copy_pasted_cells",
            "deep_nesting", "limits_probe", "leaks_and_active_content"}  # honest cases keeping the target cell
    kept = {s for s in batch["cases"] if _scores(batch, s).get(f"test_{TARGET}", 0) > 0}
    assert full <= kept
    assert rows[f"test_{TARGET}"][0] == len(batch["cases"]) - len(kept)
    table, png = grades.write_overview(db, batch["course"] / "reports")
    assert png.stat().st_size > 5000 and table.read_text(encoding="utf-8").count("\n") == len(rows) + 1


def test_sandbox_isolates_the_kernel(batch):
    if not grader.have_bwrap():
        pytest.skip("bubblewrap not available: process-level fallback")
    assert _scores(batch, "sandbox_probe") == batch["points"]
    nb = nbformat.read(batch["course"] / "autograded" / "sandbox_probe" / NAME / f"{NAME}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    probe = json.loads(text.split("PROBE", 1)[1].splitlines()[0])
    assert probe.pop("uid") in {grader.UID_BASE + 1, grader.UID_BASE + 2}  # the worker slot's own uid
    assert probe == {"gradebook": False, "list_root": False, "source": False, "net": False,
                     "loopback_host": False}, probe


def test_broken_environment_is_reported_once_and_writes_no_scores(tmp_path, monkeypatch):
    """`helpers` not importable inside the sandbox: every submission gets `environment-error`, no zero."""
    if not grader.have_bwrap():
        pytest.skip("bubblewrap not available: the probe cannot hide helpers/ in the fallback")
    course = _course(tmp_path)
    _submit(course, {"a": {"nb": _source()}, "b": {"raw": "{}"}})
    empty = tmp_path / "empty_helpers"
    empty.mkdir()
    monkeypatch.setattr(grader, "HELPERS", empty)
    outcomes = grader.grade(course, [NAME], workers=2, timeout=60, cell_timeout=10, quiet=True)
    assert {o.job.student: o.status for o in outcomes} == {"a": "environment-error", "b": "environment-error"}
    assert all("helpers" in o.reason for o in outcomes), [o.reason for o in outcomes]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert [s.id for s in gb.students] == []  # nothing merged, no zero written
    with open(course / "reports" / "grading_status.csv", encoding="utf-8") as f:
        assert {r["status"] for r in csv.DictReader(f)} == {"environment-error"}

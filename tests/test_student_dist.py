"""`make student-dist`: the student tree holds no solution, hidden test, mutant, unit text source or gradebook; it is
built from the last commit; it keeps an instructor's .git; its lab shows students only what they can use (Validate)."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest

from tools import config, student_dist

ROOT = config.ROOT
SOL = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HID = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def _norm(text: str) -> list[str]:
    return [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]


def _grams(lines: list[str], k: int) -> set[tuple[str, ...]]:
    return {tuple(lines[i:i + k]) for i in range(len(lines) - k + 1)}


def _assignments() -> list[tuple[str, nbformat.NotebookNode]]:
    """Every assignment in both forms: the built source notebook and its text source units/NN_slug/assignment.py."""
    import jupytext

    out = []
    for name in config.unit_names():
        out.append((name, nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4)))
        text = (ROOT / "units" / name / "assignment.py").read_text(encoding="utf-8")
        out.append((name, jupytext.reads(text, fmt="py:percent")))
    return out


def _secrets() -> dict[str, tuple[set[tuple[str, ...]], set[str]]]:
    """Per unit: every multi-line solution block verbatim, every 2-line run of a hidden block that is not
    public anyway, and every hidden assert line (these carry the Korean messages): none may be in the tree.
    Taken from the source notebooks and from the unit text sources they are built from."""
    out: dict[str, tuple[set[tuple[str, ...]], set[str]]] = {}
    for name, nb in _assignments():
        grams, asserts = out.setdefault(name, (set(), set()))
        asserts: set[str] = set()
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        public = {l for src in code for l in _norm(HID.sub("", SOL.sub("", src)))}
        for source in code:
            c = nbformat.v4.new_code_cell(source)
            for m in SOL.finditer(c.source):
                block = _norm(m.group(1))
                if len(block) >= 2:  # a whole multi-line solution, verbatim
                    grams.add(tuple(block))
            for m in HID.finditer(c.source):
                lines = _norm(m.group(1))
                grams |= {g for g in _grams(lines, 2) if not set(g) <= public}
                asserts |= {l for l in lines if l.startswith("assert ") and l not in public}
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return student_dist.build(tmp_path_factory.mktemp("dist") / "student")


def test_dist_has_what_students_need(dist):
    for name in ["course", "release", "helpers", "data", "environment.yml", "requirements.txt", "pyproject.toml",
                 "README.md", "Makefile", "course.toml", "tools/lab.py"]:
        assert (dist / name).exists(), name
    assert sorted(p.name for p in (dist / "release").iterdir()) == sorted(config.unit_names())


def test_dist_has_nothing_instructors_keep(dist):
    for name in ["source", "units", "tests", "grading", "autograded", "submitted", "feedback", "gradebook.db", "reports",
                 ".ci", "tools/gradecheck.py", "tools/grader.py", "tools/integrity.py", "tools/build.py",
                 "tools/templates", "tools/convert_check.py", "tools/nbsync.py", "tools/holdout.py",
                 "tools/nbgrader_steps.py"]:
        assert not (dist / name).exists(), name
    assert not list(dist.rglob("*mutant*")) and not list(dist.rglob("gradebook*"))
    assert student_dist.instructor_paths(dist) == []


def test_no_solution_or_hidden_test_anywhere_in_dist(dist):
    secrets = _secrets()
    assert sum(len(g) + len(a) for g, a in secrets.values()) > 100  # the scan really has something to look for
    leaks = []
    for p in dist.rglob("*"):
        if not p.is_file() or p.suffix in {".npz", ".zip", ".gz", ".png", ".jpg"} or p.stat().st_size > 2_000_000:
            continue
        text = p.read_text(encoding="utf-8", errors="ignore")
        if p.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
        lines = _norm(text)
        flat = set(lines)
        sizes = {len(g) for _, (grams, _) in secrets.items() for g in grams}
        have = set().union(*(_grams(lines, k) for k in sizes)) if sizes else set()
        for unit, (grams, asserts) in secrets.items():
            for g in grams & have:
                leaks.append(f"{p.relative_to(dist)}: [{unit}] {' / '.join(g)}")
            for line in asserts & flat:
                leaks.append(f"{p.relative_to(dist)}: [{unit}] {line}")
    assert not leaks, "\n".join(sorted(leaks)[:30])


def test_the_leak_scan_catches_a_copied_solution(dist, tmp_path):
    """Negative control: a source notebook dropped into the tree is found."""
    import shutil

    src = next(ROOT.glob("source/*/*.ipynb"))
    shutil.copy(src, dist / "course" / "leaked.ipynb")
    try:
        with pytest.raises(AssertionError):
            test_no_solution_or_hidden_test_anywhere_in_dist(dist)
    finally:
        (dist / "course" / "leaked.ipynb").unlink()


def test_the_leak_scan_catches_a_unit_text_source(dist):
    """Negative control for the text sources: units/NN_slug/assignment.py planted in the tree, under its own name or
    renamed, is found by the content scan; by name, build() refuses a tree that has it."""
    src = ROOT / "units" / "04_tensors" / "assignment.py"
    for planted in (dist / "units" / "04_tensors" / "assignment.py", dist / "helpers" / "_notes.py"):
        planted.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, planted)
        try:
            with pytest.raises(AssertionError, match="04_tensors"):
                test_no_solution_or_hidden_test_anywhere_in_dist(dist)
        finally:
            planted.unlink()
    shutil.rmtree(dist / "units")


def test_build_refuses_instructor_files(tmp_path, monkeypatch):
    """If a copy list ever named units/ (or source/, tests/), the build fails instead of publishing it."""
    monkeypatch.setattr(student_dist, "COPY_DIRS", student_dist.COPY_DIRS + ["units"])
    with pytest.raises(student_dist.DistError, match="units"):
        student_dist.build(tmp_path / "out")


def test_bootstrap_clones_the_student_repository(dist):
    nb = nbformat.read(dist / "release" / "04_tensors" / "04_tensors.ipynb", as_version=4)
    assert config.repo_url() in nb.cells[1].source


def test_student_files_are_real_files_with_help_as_default(dist):
    assert (dist / "Makefile").read_bytes() == (ROOT / "tools" / "student" / "Makefile").read_bytes()
    out = subprocess.run(["make", "-C", str(dist), "--no-print-directory"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    for target in ("lab", "doctor", "submit", "install"):
        assert re.search(rf"^{target}\s", out.stdout, re.M), out.stdout
    assert not (dist / ".venv").exists(), "`make` alone must not install anything"
    assert "make submit UNIT=04" in (dist / "README.md").read_text(encoding="utf-8")


def test_student_lab_hides_instructor_extensions(dist):
    disabled = json.loads((dist / "tools/jupyter/settings/page_config.json").read_text())["disabledExtensions"]
    for plugin in ("formgrader", "create-assignment", "assignment-list", "course-list"):
        assert f"@jupyter/nbgrader:{plugin}" in disabled
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    exts = json.loads((dist / "tools/jupyter/config/jupyter_server_config.json").read_text())["ServerApp"][
        "jpserver_extensions"]
    assert exts["nbgrader.server_extensions.formgrader"] is False
    assert exts["nbgrader.server_extensions.validate_assignment"] is True
    assert "import grading" not in (dist / "nbgrader_config.py").read_text() and "nbext" not in (dist / "nbgrader_config.py").read_text()
    # the package list finds what exists: helpers in the student tree (grading/ is the instructor's, never shipped)
    assert re.search(r'^include = \["helpers", "grading"\]$', (dist / "pyproject.toml").read_text(), re.M)
    assert (dist / "helpers").is_dir() and not (dist / "grading").exists()
    # The course's own lab keeps formgrader.
    assert not (ROOT / "tools/jupyter/config/jupyter_server_config.json").exists()


def _clone(tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(repo)], check=True, timeout=120)
    return repo


def test_built_from_the_commit_not_the_working_tree(tmp_path):
    repo = _clone(tmp_path)
    committed = (repo / "requirements.txt").read_text()
    (repo / "requirements.txt").write_text(committed + "uncommitted-package==1.0\n")
    (repo / "course" / "untracked.ipynb").write_text("{}")
    assert set(student_dist.uncommitted(["requirements.txt", "course"], root=repo)) == {
        "requirements.txt", "course/untracked.ipynb"}
    out = student_dist.build(tmp_path / "out", root=repo)
    assert (out / "requirements.txt").read_text() == committed
    assert not (out / "course" / "untracked.ipynb").exists()


def test_rebuild_keeps_the_instructors_git_folder(tmp_path):
    out = tmp_path / "student"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "stale.txt").write_text("from an older build")
    student_dist.build(out)
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert not (out / "stale.txt").exists() and (out / "release").is_dir()


def test_unknown_commit_is_refused(tmp_path):
    with pytest.raises(student_dist.DistError):
        student_dist.build(tmp_path / "out", ref="no-such-ref-xyz")


@pytest.mark.slow
def test_student_lab_serves_validate_but_not_formgrader(dist):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "studenttoken"
    env = {**os.environ, "PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "tools.lab", "--token", token], cwd=dist, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        lines = []
        while not any("/lab?token=" in l for l in lines):
            line = proc.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        assert "formgrader" not in "".join(lines)
        base = f"http://127.0.0.1:{port}"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{base}/formgrader?token={token}", timeout=10)
        assert err.value.code == 404
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as r:
            page = r.read().decode()
        data = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                    page, re.S).group(1))
        assert "@jupyter/nbgrader:formgrader" in data["disabledExtensions"]
        assert "@jupyter/nbgrader:validate-assignment" not in data["disabledExtensions"]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)

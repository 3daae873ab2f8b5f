"""Colab badge and bootstrap: generated from course.toml at build time (never in the unit text sources), a no-op
outside Colab, working inside (offline)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tools import config, nbsync

ROOT = config.ROOT


def test_repository_address_is_written_once():
    repo = config.load()["repository"]
    owner_name = f"github.com/{repo['owner']}"
    assert repo["owner"] in (ROOT / "course.toml").read_text(encoding="utf-8")
    hits = []
    for p in ROOT.rglob("*"):
        if any(part in {".venv", ".git", "release", "course", "source", "build", "__pycache__"} for part in p.relative_to(ROOT).parts):
            continue
        if p.is_file() and p.suffix in {".py", ".md", ".toml", ".yml", ".txt", ".cfg", ""} and p.stat().st_size < 1_000_000:
            if owner_name in p.read_text(encoding="utf-8", errors="ignore"):
                hits.append(p.relative_to(ROOT).as_posix())
    assert hits == [], f"the repository address must live only in course.toml: {hits}"


def test_badge_points_to_release_for_assignments():
    src = ROOT / "source" / "04_tensors" / "04_tensors.ipynb"
    header = nbsync.header_source(src) if src.exists() else ""
    if header:
        assert "/blob/main/release/04_tensors/04_tensors.ipynb" in header
    lecture = nbsync.header_source(ROOT / "course" / "00_setup.ipynb")
    assert "colab.research.google.com/github/" in lecture and "/course/00_setup.ipynb" in lecture
    assert lecture.startswith("# 00. ")


def _run_bootstrap(code: str, cwd: Path, fake_colab: bool, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    prelude = "import sys, types\n"
    if fake_colab:
        prelude += "sys.modules['google'] = types.ModuleType('google'); sys.modules['google.colab'] = types.ModuleType('google.colab')\n"
    epilogue = "\nimport os, helpers\nprint('CWD=' + os.getcwd())\nprint('HELPERS=' + os.path.dirname(helpers.__file__))\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-c", prelude + code + epilogue], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_bootstrap_does_nothing_outside_colab(tmp_path):
    out = _run_bootstrap(nbsync.bootstrap_source(), tmp_path, fake_colab=False)
    assert out.returncode == 0, out.stderr
    assert f"CWD={tmp_path}" in out.stdout
    assert list(tmp_path.iterdir()) == []


def test_bootstrap_on_colab_clones_installs_and_changes_dir(tmp_path):
    # A local git repository stands in for GitHub (no network): pyproject + helpers + data checksums.
    origin = tmp_path / "origin"
    origin.mkdir()
    shutil.copy(ROOT / "pyproject.toml", origin)
    shutil.copy(ROOT / "README.md", origin) if (ROOT / "README.md").exists() else (origin / "README.md").write_text("x")
    shutil.copytree(ROOT / "helpers", origin / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q", "-b", "main", str(origin)], check=True)
    subprocess.run(git + ["-C", str(origin), "add", "-A"], check=True)
    subprocess.run(git + ["-C", str(origin), "commit", "-qm", "x"], check=True)
    clone = tmp_path / "content" / "course"
    code = nbsync.bootstrap_source(repo_url=f"file://{origin}", clone_dir=str(clone), branch="main")
    # pip runs for real but resolves nothing online: dry run, no index, no build isolation.
    pip_env = {"PIP_DRY_RUN": "1", "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0", "PIP_NO_DEPS": "1"}
    out = _run_bootstrap(code, tmp_path, fake_colab=True, env_extra=pip_env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (clone / "helpers" / "__init__.py").is_file()
    assert f"CWD={clone}" in out.stdout
    assert f"HELPERS={clone / 'helpers'}" in out.stdout
    # A second run (cell re-executed) does not clone again and still works.
    again = _run_bootstrap(code, tmp_path, fake_colab=True, env_extra=pip_env)
    assert again.returncode == 0 and f"CWD={clone}" in again.stdout


def test_bootstrap_cell_matches_config_in_every_notebook():
    want = nbsync.bootstrap_source()
    assert config.repo_url() in want
    for p in nbsync.notebooks():
        import nbformat

        nb = nbformat.read(p, as_version=4)
        assert nb.cells[1].source == want, p


def test_readme_units_table_is_current():
    assert not nbsync.sync_readme(check=True), "README units table is stale: run `make build`"

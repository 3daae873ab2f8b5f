"""ruff over the course's Python: helpers/, tools/, tests/, grading/ and the unit sources in units/.

The version is pinned in requirements.txt and the rules live in pyproject.toml ([tool.ruff]), so `make test` and an
author's editor see the same verdict. Fix a finding with `.venv/bin/ruff check --fix PATH` (safe fixes) or by hand.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["helpers", "tools", "tests", "grading", "units"]


def _pinned_ruff() -> str:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    match = re.search(r"^ruff==(\S+)$", text, re.M)
    assert match, "requirements.txt must pin ruff exactly (ruff==X.Y.Z)"
    return match.group(1)


def test_ruff_is_the_pinned_version():
    assert metadata.version("ruff") == _pinned_ruff(), "run `make install` to get the pinned ruff"


def test_ruff_check_passes():
    paths = [p for p in PATHS if (ROOT / p).exists()]
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *paths],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, (
        f"ruff found problems (fix: `.venv/bin/ruff check --fix PATH`, then by hand):\n{out.stdout}{out.stderr}")


def test_per_file_ignores_name_existing_files():
    """An ignore entry for a file that was renamed or deleted would silently stop applying to anything."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        ignores = tomllib.load(f)["tool"]["ruff"]["lint"]["per-file-ignores"]
    stale = [p for p in ignores if not any(ch in p for ch in "*?[") and not (ROOT / p).is_file()]
    assert not stale, f"pyproject.toml [tool.ruff.lint.per-file-ignores] names missing files: {stale}"

"""Fast checks of the sandbox command lines, limits and fallback rules (no nbgrader run)."""
from __future__ import annotations

import os

import pytest

from grading import sandbox
from grading.sandbox import Limits


def test_refuses_without_sandbox_when_not_root(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.delenv("GRADE_ALLOW_UNSANDBOXED", raising=False)
    with pytest.raises(SystemExit, match="채점을 거부합니다"):
        sandbox.grade(tmp_path, sandbox=False, quiet=True)


def test_explicit_switch_allows_unsandboxed_local_experiments(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setenv("GRADE_ALLOW_UNSANDBOXED", "1")
    with pytest.raises(SystemExit, match="gradebook.db"):  # gets past the refusal
        sandbox.grade(tmp_path, sandbox=False, quiet=True)


def test_kernel_runs_as_the_slot_uid_under_limits():
    lim = Limits(memory_mb=1000, max_procs=77, as_mb=3000)
    argv = " ".join(sandbox._kernel_spec(sandbox.UID_BASE + 2, lim, "/tmp/home")["argv"])
    assert f"--reuid={sandbox.UID_BASE + 2}" in argv and "--nproc=77" in argv
    assert f"--as={3000 * 1024 * 1024}" in argv


def test_bwrap_has_size_limited_tmp_and_writable_shm(tmp_path):
    lim = Limits(tmp_mb=64, shm_mb=128)
    argv, _, _ = sandbox.wrap(["true"], tmp_path, True, lim)
    joined = " ".join(argv)
    assert f"--perms 1777 --size {64 << 20} --tmpfs /tmp" in joined
    assert f"--perms 1777 --size {128 << 20} --tmpfs /dev/shm" in joined
    assert "--unshare-net" in joined and str(sandbox.VENV) in joined


def test_fallback_keeps_the_course_gradebook_root_only(tmp_path, monkeypatch):
    db = tmp_path / "gradebook.db"
    db.write_bytes(b"x")
    db.chmod(0o644)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    sandbox._protect_course_gradebook(tmp_path)
    assert db.stat().st_mode & 0o777 == 0o600


def test_package_api_has_no_import_circle():
    import subprocess
    import sys

    code = ("import sys, grading; assert 'grading.sandbox' not in sys.modules; "
            "import grading.scan; assert 'grading.sandbox' not in sys.modules; "
            "assert callable(grading.scan) and callable(grading.report) and callable(grading.grade)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=sandbox.ROOT)

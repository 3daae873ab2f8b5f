"""`make lab`: JupyterLab starts from the course root and formgrader lists the assignments."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tools import config


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_lab_serves_formgrader_with_assignments():
    port, token = _free_port(), "testtoken123"
    proc = subprocess.Popen([sys.executable, "-m", "tools.lab", "--port", str(port), "--token", token],
                            cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        first = proc.stdout.readline() + proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/lab?token={token}" in first
        deadline, body = time.time() + 90, None
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/formgrader/api/assignments?token={token}", timeout=5) as r:
                    body = json.loads(r.read())
                    break
            except OSError:
                time.sleep(1)
        assert body is not None, "JupyterLab did not answer"
        names = {a["name"] for a in body}
        expected = {p.name for p in (config.ROOT / "source").iterdir() if p.is_dir()}
        assert expected and expected <= names, f"formgrader lists {sorted(names)}"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            assert r.status == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)

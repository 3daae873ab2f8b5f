"""`make lab`: JupyterLab starts from the course root in Korean, prints its URL once ready, formgrader lists the
assignments. (tests/test_browser.py drives the same server in a real browser.)"""
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

from tools import config, lab


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_busy_port_is_replaced_by_a_free_one():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        busy = s.getsockname()[1]
        assert not lab.port_is_free(busy)
        other = lab.pick_port(busy)
        assert other != busy and lab.port_is_free(other)


def test_settings_open_the_lab_in_korean_without_news():
    overrides = json.loads((lab.SETTINGS_DIR / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "ko_KR"
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert f"--LabApp.app_settings_dir={lab.SETTINGS_DIR}" in lab.command(8888, "t")
    from importlib import metadata

    assert metadata.version("jupyterlab-language-pack-ko-KR")  # pinned in requirements.txt


@pytest.mark.slow
def test_lab_serves_formgrader_with_assignments(tmp_path):
    port, token = _free_port(), "testtoken123"
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings")}
    # Keep another port busy where the caller asked: the lab moves to a free one and says so.
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", port))
    blocker.listen()
    proc = subprocess.Popen([sys.executable, "-m", "tools.lab", "--port", str(port), "--token", token],
                            cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env=env)
    try:
        out, url = [], None
        while url is None:
            line = proc.stdout.readline()
            assert line, "tools.lab stopped:\n" + "".join(out)
            out.append(line)
            if "/lab?token=" in line:
                url = line.split(":", 1)[1].strip()
        head = "".join(out)
        assert f"포트 {port}" in head and "make lab PORT=" in head, head
        port = int(url.split(":")[2].split("/")[0])
        assert url == f"http://127.0.0.1:{port}/lab?token={token}"
        assert (config.ROOT / "build" / "lab_url.txt").read_text().strip() == url
        # The banner comes after the server is ready: it answers at once.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5) as r:
            assert r.status == 200
        with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}",
                timeout=10) as r:
            assert json.loads(r.read())["schema"]["properties"]["locale"]["default"] == "ko_KR"
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
        blocker.close()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)

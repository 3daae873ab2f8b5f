"""Start JupyterLab from the course root with nbgrader (used by `make lab`).

    python -m tools.lab [--port 8888] [--ip 127.0.0.1] [--token T] [--timeout 120]

- The interface opens in Korean and never asks about Jupyter news: defaults in tools/jupyter/settings/
  (passed as the lab's app settings dir; English is one setting away: 설정 → 언어 → English).
- A project-local tools/jupyter/config/ (when present, e.g. in the student distribution) is put first on
  JUPYTER_CONFIG_PATH: it can switch server extensions off.
- Server logs go to build/lab.log. Once the server answers, a banner with the token URL is printed and the URL is
  written to build/lab_url.txt (removed again when the lab stops).
- A busy port (or $PORT) is replaced by a free one, with a note. Runs as root too (adds --allow-root).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .config import ROOT

JUPYTER_DIR = ROOT / "tools" / "jupyter"
SETTINGS_DIR = JUPYTER_DIR / "settings"
CONFIG_DIR = JUPYTER_DIR / "config"
BUILD = ROOT / "build"
LOG = BUILD / "lab.log"
URL_FILE = BUILD / "lab_url.txt"


def command(port: int, token: str, ip: str = "127.0.0.1") -> list[str]:
    """The jupyter lab command line for the course."""
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={ROOT}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        f"--IdentityProvider.token={token}",
        f"--LabApp.app_settings_dir={SETTINGS_DIR}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def lab_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of the Jupyter server (and so of its kernels)."""
    env = dict(os.environ if base is None else base)
    env.setdefault("COURSE_PROGRESS", "1")
    if CONFIG_DIR.is_dir():
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            p for p in (str(CONFIG_DIR), env.get("JUPYTER_CONFIG_PATH", "")) if p)
    return env


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port and we may bind it."""
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def pick_port(wanted: int, host: str = "127.0.0.1", tries: int = 20) -> int:
    """`wanted` if free, else the next free port after it, else one the OS picks."""
    for port in range(wanted, wanted + tries):
        if port_is_free(port, host):
            return port
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def banner(host: str, port: int, token: str) -> str:
    """What `make lab` prints once the server answers."""
    base = f"http://{host}:{port}"
    lines = [
        "=" * 78,
        f"  JupyterLab   : {base}/lab?token={token}",
        f"  채점 관리자  : {base}/formgrader?token={token}  (formgrader, 강사용)",
        f"  주소 파일    : {URL_FILE.relative_to(ROOT)}   서버 로그: {LOG.relative_to(ROOT)}",
        "  화면 언어    : 한국어 (영어로 바꾸기: 설정 → 언어 → English)",
        "  종료         : 이 터미널에서 Ctrl+C",
        "=" * 78,
    ]
    if not formgrader_enabled():
        del lines[2]
    return "\n".join(lines)


def formgrader_enabled() -> bool:
    """False when the project-local server config switches nbgrader's formgrader off (student distribution)."""
    path = CONFIG_DIR / "jupyter_server_config.json"
    try:
        exts = json.loads(path.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    except (OSError, ValueError, KeyError):
        return True
    return exts.get("nbgrader.server_extensions.formgrader", True) is not False


def wait_ready(proc: subprocess.Popen, host: str, port: int, token: str, timeout: float) -> bool:
    """Poll the server's status API until it answers (False when it died or timed out)."""
    deadline = time.monotonic() + timeout
    url = f"http://{host}:{port}/api/status?token={token}"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=3) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """Ask the server to shut down (SIGTERM: it stops its kernels), then insist."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _tail(path: Path, n: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8888))
    parser.add_argument("--ip", default=os.environ.get("IP", "127.0.0.1"))
    parser.add_argument("--token", default=os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16))
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for the server")
    args = parser.parse_args(argv)
    host = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
    port = pick_port(args.port, host)
    if port != args.port:
        print(f"⚠️ 포트 {args.port} 은(는) 이미 사용 중이라 빈 포트 {port} 을(를) 씁니다 "
              f"(직접 고르려면: make lab PORT=9000).", flush=True)
    BUILD.mkdir(exist_ok=True)
    URL_FILE.unlink(missing_ok=True)
    print(f"JupyterLab 을 시작합니다… (서버 로그: {LOG.relative_to(ROOT)})", flush=True)
    log = open(LOG, "w", encoding="utf-8")  # noqa: SIM115 - the server writes to it for its whole life
    proc = subprocess.Popen(command(port, args.token, args.ip), cwd=ROOT, env=lab_env(), stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def _terminate(signum, frame):  # noqa: ANN001, ARG001 - signal handler
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl+C, even when started with SIGINT ignored
    signal.signal(signal.SIGTERM, _terminate)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _terminate)
    try:
        if not wait_ready(proc, host, port, args.token, args.timeout):
            print(f"❌ JupyterLab 이 {args.timeout:.0f}초 안에 응답하지 않았습니다. 서버 로그 "
                  f"({LOG.relative_to(ROOT)}) 의 마지막 부분:\n{_tail(LOG)}", file=sys.stderr, flush=True)
            stop(proc)
            return 1
        url = f"http://{host}:{port}/lab?token={args.token}"
        URL_FILE.write_text(url + "\n", encoding="utf-8")
        print(banner(host, port, args.token), flush=True)
        code = proc.wait()
        if code:
            print(f"JupyterLab 이 종료 코드 {code} 로 끝났습니다. 서버 로그:\n{_tail(LOG)}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):  # nobody reads our output any more
            print("\nJupyterLab 을 종료합니다…", flush=True)
        stop(proc)
        return 0
    finally:
        URL_FILE.unlink(missing_ok=True)
        log.close()


if __name__ == "__main__":
    sys.exit(main())

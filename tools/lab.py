"""Start JupyterLab from the course root with nbgrader's formgrader (used by `make lab`).

Prints the URL with its token first. Runs as root too (adds --allow-root). Port: --port or $PORT.
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys

from .config import ROOT


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
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8888)))
    parser.add_argument("--ip", default=os.environ.get("IP", "127.0.0.1"))
    parser.add_argument("--token", default=os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16))
    args = parser.parse_args(argv)
    host = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
    print("=" * 72)
    print(f"  JupyterLab   : http://{host}:{args.port}/lab?token={args.token}")
    print(f"  채점 관리자  : http://{host}:{args.port}/formgrader?token={args.token}  (formgrader)")
    print("  종료: Ctrl+C 두 번")
    print("=" * 72, flush=True)
    os.chdir(ROOT)
    env = dict(os.environ)
    env.setdefault("COURSE_PROGRESS", "1")
    os.execve(sys.executable, command(args.port, args.token, args.ip), env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())

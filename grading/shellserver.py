"""A student's process for fast checks: an IPython shell driven over two FIFOs, that can fork itself.

    python -m grading.shellserver CMD_FIFO REPLY_FIFO

Commands are JSON lines on CMD_FIFO, answers JSON lines on REPLY_FIFO:
- {"cmd": "run", "code": ...}: run one cell (IPython semantics); answers {"ok": bool, "ename": ..., "evalue": ...};
- {"cmd": "fork", "cmd_fifo": ..., "reply_fifo": ...}: fork; the child serves the new FIFOs from this exact state
  (answers {"pid": ...} on the old FIFO, {"ready": true} on the new one);
- {"cmd": "exit"}.

Used by grading/fastcheck.py to judge many wrong answers of one exercise from one warm state: each case runs in a
fork of the reference run, so that what one case does to its process (patching torch, threads, tracers) cannot
reach the next. The judge is the same as in real grading (grading/judge.py); only the transport differs.
Student output is discarded (stdout/stderr go to /dev/null).
"""
from __future__ import annotations

import json
import os
import signal
import sys


def _open(cmd_path: str, reply_path: str) -> tuple:
    cmd = open(cmd_path, encoding="utf-8")  # noqa: SIM115 - the server's lifetime
    reply = open(reply_path, "w", encoding="utf-8")  # noqa: SIM115
    return cmd, reply


def main(argv: list[str]) -> int:
    cmd_path, reply_path = argv[0], argv[1]
    devnull = os.open(os.devnull, os.O_RDWR)
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["__name__"] = "__main__"
    cmd, reply = _open(cmd_path, reply_path)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked cases are reaped automatically
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)

    def answer(obj: dict) -> None:
        reply.write(json.dumps(obj) + "\n")
        reply.flush()

    while True:
        line = cmd.readline()
        if not line:
            return 0
        msg = json.loads(line)
        if msg["cmd"] == "run":
            try:
                result = shell.run_cell(msg["code"], store_history=bool(msg.get("history", True)))
                err = result.error_in_exec or result.error_before_exec
            except BaseException as exc:  # noqa: BLE001 - a student's SystemExit or worse
                err = exc
            if err is None:
                answer({"ok": True})
            else:
                answer({"ok": False, "ename": type(err).__name__, "evalue": str(err)[:500]})
        elif msg["cmd"] == "fork":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                cmd.close()
                reply.close()
                cmd, reply = _open(msg["cmd_fifo"], msg["reply_fifo"])
                answer({"ready": True})
            else:
                answer({"pid": pid})
        elif msg["cmd"] == "exit":
            os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

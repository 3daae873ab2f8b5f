"""nbgrader's Execute step with the judge: student cells run in the kernel, test cells are judged here.

Named in nbgrader_config.py (`c.Autograde.autograde_preprocessors`) in place of `nbgrader.preprocessors.Execute`.

For every cell of the submission, in order:
- a cell that is not a test cell (given code, answers, the student's own cells) runs in the kernel as usual;
- a test cell runs twice: its *visible* part runs in the kernel (what the student ran in the lab, so that later
  cells see the same state; its outputs are dropped), then the whole cell, hidden tests included, runs in the
  judge (grading/judge.py) in this process. The cell's outputs are replaced by what the judge produced: what the
  test printed, and one `error` output when it failed. No `execute_result` is ever produced for a test cell, so
  nbgrader's partial credit from an output cannot be reached by anything the student prints or displays.

The judge learns the instructor's given cells (imports, `device = helpers.setup(...)`, data loading) from the
release notebook (`release/<assignment>/<notebook>.ipynb` under the course root), never from the submission.
"""
from __future__ import annotations

import json
import os
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade, is_solution
from traitlets import Integer, Unicode

from . import judge as judge_mod

MAX_RESPONSE = 256 * 1024 * 1024


def _nbgrader_id(cell: Any) -> str | None:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def is_test_cell(cell: Any) -> bool:
    return cell.get("cell_type") == "code" and is_grade(cell) and not is_solution(cell)


class JudgedExecute(Execute):
    """Execute with out-of-process judging of test cells (see module docstring)."""

    release_directory = Unicode("release", help="release folder, relative to the working directory").tag(config=True)
    request_timeout = Integer(0, help="seconds per judge request (0: the cell timeout)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> Any:  # noqa: D102
        self._judge: judge_mod.Judge | None = None
        self._given: list[tuple[str | None, str]] = []
        self._given_done = 0
        self._current_index = 0
        self._unresponsive = False
        self._release_ids: list[str | None] = []
        self._exchange = Path(tempfile.mkdtemp(prefix="judge-"))
        os.chmod(self._exchange, 0o1777)  # the kernel may run as another user: it must write its answers here
        self._boot = self._exchange / "boot.py"
        self._boot.write_text(_bootstrap_source(), encoding="utf-8")
        os.chmod(self._boot, 0o644)
        self._load_release(resources or {})
        try:
            return super().preprocess(nb, resources, km)
        finally:
            for p in self._exchange.glob("*"):
                p.unlink(missing_ok=True)
            self._exchange.rmdir()

    # -- the release notebook (the instructor's given cells) -------------------------------------------------------
    def _load_release(self, resources: dict) -> None:
        info = resources.get("nbgrader", {})
        assignment, notebook = info.get("assignment"), info.get("notebook")
        path = Path(self.release_directory) / str(assignment) / f"{notebook}.ipynb"
        if not path.is_file():
            raise RuntimeError(f"judge: release notebook {path} is missing (run `make release`)")
        release = nbformat.read(path, as_version=4)
        order: list[tuple[str | None, str]] = []
        for cell in release.cells:
            if cell.cell_type != "code":
                continue
            if is_test_cell(cell):
                order.append((_nbgrader_id(cell), ""))
            elif not is_solution(cell):
                order.append((None, cell.source))
        self._given = order

    def _run_given_until(self, grade_id: str | None) -> None:
        """Run (in the judge) the given cells of the release that come before this test cell."""
        assert self._judge is not None
        while self._given_done < len(self._given):
            gid, source = self._given[self._given_done]
            if gid is not None and gid == grade_id:
                self._given_done += 1
                return
            if gid is None:
                self._judge.run_given(source)
            self._given_done += 1

    # -- talking to the kernel ------------------------------------------------------------------------------------
    def _transport(self, body: bytes) -> str:
        if self._unresponsive:
            raise judge_mod.JudgeError("학생 커널이 앞선 요청에 답하지 않아 더 묻지 않습니다 (kernel unresponsive)")
        token = secrets.token_hex(8)
        req, resp = self._exchange / f"req-{token}.bin", self._exchange / f"resp-{token}.json"
        req.write_bytes(body)
        os.chmod(req, 0o644)
        code = (
            "try:\n    __grading_agent__\nexcept NameError:\n"
            f"    exec(open({str(self._boot)!r}, encoding='utf-8').read(), {{'__ns__': globals()}})\n"
            f"__grading_agent__.serve({str(req)!r}, {str(resp)!r}, globals())"
        )
        cell = nbformat.v4.new_code_cell(code)
        try:
            self._run_aside(cell, self._current_index)
        finally:
            req.unlink(missing_ok=True)
        try:
            fd = os.open(resp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            reason = _kernel_failure(cell)
            if "Timeout" in reason or "timeout" in reason:
                self._unresponsive = True  # every later request would wait the whole cell timeout again
            raise judge_mod.JudgeError(reason) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_RESPONSE:
                raise judge_mod.JudgeError("학생 프로세스의 응답이 올바르지 않습니다 (bad response file)")
            with os.fdopen(fd, "r", encoding="utf-8", errors="replace") as f:
                fd = -1
                return f.read()
        finally:
            if fd >= 0:
                os.close(fd)
            resp.unlink(missing_ok=True)

    def _run_aside(self, cell: Any, index: int, store_history: bool = False) -> None:
        """Execute a cell that is not part of the notebook (nbclient writes executed cells back into nb.cells)."""
        saved = self.nb.cells[index]
        try:
            self.execute_cell(cell, index, store_history=store_history)
        finally:
            self.nb.cells[index] = saved

    # -- cells ------------------------------------------------------------------------------------------------------
    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> Any:  # noqa: D102
        if not is_test_cell(cell):
            return super().preprocess_cell(cell, resources, index)
        self._check_assign_resources(resources)
        visible = judge_mod.visible_part(cell.source)
        probe = nbformat.v4.new_code_cell(visible)
        self._current_index = index
        self._run_aside(probe, index, store_history=True)  # state as in the lab; outputs dropped
        if self._judge is None:
            self._judge = judge_mod.Judge(self._transport)
        self._run_given_until(_nbgrader_id(cell))
        try:
            _passed, printed, error = self._judge.run_test(cell.source)
        except judge_mod.JudgeError as exc:
            printed, error = "", ("JudgeError", str(exc))
        outputs = []
        if printed:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=printed))
        if error is not None:
            ename, evalue = error
            outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                                  traceback=[f"{ename}: {evalue}" if evalue else ename]))
        cell.outputs = outputs
        cell.execution_count = probe.get("execution_count")
        return cell, self.resources


def _kernel_failure(cell: Any) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"학생 커널이 요청에 답하지 못했습니다 ({out.get('ename')}: {str(out.get('evalue'))[:200]})"
    return "학생 커널이 요청에 답하지 못했습니다 (no answer from the kernel)"


def _bootstrap_source() -> str:
    sources = judge_mod.agent_sources()
    return (
        "import sys as _s, types as _t\n"
        f"_src = {json.dumps(sources)}\n"
        "for _n in ('_grading_wire', '_grading_testkit', '_grading_agent'):\n"
        "    _m = _t.ModuleType(_n); _m.__file__ = '<' + _n + '>'; _s.modules[_n] = _m\n"
        "    exec(compile(_src[_n], '<' + _n + '>', 'exec'), _m.__dict__)\n"
        "__ns__['__grading_agent__'] = _s.modules['_grading_agent']\n"
    )

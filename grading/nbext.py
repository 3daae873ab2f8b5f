"""nbgrader preprocessors of the course (referenced by name from nbgrader_config.py)."""
from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Integer

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class MinimalTracebacks(Preprocessor):
    """Reduce every error output to its last line `Name: message` (no hidden-test source in feedback).

    The grading kernel already runs with xmode=Minimal, but a submission could switch that back; this makes
    feedback safe whatever the kernel printed.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):  # noqa: ANN001, D102
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    ename, evalue = out.get("ename", "Error"), ANSI.sub("", str(out.get("evalue", "")))
                    out["traceback"] = [f"{ename}: {evalue}" if evalue else ename]
        return cell, resources


class LimitOutputChars(Preprocessor):
    """Cap the text of every output at `max_chars` (LimitOutput only counts lines: one 20 MB line passes)."""

    enabled = Bool(True).tag(config=True)
    max_chars = Integer(20_000).tag(config=True)

    def _cut(self, text: str) -> str:
        if len(text) <= self.max_chars:
            return text
        return text[: self.max_chars] + f"\n… (출력 {len(text):,}자 중 {self.max_chars:,}자만 표시 / output truncated)\n"

    def preprocess_cell(self, cell, resources, index):  # noqa: ANN001, D102
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                if "text" in out and isinstance(out["text"], str):
                    out["text"] = self._cut(out["text"])
                for key, value in list(out.get("data", {}).items()):
                    if isinstance(value, str):
                        out["data"][key] = self._cut(value)
        return cell, resources

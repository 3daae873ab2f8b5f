"""nbgrader preprocessors and the export plugin of the course (referenced by name from nbgrader_config.py)."""
from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from nbgrader.plugins.export import CsvExportPlugin
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


# --- Sanitising what students and formgrader see -------------------------------------------------------------

SAFE_MIME = {"text/plain", "image/png", "image/jpeg", "image/gif"}
CLEANED_MIME = {"text/html", "text/markdown"}
ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6",
                "hr", "i", "img", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td",
                "tfoot", "th", "thead", "tr", "ul", "caption", "dl", "dt", "dd", "small", "del", "ins", "kbd"}
ALLOWED_ATTRS = {"a": ["href", "title"], "img": ["src", "alt", "width", "height"], "td": ["colspan", "rowspan"],
                 "th": ["colspan", "rowspan"], "table": ["class"], "div": ["class"], "span": ["class"]}
MIN_SECRET = 12  # hidden-test lines shorter than this are too common to scrub
REDACTED = "[숨겨진 테스트 내용 제거됨 (hidden test text removed)]"
HIDDEN_BLOCK = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*$", re.S | re.M)


def clean_html(text: str) -> str:
    """HTML without scripts, event handlers, javascript: URLs, iframes, objects or embeds (bleach allowlist)."""
    import bleach

    return bleach.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, protocols={"http", "https", "mailto"},
                        strip=True, strip_comments=True)


JS_URL = re.compile(r"(?i)(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*:")
TAG = re.compile(r"<\s*(/\s*)?[a-zA-Z!][^<>]*>")


def clean_markdown(text: str) -> str:
    """Markdown with its raw HTML cleaned (only when it has tags, so plain markdown is unchanged) and no
    javascript:/data: link targets."""
    if TAG.search(text):
        text = clean_html(text)
    return JS_URL.sub("blocked:", text)


def secret_lines(sources: list[str]) -> set[str]:
    """Lines of hidden-test blocks (stripped, at least MIN_SECRET characters) not also shown to students."""
    hidden, visible = set(), set()
    for src in sources:
        for block in HIDDEN_BLOCK.findall(src):
            hidden.update(l.strip() for l in block.splitlines()[1:-1])
        visible.update(l.strip() for l in HIDDEN_BLOCK.sub("", src).splitlines())
    secrets = {l for l in hidden - visible if len(l) >= MIN_SECRET}
    return secrets | ({"BEGIN HIDDEN TESTS", "END HIDDEN TESTS"} if hidden else set())


def scrub(text: str, secrets: set[str]) -> str:
    """`text` with every line that contains a secret line replaced by a notice."""
    if not secrets or not text:
        return text
    lines = text.split("\n")
    out = [REDACTED if any(s in line for s in secrets) else line for line in lines]
    return "\n".join(out)


def _join(v) -> str:  # noqa: ANN001
    return v if isinstance(v, str) else "".join(v) if isinstance(v, list) else str(v)


class SanitizeOutputs(Preprocessor):
    """Outputs safe to show: no active content, no hidden-test text.

    - Every output bundle keeps only text/plain and raster images; text/html and text/markdown are cleaned
      with bleach (no <script>, on* handlers, javascript: URLs, <iframe>/<object>/<embed>); JavaScript, SVG,
      widget views and any other MIME type are dropped.
    - Markdown and raw cells are cleaned the same way (their HTML is rendered in feedback).
    - Every output line containing a line of the hidden tests (read from the gradebook's source cells, or the
      course's source notebook) is replaced by a notice, whatever the student's code printed or raised.
    """

    enabled = Bool(True).tag(config=True)

    def _secrets(self, resources) -> set[str]:  # noqa: ANN001
        info = (resources or {}).get("nbgrader", {})
        sources: list[str] = []
        try:
            from nbgrader.api import Gradebook

            with Gradebook(info["db_url"]) as gb:
                nb = gb.find_notebook(info["notebook"], info["assignment"])
                sources = [c.source or "" for c in nb.source_cells]
        except Exception:  # noqa: BLE001 - fall back to the source notebook when the gradebook cannot say
            try:
                import os

                import nbformat

                root = os.getcwd()
                path = os.path.join(root, "source", info["assignment"], info["notebook"] + ".ipynb")
                src_nb = nbformat.read(path, as_version=4)
                sources = [c.source for c in src_nb.cells]
            except Exception:  # noqa: BLE001
                sources = []
        return secret_lines(sources)

    def preprocess(self, nb, resources):  # noqa: ANN001, D102
        self._secret_set = self._secrets(resources)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):  # noqa: ANN001, D102
        secrets = getattr(self, "_secret_set", set())
        if cell.cell_type in ("markdown", "raw"):
            cell.source = clean_markdown(_join(cell.source))
            if "attachments" in cell:
                cell.attachments = {k: {m: v for m, v in b.items() if m in SAFE_MIME}
                                    for k, b in cell.attachments.items() if isinstance(b, dict)}
            return cell, resources
        if cell.cell_type != "code":
            return cell, resources
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                out["text"] = scrub(_join(out.get("text", "")), secrets)
            elif kind == "error":
                out["ename"] = scrub(str(out.get("ename", "Error")), secrets)[:200]
                out["evalue"] = scrub(ANSI.sub("", str(out.get("evalue", ""))), secrets)
                out["traceback"] = [scrub(ANSI.sub("", _join(t)), secrets) for t in out.get("traceback", [])]
            elif kind in ("display_data", "execute_result"):
                data = out.get("data", {})
                clean = {}
                for mime, value in data.items():
                    if mime in SAFE_MIME:
                        clean[mime] = scrub(_join(value), secrets) if mime == "text/plain" else value
                    elif mime == "text/html":
                        clean[mime] = scrub(clean_html(_join(value)), secrets)
                    elif mime == "text/markdown":
                        clean[mime] = scrub(clean_markdown(_join(value)), secrets)
                if not clean:
                    clean["text/plain"] = "(표시할 수 없는 출력 제거됨 / active output removed)"
                out["data"] = clean
                if isinstance(out.get("metadata"), dict):
                    out["metadata"] = {k: v for k, v in out["metadata"].items() if k in SAFE_MIME}
        return cell, resources


class SafeCsvExportPlugin(CsvExportPlugin):
    """`nbgrader export` to CSV with formula-safe cells (a grade_id or name starting with = + - @)."""

    def export(self, gradebook):  # noqa: ANN001, D102
        super().export(gradebook)
        from pathlib import Path

        from .csvsafe import make_safe

        make_safe(Path(self.to or "grades.csv"))

"""data/DATA.md, the students' page about the shipped data, rendered from data/datasets.toml.

`python -m helpers._datamd` rewrites data/DATA.md; `--check` exits 1 when the committed page is stale.
tests/helpers/test_data.py runs the check, so the page cannot drift from the table.
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from ._paths import data_dir
from .data import TABLE_NAME

PAGE_NAME = "DATA.md"
GENERATED = "<!-- Generated from datasets.toml by `python -m helpers._datamd`: edit the table, not this page. -->"


def _files_cell(files: list[dict[str, Any]]) -> str:
    """'nsmc/a.tsv.gz, b.tsv.gz': the first path in full, the following ones by name when in the same folder."""
    paths = [f["path"] for f in files]
    if not paths:
        return ""
    folder = Path(paths[0]).parent
    rest = [p if Path(p).parent != folder else Path(p).name for p in paths[1:]]
    return ", ".join([paths[0], *rest])


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render(table: dict[str, Any]) -> str:
    """The Markdown page for a parsed datasets.toml."""
    lines = [GENERATED, f"# {table['title']}", "", table["intro"].strip(), "",
             "| file | what | loader | source | licence |", "|---|---|---|---|---|"]
    for entry in table["dataset"]:
        loader = f"`{entry['loader']}`" + (f" {entry['loader_note']}" if entry.get("loader_note") else "")
        cells = [_files_cell(entry.get("files", [])), entry["what"], loader, entry["source"], entry["licence"]]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    checks = [entry["checks"] for entry in table["dataset"] if entry.get("checks")]
    if checks:
        lines += ["", f"Checks done upstream: {'; '.join(checks)}."]
    lines += ["", table["outro"].strip(), ""]
    return "\n".join(lines)


def render_dir(folder: Path | None = None) -> str:
    """The page for the table in `folder` (default: the course's data/)."""
    folder = folder or data_dir()
    with open(folder / TABLE_NAME, "rb") as f:
        return render(tomllib.load(f))


def main(argv: list[str] | None = None) -> int:
    """Write data/DATA.md (or with --check, report whether it is current)."""
    args = sys.argv[1:] if argv is None else argv
    folder = data_dir()
    page = folder / PAGE_NAME
    text = render_dir(folder)
    current = page.read_text(encoding="utf-8") if page.is_file() else None
    if "--check" in args:
        if current != text:
            print(f"{page} is stale: run `python -m helpers._datamd`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        page.write_text(text, encoding="utf-8")
        print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

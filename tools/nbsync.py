"""The managed cells that open every notebook (title + Colab badge [+ hand-in lines], Colab bootstrap) and the
README units table, all generated from course.toml.

The unit text sources (units/NN_slug/*.py) never contain the managed cells: tools/build.py puts them in front of
the authored cells when it builds course/ and source/. Managed cells carry metadata
{"course_managed": "header" | "bootstrap"}; everything else is the author's.

    python -m tools.nbsync          # the same as python -m tools.build (make sync = make build)
    python -m tools.nbsync --check  # exit 1 if any notebook or the README table is stale
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from . import config

ROOT = config.ROOT
BADGE = "https://colab.research.google.com/assets/colab-badge.svg"


def bootstrap_source(repo_url: str | None = None, clone_dir: str | None = None, branch: str | None = None) -> str:
    """Code of the Colab bootstrap cell: clone + install helpers + chdir on Colab, nothing elsewhere."""
    repo_url = repo_url or config.repo_url()
    clone_dir = clone_dir or config.load()["colab"]["clone_dir"]
    branch = branch or config.load()["repository"]["branch"]
    return (
        "# Colab 에서만 동작하는 준비 셀입니다. JupyterLab 등 다른 환경에서는 아무것도 하지 않습니다.\n"
        "# (On Colab: clone the course, install `helpers`, work from the course folder.)\n"
        "import os, subprocess, sys\n"
        'if "google.colab" in sys.modules:\n'
        f'    _REPO, _BRANCH, _DIR = "{repo_url}", "{branch}", "{clone_dir}"\n'
        "    if not os.path.isdir(os.path.join(_DIR, \"helpers\")):\n"
        '        subprocess.run(["git", "clone", "--depth", "1", "--branch", _BRANCH, _REPO, _DIR], check=True)\n'
        '        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", _DIR], check=True)\n'
        "    os.chdir(_DIR)\n"
        "    if _DIR not in sys.path:\n"
        "        sys.path.insert(0, _DIR)"
    )


def handin_source(unit: config.Unit) -> str:
    """The hand-in lines of an assignment header (Korean, for students)."""
    n, name = unit.number, unit.name
    return (
        f"**제출 방법**: 모든 `# YOUR CODE HERE` 를 채우고 저장한 뒤\n"
        f"- 내 컴퓨터(JupyterLab): 터미널에서 `make submit UNIT={n}` (또는 `python -m helpers submit {n}`) → "
        f"노트북을 새 커널로 실행해 보고 `build/submit/{name}.zip` 을 만듭니다. 그 파일을 올리세요.\n"
        f"- Colab: 파일 → 다운로드 → .ipynb 다운로드 로 받은 노트북을 그대로 올리세요 "
        f"(`{name}.ipynb의 사본` 처럼 이름이 바뀌어도 됩니다).\n\n"
        f"보이는 테스트를 통과해도 채점 때는 숨은 테스트가 더 실행됩니다. 테스트 셀은 지우거나 고치지 마세요."
    )


def header_source(nb_path: Path) -> str:
    """Title line and Colab badge for a notebook (source/ notebooks link to their release/ copy); assignments also
    get the hand-in lines (make submit / Colab download)."""
    rel = nb_path.resolve().relative_to(ROOT).as_posix()
    if rel.startswith("source/"):
        rel = "release/" + rel.removeprefix("source/")
    unit = config.unit_by_name(nb_path.stem)
    text = (
        f"# {unit.number}. {unit.title}\n\n"
        f'<a href="{config.colab_url(rel)}" target="_parent"><img src="{BADGE}" alt="Colab에서 열기 (Open In Colab)"/></a>'
    )
    if rel.startswith("release/"):
        text += "\n\n" + handin_source(unit)
    return text


def managed_cells(nb_path: Path) -> list[nbformat.NotebookNode]:
    """The two managed cells that open every notebook."""
    header = nbformat.v4.new_markdown_cell(header_source(nb_path), metadata={"course_managed": "header"})
    boot = nbformat.v4.new_code_cell(bootstrap_source(), metadata={"course_managed": "bootstrap"})
    return [header, boot]


def notebooks() -> list[Path]:
    """Every course and source notebook of the units listed in course.toml."""
    lectures = [ROOT / "course" / f"{u.name}.ipynb" for u in config.units()]
    return lectures + [ROOT / "source" / u.name / f"{u.name}.ipynb" for u in config.units()]


def units_table() -> str:
    """Markdown table of the units in course.toml (for README.md)."""
    rows = ["| # | 단원 (unit) | 강의 | 과제 | 상태 |", "|---|---|---|---|---|"]
    for u in config.units():
        lecture = f"[course/{u.name}.ipynb](course/{u.name}.ipynb)"
        task = f"[release/{u.name}](release/{u.name}/{u.name}.ipynb)"
        rows.append(f"| {u.number} | {u.title} | {lecture} | {task} | {u.status} |")
    return "\n".join(rows)


def sync_readme(check: bool = False) -> bool:
    """Rewrite the units table between the README markers; True when it changed."""
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- units:start -->", "<!-- units:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    new = f"{head}{start}\n{units_table()}\n{end}{tail}"
    if new == text:
        return False
    if not check:
        path.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    from . import build

    return build.main(argv)


if __name__ == "__main__":
    sys.exit(main())

"""Build the tree students get (`make student-dist`): no source/, no solutions, no hidden tests.

    python -m tools.student_dist [--out build/student-dist]

Contents: course/, release/, helpers/, data/, environment.yml, requirements.txt, pyproject.toml, course.toml,
nbgrader_config.py, tools/{__init__,config,lab}.py (for `make lab`), a student Makefile and README.
Publish that tree as the public repository named in course.toml (the Colab bootstrap clones it).
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .config import ROOT

COPY_DIRS = ["course", "release", "helpers", "data"]
COPY_FILES = ["environment.yml", "requirements.txt", "pyproject.toml", "course.toml", "nbgrader_config.py", ".gitignore"]
TOOLS = ["__init__.py", "config.py", "lab.py", "nbgrader_ext.py"]

MAKEFILE = """# 파이토치 딥러닝 과정 (학생용)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
PORT ?= 8888

.PHONY: lab install doctor
$(STAMP): requirements.txt pyproject.toml
\t@rm -f $(VENV)/.installed-*
\t@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
\t$(BIN)/python -m pip install -q -r requirements.txt
\t$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
\t@touch $@

install: $(STAMP)

lab: install ## JupyterLab (prints the URL with its token)
\t@$(BIN)/python -m tools.lab --port $(PORT)

doctor: install ## check versions, data, Korean font, device
\t@$(BIN)/python -m helpers doctor
"""

README = """# 파이토치 딥러닝 과정 (학생용 배포본)

- `make lab` — 처음이면 `.venv` 에 패키지를 설치하고 JupyterLab 을 엽니다 (토큰이 붙은 주소를 출력합니다).
- 강의 노트북: `course/`, 과제 노트북: `release/NN_주제/NN_주제.ipynb` (`# YOUR CODE HERE` 를 채우고 테스트 셀 실행).
- Colab: 노트북 맨 위의 "Colab에서 열기" 배지를 누르세요. 첫 코드 셀이 이 저장소를 받아 `helpers` 를 설치합니다.
- conda: `conda env create -f environment.yml && conda activate pytorch-dl-kr`
- 환경 점검: `make doctor` (버전, 데이터 체크섬, 한글 글꼴, 장치)
- 데이터 출처와 라이선스: `data/DATA.md`, 용어집: `course/GLOSSARY.md`

과제의 보이는 테스트(visible tests)를 통과해도 채점 때는 숨은 테스트(hidden tests)가 더 실행됩니다.
함수가 예시 입력뿐 아니라 어떤 올바른 입력에도 맞게 동작하도록 작성하세요.

English: the student copy of the Korean PyTorch course. `make lab` installs and opens JupyterLab; lectures in
course/, assignments in release/; open any notebook in Colab with its badge.
"""


def build(out: Path) -> Path:
    """Write the student distribution to `out` (replacing it)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for d in COPY_DIRS:
        shutil.copytree(ROOT / d, out / d, ignore=ignore)
    for f in COPY_FILES:
        if (ROOT / f).exists():
            shutil.copy(ROOT / f, out / f)
    (out / "tools").mkdir()
    for f in TOOLS:
        shutil.copy(ROOT / "tools" / f, out / "tools" / f)
    (out / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    (out / "README.md").write_text(README, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student-dist")
    args = parser.parse_args(argv)
    out = build(args.out)
    n = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"학생 배포본: {out} ({n} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

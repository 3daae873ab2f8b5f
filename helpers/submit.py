"""Hand in an assignment: `python -m helpers submit 04` (also `make submit UNIT=04`).

1. Finds the student's notebook for the unit: `--file PATH`, else release/NN_slug/ and the current folder, also
   under the names Colab and browsers give copies ("Copy of 04_tensors.ipynb", "04_tensors.ipynb의 사본.ipynb",
   "04_tensors (1).ipynb"); the most recently saved one wins.
2. Checks it: an nbgrader assignment notebook of that unit (test cells present), run top to bottom in a fresh
   kernel (like nbgrader validate) and reports in Korean which test cells fail (`--no-run` skips this).
3. Packs it as build/submit/NN_slug.zip holding NN_slug/NN_slug.ipynb (the file as the student saved it, under
   the name the grader expects), whatever the student's file was called.

Importing this module is cheap: nbformat/nbclient load only when a check runs (never torch).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._paths import ROOT

if TYPE_CHECKING:
    from nbformat import NotebookNode

OUT_DIR = ROOT / "build" / "submit"


@dataclass
class CheckResult:
    """What running the notebook showed."""

    tests: int = 0
    failed: list[str] = field(default_factory=list)  # one line per failing test cell
    errors: list[str] = field(default_factory=list)  # errors outside test cells
    ran: bool = False


def unit_name(unit: str, root: Path = ROOT) -> str:
    """'04' (or '4', '04_tensors') -> '04_tensors', from course.toml or else the release/ folders."""
    unit = unit.strip()
    number = unit.split("_", 1)[0]
    if not number.isdigit():
        raise ValueError(f"단원 번호를 알 수 없습니다: {unit!r} (예: 04)")
    number = f"{int(number):02d}"
    names = []
    toml = root / "course.toml"
    if toml.is_file():
        with open(toml, "rb") as f:
            names = [f"{u['number']}_{u['slug']}" for u in tomllib.load(f).get("units", [])]
    names += sorted(p.name for p in (root / "release").glob("[0-9]*") if p.is_dir())
    for name in names:
        if name.split("_", 1)[0] == number:
            return name
    raise ValueError(f"{number} 번 단원이 없습니다. 있는 단원: {', '.join(sorted(set(names))) or '(없음)'}")


def _matches(path: Path, name: str) -> bool:
    """True for the notebook itself and for renamed copies of it."""
    if path.suffix != ".ipynb" or ".ipynb_checkpoints" in path.parts:
        return False
    stem = path.name[: -len(".ipynb")]
    return re.search(rf"(^|[^0-9A-Za-z]){re.escape(name)}($|[^0-9A-Za-z])", stem) is not None


def find_notebook(name: str, root: Path = ROOT, extra: list[Path] | None = None) -> list[Path]:
    """Candidate notebooks for assignment `name`, most recently modified first."""
    folders = [root / "release" / name, Path.cwd(), *(extra or [])]
    seen, found = set(), []
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            if p.is_file() and _matches(p, name) and p.resolve() not in seen:
                seen.add(p.resolve())
                found.append(p)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _graded_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")
            and not c["metadata"]["nbgrader"].get("solution")]


def check(path: Path, timeout: int = 300) -> CheckResult:
    """Run the notebook in a fresh kernel (from its own folder) and collect failing test cells."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    result = CheckResult(tests=len(_graded_cells(nb)))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    result.ran = True
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        err = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
        if err is None:
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        label = meta.get("grade_id") or (cell.source.splitlines() or ["(빈 셀)"])[0][:60]
        line = f"{label}: {err.get('ename')}: {err.get('evalue', '')}".strip()
        if meta.get("grade") and not meta.get("solution"):
            result.failed.append(line)
        else:
            result.errors.append(line)
    return result


def pack(path: Path, name: str, out_dir: Path = OUT_DIR) -> Path:
    """build/submit/NN_slug.zip with NN_slug/NN_slug.ipynb inside."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{name}/{name}.ipynb", path.read_bytes())
    return target


def submit(unit: str, file: Path | None = None, run: bool = True, out_dir: Path = OUT_DIR,
           root: Path = ROOT) -> int:
    """The whole hand-in; prints Korean messages; exit code (0 = packed)."""
    try:
        name = unit_name(unit, root)
    except ValueError as err:
        print(f"❌ {err}", file=sys.stderr)
        return 2
    if file is not None:
        candidates = [file] if file.is_file() else []
        if not candidates:
            print(f"❌ 파일이 없습니다: {file}", file=sys.stderr)
            return 2
    else:
        candidates = find_notebook(name, root)
        if not candidates:
            print(f"❌ {name} 과제 노트북을 찾지 못했습니다. release/{name}/{name}.ipynb 에서 풀었는지 확인하거나, "
                  f"Colab 에서 내려받은 파일이면 경로를 주세요: python -m helpers submit {unit} --file 경로.ipynb",
                  file=sys.stderr)
            return 2
    path = candidates[0]
    print(f"📄 제출할 노트북: {path}")
    if len(candidates) > 1:
        others = ", ".join(str(p) for p in candidates[1:4])
        print(f"   (가장 최근에 저장된 파일입니다. 다른 후보: {others} — 다른 파일이면 --file 로 고르세요)")
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"❌ 노트북을 읽을 수 없습니다 ({err}).", file=sys.stderr)
        return 2
    import nbformat

    tests = _graded_cells(nbformat.from_dict(nb))
    if not tests:
        print(f"❌ {path.name} 에는 채점 테스트 셀이 없습니다: 강의 노트북이 아니라 과제 노트북 "
              f"(release/{name}/{name}.ipynb) 을 제출하세요.", file=sys.stderr)
        return 2
    if run:
        print(f"▶️ 처음부터 끝까지 새 커널로 실행해 봅니다 (테스트 셀 {len(tests)}개)…", flush=True)
        result = check(path)
        if result.failed:
            print(f"⚠️ 통과하지 못한 테스트 셀 {len(result.failed)}/{result.tests}개:")
            for line in result.failed:
                print(f"   - {line}")
        else:
            print(f"✅ 보이는 테스트 {result.tests}개 모두 통과 (채점 때는 숨은 테스트도 실행됩니다).")
        for line in result.errors:
            print(f"   ⚠️ 테스트가 아닌 셀의 오류: {line}")
    target = pack(path, name, out_dir)
    print(f"📦 제출 파일: {target}  (안에 {name}/{name}.ipynb)")
    print("   이 파일을 강사가 안내한 곳(LMS 등)에 올리면 제출이 끝납니다.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers submit", description="과제 제출 파일 만들기")
    parser.add_argument("unit", help="단원 번호, 예: 04")
    parser.add_argument("--file", type=Path, help="제출할 노트북 (기본: release/NN_주제/ 와 현재 폴더에서 찾기)")
    parser.add_argument("--no-run", action="store_true", help="실행 확인 없이 묶기만 합니다")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="제출 파일을 둘 폴더 (기본: build/submit)")
    args = parser.parse_args(argv)
    return submit(args.unit, args.file, run=not args.no_run, out_dir=args.out)

"""Integrity scan of submissions: constructs that tamper with grading, edited/missing test cells, extra files.

    python -m grading.scan            # writes reports/integrity.csv for everything in submitted/

Each finding is (student, assignment, notebook, cell, severity, reason). `critical` findings (grader
tampering: IPython input transformers, sys.modules/builtins edits, monkeypatching libraries the tests use,
`__eq__` overrides, os._exit, signal handlers) make grading.sandbox zero the submission and flag it for review;
`warning` findings (file access, extra files, edited locked cells) are reported only.
"""
from __future__ import annotations

import ast
import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from tools.config import ROOT

FIELDS = ["student", "assignment", "notebook", "cell", "severity", "reason"]
LIBRARIES = {"torch", "np", "numpy", "math", "random", "helpers", "pd", "pandas", "nn", "F", "nbgrader",
             "pytest", "IPython", "builtins", "os", "sys", "time", "sklearn", "scipy", "matplotlib", "plt"}
# Builtins called by bare name.
NAME_CALLS = {
    "get_ipython": "IPython 셸 조작 (get_ipython: input transformers, magics)",
    "setattr": "속성 교체 (setattr: monkeypatching)",
    "delattr": "속성 삭제 (delattr)",
    "__import__": "동적 import (__import__)",
    "exec": "동적 코드 실행 (exec)",
    "eval": "동적 코드 실행 (eval)",
    "compile": "동적 코드 컴파일 (compile)",
    "exit": "커널 종료 시도 (exit)",
    "quit": "커널 종료 시도 (quit)",
    "globals": "전역 이름공간 조작 (globals())",
    "vars": "이름공간 조작 (vars())",
}
# (module, attribute) calls.
MODULE_CALLS = {
    ("os", "_exit"): "프로세스 강제 종료 (os._exit)",
    ("os", "kill"): "프로세스 종료 (os.kill)",
    ("os", "abort"): "프로세스 강제 종료 (os.abort)",
    ("sys", "exit"): "커널 종료 시도 (sys.exit)",
    ("sys", "settrace"): "인터프리터 추적 조작 (sys.settrace)",
    ("sys", "setprofile"): "인터프리터 추적 조작 (sys.setprofile)",
    ("signal", "signal"): "시그널 처리기 변경 (signal.signal)",
}
FILE_MODULES = {"os", "shutil", "subprocess", "pathlib", "Path", "glob", "io"}
FILE_METHODS = {"write_text", "write_bytes", "read_text", "read_bytes", "unlink", "rmdir", "touch"}


@dataclass
class Finding:
    student: str
    assignment: str
    notebook: str
    cell: str
    severity: str  # critical | warning
    reason: str


def _call_name(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def _root_name(node: ast.AST) -> str:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def scan_source(src: str) -> list[tuple[str, str]]:
    """(severity, reason) for every suspicious construct in one cell's code."""
    found: list[tuple[str, str]] = []
    lines = [l for l in src.splitlines()]
    for l in lines:
        s = l.strip()
        if s.startswith("!"):
            found.append(("warning", "셸 명령 (shell escape): " + s[:60]))
        elif s.startswith("%"):
            word = s.lstrip("%").split()[0] if s.lstrip("%") else ""
            benign = word in {"matplotlib", "time", "timeit", "pwd", "who", "whos"}
            found.append(("warning" if benign else "critical", "IPython 매직 (magic): " + s[:60]))
    code = "\n".join("pass" if l.lstrip().startswith(("%", "!")) else l for l in lines)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return found  # a syntax error only costs the student that cell
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if isinstance(node.func, ast.Name) and name in NAME_CALLS:
                found.append(("critical", NAME_CALLS[name]))
            elif isinstance(node.func, ast.Name) and name == "open":
                found.append(("warning", "파일 접근 (open)"))
            elif isinstance(node.func, ast.Attribute):
                root = _root_name(node.func)
                if (root, name) in MODULE_CALLS:
                    found.append(("critical", MODULE_CALLS[(root, name)]))
                elif root in FILE_MODULES or name in FILE_METHODS:
                    found.append(("warning", f"파일/프로세스 접근 ({root}.{name})"))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for t in targets:
                if isinstance(t, (ast.Attribute, ast.Subscript)) and _root_name(t) in LIBRARIES:
                    found.append(("critical", f"라이브러리 속성 교체 (monkeypatching {_root_name(t)})"))
                if isinstance(t, ast.Name) and t.id in {"__builtins__", "builtins"}:
                    found.append(("critical", "builtins 교체"))
        elif isinstance(node, ast.FunctionDef) and node.name in {"__eq__", "__ne__", "__instancecheck__",
                                                                  "__getattribute__", "__subclasshook__"}:
            args = [a.arg for a in node.args.args[1:]]
            used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if node.name != "__eq__" or not args or not (set(args) & used):
                # An __eq__ that never looks at the other object is an always-equal trick.
                found.append(("critical", f"비교 연산자 재정의 (always-equal {node.name})"))
            else:
                found.append(("warning", f"비교 연산자 재정의 ({node.name})"))
        elif isinstance(node, ast.Attribute) and node.attr in {"modules", "builtins", "input_transformers_post",
                                                               "input_transformers_cleanup", "ast_transformers",
                                                               "events", "__builtins__", "__class__"}:
            if node.attr == "modules" and _root_name(node) != "sys":
                continue
            found.append(("critical", f"인터프리터 내부 조작 ({_root_name(node)}.{node.attr})"))
        elif isinstance(node, ast.Name) and node.id in {"__builtins__"}:
            found.append(("critical", "builtins 접근 (__builtins__)"))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            mod = node.module if isinstance(node, ast.ImportFrom) else ",".join(a.name for a in node.names)
            if mod and re.search(r"\b(ctypes|gc|inspect|importlib|builtins|IPython|nbgrader|subprocess|socket)\b", mod):
                found.append(("critical" if re.search(r"ctypes|gc|builtins|IPython|nbgrader", mod) else "warning",
                              f"의심스러운 import ({mod})"))
    seen, unique = set(), []
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique


HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.S | re.M)


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return s if isinstance(s, str) else "".join(s)


def _release_cells(course: Path, assignment: str) -> tuple[dict[str, dict[str, dict]], dict[str, set[str]]]:
    """From release/ (what students were given): notebook -> grade_id -> {source, grade, locked}, and
    notebook -> the set of sources of the given (non-exercise) code cells, which are not scanned."""
    out: dict[str, dict[str, dict]] = {}
    given: dict[str, set[str]] = {}
    for p in (course / "release" / assignment).glob("*.ipynb"):
        nb = json.loads(p.read_text(encoding="utf-8"))
        cells = {}
        given[p.stem] = set()
        for c in nb["cells"]:
            meta = c.get("metadata", {}).get("nbgrader")
            if meta:
                cells[meta["grade_id"]] = {"source": _src(c), "grade": meta.get("grade"), "locked": meta.get("locked")}
            elif c.get("cell_type") == "code":
                given[p.stem].add(_src(c).strip())
        out[p.stem] = cells
    return out, given


def scan_submission(course: Path, student: str, assignment: str, folder: Path) -> list[Finding]:
    """Every finding for one submitted/<student>/<assignment>/ folder."""
    findings: list[Finding] = []
    release, given = _release_cells(course, assignment)

    def add(nb: str, cell: str, sev: str, reason: str) -> None:
        findings.append(Finding(student, assignment, nb, cell, sev, reason))

    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_dir():
            continue
        if p.suffix != ".ipynb" and p.name != "timestamp.txt":
            add(rel, "", "warning", f"제출물에 노트북 외 파일 (extra file, not graded): {rel}")
        elif p.suffix == ".ipynb" and p.stem not in release:
            add(rel, "", "warning", f"알 수 없는 노트북 이름 (renamed notebook, not graded): {rel}")
    for nb_name, cells in release.items():
        path = folder / f"{nb_name}.ipynb"
        if not path.is_file():
            add(nb_name, "", "warning", "노트북이 제출되지 않았습니다 (missing notebook)")
            continue
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
            nb_cells = nb["cells"]
        except (ValueError, KeyError, TypeError) as err:
            add(nb_name, "", "warning", f"노트북 파일이 올바른 JSON 이 아닙니다 (invalid JSON: {type(err).__name__})")
            continue
        present: dict[str, str] = {}
        for i, c in enumerate(nb_cells):
            if not isinstance(c, dict):
                continue
            src = _src(c)
            meta = c.get("metadata", {}).get("nbgrader") or {}
            label = meta.get("grade_id") or f"cell {i}"
            if meta.get("grade_id"):
                present[meta["grade_id"]] = src
            if c.get("cell_type") == "code" and not meta.get("grade") and src.strip() not in given[nb_name]:
                for sev, reason in scan_source(src):
                    add(nb_name, label, sev, reason)
        for gid, info in cells.items():
            if not info["grade"]:
                continue
            if gid not in present:
                add(nb_name, gid, "warning", "테스트 셀이 지워졌거나 메타데이터가 제거됨 (test cell missing; re-inserted)")
            elif HIDDEN.sub("", present[gid]).strip() != HIDDEN.sub("", info["source"]).strip():
                add(nb_name, gid, "warning", "잠긴 테스트 셀이 수정됨 (locked cell edited; instructor version used)")
    return findings


def scan(course: Path, jobs: Iterable) -> list[Finding]:
    """Findings for every job (objects with student, assignment, folder)."""
    out: list[Finding] = []
    for job in jobs:
        out.extend(scan_submission(course, job.student, job.assignment, job.folder))
    return out


def critical_by_submission(findings: list[Finding]) -> dict[tuple[str, str], str]:
    """(student, assignment) -> Korean/English reason, for submissions with a critical finding."""
    out: dict[tuple[str, str], str] = {}
    for f in findings:
        if f.severity == "critical":
            key = (f.student, f.assignment)
            out.setdefault(key, f"채점 조작 의심으로 0점, 검토 필요 (tampering, flagged for review): {f.reason} [{f.cell}]")
    return out


def write_csv(findings: list[Finding], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        for x in findings:
            w.writerow([x.student, x.assignment, x.notebook, x.cell, x.severity, x.reason])


def main(argv: list[str] | None = None) -> int:
    from .jobs import find_jobs

    findings = scan(ROOT, find_jobs(ROOT))
    out = ROOT / "reports" / "integrity.csv"
    write_csv(findings, out)
    print(f"{len(findings)} findings -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

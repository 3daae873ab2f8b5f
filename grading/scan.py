"""Integrity scan of submissions: a REPORT for review, never a score.

    python -m grading.scan            # writes reports/integrity.csv for everything in submitted/

Every submission is executed and scored by running it; the scan only lists what an instructor may want to
look at (reports/integrity.csv: student, assignment, notebook, cell, severity, reason):

- `review`: constructs that reach into the grading machinery (IPython shell internals, the caller's frame,
  `sys.modules`/builtins edits, replacing functions of torch/numpy/other libraries, always-equal `__eq__`,
  tracers, signal handlers, os._exit, ctypes, symlinks).
- `warning`: structure and repairs (renamed, missing, duplicated or edited cells, extra files, invalid
  notebooks, shell commands, cells that could not be scanned).

Honest constructs are not reported: setattr on your own objects, IPython.display, plt.rcParams, pd.options,
torch.backends flags, os.environ, gc, `__class__.__name__`, vars(), globals() look-ups, `%` continuation
lines, %load_ext/%config/%%capture/%matplotlib, and the Colab bootstrap cell (any release's).
The scan never raises for anything a student can hand in.
"""
from __future__ import annotations

import ast
import json
import re
import sys
import types
from pathlib import Path
from typing import Iterable

from tools.config import ROOT

from .csvsafe import write_csv as _write_csv
from .jobs import Job, find_jobs
from .submission import Finding, Prepared, prepare

FIELDS = ["student", "assignment", "notebook", "cell", "severity", "reason"]
LIBRARIES = {"torch", "np", "numpy", "math", "random", "helpers", "pd", "pandas", "nn", "F", "nbgrader",
             "pytest", "IPython", "builtins", "os", "sys", "time", "sklearn", "scipy", "matplotlib", "plt",
             "unittest", "operator", "functools", "inspect", "json", "pickle", "re", "copy", "types", "threading"}
# Configuration namespaces: assigning into them is ordinary use (plt.rcParams[...], pd.options.display...).
CONFIG_PARTS = {"rcParams", "options", "backends", "environ", "flags", "config", "defaults", "style", "display",
                "printoptions", "path", "argv", "warnoptions", "stdout", "stderr", "grad_enabled"}
SCAN_LIMIT = 200_000  # characters per cell; longer cells are reported, not parsed
MAGIC_REVIEW = {"xmode", "run", "load", "reset", "alias", "macro", "store", "killbgscripts", "javascript", "js"}
MAGIC_SHELL = {"system", "sx", "bash", "sh", "script", "writefile", "perl", "ruby"}
SHELL_INTERNALS = {"input_transformers_post", "input_transformers_cleanup", "ast_transformers", "user_ns",
                   "user_global_ns", "displayhook", "excepthook", "showtraceback", "run_cell", "set_custom_exc",
                   "f_back", "f_globals", "f_locals", "f_code", "tb_frame", "gi_frame", "cr_frame"}
REVIEW_CALLS = {
    ("os", "_exit"): "프로세스 강제 종료 (os._exit)",
    ("os", "kill"): "프로세스 종료 (os.kill)",
    ("os", "abort"): "프로세스 강제 종료 (os.abort)",
    ("sys", "settrace"): "인터프리터 추적 조작 (sys.settrace)",
    ("sys", "setprofile"): "인터프리터 추적 조작 (sys.setprofile)",
    ("threading", "settrace"): "인터프리터 추적 조작 (threading.settrace)",
    ("sys", "_getframe"): "호출자 프레임 접근 (sys._getframe)",
    ("inspect", "currentframe"): "호출자 프레임 접근 (inspect.currentframe)",
    ("inspect", "stack"): "호출자 프레임 접근 (inspect.stack)",
    ("signal", "signal"): "시그널 처리기 변경 (signal.signal)",
    ("sys", "displayhook"): "출력 훅 호출 (sys.displayhook)",
}
WARN_CALLS = {("sys", "exit"): "커널 종료 시도 (sys.exit)", ("os", "system"): "셸 명령 (os.system)",
              ("os", "popen"): "셸 명령 (os.popen)"}
NAME_CALLS = {"exec": "동적 코드 실행 (exec)", "eval": "동적 코드 실행 (eval)", "__import__": "동적 import (__import__)",
              "exit": "커널 종료 시도 (exit)", "quit": "커널 종료 시도 (quit)"}


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _root_name(node: ast.AST) -> str:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _parts(node: ast.AST) -> list[str]:
    out = []
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            out.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        out.append(node.id)
    return out[::-1]


def _python(src: str) -> str:
    """IPython syntax (magics, `!`) turned into Python, as the kernel would; plain fallback on any failure."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(src)
    except Exception:  # noqa: BLE001
        return "\n".join("pass" if l.lstrip().startswith(("%", "!")) else l for l in src.splitlines())


def _magic(node: ast.Call) -> tuple[str, str] | None:
    """(kind, name) for get_ipython().run_line_magic/run_cell_magic/system/getoutput calls."""
    f = node.func
    if not (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Call) and _call_name(f.value) == "get_ipython"):
        return None
    if f.attr in {"run_line_magic", "run_cell_magic"} and node.args and isinstance(node.args[0], ast.Constant):
        return "magic", str(node.args[0].value)
    if f.attr in {"system", "getoutput"}:
        return "shell", ""
    return None


def imported_names(sources: Iterable[str]) -> frozenset[str]:
    """Names that refer to a library module or object anywhere in a notebook: every name an import binds
    (`import helpers.serving as hs`, `from helpers import serving`) and plain aliases of those or of LIBRARIES
    (`m = helpers.serving`). Assigning attributes through them is monkeypatching, as through `torch.` itself."""
    trees = []
    for src in sources:
        try:
            trees.append(ast.parse(_python(src)))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.asname or a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                names |= {a.asname or a.name for a in node.names if a.name != "*"}
    aliases: list[tuple[str, ast.AST]] = []
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and isinstance(node.value, (ast.Name, ast.Attribute)):
                aliases.append((node.targets[0].id, node.value))
    changed = True
    while changed:  # m = helpers.serving; n = m; ... (a chain of plain aliases)
        changed = False
        for name, value in aliases:
            root = _root_name(value)
            if name not in names and (root in names or root in LIBRARIES):
                names.add(name)
                changed = True
    return frozenset(names)


def scan_source(src: str, modules: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(severity, reason) for every construct worth a review in one cell's code. Never raises.

    `modules`: further names that refer to library modules or objects in this notebook (imported_names)."""
    try:
        return _scan_source(src, LIBRARIES | modules | imported_names([src]))
    except (RecursionError, MemoryError):
        return [("warning", "셀을 분석할 수 없습니다: 너무 깊은 중첩 (unscannable cell: nesting too deep)")]
    except Exception as err:  # noqa: BLE001
        return [("warning", f"셀을 분석할 수 없습니다 (unscannable cell: {type(err).__name__})")]


def _scan_source(src: str, roots: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str]]:
    if len(src) > SCAN_LIMIT:
        return [("warning", f"셀이 너무 길어 분석하지 않음 (cell over {SCAN_LIMIT:,} characters, not scanned)")]
    found: list[tuple[str, str]] = []
    try:
        tree = ast.parse(_python(src))
    except SyntaxError:
        return found  # a syntax error only costs the student that cell
    magic_calls: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (m := _magic(node)):
            magic_calls.add(id(node.func.value))
            kind, name = m
            if kind == "shell" or name in MAGIC_SHELL:
                found.append(("warning", f"셸 명령 (shell command{': %' + name if name else ''})"))
            elif name in MAGIC_REVIEW:
                found.append(("review", f"IPython 매직 (magic %{name})"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if isinstance(node.func, ast.Name):
                if name == "get_ipython" and id(node) not in magic_calls:
                    found.append(("review", "IPython 셸 접근 (get_ipython)"))
                elif name in NAME_CALLS:
                    found.append(("warning", NAME_CALLS[name]))
                elif name in {"setattr", "delattr"} and node.args and _root_name(node.args[0]) in roots \
                        and isinstance(node.args[0], (ast.Name, ast.Attribute)):
                    found.append(("review", f"라이브러리 속성 교체 ({name} on {_root_name(node.args[0])})"))
            elif isinstance(node.func, ast.Attribute):
                parts = _parts(node.func)
                key = (parts[-2], parts[-1]) if len(parts) >= 2 else ("", name)
                if key in REVIEW_CALLS:
                    found.append(("review", REVIEW_CALLS[key]))
                elif key in WARN_CALLS:
                    found.append(("warning", WARN_CALLS[key]))
                elif parts[:2] == ["sys", "modules"] and name in {"pop", "update", "setdefault", "clear",
                                                                  "__setitem__", "__delitem__"}:
                    found.append(("review", "sys.modules 변경 (sys.modules edited)"))
                elif parts and parts[0] in {"subprocess", "socket"}:
                    found.append(("warning", f"프로세스/네트워크 접근 ({parts[0]}.{name})"))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for t in targets:
                for sub in ast.walk(t) if isinstance(t, (ast.Tuple, ast.List)) else [t]:
                    _assignment(sub, found, roots)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in {
                "__eq__", "__ne__", "__instancecheck__", "__subclasshook__", "__bool__", "__float__"}:
            args = [a.arg for a in node.args.args[1:]]
            used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if node.name in {"__eq__", "__ne__"} and (not args or not (set(args) & used)):
                found.append(("review", f"비교 연산자 재정의 (always-equal {node.name})"))
            elif node.name in {"__instancecheck__", "__subclasshook__"}:
                found.append(("review", f"타입 검사 재정의 ({node.name})"))
        elif isinstance(node, ast.Attribute) and node.attr in SHELL_INTERNALS:
            found.append(("review", f"인터프리터 내부 접근 (.{node.attr})"))
        elif isinstance(node, ast.Attribute) and node.attr == "register" and _parts(node.value)[-1:] == ["events"]:
            found.append(("review", "IPython 이벤트 등록 (events.register)"))
        elif isinstance(node, ast.Name) and node.id in {"__builtins__", "In", "Out", "_ih", "_oh", "_ii", "_iii"}:
            found.append(("review", f"인터프리터 이름 접근 ({node.id})"))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            mods = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for mod in mods:
                top = mod.split(".")[0]
                if top in {"ctypes", "nbgrader", "builtins"}:
                    found.append(("review", f"의심스러운 import ({mod})"))
                elif top in {"inspect", "importlib", "subprocess", "socket"}:
                    found.append(("warning", f"import ({mod})"))
    seen, unique = set(), []
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique


def _assignment(t: ast.AST, found: list[tuple[str, str]], roots: frozenset[str] | set[str] = frozenset()) -> None:
    if isinstance(t, ast.Name) and t.id in {"__builtins__", "builtins", "get_ipython", "In", "Out"}:
        found.append(("review", f"인터프리터 이름 교체 ({t.id})"))
        return
    if not isinstance(t, (ast.Attribute, ast.Subscript)):
        return
    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Call) and _call_name(t.value) == "vars" \
            and t.value.args and _root_name(t.value.args[0]) in roots:
        found.append(("review", f"라이브러리 속성 교체 (vars({_root_name(t.value.args[0])})[...] = ...)"))
        return
    parts = _parts(t)
    if not parts:
        return
    if parts[:2] == ["sys", "modules"] or "__dict__" in parts or "__builtins__" in parts or parts[0] == "builtins":
        found.append(("review", f"인터프리터 내부 교체 ({'.'.join(parts)})"))
    elif isinstance(t, ast.Attribute) and t.attr in {"__class__", "__eq__", "__ne__", "__code__", "__globals__"}:
        found.append(("review", f"특수 속성 교체 (.{t.attr})"))
    elif parts[0] in roots and isinstance(t, ast.Attribute) and not (set(parts) & CONFIG_PARTS):
        found.append(("review", f"라이브러리 속성 교체 (monkeypatching {'.'.join(parts)})"))


HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.S | re.M)


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return s if isinstance(s, str) else "".join(s)


def _is_bootstrap(cell: dict) -> bool:
    """The Colab bootstrap cell of this or any older release (managed metadata or its content)."""
    md = cell.get("metadata") or {}
    return md.get("course_managed") == "bootstrap" or "google.colab" in _src(cell)


def release_cells(course: Path, assignment: str) -> tuple[dict[str, dict[str, dict]], dict[str, set[str]]]:
    """From release/ (what students were given): notebook -> grade_id -> {source, grade, locked}, and
    notebook -> the set of sources of the given (non-exercise) code cells, which are not scanned."""
    out: dict[str, dict[str, dict]] = {}
    given: dict[str, set[str]] = {}
    for p in sorted((course / "release" / assignment).glob("*.ipynb")):
        try:
            nb = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        cells: dict[str, dict] = {}
        given[p.stem] = set()
        for c in nb.get("cells", []):
            meta = (c.get("metadata") or {}).get("nbgrader")
            if meta and meta.get("grade_id"):
                cells[meta["grade_id"]] = {"source": _src(c), "grade": meta.get("grade"), "locked": meta.get("locked")}
            elif c.get("cell_type") == "code":
                given[p.stem].add(_src(c).strip())
        out[p.stem] = cells
    return out, given


def scan_prepared(course: Path, prep: Prepared, release: tuple | None = None) -> list[Finding]:
    """Code findings for one prepared (read and repaired) submission, plus its preparation findings."""
    findings = list(prep.findings)
    job = prep.job
    cells_by_nb, given = release or release_cells(course, job.assignment)

    def add(nb: str, cell: str, sev: str, reason: str) -> None:
        findings.append(Finding(job.student, job.assignment, nb, cell, sev, reason))

    for nb_name, nb in prep.notebooks.items():
        present: dict[str, str] = {}
        modules = imported_names(_src(c) for c in nb.get("cells", []) if c.get("cell_type") == "code")
        for i, c in enumerate(nb.get("cells", [])):
            src = _src(c)
            meta = c["metadata"].get("nbgrader") or {}
            label = meta.get("grade_id") or f"cell {i}"
            if meta.get("grade_id"):
                present[meta["grade_id"]] = src
            if c.get("cell_type") != "code" or meta.get("grade") or _is_bootstrap(c):
                continue
            if src.strip() in given.get(nb_name, set()):
                continue
            for sev, reason in scan_source(src, modules):
                add(nb_name, label, sev, reason)
        for gid, info in cells_by_nb.get(nb_name, {}).items():
            if not info["grade"]:
                continue
            if gid not in present:
                add(nb_name, gid, "warning", "테스트 셀이 지워졌거나 메타데이터가 제거됨 (test cell missing; re-inserted)")
            elif HIDDEN.sub("", present[gid]).strip() != HIDDEN.sub("", info["source"]).strip():
                add(nb_name, gid, "warning", "잠긴 테스트 셀이 수정됨 (locked cell edited; instructor version used)")
    return findings


def scan_submission(course: Path, student: str, assignment: str, folder: Path) -> list[Finding]:
    """Every finding for one submitted/<student>/<assignment>/ folder."""
    return scan_prepared(course, prepare(course, Job(student, assignment, folder)))


def scan(course: Path, jobs: Iterable) -> list[Finding]:
    """Findings for every job (objects with student, assignment, folder)."""
    out: list[Finding] = []
    for job in jobs:
        out.extend(scan_submission(course, job.student, job.assignment, job.folder))
    return out


def write_csv(findings: list[Finding], path: Path) -> None:
    """reports/integrity.csv (formula-safe)."""
    _write_csv(path, FIELDS, ([x.student, x.assignment, x.notebook, x.cell, x.severity, x.reason] for x in findings))


def main(argv: list[str] | None = None) -> int:
    findings = scan(ROOT, find_jobs(ROOT))
    out = ROOT / "reports" / "integrity.csv"
    write_csv(findings, out)
    print(f"{len(findings)} findings -> {out}")
    return 0


class _CallableModule(types.ModuleType):
    """`grading.scan(course=None, jobs=None)`: findings for review (see the package API)."""

    def __call__(self, course: Path | None = None, jobs=None) -> list[Finding]:  # noqa: ANN001
        course = Path(course) if course else ROOT
        return scan(course, find_jobs(course) if jobs is None else jobs)


sys.modules[__name__].__class__ = _CallableModule


if __name__ == "__main__":
    sys.exit(main())

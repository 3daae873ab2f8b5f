"""Read one submission safely and repair what nbgrader would crash on, before anything runs.

`prepare(course, job)` never raises for anything a student can hand in. It returns the notebooks to stage
(parsed JSON, repaired) and the findings to report, or a `fatal` reason when nothing can be graded:

- symlinks (the student folder, the assignment folder or a notebook) are never followed;
- a notebook over `GRADE_MAX_NOTEBOOK_MB` (20 MB) is not read;
- invalid JSON or a structure nbformat cannot validate (e.g. a cell source that is not text);
- one notebook under another name ("Copy of 04_tensors.ipynb") is graded under the expected name;
- duplicated nbgrader cells (copy-pasted in JupyterLab: the same grade_id twice makes nbgrader crash) keep
  their metadata on one copy: an answer cell on its last copy before the next test cell, a test or locked
  cell on its first copy; the other copies run as plain cells;
- malformed nbgrader metadata is removed from that cell (a removed test cell is re-inserted by nbgrader).
"""
from __future__ import annotations

import copy
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .jobs import Job

MAX_NOTEBOOK_BYTES = int(float(os.environ.get("GRADE_MAX_NOTEBOOK_MB", "20")) * 1024 * 1024)
CELL_TYPES = {"code", "markdown", "raw"}


@dataclass
class Finding:
    student: str
    assignment: str
    notebook: str
    cell: str
    severity: str  # review | warning
    reason: str


@dataclass
class Prepared:
    job: Job
    notebooks: dict[str, dict] = field(default_factory=dict)  # expected stem -> repaired notebook JSON
    findings: list[Finding] = field(default_factory=list)
    fatal: str = ""  # set when the submission cannot be graded at all (status `invalid`)
    timestamp: bytes | None = None


def release_stems(course: Path, assignment: str) -> list[str]:
    """Notebook names (stems) the students were given for `assignment`."""
    for sub in ("release", "source"):
        d = course / sub / assignment
        if d.is_dir():
            stems = sorted(p.stem for p in d.glob("*.ipynb"))
            if stems:
                return stems
    return [assignment]


def _read_nofollow(path: Path, limit: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        if st.st_size > limit:
            raise OverflowError(st.st_size)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit + 1)
    finally:
        os.close(fd)


def _is_nbgrader_meta_ok(md: object) -> bool:
    if not isinstance(md, dict):
        return False
    gid = md.get("grade_id")
    if not isinstance(gid, str) or not gid.strip():
        return False
    for key in ("grade", "solution", "locked", "task"):
        if key in md and not isinstance(md[key], bool):
            return False
    if md.get("grade") or md.get("task"):
        pts = md.get("points")
        if isinstance(pts, bool) or not isinstance(pts, (int, float)):
            return False
    return True


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return s if isinstance(s, str) else "".join(s)


def _is_test(cell: dict) -> bool:
    md = (cell.get("metadata") or {}).get("nbgrader") or {}
    return bool(md.get("grade")) and not md.get("solution")


def repair(nb: object, add) -> tuple[dict | None, str]:  # noqa: ANN001 - add(cell_label, severity, reason)
    """Structural repair of one parsed notebook; returns (notebook, "") or (None, fatal reason)."""
    import nbformat

    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, "노트북 구조가 올바르지 않습니다 (malformed notebook: no cell list)"
    nb = copy.deepcopy(nb)
    if not isinstance(nb.get("metadata"), dict):
        nb["metadata"] = {}
    if nb.get("nbformat") != 4:
        nb["nbformat"] = 4
    if not isinstance(nb.get("nbformat_minor"), int) or isinstance(nb.get("nbformat_minor"), bool):
        nb["nbformat_minor"] = 4
    for i, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") not in CELL_TYPES:
            return None, f"셀 {i} 의 형식이 올바르지 않습니다 (malformed cell {i})"
        src = cell.get("source", "")
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            return None, f"셀 {i} 의 소스가 텍스트가 아닙니다 (cell {i} source is not text)"
        cell["source"] = src
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = {}
        if cell["cell_type"] == "code":
            if not isinstance(cell.get("outputs"), list):
                cell["outputs"] = []
            if not isinstance(cell.get("execution_count"), (int, type(None))):
                cell["execution_count"] = None
            cell.setdefault("execution_count", None)
        md = cell["metadata"].get("nbgrader")
        if md is not None and not _is_nbgrader_meta_ok(md):
            del cell["metadata"]["nbgrader"]
            add(f"cell {i}", "warning", "nbgrader 메타데이터가 손상되어 제거함 (malformed nbgrader metadata removed)")
    _dedupe(nb["cells"], add)
    node = nbformat.from_dict(nb)
    try:
        nbformat.validate(node)
    except Exception:  # noqa: BLE001 - student outputs are re-created by grading: drop them and retry
        for cell in node.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cell.pop("attachments", None)
            cell.pop("id", None)
        node.nbformat_minor = 4
        try:
            nbformat.validate(node)
        except Exception as err:  # noqa: BLE001
            return None, f"노트북 형식 검증 실패 (invalid notebook: {type(err).__name__})"
    return json.loads(json.dumps(node)), ""


def _dedupe(cells: list[dict], add) -> None:  # noqa: ANN001
    """Keep nbgrader metadata on one copy of every grade_id (see module docstring)."""
    where: dict[str, list[int]] = {}
    for i, c in enumerate(cells):
        md = c["metadata"].get("nbgrader")
        if md:
            where.setdefault(md["grade_id"], []).append(i)
    for gid, idx in where.items():
        if len(idx) < 2:
            continue
        first = cells[idx[0]]["metadata"]["nbgrader"]
        if first.get("solution"):
            tests = [j for j in range(idx[0] + 1, len(cells)) if _is_test(cells[j])]
            limit = tests[0] if tests else len(cells)
            keep = [i for i in idx if i < limit][-1]
        else:
            keep = idx[0]
        for i in idx:
            if i != keep:
                del cells[i]["metadata"]["nbgrader"]
        add(gid, "warning", f"복사된 셀 {len(idx)}개: 채점 셀은 하나만 남기고 나머지는 일반 셀로 실행 "
                            f"(duplicated cell, grade_id kept on cell {keep})")


def prepare(course: Path, job: Job, stems: list[str] | None = None) -> Prepared:
    """Read and repair one submission folder (never follows symlinks, never raises for student input)."""
    prep = Prepared(job)
    stems = stems or release_stems(course, job.assignment)

    def add(nb: str, cell: str, sev: str, reason: str) -> None:
        prep.findings.append(Finding(job.student, job.assignment, nb, cell, sev, reason))

    try:
        for p in (job.folder.parent, job.folder):
            if p.is_symlink():
                prep.fatal = "제출 폴더가 심볼릭 링크입니다: 따라가지 않습니다 (symlinked folder, not graded)"
                add("", "", "review", prep.fatal)
                return prep
        entries = sorted(os.scandir(job.folder), key=lambda e: e.name)
        notebooks: dict[str, os.DirEntry] = {}
        linked = [e.name for e in entries if e.is_symlink() and e.name.endswith(".ipynb")]
        for e in entries:
            if e.is_symlink():
                add(e.name, "", "review", f"심볼릭 링크는 따라가지 않습니다 (symlink not followed): {e.name}")
            elif e.is_dir(follow_symlinks=False):
                add(e.name, "", "warning", f"제출물에 폴더 (extra folder, not graded): {e.name}")
            elif e.name.endswith(".ipynb"):
                notebooks[e.name] = e
            elif e.name == "timestamp.txt":
                try:
                    prep.timestamp = _read_nofollow(Path(e.path), 4096)[:4096]
                except OSError:
                    pass
            else:
                add(e.name, "", "warning", f"제출물에 노트북 외 파일 (extra file, not graded): {e.name}")
        chosen: dict[str, str] = {}
        for stem in stems:
            if f"{stem}.ipynb" in notebooks:
                chosen[stem] = f"{stem}.ipynb"
        missing = [s for s in stems if s not in chosen]
        unknown = [n for n in notebooks if n[:-6] not in stems]
        if len(missing) == 1 and len(unknown) == 1:
            chosen[missing[0]] = unknown[0]
            add(unknown[0], "", "warning", f"노트북 이름이 달라 {missing[0]}.ipynb 로 채점했습니다 "
                                          f"(renamed notebook graded as {missing[0]}.ipynb): {unknown[0]}")
            missing, unknown = [], []
        for name in unknown:
            add(name, "", "warning", f"알 수 없는 노트북 이름 (renamed notebook, not graded): {name}")
        for stem in missing:
            add(stem, "", "warning", "노트북이 제출되지 않았습니다 (missing notebook)")
        for stem, name in chosen.items():
            path = job.folder / name
            try:
                raw = _read_nofollow(path, MAX_NOTEBOOK_BYTES)
            except OverflowError as err:
                prep.fatal = (f"노트북이 너무 큽니다: {int(err.args[0]) / 2**20:.1f} MB > "
                              f"{MAX_NOTEBOOK_BYTES / 2**20:.1f} MB (oversized notebook, not graded)")
                add(stem, "", "warning", prep.fatal)
                return prep
            except OSError as err:
                prep.fatal = f"노트북을 읽을 수 없습니다 (unreadable notebook: {type(err).__name__})"
                add(stem, "", "warning", prep.fatal)
                return prep
            try:
                nb = json.loads(raw.decode("utf-8"))
            except (ValueError, RecursionError, MemoryError) as err:
                prep.fatal = f"노트북 파일이 올바른 JSON 이 아닙니다 (invalid notebook JSON: {type(err).__name__})"
                add(stem, "", "warning", prep.fatal)
                return prep

            def add_cell(cell: str, sev: str, reason: str, _stem: str = stem) -> None:
                add(_stem, cell, sev, reason)

            fixed, fatal = repair(nb, add_cell)
            if fatal:
                prep.fatal = fatal
                add(stem, "", "warning", fatal)
                return prep
            prep.notebooks[stem] = fixed
        if not prep.notebooks:
            prep.fatal = ("노트북이 심볼릭 링크입니다: 따라가지 않습니다 (symlinked notebook, not graded)" if linked
                          else "채점할 노트북이 없습니다 (no notebook to grade)")
    except (RecursionError, MemoryError, OSError, ValueError, TypeError) as err:
        prep.fatal = f"제출물을 읽을 수 없습니다 (unreadable submission: {type(err).__name__})"
        add("", "", "warning", prep.fatal)
    return prep

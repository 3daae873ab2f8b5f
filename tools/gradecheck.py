"""Prove that an assignment grades correctly, end to end, in a throwaway copy of the course.

    python -m tools.gradecheck 04_tensors [--keep]

Steps (the real nbgrader apps, started once per unit by tools/nbgrader_steps.py; results are read from the
gradebook, never from exit codes):
1. `nbgrader generate_assignment` in a temporary course; the result must equal the committed release/.
2. Submissions: `ref` = the source notebook (must score full points), `blank` = the release notebook
   (must score 0 on every graded cell), and one student per mutant from units/<name>/mutants.py: the
   source notebook with one answer cell replaced by a known-wrong answer (must lose that exercise's points
   and keep every other cell's).
3. `nbgrader autograde`, then `nbgrader generate_feedback`: no feedback page may contain a hidden-test line.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from grading.env import KERNEL_ENV

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


@dataclass
class Mutant:
    grade_id: str  # answer cell replaced, e.g. "ex_batch_matmul"
    label: str
    source: str

    @property
    def student(self) -> str:
        return f"mut_{self.grade_id.removeprefix('ex_')}_{self.label}".replace("-", "_")

    @property
    def test_id(self) -> str:
        return "test_" + self.grade_id.removeprefix("ex_")


@dataclass
class Report:
    name: str
    scores: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    mutants: list[Mutant] = field(default_factory=list)
    groups: dict[str, list[Mutant]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    release_diff: list[str] = field(default_factory=list)
    feedback_leaks: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    hostile_cells: list[str] = field(default_factory=list)
    hostile_student: str = ""  # the submission carrying the hostile cells (with the sampled mutant group)
    fast: Any = None  # grading.fastcheck.FastReport


from grading.mutants import Edit, apply_edit, edit, reference_answer  # noqa: E402,F401 - mutant files import edit from here


def load_mutants(name: str) -> list[Mutant]:
    """Mutants of units/<name>/mutants.py (see grading.mutants)."""
    from grading import mutants

    return [Mutant(m.grade_id, m.label, m.source) for m in mutants.load(name)]


def _loads(node) -> set[str]:
    """Names an expression/statement reads from the enclosing scope (comprehension and lambda locals removed)."""
    import ast

    local: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.comprehension):
            local |= {t.id for t in ast.walk(n.target) if isinstance(t, ast.Name)}
        elif isinstance(n, ast.Lambda):
            local |= {a.arg for a in n.args.args + n.args.kwonlyargs + n.args.posonlyargs}
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = n.args
            local |= {a.arg for a in args.args + args.kwonlyargs + args.posonlyargs}
            local |= {x.arg for x in (args.vararg, args.kwarg) if x}
            local |= {t.id for t in ast.walk(n) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} - local


def _stores(node) -> set[str]:
    import ast

    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _scan(stmts, defined: set[str], free: set[str]) -> None:
    import ast

    for node in stmts:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            free |= _loads(node) - defined - {node.name}
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            free |= _loads(node.iter) - defined
            defined |= _stores(node.target)
            _scan(node.body + node.orelse, defined, free)
        elif isinstance(node, (ast.While, ast.If)):
            free |= _loads(node.test) - defined
            _scan(node.body + node.orelse, defined, free)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                free |= _loads(item.context_expr) - defined
                if item.optional_vars is not None:
                    defined |= _stores(item.optional_vars)
            _scan(node.body, defined, free)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            _scan(node.body, defined, free)
            for h in node.handlers:
                if h.name:
                    defined.add(h.name)
                _scan(h.body, defined, free)
            _scan(node.orelse + node.finalbody, defined, free)
        else:
            value_first = getattr(node, "value", None)
            assign = isinstance(node, (ast.Assign, ast.AnnAssign))
            reads = _loads(value_first) if value_first is not None and assign else _loads(node)
            free |= reads - defined
            defined |= _stores(node)


def _names(src: str) -> tuple[set[str], set[str]]:
    """(names a cell binds at top level, names it reads before binding them in the same cell)."""
    import ast

    code = "\n".join("pass" if ln.lstrip().startswith(("%", "!")) else ln for ln in src.splitlines())
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set(), set()
    defined: set[str] = set()
    free: set[str] = set()
    _scan(tree.body, defined, free)
    return defined, free


def dependencies(nb: nbformat.NotebookNode) -> dict[str, set[str]]:
    """answer grade_id -> the test grade_ids whose outcome can depend on that answer (through names)."""
    deps: dict[str, set[str]] = {}
    cells = [c for c in nb.cells if c.cell_type == "code"]
    for i, c in enumerate(cells):
        meta = c.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        tainted, _ = _names(c.source)
        hit: set[str] = set()
        for later in cells[i + 1:]:
            defined, free = _names(later.source)
            lmeta = later.metadata.get("nbgrader", {})
            if free & tainted:
                if lmeta.get("grade"):
                    hit.add(lmeta["grade_id"])
                tainted |= defined
            else:
                tainted -= defined  # rebound from untainted values
        deps[meta["grade_id"]] = hit
    return deps


def group_mutants(mutants: list[Mutant], deps: dict[str, set[str]]) -> list[list[Mutant]]:
    """Pack mutants into as few submissions as possible: one mutant per exercise in a submission, and no
    mutant whose test cell could be affected by another mutant of the same submission."""
    groups: list[list[Mutant]] = []
    for m in mutants:
        for g in groups:
            if all(o.grade_id != m.grade_id and o.test_id not in deps.get(m.grade_id, set())
                   and m.test_id not in deps.get(o.grade_id, set()) for o in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def graded_cells(nb: nbformat.NotebookNode) -> dict[str, float]:
    """grade_id -> points of every graded (test) cell."""
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"].get("points", 0))
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def hidden_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Every non-trivial line inside a hidden-test block that the release does not already show.

    A hidden line that is part of visible text (a visible test's message repeated in the hidden
    test, say) reveals nothing when it reaches feedback, so it is not counted as a secret. Solution
    lines count as visible: the reference hand-in's feedback shows them.
    """
    lines: list[str] = []
    public: set[str] = set()
    for c in nb.cells:  # every line outside hidden-test blocks (solutions too: a reference hand-in shows them)
        inside = False
        for line in c.source.splitlines():
            s = line.strip()
            if s in (HIDDEN_BEGIN, HIDDEN_END):
                inside = s == HIDDEN_BEGIN
            elif not inside:
                public.add(s)
    shown = "\n".join(public)
    for c in nb.cells:
        if c.cell_type != "code" or HIDDEN_BEGIN not in c.source:
            continue
        inside = False
        for line in c.source.splitlines():
            s = line.strip()
            if s == HIDDEN_BEGIN:
                inside = True
            elif s == HIDDEN_END:
                inside = False
            elif inside and len(s) >= 12 and not s.startswith("#") and s not in shown:
                lines.append(s)
    return lines


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(KERNEL_ENV)
    return env


def nbgrader_steps(course: Path, name: str, log: Path) -> dict[str, float]:
    """generate_assignment, autograde and generate_feedback in one process (tools/nbgrader_steps.py); seconds."""
    cmd = [sys.executable, "-m", "tools.nbgrader_steps", name]
    with open(log, "a", encoding="utf-8") as err:
        out = subprocess.run(cmd, cwd=course, env=_env(), stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        result = json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {}
    return {k: float(v) for k, v in result.items() if k != "ok"}


def make_course(tmp: Path, name: str) -> Path:
    """A minimal course directory with the config and one assignment's source."""
    course = tmp / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "grading", course / "grading", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "source" / name, course / "source" / name,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return course


def _normalise(nb: nbformat.NotebookNode) -> str:
    return json.dumps(nb, sort_keys=True, ensure_ascii=False)


def compare_release(course: Path, name: str) -> list[str]:
    """Differences between a fresh release and the committed one (empty = equal)."""
    fresh, committed = course / "release" / name, ROOT / "release" / name
    if not committed.is_dir():
        return [f"release/{name} is missing: run `make release` and commit it"]
    diffs = []
    files_fresh = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
    files_committed = {p.relative_to(committed).as_posix() for p in committed.rglob("*") if p.is_file()}
    if files_fresh != files_committed:
        diffs.append(f"release/{name} files differ: fresh {sorted(files_fresh)} vs committed {sorted(files_committed)}")
    for rel in sorted(files_fresh & files_committed):
        a, b = fresh / rel, committed / rel
        if rel.endswith(".ipynb"):
            same = _normalise(nbformat.read(a, as_version=4)) == _normalise(nbformat.read(b, as_version=4))
        else:
            same = a.read_bytes() == b.read_bytes()
        if not same:
            diffs.append(f"release/{name}/{rel} is stale: run `make release` and commit it")
    return diffs


def submit(course: Path, student: str, name: str, nb: nbformat.NotebookNode) -> None:
    folder = course / "submitted" / student / name
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{name}.ipynb")
    (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC", encoding="utf-8")


def hostile_submission(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str], list[str]] | None:
    """The reference with its first answer cell replaced by the `leak` adversary and its last by `swallow`+`spoof`
    (graded in the full round trip: those cells must score 0 and the feedback must show no hidden line)."""
    from grading import adversaries

    answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")
               and not c.metadata.get("nbgrader", {}).get("grade")]
    if not answers:
        return None
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    # (tricks that break the kernel's own machinery, e.g. patching builtins.isinstance, are judged by the fast path:
    # under nbgrader each of the following cells would wait for its full timeout)
    first, last = answers[0].metadata["nbgrader"]["grade_id"], answers[-1].metadata["nbgrader"]["grade_id"]
    picks = {first: "leak", last: "swallow"}
    for c in out.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        if gid in picks:
            ref = adversaries._reference(nb, gid)
            c.source = adversaries.hostile_cell(ref, picks[gid])
            if picks[gid] == "swallow":
                c.source += "\n" + adversaries.hostile_cell(ref, "spoof").replace("def ", "def _spoof_", 1)
    return out, ["test_" + g.removeprefix("ex_") for g in picks], list(picks)


def mutate(nb: nbformat.NotebookNode, *mutants: Mutant) -> nbformat.NotebookNode:
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    for mutant in mutants:
        hits = [c for c in out.cells if c.metadata.get("nbgrader", {}).get("grade_id") == mutant.grade_id]
        if len(hits) != 1:
            raise ValueError(f"mutant {mutant.label}: answer cell {mutant.grade_id} not found")
        hits[0].source = mutant.source.strip("\n")
    return out


def read_scores(course: Path, name: str) -> dict[str, dict[str, tuple[float, float]]]:
    """student -> grade_id -> (score, max) from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    result: dict[str, dict[str, tuple[float, float]]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in gb.students:
            try:
                sub = gb.find_submission_notebook(name, name, student.id)
            except MissingEntry:
                continue
            result[student.id] = {g.name: (float(g.score), float(g.max_score)) for g in sub.grades}
    return result


def check(name: str, keep: bool = False, workdir: Path | None = None, solo: bool = False) -> Report:
    """Run the whole round trip for one assignment and return what was found."""
    report = Report(name)
    tmp = Path(tempfile.mkdtemp(prefix=f"gradecheck_{name}_", dir=workdir))
    log = tmp / "nbgrader.log"
    try:
        course = make_course(tmp, name)
        committed = ROOT / "release" / name / f"{name}.ipynb"
        if not committed.is_file():
            report.problems.append(f"release/{name} is missing: run `make release` and commit it")
            return report
        source_nb = nbformat.read(course / "source" / name / f"{name}.ipynb", as_version=4)
        # The blank submission is the committed release; that it equals a fresh generate is checked below.
        release_nb = nbformat.read(committed, as_version=4)
        graded = graded_cells(source_nb)
        report.mutants = load_mutants(name)
        deps = dependencies(source_nb)
        hostile = None if solo else hostile_submission(source_nb)
        hostile_gids = set(hostile[2]) if hostile else set()
        # The hostile answers and one group of mutants share a submission (one notebook run fewer per unit), so
        # the group is drawn from the mutants that neither touch nor depend on the hostile cells.
        pool = [m for m in report.mutants if m.grade_id not in hostile_gids
                and not any(m.test_id in deps.get(h, set()) for h in hostile_gids)
                and not any(h_test in deps.get(m.grade_id, set()) for h_test in (hostile[1] if hostile else []))]
        groups = [[m] for m in report.mutants] if solo else group_mutants(pool, deps)[:1]
        # Every mutant and adversary is judged by the fast path below; one group of mutants also goes through a
        # full nbgrader autograde, so that CI proves the two give the same verdict (issue: grading cost).
        report.groups = {f"mutants_{i:02d}": g for i, g in enumerate(groups, 1)}
        submit(course, "ref", name, source_nb)
        submit(course, "blank", name, release_nb)
        hostile_student = None
        for student, group in report.groups.items():
            if hostile is not None and hostile_student is None:
                hostile_student = student
                submit(course, student, name, mutate(hostile[0], *group))
            else:
                submit(course, student, name, mutate(source_nb, *group))
        if hostile is not None:
            if hostile_student is None:  # no mutant fits beside the hostile cells: a submission of its own
                hostile_student = "hostile"
                submit(course, hostile_student, name, hostile[0])
            report.hostile_cells = hostile[1]
            report.hostile_student = hostile_student

        report.seconds.update(nbgrader_steps(course, name, log))
        if not (course / "release" / name / f"{name}.ipynb").is_file():
            report.problems.append(f"generate_assignment produced no notebook (see {log})")
            return report
        report.release_diff = compare_release(course, name)
        report.scores = read_scores(course, name)

        expected_students = {"ref", "blank", *report.groups} | ({report.hostile_student} if report.hostile_cells
                                                                 else set())
        for gid in report.hostile_cells:
            got = report.scores.get(report.hostile_student, {}).get(gid, (None, 0))[0]
            if got != 0:
                report.problems.append(f"hostile: {gid} scored {got}, a hostile answer must get 0")
        for student in sorted(expected_students - set(report.scores)):
            report.problems.append(f"{student}: not graded (see {log})")
        ref = report.scores.get("ref", {})
        for gid, pts in graded.items():
            got = ref.get(gid, (0.0, pts))[0]
            if got != pts:
                report.problems.append(f"ref: {gid} scored {got}/{pts}, the reference must get full points")
        for gid, (score, _) in report.scores.get("blank", {}).items():
            if score != 0:
                report.problems.append(f"blank: {gid} scored {score}, the unanswered release must get 0")
        for student, group in report.groups.items():
            got = report.scores.get(student)
            if got is None:
                continue
            affected = {m.test_id for m in group} | set().union(*(deps.get(m.grade_id, set()) for m in group))
            if student == report.hostile_student:
                affected |= set(report.hostile_cells) | set().union(*(deps.get(h, set()) for h in hostile_gids))
            for m in group:
                if m.test_id not in graded:
                    report.problems.append(f"{m.student}: no graded cell {m.test_id}")
                elif got.get(m.test_id, (0, 0))[0] >= graded[m.test_id]:
                    report.problems.append(f"{m.student}: {m.test_id} kept its points for a wrong answer")
            for gid, pts in graded.items():
                if gid not in affected and got.get(gid, (0, 0))[0] != pts:
                    report.problems.append(
                        f"{student} ({', '.join(m.label for m in group)}): unrelated cell {gid} lost points")
        if not solo:
            from grading import fastcheck

            t = time.perf_counter()
            report.fast = fastcheck.check(name, fastcheck.load_cases(name), workdir=tmp)
            report.seconds["fast"] = time.perf_counter() - t
            report.problems += [f"fast path: {p}" for p in report.fast.problems]
            fast_failed = {(v.case.grade_id, v.case.label) for v in report.fast.verdicts if not v.passed}
            for group in report.groups.values():  # equivalence on the sample: the full autograde agrees
                for m in group:
                    if (m.grade_id, m.label) not in fast_failed:
                        report.problems.append(
                            f"equivalence: {m.student} fails in the full autograde, not in the fast path")
            for gid, (ok, msg) in report.fast.reference.items():
                if not ok:
                    report.problems.append(f"equivalence: reference {gid} fails in the fast path ({msg})")
        missing = sorted(gid for gid in graded if not any(m.test_id == gid for m in report.mutants))
        for gid in missing:
            report.problems.append(f"{gid}: no mutant in units/{name}/mutants.py")

        secrets = hidden_lines(source_nb)
        pages = sorted((course / "feedback").rglob("*.html"))
        if len(pages) < len(expected_students):
            report.problems.append(f"feedback: {len(pages)} pages for {len(expected_students)} students")
        for page in pages:
            text = page.read_text(encoding="utf-8")
            import html as _html

            plain = _html.unescape(text)
            for line in secrets:
                if line in plain or _html.escape(line) in text:
                    report.feedback_leaks.append(f"{page.relative_to(course)}: {line}")
        return report
    finally:
        if keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    for i, c in enumerate(nb.cells):
        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return i
    return -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="grading round trip + mutants for assignments")
    parser.add_argument("names", nargs="*", help="assignment names (default: every folder in source/)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary course for inspection")
    parser.add_argument("--solo", action="store_true", help="one submission per mutant (slow, no grouping)")
    args = parser.parse_args(argv)
    from tools import config

    names = args.names or config.unit_names()
    failed = False
    for name in names:
        r = check(name, keep=args.keep, solo=args.solo)
        times = ", ".join(f"{k} {v:.0f}s" for k, v in r.seconds.items())
        print(f"== {name}: {len(r.mutants)} mutants in {len(r.groups)} submissions, times {times}")
        for student, cells in sorted(r.scores.items()):
            total = sum(s for s, _ in cells.values())
            mx = sum(m for _, m in cells.values())
            print(f"   {student:40s} {total:g}/{mx:g}")
        for p in r.problems + r.release_diff + r.feedback_leaks:
            print("   PROBLEM:", p)
        failed |= bool(r.problems or r.release_diff or r.feedback_leaks)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

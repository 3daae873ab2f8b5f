"""Build the tree students get (`make student-dist`): no source/, no solutions, no hidden tests.

    python -m tools.student_dist [--out build/student-dist] [--ref HEAD]

Built from a commit (`git archive`, default HEAD), never from the working tree: uncommitted changes are left out
(and listed). Contents: course/, release/, helpers/, data/, environment.yml, requirements.txt, pyproject.toml,
course.toml, .gitignore, tools/{__init__,config,lab}.py + tools/make/install.mk + tools/jupyter/settings (for
`make lab`), and the student files kept as real files in tools/student/: Makefile, README.md, nbgrader_config.py
(Validate only), and the lab config that leaves students only what they can use (Validate): page_config.json
disables nbgrader's formgrader / create-assignment / assignment-list / course-list lab extensions, and
jupyter_server_config.json their server extensions.

Never in it: source/ and units/ (solutions, hidden tests, the unit text sources), tests/ (mutants, graders' tests),
grading/: the copy lists above are allow-lists, and `build` refuses an output that holds any of NEVER.

The output folder is replaced except for a `.git` inside it: an instructor keeps the clone of the public student
repository there and publishes with `git add -A && git commit && git push` (README.md, "학생 배포본 게시").
"""
from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .config import ROOT

COPY_DIRS = ["course", "release", "helpers", "data"]
COPY_FILES = ["environment.yml", "requirements.txt", "pyproject.toml", "course.toml", ".gitignore"]
TOOLS = ["tools/__init__.py", "tools/config.py", "tools/lab.py", "tools/make/install.mk",
         "tools/jupyter/settings/overrides.json"]
# tools/student/<file> -> where it goes in the student tree
STUDENT_FILES = {
    "Makefile": "Makefile",
    "README.md": "README.md",
    "nbgrader_config.py": "nbgrader_config.py",
    "page_config.json": "tools/jupyter/settings/page_config.json",
    "jupyter_server_config.json": "tools/jupyter/config/jupyter_server_config.json",
}
KEEP = {".git"}
# Instructor-only paths: the copy lists never name them, and build() fails if one is in the output anyway.
NEVER = ["source", "units", "tests", "grading", "autograded", "submitted", "feedback", "gradebook.db",
         "tools/build.py", "tools/templates", "tools/gradecheck.py"]
# File names that only the unit text sources have (units/NN_slug/*.py).
NEVER_NAMES = {"lecture.py", "assignment.py", "mutants.py"}


class DistError(RuntimeError):
    """The distribution cannot be built (no git, unknown commit)."""


def _git(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def uncommitted(paths: list[str], root: Path = ROOT) -> list[str]:
    """Changed or untracked files under `paths` that a build from a commit leaves out."""
    out = _git("status", "--porcelain", "--untracked-files=all", "--", *paths, root=root)
    return [line[3:].strip() for line in out.stdout.decode("utf-8", "replace").splitlines() if line.strip()]


def _clear(out: Path) -> None:
    """Empty `out` except for KEEP (an instructor's .git)."""
    for child in out.iterdir():
        if child.name in KEEP:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _extract(ref: str, paths: list[str], dest: Path, root: Path = ROOT) -> None:
    """`git archive ref -- paths` unpacked into dest."""
    present = [p for p in paths if _git("cat-file", "-e", f"{ref}:{p}", root=root).returncode == 0]
    archive = _git("archive", "--format=tar", ref, "--", *present, root=root)
    if archive.returncode != 0:
        raise DistError(archive.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")


def _student_pyproject(path: Path) -> None:
    """Keep only the packages the student tree has (helpers) in [tool.setuptools] packages."""
    text = path.read_text(encoding="utf-8")

    def keep(m: re.Match) -> str:
        names = re.findall(r'"([^"]+)"', m.group(1))
        have = [n for n in names if (path.parent / n).is_dir()]
        return "packages = [" + ", ".join(f'"{n}"' for n in have) + "]"

    path.write_text(re.sub(r"^packages = \[(.*?)\]", keep, text, flags=re.M), encoding="utf-8")


def build(out: Path, ref: str = "HEAD", root: Path = ROOT) -> Path:
    """Write the student distribution of commit `ref` to `out` (replacing it, keeping out/.git)."""
    if _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", root=root).returncode != 0:
        raise DistError(f"git 커밋 {ref!r} 을(를) 찾을 수 없습니다: 학생 배포본은 커밋된 내용으로만 만듭니다.")
    if out.exists():
        _clear(out)
    out.mkdir(parents=True, exist_ok=True)
    _extract(ref, COPY_DIRS + COPY_FILES + TOOLS + ["tools/student"], out, root)
    staged = out / "tools" / "student"
    missing = [name for name in STUDENT_FILES if not (staged / name).is_file()]
    if missing:
        raise DistError(f"커밋 {ref} 에 tools/student/ 의 {', '.join(missing)} 이(가) 없습니다.")
    for name, dest in STUDENT_FILES.items():
        target = out / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged / name, target)
    shutil.rmtree(staged)
    if (out / "pyproject.toml").exists():
        _student_pyproject(out / "pyproject.toml")
    secret = instructor_paths(out)
    if secret:
        raise DistError(f"학생 배포본에 강사 전용 파일이 들어갔습니다: {', '.join(secret[:10])}")
    return out


def instructor_paths(out: Path) -> list[str]:
    """Paths in `out` that must never reach students (NEVER, unit text sources by name), out/.git excluded."""
    found = [p for p in NEVER if (out / p).exists()]
    for p in out.rglob("*"):
        rel = p.relative_to(out)
        if rel.parts[0] != ".git" and p.name in NEVER_NAMES:
            found.append(rel.as_posix())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student-dist")
    parser.add_argument("--ref", default="HEAD", help="commit to build from (default HEAD)")
    args = parser.parse_args(argv)
    left_out = uncommitted(COPY_DIRS + COPY_FILES + TOOLS + ["tools/student"])
    try:
        out = build(args.out, args.ref)
    except DistError as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1
    n = sum(1 for p in out.rglob("*") if p.is_file() and ".git" not in p.relative_to(out).parts)
    sha = _git("rev-parse", "--short", args.ref).stdout.decode().strip()
    print(f"학생 배포본: {out} ({n} files, commit {sha})")
    if left_out:
        print(f"⚠️ 커밋되지 않은 변경 {len(left_out)}개는 들어가지 않았습니다 (커밋 후 다시 실행하세요): "
              + ", ".join(left_out[:10]) + (" …" if len(left_out) > 10 else ""))
    if (out / ".git").exists():
        print(f"   게시: cd {out} && git add -A && git commit -m '배포' && git push")
    return 0


if __name__ == "__main__":
    sys.exit(main())

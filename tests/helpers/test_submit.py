"""`python -m helpers submit 04` / `make submit UNIT=04`: find, check and pack a student's notebook."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from helpers import submit
from helpers._paths import ROOT

UNIT, NAME = "00", "00_setup"


@pytest.fixture
def course(tmp_path):
    """A course root with course.toml and one release, and a separate working folder."""
    root = tmp_path / "course"
    (root / "release").mkdir(parents=True)
    shutil.copy(ROOT / "course.toml", root / "course.toml")
    shutil.copytree(ROOT / "release" / NAME, root / "release" / NAME)
    return root


def test_import_stays_light():
    code = ("import sys, helpers.submit; "
            "print(sorted(m for m in ('torch', 'nbclient', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unit_name_from_number(course):
    assert submit.unit_name("00", course) == NAME
    assert submit.unit_name("0", course) == NAME
    assert submit.unit_name("04") == "04_tensors"
    with pytest.raises(ValueError, match="단원"):
        submit.unit_name("99", course)


@pytest.mark.parametrize("filename", [f"{NAME}.ipynb", f"Copy of {NAME}.ipynb", f"{NAME}.ipynb의 사본.ipynb",
                                      f"{NAME} (1).ipynb", f"사본 - {NAME}.ipynb"])
def test_renamed_copies_are_found_and_packed_under_the_expected_name(course, tmp_path, monkeypatch, filename,
                                                                     capsys):
    work = tmp_path / "downloads"
    work.mkdir()
    src = course / "release" / NAME / f"{NAME}.ipynb"
    copy = work / filename
    copy.write_bytes(src.read_bytes())
    os.utime(copy, (src.stat().st_mtime + 10,) * 2)  # saved after the release file
    monkeypatch.chdir(work)
    assert submit.find_notebook(NAME, course)[0] == copy
    code = submit.submit(UNIT, run=False, out_dir=tmp_path / "out", root=course)
    assert code == 0, capsys.readouterr()
    with zipfile.ZipFile(tmp_path / "out" / f"{NAME}.zip") as z:
        assert z.namelist() == [f"{NAME}/{NAME}.ipynb"]
        assert z.read(f"{NAME}/{NAME}.ipynb") == src.read_bytes()
    assert "제출 파일" in capsys.readouterr().out


def test_other_units_and_lookalikes_are_not_taken(tmp_path):
    for name in ["100_setup.ipynb", "00_setups.ipynb", "01_python_numpy.ipynb", "00_setup.txt"]:
        (tmp_path / name).write_text("{}")
    assert not [p for p in tmp_path.iterdir() if submit._matches(p, NAME)]


def test_a_lecture_notebook_is_refused(course, tmp_path, capsys):
    lecture = tmp_path / f"{NAME}.ipynb"
    shutil.copy(ROOT / "course" / f"{NAME}.ipynb", lecture)
    assert submit.submit(UNIT, file=lecture, run=False, out_dir=tmp_path / "out", root=course) == 2
    assert "과제 노트북" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_notebook_says_how_in_korean(course, tmp_path, monkeypatch, capsys):
    (course / "release" / NAME / f"{NAME}.ipynb").unlink()
    monkeypatch.chdir(tmp_path)
    assert submit.submit(UNIT, run=False, out_dir=tmp_path / "out", root=course) == 2
    assert "--file" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_runs_the_blank_release_and_lists_failing_tests(tmp_path):
    """The committed blank release: every visible test fails (NotImplementedError), the zip is still made."""
    out = subprocess.run([sys.executable, "-m", "helpers", "submit", UNIT, "--file",
                          str(ROOT / "release" / NAME / f"{NAME}.ipynb"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "통과하지 못한 테스트 셀" in out.stdout and "NotImplementedError" in out.stdout, out.stdout
    nb = json.loads(zipfile.ZipFile(tmp_path / f"{NAME}.zip").read(f"{NAME}/{NAME}.ipynb"))
    assert nb["cells"], "the packed notebook is the student's file"


def test_cli_usage_lists_submit():
    out = subprocess.run([sys.executable, "-m", "helpers", "nonsense"], capture_output=True, text=True)
    assert out.returncode == 2 and "submit" in out.stderr


def test_make_submit_needs_a_unit():
    out = subprocess.run(["make", "-s", "-o", "install", "submit"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode != 0 and "UNIT=04" in out.stdout + out.stderr

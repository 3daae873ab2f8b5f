"""tools.nbsync: assignment headers carry the hand-in lines; lecture headers do not."""
from __future__ import annotations

from tools import config, nbsync

ROOT = config.ROOT


def test_assignment_header_says_how_to_hand_in():
    for unit in config.units():
        header = nbsync.header_source(ROOT / "source" / unit.name / f"{unit.name}.ipynb")
        assert header.startswith(f"# {unit.number}. {unit.title}\n")
        assert f"/blob/main/release/{unit.name}/{unit.name}.ipynb" in header
        assert f"make submit UNIT={unit.number}" in header
        assert f"python -m helpers submit {unit.number}" in header
        assert f"build/submit/{unit.name}.zip" in header
        assert "Colab" in header and "다운로드" in header


def test_release_path_gets_the_same_header_as_its_source():
    unit = config.units()[4]
    src = nbsync.header_source(ROOT / "source" / unit.name / f"{unit.name}.ipynb")
    rel = nbsync.header_source(ROOT / "release" / unit.name / f"{unit.name}.ipynb")
    assert src == rel


def test_lecture_header_has_no_hand_in():
    header = nbsync.header_source(ROOT / "course" / "04_tensors.ipynb")
    assert "submit" not in header and "/course/04_tensors.ipynb" in header


def test_submit_command_in_the_header_knows_every_unit():
    from helpers import submit

    for unit in config.units():
        assert submit.unit_name(unit.number) == unit.name

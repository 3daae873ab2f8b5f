"""python -m helpers doctor."""
import subprocess
import sys

import pytest

from helpers import data, doctor
from helpers._paths import ROOT


def test_doctor_passes_on_this_environment():
    out = subprocess.run([sys.executable, "-m", "helpers", "doctor"], capture_output=True, text=True,
                         env={**__import__("os").environ, "COURSE_DEVICE": "auto"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "모두 정상입니다" in out.stdout and "체크섬 일치" in out.stdout


def test_doctor_reports_damaged_data_in_korean(tmp_path, monkeypatch, capsys):
    import shutil

    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "seaborn", dst / "seaborn")
    entries = (ROOT / "data" / "datasets.toml").read_text(encoding="utf-8").split("[[dataset]]\n")
    seaborn = next(e for e in entries if e.startswith('name = "seaborn"'))
    (dst / "datasets.toml").write_text("[[dataset]]\n" + seaborn, encoding="utf-8")
    (dst / "seaborn" / "iris.csv").write_text("broken")
    monkeypatch.setenv("COURSE_DATA_DIR", str(dst))
    data._verified.clear()
    try:
        code = doctor.main([])
    finally:
        data._verified.clear()
    out = capsys.readouterr().out
    assert code == 1
    assert "iris.csv" in out and "손상" in out and "고칠 항목" in out


def test_doctor_flags_version_mismatch(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("numpy==0.0.1\nnot-a-real-package-xyz==1.0\n")
    rows = doctor.check_packages(req)
    text = " ".join(r[1] for r in rows)
    assert "not-a-real-package-xyz" in text and "numpy" in text
    assert any(r[0] == doctor.BAD for r in rows)


def test_cli_usage_error():
    out = subprocess.run([sys.executable, "-m", "helpers", "nonsense"], capture_output=True, text=True)
    assert out.returncode == 2 and "사용법" in out.stderr


def test_browser_font_check_reads_fontconfig():
    listing = "NanumGothic,나눔고딕\nNoto Sans CJK KR,Noto Sans CJK KR Regular\n"
    assert doctor.korean_system_fonts(listing) == ["NanumGothic", "Noto Sans CJK KR"]
    assert doctor.korean_system_fonts("") == []
    rows = doctor.check_browser_font()
    assert rows and rows[0][0] in (doctor.OK, doctor.BAD, doctor.WARN) and "브라우저 한글 글꼴" in rows[0][1]


@pytest.mark.parametrize("fonts", [[], ["NanumGothic"]])
def test_browser_font_row_names_its_check_with_or_without_fonts(monkeypatch, fonts):
    """Both outcomes carry the check's name (CI installs the font late, so a run may see either)."""
    import shutil

    if sys.platform == "darwin" or sys.platform.startswith("win") or not shutil.which("fc-list"):
        pytest.skip("fontconfig path only")
    monkeypatch.setattr(doctor, "korean_system_fonts", lambda listing=None: fonts)
    (status, text, fix), = doctor.check_browser_font()
    assert text.startswith("브라우저 한글 글꼴")
    assert (status, bool(fix)) == ((doctor.OK, False) if fonts else (doctor.WARN, True))


def test_pins_follow_platform_markers(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text('numpy==2.0\nnvidia-x==1.0 ; sys_platform == "nonexistent-os"\npywin==1 ; os_name == "nt"\n')
    pins = doctor._pins(req)
    assert pins == {"numpy": "2.0"} or (sys.platform.startswith("win") and "pywin" in pins)

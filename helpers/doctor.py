"""`python -m helpers doctor` (also `make doctor`): what is wrong with this environment and how to fix it."""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from ._paths import ROOT

OK, BAD, WARN = "✅", "❌", "⚠️"


def _pins(requirements: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    if requirements.is_file():
        for line in requirements.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)", line.strip())
            if m:
                pins[m.group(1)] = m.group(2)
    return pins


def check_python() -> list[tuple[str, str, str]]:
    """Python version (3.11 or newer)."""
    v = sys.version_info
    if v >= (3, 11):
        return [(OK, f"Python {v.major}.{v.minor}.{v.micro}", "")]
    return [(BAD, f"Python {v.major}.{v.minor}", "Python 3.11 이상이 필요합니다. `make lab` 이 만드는 .venv 를 쓰세요.")]


def check_packages(requirements: Path = ROOT / "requirements.txt") -> list[tuple[str, str, str]]:
    """Installed versions against the pins in requirements.txt."""
    pins = _pins(requirements)
    rows = []
    missing, differ = [], []
    for name, want in pins.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
            continue
        if have.split("+")[0] != want.split("+")[0]:
            differ.append(f"{name} {have} (고정 버전 {want})")
    if missing:
        rows.append((BAD, f"설치되지 않은 패키지 {len(missing)}개: {', '.join(missing[:8])}",
                     "`make install` (또는 `pip install -r requirements.txt`) 을 실행하세요."))
    if differ:
        rows.append((WARN, f"버전이 다른 패키지 {len(differ)}개: {', '.join(differ[:5])}",
                     "테스트된 조합은 requirements.txt 입니다. `make install` 로 맞추세요."))
    if pins and not missing and not differ:
        rows.append((OK, f"패키지 {len(pins)}개 모두 requirements.txt 와 같은 버전", ""))
    return rows


def check_data() -> list[tuple[str, str, str]]:
    """Every shipped file against SHA256SUMS."""
    from . import data

    try:
        status = data.verify_all()
    except data.DataFileError as err:
        return [(BAD, "데이터 체크섬 목록", str(err))]
    bad = {k: v for k, v in status.items() if v != "ok"}
    if not bad:
        return [(OK, f"데이터 파일 {len(status)}개 체크섬 일치", "")]
    return [(BAD, f"데이터 {name}", problem) for name, problem in bad.items()]


def check_font() -> list[tuple[str, str, str]]:
    """The Korean font renders Hangul."""
    try:
        from matplotlib import font_manager

        from .plot import use_korean_font

        name = use_korean_font()
        font_manager.findfont(name, fallback_to_default=False)
        return [(OK, f"한글 글꼴 {name}", "")]
    except Exception as err:  # noqa: BLE001 - report any failure to the student
        return [(BAD, "한글 글꼴", f"koreanize-matplotlib 를 설치하세요 ({err}).")]


def check_device() -> list[tuple[str, str, str]]:
    """torch imports and the requested device works."""
    try:
        from .device import assert_device_works, device_report, get_device

        report = device_report()
        dev = get_device()
        assert_device_works(dev)
    except Exception as err:  # noqa: BLE001
        return [(BAD, "PyTorch/장치", str(err))]
    gpus = ", ".join(report["gpus"]) or "GPU 없음 (CPU로 충분합니다)"
    return [(OK, f"PyTorch {report['torch']} | 장치 {dev} | {gpus}", "")]


def main(argv: list[str] | None = None) -> int:
    """Print every check; exit code 1 when something must be fixed."""
    print("🩺 과정 환경 점검 (course doctor)")
    rows = []
    for check in (check_python, check_packages, check_data, check_font, check_device):
        rows.extend(check())
    for mark, what, fix in rows:
        print(f"  {mark} {what}")
        if fix:
            print(f"      → {fix}")
    failed = sum(mark == BAD for mark, _, _ in rows)
    print("모두 정상입니다." if not failed else f"고칠 항목 {failed}개가 있습니다.")
    return 1 if failed else 0

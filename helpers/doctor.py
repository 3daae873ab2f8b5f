"""`python -m helpers doctor` (also `make doctor`): what is wrong with this environment and how to fix it."""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from ._paths import ROOT

OK, BAD, WARN = "✅", "❌", "⚠️"


def _marker_holds(marker: str) -> bool:
    """Whether an environment marker (`sys_platform == "linux" and ...`) holds here; True when unsure."""
    try:
        from packaging.markers import Marker

        return Marker(marker).evaluate()
    except Exception:  # noqa: BLE001 - no packaging, or a marker it cannot read: keep the pin
        return True


def _pins(requirements: Path) -> dict[str, str]:
    """name -> version of every pin in requirements.txt that applies to this platform."""
    pins: dict[str, str] = {}
    if requirements.is_file():
        for line in requirements.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)\s*(?:;([^#]*))?", line.strip())
            if m and (not m.group(3) or _marker_holds(m.group(3).strip())):
                pins[m.group(1)] = m.group(2)
    return pins


def check_python() -> list[tuple[str, str, str]]:
    """Python version (3.11.5 or newer: the oldest the pinned stack installs on)."""
    v = sys.version_info
    if v >= (3, 11, 5):
        return [(OK, f"Python {v.major}.{v.minor}.{v.micro}", "")]
    return [(BAD, f"Python {v.major}.{v.minor}.{v.micro}",
             "Python 3.11.5 이상이 필요합니다 (고정된 패키지 일부가 3.11.5 부터 설치됩니다). "
             "python.org 에서 3.11 최신판을 설치하고 `make lab` 으로 .venv 를 다시 만드세요.")]


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
    """Every file declared in data/datasets.toml against its sha256."""
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
    """The Korean font renders Hangul in matplotlib plots (koreanize-matplotlib)."""
    try:
        from matplotlib import font_manager

        from .plot import use_korean_font

        name = use_korean_font()
        font_manager.findfont(name, fallback_to_default=False)
        return [(OK, f"그래프 한글 글꼴 {name}", "")]
    except Exception as err:  # noqa: BLE001 - report any failure to the student
        return [(BAD, "그래프 한글 글꼴", f"koreanize-matplotlib 를 설치하세요 ({err}).")]


HANGUL_FONT = re.compile(r"nanum|noto sans cjk|noto serif cjk|noto sans kr|noto serif kr|malgun|apple ?sd ?gothic|"
                         r"unfonts|un ?dotum|baekmuk|나눔|맑은", re.I)


def korean_system_fonts(fc_list: str | None = None) -> list[str]:
    """Families of installed system fonts that cover Hangul (what the browser and JupyterLab use), via fontconfig."""
    if fc_list is None:
        import shutil
        import subprocess

        if not shutil.which("fc-list"):
            return []
        try:
            fc_list = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True,
                                     timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return []
    families = {f.strip() for line in fc_list.splitlines() for f in line.split(",")[:1] if f.strip()}
    return sorted(families, key=lambda f: (not HANGUL_FONT.search(f), f))


def check_browser_font() -> list[tuple[str, str, str]]:
    """A system font with Hangul, so that JupyterLab in the browser shows Korean (not empty boxes)."""
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        return [(OK, "브라우저 한글 글꼴: macOS/Windows 기본 글꼴 (Apple SD Gothic Neo / 맑은 고딕)", "")]
    import shutil

    if not shutil.which("fc-list"):
        return [(WARN, "브라우저 한글 글꼴: fontconfig(fc-list) 가 없어 확인하지 못했습니다",
                 "Debian/Ubuntu: sudo apt-get install fontconfig fonts-nanum")]
    fonts = korean_system_fonts()
    if fonts:
        return [(OK, f"브라우저 한글 글꼴 {', '.join(fonts[:3])}", "")]
    # A warning, not a failure: the browser often runs on another machine (a laptop opening a server's lab).
    return [(WARN, "브라우저 한글 글꼴: 이 컴퓨터에 없습니다 "
                   "(여기서 브라우저를 열면 JupyterLab 의 한국어가 네모로 보입니다)",
             "Debian/Ubuntu: sudo apt-get install fonts-nanum (또는 fonts-noto-cjk) 후 브라우저를 다시 여세요.")]


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
    for check in (check_python, check_packages, check_data, check_font, check_browser_font, check_device):
        rows.extend(check())
    for mark, what, fix in rows:
        print(f"  {mark} {what}")
        if fix:
            print(f"      → {fix}")
    failed = sum(mark == BAD for mark, _, _ in rows)
    print("모두 정상입니다." if not failed else f"고칠 항목 {failed}개가 있습니다.")
    return 1 if failed else 0

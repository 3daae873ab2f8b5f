"""requirements.txt installs on the laptops students have: Linux x86_64, macOS arm64, Windows x86_64.

pip runs once per platform against PyPI (`pip install --dry-run --only-binary=:all: --platform ... --python-version
3.11.5 --ignore-installed`): every pin must have a wheel for that platform and Python. pip evaluates environment
markers for the machine it runs on, not for `--platform` (a macOS torch wheel's `nvidia-*; platform_system ==
"Linux"` would count on a Linux runner), so:
- on the platform of the runner (Linux x86_64 here) pip's resolver runs with dependencies;
- for every platform the test evaluates requirements.txt's markers for the target first, and checks each resolved
  package's dependencies under the target's markers itself: present and within the specifier (so a Windows-only
  dependency such as pywinpty cannot go missing); other platforms run with --no-deps for this reason.
Needs the network to PyPI: skipped without it, except under CI=true.

Cost: an index without PEP 658 metadata files makes pip download every wheel it resolves (the CUDA wheels and torch
are ~4 GB on Linux, on every run). Only with COURSE_RESOLVE_FULL=1 does everything go through pip as above. Otherwise
(`make test`, CI included) the heavy pins (torch, torchvision, nvidia-*, cuda-*, triton) are checked from the index
listing instead (a wheel of that exact version whose tags fit the platform and whose Requires-Python admits
3.11.5), and pip runs with --no-deps on the rest; `make install` already ran pip's full resolver on this machine.
"""
from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tools import config

REQUIREMENTS = config.ROOT / "requirements.txt"
INDEX = os.environ.get("COURSE_PYPI_INDEX", "https://pypi.org/simple")
CUDA = re.compile(r"^(nvidia-|cuda-|triton$)")
HEAVY = re.compile(r"^(nvidia-|cuda-|triton$|torch$|torchvision$)")
# Pins the registry has only as a source archive (pure data, no compiled code: kiwipiepy's dictionary and model,
# which kiwipiepy's wheels depend on). pip cannot resolve an sdist with --platform, so the index listing is checked
# for that exact version's archive instead; `make install` builds it (setuptools, no compiler) on every platform.
SDIST_ONLY = re.compile(r"^kiwipiepy-model$")
# The oldest Python the pinned stack accepts (soupsieve 4.x and others require >=3.11.5); README says so.
PYTHON_VERSION = "3.11.5"

_LINUX_TAGS = [f"manylinux_2_{v}_x86_64" for v in range(28, 4, -1)] + [
    "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]

PLATFORMS = {
    "linux-x86_64": (_LINUX_TAGS, {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                                   "platform_machine": "x86_64"}),
    "macos-arm64": (["macosx_14_0_arm64"], {"sys_platform": "darwin", "platform_system": "Darwin",
                                            "os_name": "posix", "platform_machine": "arm64"}),
    "windows-x86_64": (["win_amd64"], {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                                       "platform_machine": "AMD64"}),
}


def target_env(overrides: dict[str, str]) -> dict[str, str]:
    """Marker environment of CPython 3.11 on the target platform."""
    env = dict(default_environment())
    env.update({"python_version": "3.11", "python_full_version": PYTHON_VERSION, "implementation_name": "cpython",
                "platform_python_implementation": "CPython", "extra": ""})
    env.update(overrides)
    return env


def pins_for(env: dict[str, str], path: Path = REQUIREMENTS) -> dict[str, Requirement]:
    """The requirements whose marker holds on `env`, by canonical name."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            out[canonicalize_name(req.name)] = req
    return out


def full_resolve() -> bool:
    """Everything through pip (COURSE_RESOLVE_FULL=1), or the heavy wheels from the index listing (make test)."""
    return os.environ.get("COURSE_RESOLVE_FULL") == "1"


def supported_tags(name: str) -> set:
    """Wheel tags CPython 3.11 accepts on the platform `name`."""
    from packaging import tags as t

    platforms = []
    for tag in PLATFORMS[name][0]:
        platforms += list(t.mac_platforms((14, 0), "arm64")) if tag.startswith("macosx") else [tag]
    return set(t.cpython_tags((3, 11), platforms=platforms)) | set(t.compatible_tags((3, 11), "cp311", platforms))


def index_has_wheel(project: str, version: str, name: str) -> str | None:
    """None when the index lists a wheel of project==version for platform `name`, else what is wrong."""
    from packaging.utils import parse_wheel_filename
    from packaging.version import Version

    req = urllib.request.Request(f"{INDEX.rstrip('/')}/{project}/",
                                 headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        files = json.loads(r.read())["files"]
    ok_tags = supported_tags(name)
    for f in files:
        if not f["filename"].endswith(".whl"):
            continue
        _, ver, _, wheel_tags = parse_wheel_filename(f["filename"])
        if ver != Version(version) or not (set(wheel_tags) & ok_tags):
            continue
        rp = f.get("requires-python")
        if rp and not SpecifierSet(rp).contains(PYTHON_VERSION):
            return f"{project}=={version}: {f['filename']} requires Python {rp}"
        return None
    return f"{project}=={version}: no wheel for {name} on {INDEX}"


def index_has_sdist(project: str, version: str) -> str | None:
    """None when the index lists the source archive of project==version, else what is wrong."""
    req = urllib.request.Request(f"{INDEX.rstrip('/')}/{project}/",
                                 headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        files = json.loads(r.read())["files"]
    from packaging.utils import parse_sdist_filename
    from packaging.version import Version

    for f in files:
        if f["filename"].endswith((".tar.gz", ".zip")) and parse_sdist_filename(f["filename"]) == (
                canonicalize_name(project), Version(version)):
            return None
    return f"{project}=={version}: no source archive on {INDEX}"


def resolve(name: str, tmp: Path) -> tuple[int, str, dict | None]:
    """Run pip's resolver for one platform; (returncode, output, report)."""
    tags, overrides = PLATFORMS[name]
    env_m = target_env(overrides)
    pins = pins_for(env_m)
    if not full_resolve():
        pins = {n: r for n, r in pins.items() if not HEAVY.match(n)}
    pins = {n: r for n, r in pins.items() if not SDIST_ONLY.match(n)}
    req_file = tmp / f"requirements-{name}.txt"
    req_file.write_text("\n".join(str(r).split(";")[0].strip() for r in pins.values()) + "\n")
    report = tmp / f"report-{name}.json"
    cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--only-binary=:all:", "--ignore-installed",
           "--target", str(tmp / f"target-{name}"), "--python-version", PYTHON_VERSION, "--implementation", "cp",
           "--index-url", INDEX, "--report", str(report), "-q", "--disable-pip-version-check", "-r", str(req_file)]
    for tag in tags:
        cmd += ["--platform", tag]
    if (not full_resolve() or target_env(overrides)["sys_platform"] != sys.platform
            or overrides["platform_machine"] != platform.machine()):
        cmd.append("--no-deps")  # pip would judge the dependencies' markers for this machine, not the target
    # Only the registry: no machine-local config, wheel store or constraint file takes part.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") or k in ("PIP_CERT",)}
    env["PIP_CONFIG_FILE"] = os.devnull
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    data = json.loads(report.read_text()) if report.exists() else None
    return out.returncode, out.stdout + out.stderr, data


def missing_dependencies(report: dict, env: dict[str, str], extra: dict[str, str] | None = None) -> list[str]:
    """Dependencies (under the target's markers) of resolved packages that the resolution (plus `extra`, pins
    checked elsewhere) lacks or that it has in a version outside the dependency's specifier."""
    have = {canonicalize_name(i["metadata"]["name"]): i["metadata"]["version"] for i in report["install"]}
    have.update(extra or {})
    missing = []
    for item in report["install"]:
        for spec in item["metadata"].get("requires_dist") or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate(env):
                continue  # includes every extra-only dependency (extra == "")
            name = canonicalize_name(req.name)
            if name not in have:
                missing.append(f"{item['metadata']['name']} -> {spec} (missing)")
            elif req.specifier and not req.specifier.contains(have[name], prereleases=True):
                missing.append(f"{item['metadata']['name']} -> {spec} (pinned {have[name]})")
    return sorted(set(missing))


def _pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen(f"{INDEX.rstrip('/')}/pip/", timeout=10) as r:
            return r.status == 200
    except OSError:
        return False


def test_markers_keep_cuda_wheels_on_linux_x86_64_only():
    linux = pins_for(target_env(PLATFORMS["linux-x86_64"][1]))
    mac = pins_for(target_env(PLATFORMS["macos-arm64"][1]))
    win = pins_for(target_env(PLATFORMS["windows-x86_64"][1]))
    cuda = {n for n in linux if CUDA.match(n)}
    assert len(cuda) >= 15, sorted(cuda)
    assert not {n for n in mac | win if CUDA.match(n)}
    for pins in (linux, mac, win):
        assert str(pins["torch"].specifier) == "==2.14.1" and str(pins["torchvision"].specifier) == "==0.29.1"
    every = {canonicalize_name(line.split("==")[0]) for line in REQUIREMENTS.read_text().splitlines()
             if "==" in line and not line.startswith("#")}
    assert all("==" in str(r.specifier) for r in linux.values()), "every line is an exact pin"
    assert every == set(linux) | set(mac) | set(win)


@pytest.mark.slow
def test_pip_resolves_requirements_for_every_platform(tmp_path):
    if not _pypi_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{INDEX} 에 연결할 수 없습니다 (CI 에서는 건너뛸 수 없습니다).")
        pytest.skip(f"{INDEX} 에 연결할 수 없어 플랫폼별 설치 확인을 건너뜁니다 (네트워크 필요).")
    with ThreadPoolExecutor(len(PLATFORMS)) as pool:
        results = dict(zip(PLATFORMS, pool.map(lambda n: resolve(n, tmp_path), PLATFORMS)))
    problems = []
    for name, (code, output, report) in results.items():
        if code != 0 or report is None:
            problems.append(f"[{name}] pip failed:\n{output[-3000:]}")
            continue
        env = target_env(PLATFORMS[name][1])
        pins = pins_for(env)
        got = {canonicalize_name(i["metadata"]["name"]): i["metadata"]["version"] for i in report["install"]}
        heavy = {}
        if not full_resolve():
            heavy = {n: str(r.specifier).removeprefix("==") for n, r in pins.items() if HEAVY.match(n)}
            problems += [f"[{name}] {p}" for n, v in heavy.items() if (p := index_has_wheel(n, v, name))]
            got.update(heavy)
        sdists = {n: str(r.specifier).removeprefix("==") for n, r in pins.items() if SDIST_ONLY.match(n)}
        problems += [f"[{name}] {p}" for n, v in sdists.items() if (p := index_has_sdist(n, v))]
        got.update(sdists)
        heavy = {**heavy, **sdists}
        extra = sorted(set(got) - set(pins))
        if extra:
            problems.append(f"[{name}] resolved but not pinned in requirements.txt: "
                            + ", ".join(f"{n}=={got[n]}" for n in extra))
        too_new = [f"{i['metadata']['name']} ({i['metadata']['requires_python']})" for i in report["install"]
                   if i["metadata"].get("requires_python")
                   and not SpecifierSet(i["metadata"]["requires_python"]).contains(PYTHON_VERSION)]
        if too_new:
            problems.append(f"[{name}] need a newer Python than {PYTHON_VERSION}: " + ", ".join(too_new))
        lacking = missing_dependencies(report, env, heavy)
        if lacking:
            problems.append(f"[{name}] dependencies on this platform that are not pinned: " + "; ".join(lacking))
    assert not problems, "\n".join(problems)

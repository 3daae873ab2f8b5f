"""`make lab` in a real browser: Debian's Chromium driven by Playwright (never Playwright's own browser download).

Against the server `make lab` starts (tools/lab.py), on a temporary copy of the course tree (Validate saves the
notebook, so committed files are never touched):

1. The lab opens in Korean without the Jupyter news prompt, and the URL file is written.
2. A lecture (course/00_setup.ipynb) → Run All: a matplotlib image is rendered (the lab kernel does not inherit the
   grading settings such as MPLBACKEND=Agg) and Korean text is shown.
3. A release assignment (blank answers) → nbgrader's Validate button: the dialog lists the failing test cells.

Screenshots of each step: build/browser/*.png. Chromium and a Hangul font are installed with `make browser-install`
(apt-get, as root) when missing; where that is impossible (e.g. macOS) the test skips, except under CI=true.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools import config

ROOT = config.ROOT
SHOTS = ROOT / "build" / "browser"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LECTURE = "course/00_setup.ipynb"
ASSIGNMENT = "00_setup"
TOKEN = "browsertest"

pytestmark = pytest.mark.slow


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true 에서는 건너뛸 수 없습니다)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    """Debian's Chromium (+ a Hangul font), installed on demand by `make browser-install` (a no-op when both are
    there) when this machine allows it (Debian/Ubuntu, root)."""
    if sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["make", "--no-print-directory", "browser-install"], cwd=ROOT, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_copy(dst: Path) -> Path:
    """The parts of the course tree the lab needs, copied (the lab writes into it: build/, saved notebooks)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for d in ("tools", "grading"):
        if (ROOT / d).is_dir():
            shutil.copytree(ROOT / d, dst / d, ignore=ignore)
    for f in ("nbgrader_config.py", "course.toml", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / f, dst / f)
    (dst / "course").mkdir()
    shutil.copy(ROOT / LECTURE, dst / LECTURE)
    shutil.copytree(ROOT / "release" / ASSIGNMENT, dst / "release" / ASSIGNMENT, ignore=ignore)
    return dst


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """tools/lab.py serving a copy of the course; yields (base URL, course copy)."""
    tmp = tmp_path_factory.mktemp("browser")
    root = course_copy(tmp / "course")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(JUPYTER_CONFIG_DIR=str(tmp / "jupyter-config"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
               PORT=str(_free_port()))
    env.pop("OMP_NUM_THREADS", None)  # what `make lab` gives a student; `make test` sets one thread
    proc = subprocess.Popen([sys.executable, "-m", "tools.lab", "--token", TOKEN], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        url = None
        while time.monotonic() < deadline and url is None:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "/lab?token=" in line:
                url = line.split("JupyterLab   :", 1)[-1].strip()
        assert url, "tools.lab printed no URL:\n" + "".join(lines)
        assert (root / "build" / "lab_url.txt").read_text().strip() == url
        yield url.split("/lab?")[0], root
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not (root / "build" / "lab_url.txt").exists(), "the URL file outlived the lab"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    exe = chromium_path()
    if exe is None:
        _skip_or_fail("Chromium 을 설치할 수 없는 환경이라 브라우저 테스트를 건너뜁니다 "
                      "(Debian/Ubuntu 에서 root 로 `make browser-install`).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright 패키지가 없어 브라우저 테스트를 건너뜁니다 (`make install`).")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"  # only Debian's Chromium, never a download
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=exe, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900}, locale="ko-KR")
        try:
            yield context
        finally:
            context.close()


def _open(context, base: str, path: str, workspace: str):
    """A new tab with only `path` open (its own lab workspace), once its kernel is idle."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{path}?reset&token={TOKEN}")
    page.locator(".lm-TabBar-tab.lm-mod-current", has_text=Path(path).name).first.wait_for(state="visible")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="visible")
    # The kernel is started (its name in the toolbar) and idle before anything runs.
    page.wait_for_function("""() => {
        const name = document.querySelector('.jp-NotebookPanel .jp-Toolbar-kernelName')?.innerText || '';
        const state = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
        return name.includes('Python') && state?.dataset.status === 'idle';
    }""", timeout=90_000)
    return page


def _menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).first.click()


def test_lecture_runs_in_korean_lab_with_plots(lab, browser):
    base, _ = lab
    page = _open(browser, base, LECTURE, "lecture")
    page.screenshot(path=str(SHOTS / "1_lecture_opened.png"))
    menubar = page.locator("#jp-menu-panel").inner_text()
    assert "실행" in menubar and "커널" in menubar, f"the lab is not in Korean: {menubar!r}"
    body = page.locator("body").inner_text()
    assert "Would you like to get notified" not in body and "뉴스" not in body, "the Jupyter news prompt is shown"
    assert "환경 설정" in page.locator(".jp-NotebookPanel").inner_text()  # the lecture's Korean title

    _menu(page, "실행", "모든 셀 실행")
    image = page.locator(".jp-NotebookPanel .jp-OutputArea-output img").first
    image.wait_for(state="visible", timeout=90_000)
    image.evaluate("img => img.scrollIntoView({block: 'center'})")
    box = image.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100, box
    assert image.evaluate("img => img.naturalWidth") > 200, "the plot image did not load"
    outputs = page.locator(".jp-NotebookPanel .jp-OutputArea-output").all_inner_texts()
    joined = "\n".join(outputs)
    assert "non-interactive" not in joined, "matplotlib fell back to a non-interactive backend (MPLBACKEND=Agg?)"
    assert any("\uac00" <= ch <= "\ud7a3" for ch in joined), "no Korean text in the outputs"
    page.screenshot(path=str(SHOTS / "2_lecture_plot.png"))
    image.screenshot(path=str(SHOTS / "2b_plot_image.png"))
    page.close()


def test_validate_lists_failing_tests(lab, browser):
    base, root = lab
    nb = f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    before = (ROOT / nb).read_bytes()
    page = _open(browser, base, nb, "assignment")
    assert page.locator(".jp-NotebookPanel .jp-Cell").count() < 48, "the lecture is shown instead"
    page.screenshot(path=str(SHOTS / "3_assignment_opened.png"))
    page.locator(".jp-NotebookPanel .validate-button").first.click()
    dialog = page.locator(".jp-Dialog", has_text="Validation Results")
    dialog.wait_for(state="visible", timeout=120_000)
    text = dialog.inner_text()
    page.screenshot(path=str(SHOTS / "4_validate_dialog.png"))
    assert "The following cell failed" in text, text[:2000]
    assert "NotImplementedError" in text, text[:2000]
    page.close()
    assert (ROOT / nb).read_bytes() == before, "the committed notebook changed"


def test_chat_page_talks_to_the_chat_endpoint_across_origins(browser):
    """course/assets/chat.html served from one loopback origin, helpers.serving.chat_app on another: a question sent
    from the page comes back with an answer and its sources (CORS allows the page's origin); an API that does not
    allow that origin is blocked by the browser and the page says so (unit 18)."""
    import functools
    import http.server
    import threading

    from helpers import data, serving

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "course" / "assets"))
    handler.log_message = lambda *a, **k: None
    pages = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    page_origin = f"http://127.0.0.1:{pages.server_address[1]}"
    retriever = serving.Retriever(serving.chunk_corpus(data.load_rag_corpus()))
    try:
        with serving.start_server(serving.chat_app(retriever, origins=[page_origin])) as api, \
                serving.start_server(serving.chat_app(retriever, origins=["http://localhost:1"])) as closed:
            page = browser.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{page_origin}/chat.html?api={api.url}")
            page.fill("#message", "모델을 저장하고 다시 불러오려면 어떻게 하나요?")
            page.click("#send")
            page.locator("#log .sources").first.wait_for(state="visible")
            answer = page.locator("#log .answer").first.inner_text()
            sources = page.locator("#log .sources").first.inner_text()
            page.screenshot(path=str(SHOTS / "5_chat_page.png"))
            assert answer.startswith("봇: ") and len(answer) > 10, answer
            assert sources.startswith("근거: [") and any("\uac00" <= ch <= "\ud7a3" for ch in sources), sources

            page.goto(f"{page_origin}/chat.html?api={closed.url}")
            page.fill("#message", "텐서를 GPU 로 옮기려면?")
            page.click("#send")
            error = page.locator("#log .error").first
            error.wait_for(state="visible")
            assert "CORS" in error.inner_text(), error.inner_text()
            assert page.locator("#log .answer").count() == 0
            page.close()
    finally:
        pages.shutdown()
        pages.server_close()

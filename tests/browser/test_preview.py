"""`build.py serve` in Chromium: a saved source shows in the open tab by itself; a broken save puts
the Chinese errors in the page (the preview keeps running) and the next good save brings the page
back; a broken link is shown the same way, also when the preview starts with it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import FRAMEWORK, ROOT, STANDARD_MD, STANDARD_YAML, free_port, write_tree

TITLE = "公务用车使用管理规范"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A running preview of a small project: (base URL, source folder, the process)."""
    base = tmp_path_factory.mktemp("preview")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                    "standards/db1016.yaml": STANDARD_YAML})
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--src", str(src), "--port", str(port),
                             "--as-of", "2025-06-30", "--cache", str(base / "cache")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: TITLE in fetch(url + "standards/q-cqjg-101-2023/"), 120), "the preview did not start"
        yield url, src, proc
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_a_saved_title_shows_in_the_open_tab(preview, page):
    url, src, _ = preview
    page.goto(url + "standards/q-cqjg-101-2023/")
    assert TITLE in page.locator("h1").inner_text()
    source = src / "standards/q101.md"
    save(source, STANDARD_MD.replace(TITLE, "公务用车管理规范（修订稿）"))
    try:
        started = time.monotonic()
        page.wait_for_function("document.querySelector('h1') && "
                               "document.querySelector('h1').innerText.includes('（修订稿）')", timeout=30_000)
        print(f"save → page shows it: {time.monotonic() - started:.1f} s")
        # the navigation of the page shows the new title too (the page was built whole, not patched)
        assert "（修订稿）" in page.locator(".md-nav__link--active").first.inner_text()
    finally:
        save(source, STANDARD_MD)
        page.wait_for_function("document.querySelector('h1') && "
                               "!document.querySelector('h1').innerText.includes('（修订稿）')", timeout=30_000)


def test_a_broken_save_shows_the_errors_and_the_next_save_recovers(preview, page):
    url, src, proc = preview
    page.goto(url + "standards/q-cqjg-101-2023/")
    style = page.locator("link[rel=stylesheet][href*='stdsite/stdsite.']").first.get_attribute("href")
    source = src / "standards/q101.md"
    broken = STANDARD_MD.replace("issued: 2023-03-01", "issued: 2023-13-45")
    save(source, broken)
    try:
        page.wait_for_selector(".std-preview-errors", timeout=30_000)
        text = page.locator(".std-preview-errors").inner_text()
        assert "源文件有错误" in text
        line = broken.splitlines().index("issued: 2023-13-45") + 1
        assert f"{src}/standards/q101.md:{line}:" in text and "2023-13-45" in text
        assert proc.poll() is None, "the preview stopped"
        other = fetch(url + "documents/")                 # every page shows the errors
        assert "源文件有错误" in other
        assert "std-" in fetch(url + "standards/q-cqjg-101-2023/" + style)   # styles: the last good build's
    finally:
        save(source, STANDARD_MD)
    page.wait_for_function("document.querySelector('h1') && "
                           f"document.querySelector('h1').innerText.includes('{TITLE}')", timeout=30_000)
    assert page.locator(".std-preview-errors").count() == 0


def test_a_broken_link_is_shown_in_the_page(preview, page):
    url, src, proc = preview
    page.goto(url + "standards/q-cqjg-101-2023/")
    source = src / "standards/q101.md"
    save(source, STANDARD_MD.replace("派车应登记。", "派车应登记，见[登记表](files/登记表.pdf)。"))
    try:
        page.wait_for_selector(".std-preview-errors", timeout=30_000)
        text = page.locator(".std-preview-errors").inner_text()
        assert "「files/登记表.pdf」 指向的文件不存在" in text and "standards/q101.md" in text
        assert proc.poll() is None
    finally:
        save(source, STANDARD_MD)
    page.wait_for_function(f"document.body && document.body.innerText.includes('{TITLE}') && "
                           "!document.querySelector('.std-preview-errors')", timeout=30_000)


def test_a_preview_started_with_errors_shows_them_and_recovers(tmp_path, page):
    text = STANDARD_MD.replace("派车应登记。", "派车应登记，见[登记表](files/登记表.pdf)。")
    src = write_tree(tmp_path / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": text,
                                        "standards/db1016.yaml": STANDARD_YAML})
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--src", str(src), "--port", str(port),
                             "--as-of", "2025-06-30", "--cache", str(tmp_path / "cache")], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/standards/q-cqjg-101-2023/"
    try:
        assert wait_for(lambda: "指向的文件不存在" in fetch(url), 120), "no error page"
        page.goto(url)
        assert "「files/登记表.pdf」 指向的文件不存在" in page.locator(".std-preview-errors").inner_text()
        save(src / "standards/q101.md", STANDARD_MD)
        page.wait_for_function(f"document.body && document.body.innerText.includes('{TITLE}') && "
                               "!document.querySelector('.std-preview-errors')", timeout=60_000)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        output = proc.communicate(timeout=15)[0].decode("utf-8")
    assert "Traceback" not in output and "指向的文件不存在" in output

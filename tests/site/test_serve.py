"""`build.py serve` rebuilds when a source file changes (the editor's preview loop)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

from support import ROOT, TEST_CACHE, free_port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_refreshes_after_editing_a_standard(make_project):
    src = make_project()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--src", str(src), "--port", str(port),
                             "--as-of", "2025-06-30", "--cache", str(TEST_CACHE)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/standards/q-cqjg-101-2023/"
        assert wait_for(lambda: "公务用车使用管理规范" in fetch(url), 60), "serve did not start"
        path = src / "standards/q101.md"
        path.write_text(path.read_text(encoding="utf-8").replace("公务用车使用管理规范", "公务用车管理规范（修订稿）"),
                        encoding="utf-8")
        assert wait_for(lambda: "公务用车管理规范（修订稿）" in fetch(url), 60), "page not refreshed"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

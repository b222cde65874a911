"""`build.py serve` rebuilds when a source file changes (the editor's preview loop)."""
from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from support import ROOT, TEST_CACHE, free_port, run_build

CJK = re.compile(r"[\u4e00-\u9fff]")


def fetch(url: str) -> str:
    """The page's text, also for an error status (the preview's error page is a 500)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


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


def test_serve_refreshes_after_editing_a_standard(make_project, tmp_path):
    src = make_project()
    port = free_port()
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"TMPDIR": str(temp)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--src", str(src), "--port", str(port),
                             "--as-of", "2025-06-30", "--cache", str(TEST_CACHE)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/standards/q-cqjg-101-2023/"
        assert wait_for(lambda: "公务用车使用管理规范" in fetch(url), 60), "serve did not start"
        path = src / "standards/q101.md"
        path.write_text(path.read_text(encoding="utf-8").replace("公务用车使用管理规范", "公务用车管理规范（修订稿）"),
                        encoding="utf-8")
        assert wait_for(lambda: "公务用车管理规范（修订稿）" in fetch(url), 60), "page not refreshed"
        # a broken source: every page answers at once with what to fix (no request left hanging)
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("title: 公务用车管理规范（修订稿）", "title: [未闭合"), encoding="utf-8")
        assert wait_for(lambda: "源文件有错误，预览未更新" in fetch(url), 60), "no error page"
        page = fetch(url)
        assert f"{src}/standards/q101.md:4: YAML 格式错误：列表「[ ]」没有闭合" in html.unescape(page) and "livereload" in page
        path.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "公务用车管理规范（修订稿）" in fetch(url), 60), "page not back after the fix"
    finally:
        proc.terminate()
        try:
            output = proc.communicate(timeout=10)[0].decode("utf-8")
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    # the console shows the editor Chinese lines only: the address, each rebuild, the errors
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines[0] == (f"预览地址：http://127.0.0.1:{port}/ （修改 {src}/ 下的文件并保存后，打开的页面自动刷新；"
                        "源文件有错误时页面上显示错误；按 Ctrl+C 退出）")
    assert f"{src}/standards/q101.md:4: YAML 格式错误：列表「[ ]」没有闭合，或两项之间缺少逗号「,」" in lines
    assert any(line.startswith("预览已更新（") for line in lines)    # (the first build ends before the first page)
    assert sum("site_url" in line for line in lines) <= 1              # a notice about the settings: once
    assert all(CJK.search(line) for line in lines), output
    # stopped with `kill` (SIGTERM, as proc.terminate() does): as with Ctrl+C, nothing is left behind
    assert lines[-1] == "预览已停止" and proc.returncode == 0
    assert not list(temp.glob("stdsite-preview-*"))


def test_serve_on_a_port_in_use_says_so_before_building(make_project, tmp_path):
    src = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_build("serve", "--src", str(src), "--port", str(port), "--cache", str(tmp_path / "cache"), timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"端口 {port} 已被占用，请用 --port 指定其他端口，如 --port {port + 1}\n"
    assert not (tmp_path / "cache").exists()              # nothing was built


def test_the_console_keeps_our_chinese_lines_and_verbose_keeps_everything():
    import io
    import logging
    from stdsite.cli.serve import quiet_logging
    root = logging.getLogger()
    saved = root.handlers[:], root.level, logging.getLogger("mkdocs").level
    shown = {}
    try:
        for verbose in (False, True):
            quiet_logging(verbose)
            root.handlers[0].setStream(shown.setdefault(verbose, io.StringIO()))
            logging.getLogger("mkdocs.plugins.stdsite").info("预览已更新（1.0 秒）")
            logging.getLogger("mkdocs.plugins.stdsite").info("stdsite: 3 pages rendered, 0 reused")
            logging.getLogger("mkdocs.commands.build").warning("Doc file 'a.md' contains a link")
            logging.getLogger("watchdog.observers").warning("watching")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        logging.getLogger("mkdocs").setLevel(saved[2])
    assert shown[False].getvalue() == "预览已更新（1.0 秒）\n"
    loud = shown[True].getvalue().splitlines()
    assert len(loud) == 4 and "stdsite: 3 pages rendered" in loud[1] and loud[3] == "WARNING - watchdog.observers - watching"

"""Shared test helpers (not fixtures): fixture sources, running build.py, serving a folder, Chromium flags.

Tests import these with `from support import ...` (tests/ is on pytest's pythonpath).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
FRAMEWORK = """\
categories:
  - id: JC
    name: 基础通用
    areas:
      - id: JC-TY
        name: 通用基础
        core: false
        items: [{id: JC-TY-01, name: 标准化导则}, {id: JC-TY-02, name: 术语与图形符号}]
  - id: YX
    name: 运行保障
    areas:
      - {id: YX-GC, name: 公务用车管理, core: true, items: [{id: YX-GC-01, name: 使用管理}, {id: YX-GC-02, name: 更新管理}]}
      - {id: YX-GW, name: 公物仓管理, core: true}
"""
STANDARD_MD = """\
---
code: Q/CQJG 101-2023
title: 公务用车使用管理规范
level: 组织内部标准
framework: YX-GC-01
issued: 2023-03-01
effective: 2023-04-01
tags: [公务用车, 派车]
---

## 1 范围

本文件规定了公务用车的派车和使用，参照 [[DB50/T 1016-2020]]。

## 5 管理要求

### 5.1 派车

派车应登记。

## 6 车辆更新

### 6.1 更新条件

使用年限满8年，见 [[#5.1]]。
"""
STANDARD_YAML = """\
code: DB50/T 1016-2020
title: 机关事务标准化工作指南
level: 地方标准
framework: JC-TY-01
issued: 2020-09-30
effective: 2020-12-30
"""


def write_tree(base: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under base (text is dedented, UTF-8)."""
    for rel, content in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return base


# builds run by the tests share one cache outside the repository (tests never write into it)
TEST_CACHE = Path(tempfile.mkdtemp(prefix="stdsite-test-cache-"))


def run_build(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run `python build.py ARGS` as an editor would; returns the completed process (text output).
    Without a `--cache` argument the build uses the tests' shared cache folder."""
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full_env.update(env or {})
    if "--cache" not in args:
        args = (*args, "--cache", str(TEST_CACHE))
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def build_sources(base: Path, files: dict[str, str | bytes], as_of: str) -> Path:
    """Write `files` to base/src and build them into base/site; returns the site (fails on errors)."""
    src = write_tree(base / "src", files)
    result = run_build("build", "--src", str(src), "--out", str(base / "site"), "--as-of", as_of)
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def load_project(src, diagrams=None):
    """(project or None, problems) of a source folder: load, validate and the diagrams' syntax,
    as `build.py check` does before the as-of warnings (nothing is cached on disk)."""
    from stdsite.errors import Problems
    from stdsite.load import load_sources
    from stdsite.output.cache import BuildCache
    from stdsite.output.graphviz import check_diagrams
    from stdsite.validate import validate
    problems = Problems()
    sources = load_sources(src, diagrams, problems)
    project = validate(sources, problems) if sources is not None else None
    if project is not None:
        project = check_diagrams(project, problems, BuildCache(None))
    return project, problems


def render_context(project, as_of, directory_urls: bool = True, site_url: str | None = None):
    """A RenderContext for renderer tests, with every diagram of the project drawn (in memory)."""
    from stdsite.pipeline import render_context as make
    from stdsite.output.cache import BuildCache
    return make(project, as_of, site_url, directory_urls, BuildCache(None))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_directory(path: Path):
    """Serve a folder on 127.0.0.1 (random port) for the duration of the block; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def block_network(context) -> list[str]:
    """Let a Playwright context load file:// only: every other request is aborted and recorded in
    the returned list (offline bundles must make none)."""
    attempted: list[str] = []

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return attempted


# CJK radical supplement forms pypdf returns for some characters (NFKC leaves them alone)
RADICALS = str.maketrans("⻋⻚⻓⻅⻔⻛⻢⻄⻝⻆⻘⻩⻉⻙⻜⻦⻮⻰⻬⻈⻤", "车页长见门风马西食角青黄贝韦飞鸟齿龙齐讠鬼")


def printed(page) -> tuple[list[str], list[tuple[float, float]]]:
    """Print a Playwright page to A4 as Chromium does (`page.pdf`, CSS page size preferred) and
    return each printed page's text — NFKC-normalised (pypdf returns Kangxi radicals for some
    CJK) with radical supplement forms mapped back, without whitespace — and its (width, height)
    in points."""
    import io
    import re
    import unicodedata
    from pypdf import PdfReader
    page.emulate_media(media="print")
    data = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(data))
    texts = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text() or "").translate(RADICALS))
             for p in reader.pages]
    return texts, [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def plain_tables(html: str) -> str:
    """Generated tables without what only phones and search need (render.common.table): the
    `std-cards` class, each cell's `data-label` and the spaces between cells — so that a test
    can compare cells as `<td>x</td><td>y</td>`."""
    import re
    html = re.sub(r' data-label="[^"]*"', "", html).replace(" std-cards\"", "\"")
    return re.sub(r"(</t[dh]>|</tr>|</thead>) (?=<)", r"\1", html)

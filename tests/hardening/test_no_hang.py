"""No hang: `check` refuses what would take Graphviz or Markdown minutes before a build starts, a
diagram has a layout time limit, Graphviz never outlives the build (even `kill -9`), and a
standard of 20,000 clauses is checked in seconds.

Each test is a reproduction from the adversarial run (issue "Nothing lost, nothing injected").
"""
from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from support import ROOT, run_build
from hardening_support import cli, line_of, md

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


def complete_graph(n: int) -> str:
    return "digraph {" + ";".join(f"n{i}->n{j}" for i in range(n) for j in range(i + 1, n)) + "}"


def test_check_refuses_a_dense_graph_before_a_build(make_project):
    """A complete graph of 120 nodes ran past 600 s in `dot`."""
    text = md(f"\n## 5 要求\n\n```dot\n{complete_graph(120)}\n```\n")
    src = make_project({"standards/a.md": text})
    started = time.monotonic()
    code, _, err = cli("check", "--src", str(src))
    assert time.monotonic() - started < 30
    assert code == 1
    assert (f"{src}/standards/a.md:{line_of(text, '```dot')}: 图过于复杂：120 个节点、7140 条连线"
            f"（上限 300 个节点、200 条连线）") in err


def graphviz_processes(mark: str) -> list[int]:
    """Processes that inherited the environment variable STDSITE_TEST_MARK=<mark>."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"STDSITE_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def start_render(mark: str, nodes: int, limit: int | None) -> subprocess.Popen:
    """A Python process drawing a complete graph with render_all (time limit `limit` seconds)."""
    script = textwrap.dedent(f"""
        from stdsite.output import graphviz
        from stdsite.output.cache import BuildCache
        {"graphviz.LAYOUT_SECONDS = " + str(limit) if limit else ""}
        svgs, stats = graphviz.render_all([{complete_graph(nodes)!r}], BuildCache(None))
        print(list(stats.failed.values()))
    """)
    env = {**os.environ, "STDSITE_TEST_MARK": mark}
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def kill_all(mark: str) -> None:
    for pid in graphviz_processes(mark):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def test_a_diagram_over_its_time_limit_is_stopped():
    mark = uuid.uuid4().hex
    proc = start_render(mark, 45, limit=2)
    try:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "图的布局超过 2 秒仍未完成，已停止 Graphviz" in out
        assert graphviz_processes(mark) == []
    finally:
        proc.kill()
        kill_all(mark)


def test_graphviz_dies_with_a_killed_build():
    """The `dot` child of a killed build kept running 12 minutes."""
    mark = uuid.uuid4().hex
    proc = start_render(mark, 70, limit=None)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(graphviz_processes(mark)) < 2:     # python and dot
            time.sleep(0.1)
        assert len(graphviz_processes(mark)) == 2, "dot did not start"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and graphviz_processes(mark):
            time.sleep(0.1)
        assert graphviz_processes(mark) == []
    finally:
        proc.kill()
        kill_all(mark)


def test_paragraphs_markdown_would_take_minutes_on_are_shown_as_text(make_project):
    """100 KB of `*[` ran past 900 s; an 8 KB line of `[` took 26 s."""
    import datetime as dt
    import markdown
    from support import load_project, render_context
    from stdsite.render.standards import standard_page
    stars, brackets = "*[" * 50_000, "[" * 8_000
    text = md(f"\n## 1 范围\n\n{stars}\n\n正文见 [[#1]]。\n\n{brackets}\n")
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 0, err
    for needle, count in ((stars[:10], 50_000), (brackets[:10], 8_000)):
        assert (f"{src}/standards/a.md:{line_of(text, needle)}: 警告：这一段有 {count} 个「[」（超过 500 个），"
                f"处理会非常慢，将按纯文字显示") in err
    project, _ = load_project(src)
    ctx = render_context(project, dt.date(2025, 6, 30))
    page = standard_page(ctx, next(s for s in project.standards if s.code == "Q/T 1-2024"))
    started = time.monotonic()
    html = markdown.markdown(page.split("\n---\n", 1)[1], extensions=["attr_list", "md_in_html", "tables", "toc"])
    assert time.monotonic() - started < 10                      # as MkDocs converts the page
    assert f'<p class="std-plain">{stars}</p>' in html and f'<p class="std-plain">{brackets}</p>' in html
    assert re.search(r'<a class="std-ref" href="#1"[^>]*>第 1 条</a>', html)      # ordinary paragraphs keep their links


def test_a_field_too_long_for_a_heading_is_refused(make_project):
    text = md("\n## 1 范围\n\n正文\n", title='"' + "*[" * 1500 + '"')
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert f"{src}/standards/a.md:{line_of(text, 'title:')}: 字段「title」过长（3000 个字符），不能超过 2000 个字符" in err


def test_twenty_thousand_clauses_are_checked_in_five_seconds(make_project):
    """52 s before: every `[[#x]]` built the set of the standard's clause numbers again."""
    parts, n = [], 0
    chapter = 0
    while n < 20_000:
        chapter += 1
        parts.append(f"## {chapter} 第{chapter}章\n\n本章见 [[#{chapter}]]。\n")
        n += 1
        for j in range(1, 10):
            if n == 20_000:
                break
            parts.append(f"### {chapter}.{j} 条款\n\n应按 [[#{chapter}.{j}]] 执行，参照 [[#1]] 与 [[Q/T 1-2024#{chapter}]]。\n")
            n += 1
    src = make_project({"standards/big.md": md("\n" + "\n".join(parts))})
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    result = run_build("check", "--src", str(src))
    after, elapsed = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(f"check of 20,000 clauses: {cpu:.2f} s CPU, {elapsed:.2f} s wall")
    assert cpu <= 5                    # CPU time: the wall clock also counts other people's work on a shared machine

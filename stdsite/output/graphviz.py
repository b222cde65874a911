"""DOT → SVG with the system Graphviz: syntax checks and rendering in batches, cached by content hash.

The pipeline checks the syntax of every diagram after validation (one `nop` process for all graphs
not seen before; an error is reported at the block's line) and renders every `flow`/`dot` block
of the project in one `dot` process before pages are generated; renderers then read the SVG by
its DOT source. An unchanged diagram is never rendered again: its sanitised SVG is kept in the
build cache under the hash of its DOT source and of this pipeline.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ..errors import GRAPHVIZ_MISSING, Problems, ToolMissing
from ..model import Project
from ..render.flowdot import FONT, diagram_source
from ..urls import safe_href
from .cache import BuildCache

log = logging.getLogger("mkdocs.plugins.stdsite")

# Change when the DOT→SVG pipeline changes (options, sanitising): old cache entries are then ignored.
PIPELINE = f"stdsite-diagram-1|-Gfontname={FONT}|-Nfontname={FONT}|-Efontname={FONT}"
DOT_ARGS = [f"-Gfontname={FONT}", f"-Nfontname={FONT}", f"-Efontname={FONT}"]
CHECKED = "checked-"          # cache key prefix: a DOT source Graphviz has read without error


@dataclass
class RenderStats:
    diagrams: int = 0        # distinct diagrams on the site
    rendered: int = 0        # laid out by Graphviz in this call
    from_cache: int = 0      # read from the cache
    processes: int = 0       # `dot` processes started
    ms: float = 0.0


def require_dot() -> None:
    """Raise ToolMissing (exit code 2, with how to install it) when Graphviz is not installed."""
    if shutil.which("dot") is None:
        raise ToolMissing(GRAPHVIZ_MISSING)


def content_hash(dot: str) -> str:
    return hashlib.sha256(f"{PIPELINE}\n{dot}".encode("utf-8")).hexdigest()[:32]


def _joined(texts: list[str]) -> bytes:
    return "".join(t if t.endswith("\n") else t + "\n" for t in texts).encode("utf-8")


# -- syntax ------------------------------------------------------------------------------------------
_ERROR_LINE = re.compile(r"(?:syntax error in line|line) (\d+)")
SENTINEL = "digraph stdsite_sentinel {}\n"


def _graph_count(canon: str) -> int:
    """Graphs in `nop`/`-Tcanon` output: each ends with a `}` alone at column 0."""
    return sum(1 for line in canon.split("\n") if line.rstrip() == "}")


def _parse_command() -> list[str]:
    """`nop` parses without layout (18 ms for 2000 edges); fall back to `dot -Tcanon`."""
    if shutil.which("nop"):
        return ["nop"]
    return ["dot", "-Tcanon"]


def _message(stderr: str, local_line: int | None) -> str:
    lines = [l.strip() for l in stderr.splitlines() if l.strip() and not l.strip().startswith("Warning")]
    detail = lines[0] if lines else stderr.strip()
    detail = re.sub(r"^Error:\s*(<stdin>:\s*)?", "", detail)
    near = re.search(r"near '([^']*)'", detail)
    where = f"第 {local_line} 行" if local_line else ""
    if near:
        return f"Graphviz 语法错误：图的{where}「{near.group(1)}」附近有误"
    if "missing endquote" in detail or "quoted string" in detail:
        return f"Graphviz 语法错误：图的{where}引号没有配对"
    return f"Graphviz 语法错误：{where}{detail[:120]}"


def check_syntax(sources: list[str], cache: BuildCache) -> list[str | None]:
    """For each DOT source: None when Graphviz reads it as exactly one graph, else a Chinese message.

    Sources checked before (or already rendered) are not checked again. The rest go to one parser
    process; after a syntax error the graphs after it are checked again. Raises ToolMissing
    when Graphviz is not installed and something is left to check."""
    results: list[str | None] = [None] * len(sources)
    todo = [i for i, s in enumerate(sources) if not _known_good(s, cache)]
    if not todo:
        return results
    require_dot()
    command = _parse_command()
    while todo:
        texts = [sources[i] for i in todo]
        proc = subprocess.run(command, input=_joined(texts), capture_output=True)
        out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
        done = _graph_count(out)
        if proc.returncode == 0 and done == len(todo):
            break
        m = _ERROR_LINE.search(err)
        if proc.returncode != 0 and m:
            line, start = int(m.group(1)), 1
            for position, text in enumerate(texts):
                size = _joined([text]).count(b"\n")
                if line < start + size or position == len(texts) - 1:
                    break
                start += size
            if done == position:           # every graph before the faulty one was read
                results[todo[position]] = _message(err, line - start + 1)
                todo = todo[position + 1:]
                continue
        for index in todo:                 # unclear failure (e.g. an unclosed comment): one by one
            results[index] = _check_one(command, sources[index])
        break
    for index, source in enumerate(sources):
        if results[index] is None:
            cache.put(CHECKED + content_hash(source), b"")
    return results


def _known_good(source: str, cache: BuildCache) -> bool:
    key = content_hash(source)
    return cache.get(CHECKED + key) is not None or cache.get(f"{key}.svg") is not None


def _check_one(command: list[str], source: str) -> str | None:
    """Check one source; a sentinel graph after it shows whether it swallows what follows
    (an unclosed /* comment is accepted at the end of input, but would break a batch)."""
    proc = subprocess.run(command, input=_joined([source, SENTINEL]), capture_output=True)
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        m = _ERROR_LINE.search(err)
        return _message(err, int(m.group(1)) if m else None)
    out = proc.stdout.decode("utf-8", "replace")
    if "stdsite_sentinel" not in out:
        return "Graphviz 语法错误：注释「/*」没有用「*/」结束"
    count = _graph_count(out) - 1
    if count != 1:
        return f"一个 dot 块应恰好包含一个图，实际读到 {count} 个"
    return None


def check_diagrams(project: Project, problems: Problems, cache: BuildCache) -> Project:
    """Report diagrams Graphviz cannot read, at the block's line; their parsed form becomes None.
    Without Graphviz, a warning (the build itself then stops with how to install it)."""
    owners = list(project.standards) + list(project.courses)
    found = [(o, i, dot) for o, owner in enumerate(owners) for i, block in enumerate(owner.blocks)
             if (dot := diagram_source(block)) is not None]
    if not found:
        return project
    try:
        results = check_syntax([dot for _, _, dot in found], cache)
    except ToolMissing:
        owner = owners[found[0][0]]
        problems.warn(owner.path, owner.blocks[found[0][1]].line,
                      "未找到 Graphviz 的 dot 命令，未检查图的语法（生成网站前请安装 Graphviz）")
        return project
    for (o, i, _), message in zip(found, results):
        if message is None:
            continue
        owner = owners[o]
        block = owner.blocks[i]
        include = getattr(block.parsed, "include", None)
        where = f"引用的 diagrams/{include}.dot 有" if include else ""
        problems.error(owner.path, block.line, f"{where}{message}")
        blocks = list(owner.blocks)
        blocks[i] = dataclasses.replace(block, parsed=None)
        owners[o] = dataclasses.replace(owner, blocks=tuple(blocks))
    n = len(project.standards)
    return dataclasses.replace(project, standards=tuple(owners[:n]), courses=tuple(owners[n:]))


# -- rendering ---------------------------------------------------------------------------------------
_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
_TITLE = re.compile(r"<title>.*?</title>\s*", re.S)
_HREF = re.compile(r'\s(xlink:href|href)="([^"]*)"')
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def sanitise(svg: str) -> str:
    """Graphviz SVG made safe and tidy for inlining in HTML: no prolog, comments or `<title>`
    tooltips, only harmless link targets, sizes in CSS pixels (1 pt → 1 px)."""
    svg = _PROLOG.sub("", svg)
    svg = _TITLE.sub("", svg)

    def href(m: re.Match) -> str:
        return m.group(0) if safe_href(m.group(2)) else ""
    svg = _HREF.sub(href, svg)
    svg = _SIZE.sub(lambda m: f'<svg width="{round(float(m.group(1)))}" height="{round(float(m.group(2)))}"', svg)
    return "\n".join(line for line in svg.strip().split("\n") if line.strip()) + "\n"


def _render_batch(sources: list[str], stats: RenderStats) -> list[str | None]:
    """One `dot -Tsvg` process for all sources, output split on `<?xml`; on failure, one by one."""
    stats.processes += 1
    proc = subprocess.run(["dot", "-Tsvg", *DOT_ARGS], input=_joined(sources), capture_output=True)
    parts = [p for p in proc.stdout.decode("utf-8", "replace").split("<?xml") if p.strip()]
    if proc.returncode == 0 and len(parts) == len(sources):
        return ["<?xml" + p for p in parts]
    if len(sources) == 1:
        log.warning("Graphviz 无法绘制图：%s", proc.stderr.decode("utf-8", "replace").strip()[:200])
        return [None]
    return [_render_batch([s], stats)[0] for s in sources]


def render_all(sources: list[str], cache: BuildCache) -> tuple[dict[str, str], RenderStats]:
    """{DOT source: sanitised SVG} for every source, and what it took; only sources absent from
    the cache are rendered (in one batch)."""
    started = time.perf_counter()
    stats = RenderStats()
    unique = {content_hash(s): s for s in sources}
    stats.diagrams = len(unique)
    out: dict[str, str] = {}
    missing: dict[str, str] = {}
    for key, source in unique.items():
        svg = cache.get_text(f"{key}.svg")
        if svg is None:
            missing[key] = source
        else:
            out[source] = svg
            stats.from_cache += 1
    if missing:
        require_dot()
        keys = sorted(missing)
        for key, svg in zip(keys, _render_batch([missing[k] for k in keys], stats)):
            if svg is not None:
                out[missing[key]] = sanitise(svg)
                cache.put_text(f"{key}.svg", out[missing[key]])
                stats.rendered += 1
    stats.ms = round((time.perf_counter() - started) * 1000, 1)
    log.info("stdsite: 图 %d 个，新绘制 %d 个（%d 个 dot 进程），缓存 %d 个，%.0f ms",
             stats.diagrams, stats.rendered, stats.processes, stats.from_cache, stats.ms)
    cache.put("last-render.json", (json.dumps(asdict(stats)) + "\n").encode("utf-8"))
    return out, stats


def render_project(project: Project, cache: BuildCache, extra: Sequence[str] = ()) -> tuple[dict[str, str], RenderStats]:
    """Every flow/dot block of every standard and course, and the generated diagrams in `extra`
    (the system's structure diagram), rendered in one batch."""
    sources = [dot for owner in (*project.standards, *project.courses) for block in owner.blocks
               if (dot := diagram_source(block)) is not None]
    return render_all(sources + list(extra), cache)

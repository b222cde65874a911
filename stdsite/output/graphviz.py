"""DOT → SVG with the system Graphviz: syntax and size checks and rendering in batches, cached by
content hash.

The pipeline checks every diagram after validation (one `nop` process for all graphs not seen
before, then one `gc` process counting nodes and edges: a graph too dense to lay out in
reasonable time is refused; an error is reported at the block's line) and renders every
`flow`/`dot` block of the project in one `dot` process before pages are generated; renderers
then read the SVG by its DOT source. Every Graphviz process has a time limit and dies with the
build (output/processes.py); a diagram over the limit is an error at its line. An unchanged
diagram is never rendered again: its cleaned SVG (output/svgclean.py) is kept in the build cache
under the hash of its DOT source and of this pipeline.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import shutil
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import GRAPHVIZ_MISSING, Problems, SourceError, ToolMissing
from ..model import Diagram, Project
from ..render.flowdot import FONT, diagram_source
from .cache import BuildCache
from .processes import run_limited
from .svgclean import clean_svg

log = logging.getLogger("mkdocs.plugins.stdsite")

# Change when the DOT→SVG pipeline changes (options, sanitising): old cache entries are then ignored.
PIPELINE = f"stdsite-diagram-3|-Gfontname={FONT}|-Nfontname={FONT}|-Efontname={FONT}"
DOT_ARGS = [f"-Gfontname={FONT}", f"-Nfontname={FONT}", f"-Efontname={FONT}"]
CHECKED = "checked-"          # cache key prefix: a DOT source Graphviz has read without error
LAYOUT_SECONDS = 60           # one diagram's layout time limit (a batch of ordinary ones takes ~1.5 ms each)
READ_SECONDS = 60             # reading (nop, gc) all diagrams
# Graphviz's layout time grows steeply with density: a complete graph on 20 nodes (190 edges)
# takes 0.6 s, on 30 nodes (435 edges) 14 s, on 40 nodes 40 s, on 60 nodes more than 300 s;
# sparse graphs of 300 nodes take 0.3 s. A flowchart a phone can show is far below both limits.
MAX_NODES = 300
MAX_EDGES = 200


@dataclass
class RenderStats:
    diagrams: int = 0        # distinct diagrams on the site
    rendered: int = 0        # laid out by Graphviz in this call
    from_cache: int = 0      # read from the cache
    processes: int = 0       # `dot` processes started
    ms: float = 0.0
    failed: dict[str, str] = field(default_factory=dict)      # DOT source -> why it was not drawn

    def summary(self) -> dict:
        return {"diagrams": self.diagrams, "rendered": self.rendered, "from_cache": self.from_cache,
                "processes": self.processes, "ms": self.ms, "failed": len(self.failed)}


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
        proc = run_limited(command, _joined(texts), READ_SECONDS)
        if proc is None:
            for index in todo:
                results[index] = _check_one(command, sources[index])
            break
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
    sizes = _too_large([sources[i] for i in todo if results[i] is None])
    for index in todo:
        if results[index] is None:
            results[index] = sizes.get(sources[index])
        if results[index] is None:
            cache.put(CHECKED + content_hash(sources[index]), b"")
    return results


_GC_LINE = re.compile(r"^\s*(\d+)\s+(\d+)\s")


def _too_large(sources: list[str]) -> dict[str, str]:
    """{source: message} for graphs with more nodes or edges than Graphviz lays out in reasonable
    time, counted by `gc` (no layout) in one process; nothing when `gc` is not installed."""
    if not sources or shutil.which("gc") is None:
        return {}
    proc = run_limited(["gc", "-n", "-e"], _joined(sources), READ_SECONDS)
    if proc is None or proc.returncode != 0:
        return {}
    counts = [m for line in proc.stdout.decode("utf-8", "replace").splitlines() if (m := _GC_LINE.match(line))]
    out = {}
    for source, m in zip(sources, counts):
        nodes, edges = int(m.group(1)), int(m.group(2))
        if nodes > MAX_NODES or edges > MAX_EDGES:
            out[source] = (f"图过于复杂：{nodes} 个节点、{edges} 条连线（上限 {MAX_NODES} 个节点、{MAX_EDGES} 条连线），"
                           f"布局可能要很长时间；请拆成几张图")
    return out


def _known_good(source: str, cache: BuildCache) -> bool:
    key = content_hash(source)
    return cache.get(CHECKED + key) is not None or cache.get(f"{key}.svg") is not None


def _check_one(command: list[str], source: str) -> str | None:
    """Check one source; a sentinel graph after it shows whether it swallows what follows
    (an unclosed /* comment is accepted at the end of input, but would break a batch)."""
    proc = run_limited(command, _joined([source, SENTINEL]), READ_SECONDS)
    if proc is None:
        return f"Graphviz 读取该图超过 {READ_SECONDS} 秒仍未完成，已停止"
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
    # only hand-written DOT: a flow's DOT is written by render/flowdot.py with every text quoted
    found = [(o, i, block.parsed.dot) for o, owner in enumerate(owners) for i, block in enumerate(owner.blocks)
             if isinstance(block.parsed, Diagram)]
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
_PAGE_ID = re.compile(r'(\sid="|#)page\d+,\d+_')
_CLUSTER = re.compile(r'<g id="clust(\d+)" class="cluster">.*?</g>\n', re.S)


def canonical(svg: str) -> str:
    """The same drawing whatever else `dot` drew in the same run: in a batch it prefixes ids with
    the graph's position (`page0,1_graph0`) and may emit the lane clusters in another order (the
    layout is the same). Without this, a diagram drawn alone (an incremental build) and in a
    batch (a cold build) would differ byte for byte."""
    svg = _PAGE_ID.sub(r"\1", svg)
    found = list(_CLUSTER.finditer(svg))
    if len(found) > 1:
        start, end = found[0].start(), found[-1].end()
        if "".join(m.group(0) for m in found) == svg[start:end]:        # one run of sibling clusters
            ordered = sorted(found, key=lambda m: int(m.group(1)))
            svg = svg[:start] + "".join(m.group(0) for m in ordered) + svg[end:]
    return svg


def _render_batch(sources: list[str], stats: RenderStats) -> list[str | None]:
    """One `dot -Tsvg` process for all sources, output split on `<?xml`; when it fails or runs
    over the time limit, one process per source (a failing one is then recorded in `stats`)."""
    stats.processes += 1
    proc = run_limited(["dot", "-Tsvg", *DOT_ARGS], _joined(sources), LAYOUT_SECONDS)
    if proc is not None:
        parts = [p for p in proc.stdout.decode("utf-8", "replace").split("<?xml") if p.strip()]
        if proc.returncode == 0 and len(parts) == len(sources):
            return ["<?xml" + p for p in parts]
    if len(sources) > 1:
        return [_render_batch([s], stats)[0] for s in sources]
    if proc is None:
        stats.failed[sources[0]] = f"图的布局超过 {LAYOUT_SECONDS} 秒仍未完成，已停止 Graphviz；请减少节点和连线，或拆成几张图"
    else:
        log.debug("Graphviz: %s", proc.stderr.decode("utf-8", "replace").strip()[:500])
        stats.failed[sources[0]] = "Graphviz 无法绘制该图（dot 异常退出），请检查图的写法"
    return [None]


def render_all(sources: list[str], cache: BuildCache, workers: int = 1) -> tuple[dict[str, str], RenderStats]:
    """{DOT source: cleaned SVG} for every source that could be drawn, and what it took (the
    others, with the reason, in `stats.failed`); only sources absent from the cache are rendered
    (in one batch per worker, the batches side by side)."""
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
        parts = max(1, min(workers, len(keys) // 50))     # a `dot` process costs ~30 ms to start
        chunks = [keys[k::parts] for k in range(parts)]
        with ThreadPoolExecutor(parts) as pool:
            drawn = list(pool.map(lambda chunk: _render_batch([missing[k] for k in chunk], stats), chunks))
        for key, raw in ((k, raw) for chunk, raws in zip(chunks, drawn) for k, raw in zip(chunk, raws)):
            svg = clean_svg(canonical(raw)) if raw is not None else None
            if svg is None:
                stats.failed.setdefault(missing[key], "Graphviz 输出的图无法解析（可能是字体名等属性中含有引号或尖括号），请检查图的写法")
                continue
            out[missing[key]] = svg
            cache.put_text(f"{key}.svg", svg)
            stats.rendered += 1
    stats.ms = round((time.perf_counter() - started) * 1000, 1)
    log.info("stdsite: 图 %d 个，新绘制 %d 个（%d 个 dot 进程），缓存 %d 个，%.0f ms",
             stats.diagrams, stats.rendered, stats.processes, stats.from_cache, stats.ms)
    cache.put("last-render.json", (json.dumps(stats.summary()) + "\n").encode("utf-8"))
    return out, stats


def render_project(project: Project, cache: BuildCache, extra: Sequence[str] = (),
                   workers: int = 1) -> tuple[dict[str, str], list[SourceError]]:
    """Every flow/dot block of every standard and course, and the generated diagrams in `extra`
    (the system's structure diagram), rendered in batches; an error at its line for each block
    whose diagram could not be drawn (for a generated one, on framework.yaml)."""
    blocks = [(owner, block, dot) for owner in (*project.standards, *project.courses) for block in owner.blocks
              if (dot := diagram_source(block)) is not None]
    svgs, stats = render_all([dot for _, _, dot in blocks] + list(extra), cache, workers)
    errors = [SourceError(owner.path, block.line, stats.failed[dot]) for owner, block, dot in blocks
              if dot in stats.failed]
    errors += [SourceError(f"{project.src}/framework.yaml", None, f"标准体系结构图：{stats.failed[dot]}")
               for dot in extra if dot in stats.failed]
    return svgs, errors

"""DOT → SVG with the system Graphviz: syntax checks and rendering in batches, cached by content hash.

Sits after validation and before page rendering: `blocks.check_all` calls `check_syntax` on every
diagram's DOT (one `nop` process for all graphs not seen before), and the MkDocs plugin calls
`render_project` in on_config, before pages are generated, to render every `flow`/`dot` block of
every page in one `dot` process. Renderers then read the SVG with `svg_for(dot)`.

Cache: one sanitised SVG file per content hash in `.cache/diagrams/` (env STDSITE_CACHE
overrides), so an unchanged diagram is never rendered again. Each `render_project` call records
what it did in `LAST_RENDER` and in `<cache>/last-render.json` (observable by tests).
"""
from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .render.flowdot import FONT

log = logging.getLogger("mkdocs.plugins.stdsite")

# Change when the DOT→SVG pipeline changes (options, sanitising): old cache entries are then ignored.
PIPELINE = f"stdsite-diagram-1|-Gfontname={FONT}|-Nfontname={FONT}|-Efontname={FONT}"
DOT_ARGS = [f"-Gfontname={FONT}", f"-Nfontname={FONT}", f"-Efontname={FONT}"]
ROOT = Path(__file__).resolve().parent.parent

_memory: dict[str, str] = {}        # hash -> sanitised SVG rendered or read in this process
_valid: set[str] = set()            # hashes whose syntax was checked in this process


@dataclass
class RenderStats:
    diagrams: int = 0        # distinct diagrams on the site
    rendered: int = 0        # laid out by Graphviz in this call
    from_cache: int = 0      # read from the cache folder or memory
    processes: int = 0       # `dot` processes started
    ms: float = 0.0


LAST_RENDER = RenderStats()


class GraphvizMissing(Exception):
    """`dot` is not installed (the CLI turns this into exit code 2 before building)."""


def cache_dir() -> Path:
    return Path(os.environ.get("STDSITE_CACHE") or ROOT / ".cache" / "diagrams")


def content_hash(dot: str) -> str:
    return hashlib.sha256(f"{PIPELINE}\n{dot}".encode("utf-8")).hexdigest()[:32]


def cached_svg(key: str) -> str | None:
    """An SVG from the content-hash cache (memory, then disk), or None."""
    if key in _memory:
        return _memory[key]
    path = cache_dir() / f"{key}.svg"
    if path.is_file():
        svg = path.read_text(encoding="utf-8")
        _memory[key] = svg
        return svg
    return None


def store_svg(key: str, svg: str) -> None:
    """Keep an SVG in memory and on disk (written atomically, so parallel builds never see half a file)."""
    _memory[key] = svg
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    tmp.write_text(svg, encoding="utf-8")
    os.replace(tmp, folder / f"{key}.svg")


def _joined(texts: list[str]) -> bytes:
    return "".join(t if t.endswith("\n") else t + "\n" for t in texts).encode("utf-8")


# -- syntax ------------------------------------------------------------------------------------------
_ERROR_LINE = re.compile(r"(?:syntax error in line|line) (\d+)")


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


def check_syntax(sources: list[str]) -> list[str | None]:
    """For each DOT source: None when Graphviz reads it as exactly one graph, else a Chinese message.

    Sources seen before (in this process, or already in the SVG cache) are not checked again. The
    rest go to one parser process; after a syntax error the graphs after it are checked again.
    """
    results: list[str | None] = [None] * len(sources)
    todo = [i for i, s in enumerate(sources) if content_hash(s) not in _valid and cached_svg(content_hash(s)) is None]
    if not todo:
        return results
    if shutil.which("dot") is None:
        raise GraphvizMissing()
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
            _valid.add(content_hash(source))
    return results


SENTINEL = "digraph stdsite_sentinel {}\n"


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


# -- rendering ---------------------------------------------------------------------------------------
_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
_TITLE = re.compile(r"<title>.*?</title>\s*", re.S)
_HREF = re.compile(r'\s(xlink:href|href)="([^"]*)"')
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def safe_href(value: str) -> bool:
    """Same-page anchors, relative links, http(s) and mailto only (never `javascript:` or `data:`)."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(value))
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in ("http", "https", "mailto")


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


def _render_batch(sources: list[str]) -> list[str | None]:
    """One `dot -Tsvg` process for all sources, output split on `<?xml`; on failure, one by one."""
    LAST_RENDER.processes += 1
    proc = subprocess.run(["dot", "-Tsvg", *DOT_ARGS], input=_joined(sources), capture_output=True)
    parts = [p for p in proc.stdout.decode("utf-8", "replace").split("<?xml") if p.strip()]
    if proc.returncode == 0 and len(parts) == len(sources):
        return ["<?xml" + p for p in parts]
    if len(sources) == 1:
        log.warning("Graphviz 无法绘制图：%s", proc.stderr.decode("utf-8", "replace").strip()[:200])
        return [None]
    return [_render_batch([s])[0] for s in sources]


def render_all(sources: list[str]) -> dict[str, str]:
    """{hash: sanitised SVG} for every source; only sources absent from the cache are rendered."""
    global LAST_RENDER
    started = time.perf_counter()
    LAST_RENDER = stats = RenderStats()
    unique = {content_hash(s): s for s in sources}
    stats.diagrams = len(unique)
    out: dict[str, str] = {}
    missing: dict[str, str] = {}
    for key, source in unique.items():
        svg = cached_svg(key)
        if svg is None:
            missing[key] = source
        else:
            out[key] = svg
            stats.from_cache += 1
    if missing:
        if shutil.which("dot") is None:
            raise GraphvizMissing()
        keys = sorted(missing)
        for key, svg in zip(keys, _render_batch([missing[k] for k in keys])):
            if svg is not None:
                out[key] = sanitise(svg)
                store_svg(key, out[key])
                stats.rendered += 1
    stats.ms = round((time.perf_counter() - started) * 1000, 1)
    _record(stats)
    return out


def _record(stats: RenderStats) -> None:
    log.info("stdsite: 图 %d 个，新绘制 %d 个（%d 个 dot 进程），缓存 %d 个，%.0f ms",
             stats.diagrams, stats.rendered, stats.processes, stats.from_cache, stats.ms)
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "last-render.json").write_text(json.dumps(asdict(stats)) + "\n", encoding="utf-8")
    except OSError:
        pass


def svg_for(dot: str) -> str | None:
    """The SVG of one DOT source: from memory or the cache, else rendered now (single process)."""
    key = content_hash(dot)
    svg = cached_svg(key)
    if svg is None and shutil.which("dot") is not None:
        rendered = _render_batch([dot])[0]
        if rendered is not None:
            svg = sanitise(rendered)
            store_svg(key, svg)
    return svg


def block_dot(block) -> str | None:
    """DOT source of a validated `flow` or `dot` block (None for other blocks)."""
    from .render.flowdot import flow_to_dot
    from .visual import Diagram, Flow
    if isinstance(block.parsed, Flow):
        return flow_to_dot(block.parsed)
    if isinstance(block.parsed, Diagram):
        return block.parsed.dot
    return None


def render_project(project) -> dict[str, str]:
    """Render every flow/dot block of every standard and course, in one batch (called by the plugin)."""
    sources = [dot for owner in (*project.standards, *project.courses) for block in owner.blocks
               if (dot := block_dot(block)) is not None]
    return render_all(sources)

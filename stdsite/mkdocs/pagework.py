"""One page through MkDocs, as our build loop (stdsite/mkdocs/driver.py) does it: read, Markdown →
HTML, template, written through the SiteWriter — and what rendering gave besides the HTML kept in
a `PageRecord`, so that a page reused from the previous site needs no rendering at all.

Every step runs the same plugin events, in the same order, as MkDocs' own `_populate_page` and
`_build_page`.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..output.parallel import WorkerFailed, fork_map
from ..output.sitefiles import SiteWriter
from .pagekeys import NavKeys, RecordingFiles, page_key

log = logging.getLogger("mkdocs.plugins.stdsite")


@dataclass
class PageRecord:
    """What rendering a page gave besides its HTML (reused with the HTML)."""

    key: str                                   # the full key of the HTML written
    lookups: dict[str, list]                   # link targets looked up while rendering
    title: str | None = None                   # the first heading, when the title comes from it
    anchors: frozenset[str] = frozenset()      # ids on the page
    to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)  # target page -> {anchor: link}
    search: list[dict] = field(default_factory=list)                    # Material's search entries
    logs: list[tuple[str, int, str]] = field(default_factory=list)      # warnings it logged


class LogCapture(logging.Handler):
    """Keeps the messages logged at `level` or above (a page's warnings are replayed when it is reused)."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@dataclass
class Run:
    """One build's MkDocs objects, shared by every page it renders."""

    config: MkDocsConfig
    writer: SiteWriter
    files: Files
    nav: Navigation
    env: object
    doc_files: list[File]
    sources: dict[int, str]                     # id(page) -> source key
    nav_keys: NavKeys | None = None             # made once every title is known
    lookups: dict[int, dict[str, list]] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)
    in_worker: bool = False


def prepare(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read a page's source and run `on_page_markdown`: the Markdown the page key is made of."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    except Exception as exc:
        log.error(f"Error reading page '{page.file.src_uri}':" + ("" if isinstance(exc, BuildError) else f" {exc}"))
        raise
    finally:
        config._current_page = None


def title_from_html(page: Page) -> bool:
    """Whether the page's title comes from its first heading (neither the nav nor front matter give it)."""
    return "title" not in page.__dict__ and "title" not in page.meta


def convert(run: Run, page: Page) -> None:
    """Markdown → HTML, recording which files its links looked up."""
    config = run.config
    config._current_page = page
    recording = RecordingFiles(run.files)
    try:
        page.render(config, recording)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=run.files)
    except Exception as exc:
        log.error(f"Error reading page '{page.file.src_uri}':" + ("" if isinstance(exc, BuildError) else f" {exc}"))
        raise
    finally:
        config._current_page = None
    run.lookups[id(page)] = recording.lookups


def _html(run: Run, page: Page) -> str:
    """The page through its template (MkDocs' `_build_page`, without writing)."""
    config = run.config
    config._current_page = page
    page.active = True
    try:
        context = get_context(run.nav, run.doc_files, config, page)
        template = run.env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=run.nav)
        if page.file.src_uri in run.excluded:
            page.content = ('<div class="mkdocs-draft-marker" title="This page will not be included into the built '
                            'site.">DRAFT</div>' + (page.content or ""))
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    except Exception as exc:
        log.error(f"Error building page '{page.file.src_uri}':" + ("" if isinstance(exc, BuildError) else f" {exc}"))
        raise
    finally:
        page.active = False
        config._current_page = None


def render_one(run: Run, page: Page) -> tuple[PageRecord, dict]:
    """Render and write one page; its record and the writer's entries it added."""
    capture = LogCapture()
    mkdocs_log = logging.getLogger("mkdocs")
    if run.in_worker:                   # the parent logs the warnings, in page order
        mkdocs_log.handlers[:] = []
        mkdocs_log.propagate = False
    mkdocs_log.addHandler(capture)
    try:
        if page.content is None:
            convert(run, page)
        search = run.config.plugins.get("material/search")
        entries = search.search_index.entries if search is not None else []
        before = len(entries)
        html = _html(run, page)
        found = entries[before:]
        del entries[before:]
        lookups = run.lookups.get(id(page), {})
        key = page_key(run.sources[id(page)], lookups, run.nav_keys.view(page))
        dest = page.file.dest_uri
        if html.strip():
            run.writer.write(dest, html.encode("utf-8", errors="xmlcharrefreplace"), key)
        else:
            log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
    finally:
        mkdocs_log.removeHandler(capture)
    record = PageRecord(key, lookups, page._title_from_render, frozenset(page.present_anchor_ids or ()),
                        {f.src_uri: dict(links) for f, links in (page.links_to_anchors or {}).items()},
                        found, capture.records)
    added = {rel: run.writer.entries[rel] for rel in (dest, dest + ".gz") if rel in run.writer.entries}
    return record, added


def render_many(run: Run, pages: list[Page], workers: int, cancelled: Callable[[], bool] | None = None,
                urgent: Callable[[], set[str]] | None = None) -> list[tuple[PageRecord, dict]]:
    """Render the pages, on `workers` processes. With one: stop when `cancelled()` says so
    (raising Cancelled), and render first the pages `urgent()` names (site paths) as they come."""
    if workers <= 1:
        done: dict[int, tuple[PageRecord, dict]] = {}
        left = list(pages)
        while left:
            if cancelled is not None and cancelled():
                raise Cancelled()
            wanted = urgent() if urgent is not None else ()
            page = next((p for p in left if p.file.dest_uri in wanted), left[0]) if wanted else left[0]
            left.remove(page)
            done[id(page)] = render_one(run, page)
            restore(page, done[id(page)][0], run.files)
        return [done[id(page)] for page in pages]
    mkdocs_log = logging.getLogger("mkdocs")
    handlers, propagate = list(mkdocs_log.handlers), mkdocs_log.propagate
    run.in_worker = True                # every process keeps its pages' warnings: logged after, in order
    try:
        results = fork_map(lambda page: render_one(run, page), pages, workers)
    except WorkerFailed as exc:
        raise BuildError(f"生成页面时出错：{exc}") from None
    finally:
        run.in_worker = False
        mkdocs_log.handlers[:] = handlers
        mkdocs_log.propagate = propagate
    for page, (record, _) in zip(pages, results):
        restore(page, record, run.files)
        replay(record)
    return results


class Cancelled(Exception):
    """The build was given up (the preview: a newer save makes it moot)."""


def restore(page: Page, record: PageRecord, files: Files) -> None:
    """Give a page that was not rendered here what rendering it gave (title, anchors, links)."""
    if record.title is not None:
        page._title_from_render = record.title
    page.present_anchor_ids = set(record.anchors)
    page.links_to_anchors = {found: dict(links) for uri, links in record.to_anchors.items()
                             if (found := files.get_file_from_path(uri)) is not None}


def replay(record: PageRecord) -> None:
    """Log again what a page logged when it was rendered (strict mode counts it again)."""
    for name, level, message in record.logs:
        logging.getLogger(name).log(level, message)


class Clock:
    """Seconds spent in each step of a build (the preview logs them with --debug)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = self._start = time.perf_counter()
        self._cpu = time.process_time()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self.laps["total"] = round(now - self._start, 3)
        self.laps["cpu"] = round(time.process_time() - self._cpu, 3)
        self._last = now

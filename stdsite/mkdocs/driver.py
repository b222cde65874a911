"""Our build loop, in place of `mkdocs build`'s: MkDocs and Material still read the configuration,
make the navigation, turn each page's Markdown into HTML and fill the templates, with every
plugin event in MkDocs' order — but a page whose key (stdsite/mkdocs/pagekeys.py) is unchanged
is not rendered again: its HTML is linked from the previous site, with what rendering it gave
besides the HTML (its title, anchors, search entries and warnings) kept in `SiteState`.
The pages left to render are spread over worker processes, and every file is written through a
`SiteWriter` (stdsite/output/sitefiles.py).

`mkdocs build` with the plugin still works (MkDocs' own loop, everything rendered).
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import utils
from mkdocs.commands.build import _build_template, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..output.sitefiles import Manifest, SiteWriter
from .pagekeys import RecordingFiles, lookups_hold, page_key, shared_key, source_key
from ..output.parallel import WorkerFailed, fork_map

log = logging.getLogger("mkdocs.plugins.stdsite")
STATE_VERSION = 1


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


@dataclass
class SiteState:
    """What one build leaves for the next: its files and its pages' records (by source key)."""

    manifest: Manifest = field(default_factory=Manifest)
    pages: dict[str, PageRecord] = field(default_factory=dict)

    @staticmethod
    def load(path: Path | None) -> SiteState:
        if path is None or not path.is_file():
            return SiteState()
        try:
            with path.open("rb") as handle:
                version, manifest, pages = pickle.load(handle)
        except Exception:                 # damaged or foreign: build everything afresh
            return SiteState()
        return SiteState(Manifest(manifest), pages) if version == STATE_VERSION else SiteState()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((STATE_VERSION, self.manifest.entries, self.pages),
                                     protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)


@dataclass
class Options:
    workers: int = 1                                  # processes rendering pages (1: this one)
    serve_url: str | None = None                      # the preview's address (drafts are shown)
    first: Sequence[str] = ()                         # the preview's open pages: rendered first
    on_first: Callable[[], None] | None = None        # called once those are written


class LogCapture(logging.Handler):
    """Keeps the warnings logged while a page renders (replayed when the page is reused)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@dataclass
class _Build:
    config: MkDocsConfig
    writer: SiteWriter
    files: Files
    nav: Navigation
    env: object
    doc_files: list[File]
    features: list[str]
    sources: dict[int, str]                     # id(page) -> source key
    lookups: dict[int, dict[str, list]] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)
    in_worker: bool = False


def build(config: MkDocsConfig, writer: SiteWriter, previous: SiteState, options: Options | None = None) -> SiteState:
    """Build the site into `writer`'s folder, reusing `previous`; returns this build's state."""
    options = options or Options()
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    if config.strict:
        mkdocs_log.addHandler(counter)
    inclusion = InclusionLevel.is_in_serve if options.serve_url else InclusionLevel.is_included
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        stdsite = config.plugins.get("stdsite")
        if stdsite is not None:
            stdsite.writer = writer
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = list(files.documentation_pages(inclusion=inclusion))
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
            _prepare(file.page, config, files)
        shared = shared_key(config)
        run = _Build(config, writer, files, nav, env, doc_files, list(config.theme.get("features") or []),
                     {id(f.page): source_key(shared, f.page) for f in doc_files},
                     excluded={f.src_uri for f in doc_files if f.inclusion.is_excluded()})
        kept = {}
        for file in doc_files:
            record = previous.pages.get(run.sources[id(file.page)])
            if record is not None and lookups_hold(record.lookups, files):
                _restore(file.page, record, files)
                kept[file.src_uri] = record
            elif _title_from_html(file.page):       # the navigation needs its title: render it now
                _convert(run, file.page)
        run.env = config.plugins.on_env(env, config=config, files=files)
        _write_static(run, inclusion)
        state = SiteState()
        todo = []
        for file in doc_files:
            record = kept.get(file.src_uri)
            if record is not None and writer.reuse(file.dest_uri, page_key(
                    run.sources[id(file.page)], record.lookups, file.page, nav, run.features)):
                state.pages[run.sources[id(file.page)]] = record
                _replay(record)
            else:
                todo.append(file.page)
        _render_all(run, todo, state, options)
        log.info("stdsite: %d pages rendered, %d reused; files written %d, linked %d",
                 len(todo), len(doc_files) - len(todo), writer.written, writer.reused)
        search = config.plugins.get("material/search")
        if search is not None:
            search.search_index.entries = [e for f in doc_files for e in state.pages[run.sources[id(f.page)]].search]
        log_level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=log_level)
        config.plugins.on_post_build(config=config)
        writer.adopt()
        if counts := counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        state.manifest = writer.manifest()
        return state
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        mkdocs_log.removeHandler(counter)


# -- pages ---------------------------------------------------------------------------------------------
def _prepare(page: Page, config: MkDocsConfig, files: Files) -> None:
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


def _title_from_html(page: Page) -> bool:
    """Whether the page's title comes from its first heading (neither the nav nor front matter give it)."""
    return "title" not in page.__dict__ and "title" not in page.meta


def _convert(run: _Build, page: Page) -> None:
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


def _html(run: _Build, page: Page) -> str:
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


def _render_one(run: _Build, page: Page) -> tuple[PageRecord, dict]:
    """Render and write one page; its record and the writer's entries it added."""
    capture = LogCapture()
    mkdocs_log = logging.getLogger("mkdocs")
    if run.in_worker:                   # the parent logs the warnings, in page order
        mkdocs_log.handlers[:] = []
        mkdocs_log.propagate = False
    mkdocs_log.addHandler(capture)
    try:
        if page.content is None:
            _convert(run, page)
        search = run.config.plugins.get("material/search")
        entries = search.search_index.entries if search is not None else []
        before = len(entries)
        html = _html(run, page)
        found = entries[before:]
        del entries[before:]
        lookups = run.lookups.get(id(page), {})
        key = page_key(run.sources[id(page)], lookups, page, run.nav, run.features)
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


def _render_all(run: _Build, todo: list[Page], state: SiteState, options: Options) -> None:
    """Render the pages that changed: the preview's open pages first, then the rest (in workers)."""
    first = set(options.first)
    head = [p for p in todo if p.file.dest_uri in first or p.file.url in first]
    rest = [p for p in todo if p not in head]

    def finish(pages: list[Page], results: list, replay: bool) -> None:
        for page, (record, added) in zip(pages, results):
            run.writer.entries.update(added)
            state.pages[run.sources[id(page)]] = record
            _restore(page, record, run.files)
            if replay:
                _replay(record)

    finish(head, [_render_one(run, p) for p in head], False)
    if options.on_first is not None:
        options.on_first()
    if options.workers <= 1:
        finish(rest, [_render_one(run, p) for p in rest], False)
        return

    def in_worker(page: Page) -> tuple[PageRecord, dict]:
        run.in_worker = True
        return _render_one(run, page)

    try:
        results = fork_map(in_worker, rest, options.workers)
    except WorkerFailed as exc:
        raise BuildError(f"生成页面时出错：{exc}") from None
    finish(rest, results, replay=options.workers > 1 and len(rest) >= 2 * options.workers)


def _restore(page: Page, record: PageRecord, files: Files) -> None:
    """Give a page that was not rendered here what rendering it gave (title, anchors, links)."""
    if record.title is not None:
        page._title_from_render = record.title
    page.present_anchor_ids = set(record.anchors)
    page.links_to_anchors = {found: dict(links) for uri, links in record.to_anchors.items()
                             if (found := files.get_file_from_path(uri)) is not None}


def _replay(record: PageRecord) -> None:
    for name, level, message in record.logs:
        logging.getLogger(name).log(level, message)


# -- everything else MkDocs writes -----------------------------------------------------------------------
def _write_static(run: _Build, inclusion) -> None:
    """Static files (theme assets, our assets, attachments), theme templates (404, sitemap) and
    extra templates, through the writer."""
    config, writer = run.config, run.writer
    for file in run.files:
        if file.is_documentation_page() or not inclusion(file.inclusion):
            continue
        if file._content is None and file.abs_src_path:
            writer.copy(file.dest_uri, Path(file.abs_src_path))
        else:
            writer.write(file.dest_uri, file.content_bytes)
    for name in config.theme.static_templates:
        try:
            template = run.env.get_template(name)
        except Exception:               # noqa: BLE001 - MkDocs skips missing theme templates too
            log.warning(f"Template skipped: '{name}' not found in theme directories.")
            continue
        output = _build_template(name, template, run.files, config, run.nav)
        if not output.strip():
            continue
        if name == "sitemap.xml":
            writer.write(name + ".gz", _sitemap_gz(output, run.doc_files))
        writer.write_text(name, output)
    for name in config.extra_templates:
        file = run.files.get_file_from_path(name)
        if file is None:
            log.warning(f"Template skipped: '{name}' not found in docs_dir.")
            continue
        import jinja2
        output = _build_template(name, jinja2.Template(file.content_string), run.files, config, run.nav)
        if output.strip():
            writer.write_text(file.dest_uri, output)


def _sitemap_gz(text: str, doc_files: list[File]) -> bytes:
    """sitemap.xml.gz as MkDocs writes it (dated like the newest page)."""
    stamp = utils.get_build_timestamp(pages=[f.page for f in doc_files if f.page is not None])
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename="sitemap.xml.gz", mode="wb", mtime=stamp) as packed:
        packed.write(text.encode("utf-8"))
    return buffer.getvalue()

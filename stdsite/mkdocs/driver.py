"""Our build loop, in place of `mkdocs build`'s: MkDocs and Material still read the configuration,
make the navigation, turn each page's Markdown into HTML and fill the templates, with every
plugin event in MkDocs' order — but a page whose key (stdsite/mkdocs/pagekeys.py) is unchanged
is not rendered again: its HTML is linked from the previous site, with what rendering it gave
besides the HTML (its title, anchors, search entries and warnings) kept in `SiteState`.
The pages left to render are spread over worker processes (stdsite/mkdocs/pagework.py), and
every file is written through a `SiteWriter` (stdsite/output/sitefiles.py).

Differences from MkDocs' loop, none visible in the output: theme templates (404, sitemap) are
written after the pages, and `on_env` runs before the pages' Markdown is converted (the
navigation's titles are known before: from the nav, front matter, or the pages converted first).

`mkdocs build` with the plugin still works (MkDocs' own loop, everything rendered).
"""
from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.commands.build import _build_template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..output.cache import read_trusted
from ..output.sitefiles import Manifest, SiteWriter
from .pagekeys import NavKeys, lookups_hold, page_key, shared_key, source_key
from .pagework import (Cancelled, Clock, LogCapture, PageRecord, Run, convert, prepare, render_many, replay,
                       restore, title_from_html)

__all__ = ["Cancelled", "LogCapture", "Options", "SiteState", "build", "show_first"]
log = logging.getLogger("mkdocs.plugins.stdsite")
STATE_VERSION = 1


@dataclass
class SiteState:
    """What one build leaves for the next: its files and its pages' records (by source key)."""

    manifest: Manifest = field(default_factory=Manifest)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    links: dict = field(default_factory=dict)          # the link check's memo (by page digest)
    timings: dict[str, float] = field(default_factory=dict)   # seconds per step (not saved)

    @staticmethod
    def load(path: Path | None) -> SiteState:
        data = read_trusted(path) if path is not None else None       # only a file this user wrote
        if data is None:
            return SiteState()
        try:
            version, manifest, pages, links = pickle.loads(data)
        except Exception:                 # damaged or foreign: build everything afresh
            return SiteState()
        return SiteState(Manifest(manifest), pages, links) if version == STATE_VERSION else SiteState()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((STATE_VERSION, self.manifest.entries, self.pages, self.links),
                                     protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)


@dataclass
class Options:
    workers: int = 1                                  # processes rendering pages (1: this one)
    serve_url: str | None = None                      # the preview's address (drafts are shown)
    first: Sequence[str] = ()                         # the preview's open pages: rendered first
    on_first: Callable[[dict], None] | None = None    # called once those are written (with the steps' times)
    cancelled: Callable[[], bool] | None = None       # the preview: a newer save makes this build moot
    templates: jinja2.BytecodeCache | None = None     # compiled templates kept between builds
    urgent: Callable[[], set[str]] | None = None      # the preview: pages a browser waits for now


def build(config: MkDocsConfig, writer: SiteWriter, previous: SiteState, options: Options | None = None) -> SiteState:
    """Build the site into `writer`'s folder, reusing `previous`; returns this build's state."""
    options = options or Options()
    clock = Clock()
    with _mkdocs_build(config) as counter:
        run = _setup(config, writer, options, clock, previous.links)
        files, nav, doc_files = run.files, run.nav, run.doc_files
        kept = {}
        for file in doc_files:
            record = previous.pages.get(run.sources[id(file.page)])
            if record is not None and lookups_hold(record.lookups, files):
                restore(file.page, record, files)
                kept[file.src_uri] = record
            elif title_from_html(file.page):       # the navigation needs its title: render it now
                convert(run, file.page)
        run.env = config.plugins.on_env(run.env, config=config, files=files)
        run.nav_keys = NavKeys(nav, list(config.theme.get("features") or []))
        clock.lap("keys")
        _write_static(run, options)
        clock.lap("static")
        state = SiteState(timings=clock.laps)
        todo = []
        for file in doc_files:
            record = kept.get(file.src_uri)
            if record is not None and writer.reuse(file.dest_uri, page_key(
                    run.sources[id(file.page)], record.lookups, run.nav_keys.view(file.page))):
                state.pages[run.sources[id(file.page)]] = record
                replay(record)
            else:
                todo.append(file.page)
        clock.lap("reuse")
        first = [p for p in todo if p.file.dest_uri in options.first]
        rest = [p for p in todo if p.file.dest_uri not in options.first]
        _keep(run, state, first, render_many(run, first, 1, None))
        if options.on_first is not None:
            clock.lap("first")
            options.on_first(dict(clock.laps))
        _keep(run, state, rest, render_many(run, rest, options.workers, options.cancelled, options.urgent))
        clock.lap("render")
        _write_templates(run)
        log.info("stdsite: %d pages rendered, %d reused; files written %d, linked %d",
                 len(todo), len(doc_files) - len(todo), writer.written, writer.reused)
        search = config.plugins.get("material/search")
        if search is not None:
            search.search_index.entries = [e for f in doc_files for e in state.pages[run.sources[id(f.page)]].search]
        log_level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=log_level)
        if options.cancelled is not None and options.cancelled():
            raise Cancelled()
        config.plugins.on_post_build(config=config)
        clock.lap("post_build")
        writer.adopt()
        if counts := counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        state.manifest = writer.manifest()
        stdsite = config.plugins.get("stdsite")
        if stdsite is not None:               # keep the memo of this site's pages only
            state.links = {key: value for key, value in stdsite.link_memo.items()
                           if (entry := writer.entries.get(key.split("|")[1])) and key.startswith(entry.digest + "|")}
        return state


def show_first(config: MkDocsConfig, writer: SiteWriter, pages: Sequence[str], options: Options) -> dict[str, str]:
    """The preview's quick look: render only `pages` (site paths of open pages) and the static
    files, with the plugin's Markdown as it stands (the full build follows and corrects anything
    it got wrong); {page: digest of what was written}."""
    clock = Clock()
    with _mkdocs_build(config):
        run = _setup(config, writer, options, clock, {}, pages)
        wanted = [f.page for f in run.doc_files if f.dest_uri in pages]
        for file in run.doc_files:
            if file.page.markdown is not None and title_from_html(file.page):
                convert(run, file.page)
        run.env = config.plugins.on_env(run.env, config=config, files=run.files)
        run.nav_keys = NavKeys(run.nav, list(config.theme.get("features") or []))
        _write_static(run, options)
        render_many(run, wanted, 1, None)
        return {p.file.dest_uri: writer.entries[p.file.dest_uri].digest for p in wanted
                if p.file.dest_uri in writer.entries}


@contextlib.contextmanager
def _mkdocs_build(config: MkDocsConfig) -> Iterator[utils.CountHandler]:
    """What MkDocs' `build` does around the steps: strict mode counts warnings, a BuildError
    becomes an Abort, and plugins hear of any failure."""
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    if config.strict:
        mkdocs_log.addHandler(counter)
    try:
        yield counter
    except Cancelled:
        raise
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        mkdocs_log.removeHandler(counter)


def _setup(config: MkDocsConfig, writer: SiteWriter, options: Options, clock: Clock, links: dict,
           only: Sequence[str] | None = None) -> Run:
    """Configuration, files, navigation and every page read (MkDocs' first steps); with `only`,
    just those pages and the ones whose title the navigation needs."""
    config = config.plugins.on_config(config)
    clock.lap("config")
    config.plugins.on_pre_build(config=config)
    stdsite = config.plugins.get("stdsite")
    if stdsite is not None:
        stdsite.writer = writer
        stdsite.workers = options.workers
        stdsite.link_memo = dict(links)
    files = get_files(config)
    env = config.theme.get_env()
    if options.templates is not None:        # compiled templates from the previous build
        env.bytecode_cache = options.templates
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    inclusion = InclusionLevel.is_in_serve if options.serve_url else InclusionLevel.is_included
    doc_files = list(files.documentation_pages(inclusion=inclusion))
    clock.lap("files")
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)
        if only is None or file.dest_uri in only or "title" not in file.page.__dict__:
            prepare(file.page, config, files)
    clock.lap("prepare")
    shared = shared_key(config)
    return Run(config, writer, files, nav, env, doc_files,
               {id(f.page): source_key(shared, f.page) for f in doc_files if f.page.markdown is not None},
               excluded={f.src_uri for f in doc_files if f.inclusion.is_excluded()})


def _keep(run: Run, state: SiteState, pages: list[Page], results: list) -> None:
    for page, (record, added) in zip(pages, results):
        run.writer.entries.update(added)
        state.pages[run.sources[id(page)]] = record


# -- everything else MkDocs writes -----------------------------------------------------------------------
def _write_static(run: Run, options: Options) -> None:
    """Static files (theme assets, our assets, attachments), through the writer."""
    inclusion = InclusionLevel.is_in_serve if options.serve_url else InclusionLevel.is_included
    writer = run.writer
    for file in run.files:
        if file.is_documentation_page() or not inclusion(file.inclusion):
            continue
        if file._content is None and file.abs_src_path:
            writer.copy(file.dest_uri, Path(file.abs_src_path))
        else:
            writer.write(file.dest_uri, file.content_bytes)


def _write_templates(run: Run) -> None:
    """Theme templates (404, sitemap) and extra templates, through the writer (MkDocs writes them
    before the pages; nothing reads them in between, and the preview shows its open pages sooner)."""
    config, writer = run.config, run.writer
    for name in config.theme.static_templates:
        try:
            template = run.env.get_template(name)
        except jinja2.TemplateNotFound:          # MkDocs skips missing theme templates too
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

"""The MkDocs plugin: loads standards_src/ once per build, adds every generated page as a virtual
file, sets the navigation, and writes the machine-readable exports and the search index.

Pages live only in memory (no files written into docs/), so `mkdocs serve` with the sources
watched rebuilds them on every save.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import pages as page_builder
from . import search_index
from . import linkcheck
from .catalog import Catalog
from .errors import Problems
from .load import load_project, take_preloaded
from .render import dashboard, directory, qr
from .render.common import Links, safe_urls
from .render.context import RenderContext

log = logging.getLogger("mkdocs.plugins.stdsite")
ASSETS = Path(__file__).parent / "assets"
# every stylesheet and script in assets/ is linked on every page, in name order; search.js is
# loaded by the theme before Material's bundle (it must replace the search worker first)
CSS = sorted(p.name for p in ASSETS.glob("*.css"))
JS = sorted(p.name for p in ASSETS.glob("*.js") if p.name != "search.js")


class StdsiteConfig(base.Config):
    src = c.Type(str, default="standards_src")
    as_of = c.Optional(c.Type((str, dt.date)))   # !ENV reads 2025-06-30 as a date
    diagrams = c.Type(str, default="diagrams")


class StdsitePlugin(BasePlugin[StdsiteConfig]):
    """Reads the sources in on_config (so errors stop the build before any page is written)."""

    def __init__(self) -> None:
        self.ctx: RenderContext | None = None
        self.pages: dict[str, str] = {}
        self.problems: Problems | None = None
        self.listings: set[str] = set()          # URLs of listing pages (headings-only in search)
        self.diagrams = Path("diagrams")

    # -- build steps ------------------------------------------------------------------------
    def on_config(self, config):
        as_of = self.config.as_of or dt.date.today()
        if isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        self.diagrams = Path(config.config_file_path or ".").parent / self.config.diagrams
        project, problems = take_preloaded(self.config.src, self.diagrams) or load_project(self.config.src, self.diagrams)
        self.problems = problems
        for warning in problems.warnings:
            log.info(str(warning))
        if problems.errors or project is None:
            for error in problems.errors:
                log.error(str(error))
            raise PluginError(f"源文件有 {len(problems.errors)} 个错误，未生成网站")
        links = Links(directory_urls=config.use_directory_urls)
        from .render import blocks as block_render
        self.ctx = RenderContext(Catalog(project, as_of), links, site_url=config.site_url or None)
        self.ctx.render_block = lambda block, src, owner: self.ctx.keep_block(block_render.render_block(block, src, owner))
        # diagrams (issue 3): lay out every flow/dot block in one Graphviz batch before the pages
        # are generated; unchanged diagrams come from the cache (see stdsite/diagram.py)
        from . import diagram
        try:
            diagram.render_project(project)
        except diagram.GraphvizMissing:
            raise PluginError("未找到 Graphviz 的 dot 命令，无法绘制流程图。请安装：sudo apt-get install graphviz fonts-noto-cjk") from None
        self.pages = page_builder.generate(self.ctx)
        docs = Path(config.docs_dir)
        help_pages = sorted(p.relative_to(docs).as_posix() for p in (docs / "help").glob("*.md")) \
            if (docs / "help").is_dir() else []
        config.nav = page_builder.navigation(self.ctx, help_pages)
        config.extra_css = [f"assets/stdsite/{name}" for name in CSS] + list(config.extra_css)
        config.extra_javascript = [f"assets/stdsite/{name}" for name in JS] + list(config.extra_javascript)
        config.extra["stdsite_as_of"] = as_of.isoformat()
        editions = [e for e in (project.directory.editions if project.directory else ()) if e.date <= as_of]
        config.extra["stdsite_edition"] = editions[-1].id if editions else None
        return config

    def on_files(self, files: Files, *, config) -> Files:
        for src, markdown in self.pages.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} 与自动生成的页面同名，请改名")
            file = File.generated(config, src, content=markdown)
            file.is_modified = _changed_since_last_build(config.site_dir, src, markdown)
            files.append(file)
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file():
                rel = path.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, f"assets/stdsite/{rel}", abs_src_path=str(path)))
        for standard in self.ctx.catalog.standards:
            for attachment in standard.attachments:
                files.append(File.generated(config, attachment.target, abs_src_path=attachment.source))
        return files

    def on_page_content(self, html, *, page, config, files):
        return safe_urls(self.ctx.restore(html))

    @event_priority(-100)          # after Material's search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        if (page.meta.get("search") or {}).get("listing"):
            self.listings.add(page.url)
        page.content = self.ctx.restore_late(page.content)
        return context

    def on_post_build(self, *, config) -> None:
        site = Path(config.site_dir)
        data = site / "data"
        data.mkdir(parents=True, exist_ok=True)
        write_json(data / "catalog.json", self.ctx.catalog.catalog_json())
        search = config.plugins.get("material/search")
        if search is not None:
            search_index.write(search.search_index.entries, site, frozenset(self.listings))
        directory.write_exports(self.ctx, str(site))
        dashboard.write_exports(self.ctx, str(site))
        qr.write_posters(self.ctx, str(site))
        linkcheck.run(config, self.ctx)     # strict links: keep last (after every file is written); raises PluginError

    def on_serve(self, server, *, config, builder):
        server.watch(os.path.abspath(self.config.src))
        if self.diagrams.is_dir():
            server.watch(str(self.diagrams.resolve()))
        return server


# `build.py serve` rebuilds dirty: MkDocs re-renders only pages whose `is_modified()` is true. A
# generated page counts as modified when its Markdown differs from the previous build's in this
# process (the plugin itself is recreated on every rebuild, this module is not).
_last_markdown: dict[tuple[str, str], int] = {}


def _changed_since_last_build(site_dir: str, src: str, markdown: str):
    key, digest = (site_dir, src), hash(markdown)
    changed = _last_markdown.get(key) != digest
    _last_markdown[key] = digest
    return lambda: changed


def write_json(path: Path, data) -> None:
    """JSON exports: UTF-8 (not ASCII escapes), stable key order, trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

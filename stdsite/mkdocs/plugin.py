"""The MkDocs plugin: adds every generated page as a virtual file, sets the navigation, and after
MkDocs has written the pages, writes the exports, the search index and the posters and checks
every link.

Pages live only in memory (nothing is written into docs/). `build.py` hands the plugin a
`Session` (settings, cache, what `check` found); run by plain `mkdocs build`, the plugin makes
its own from its options in mkdocs.yml.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from collections.abc import Callable

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import pipeline
from ..errors import BuildFailed, ToolMissing, UsageError
from ..output.cache import BuildCache, check_cache_place
from ..output.parallel import WorkerFailed
from ..output.search_index import listing_entries
from ..output.sitefiles import SiteWriter
from ..render.common import safe_html
from ..render.context import RenderContext
from ..render.pages import generate, navigation, single_page
from ..urls import asset, fingerprinted
from ..validate.feedback import feedback_contact
from .page_assets import Needs, asset_needs, minified, slim_page

log = logging.getLogger("mkdocs.plugins.stdsite")
ASSETS = Path(__file__).resolve().parent.parent / "assets"
# every stylesheet and script in assets/ is linked in name order on the pages it can act on
# (page_assets.py); search.js is loaded by the theme before Material's bundle (it must replace the
# search worker first)
CSS = sorted(p.name for p in ASSETS.glob("*.css"))
JS = sorted(p.name for p in ASSETS.glob("*.js") if p.name != "search.js")


class StdsiteConfig(base.Config):
    src = c.Type(str, default="standards_src")
    as_of = c.Optional(c.Type((str, dt.date)))
    diagrams = c.Type(str, default="diagrams")
    cache = c.Type(str, default=".cache/stdsite")


class StdsitePlugin(BasePlugin[StdsiteConfig]):
    """Reads the sources in on_config (so errors stop the build before any page is written)."""

    def __init__(self) -> None:
        self.session: pipeline.Session | None = None     # set by build.py before the build
        self.ctx: RenderContext | None = None
        self.pages: dict[str, str] = {}
        self.writer: SiteWriter | None = None    # set by our build loop (stdsite/mkdocs/driver.py)
        self.assets: dict[str, str] = {}         # our asset's name -> its published (fingerprinted) name
        self.asset_bytes: dict[str, bytes] = {}  # our asset's name -> what is published (minified)
        self.asset_needs: dict[str, Needs] = {}  # what a page must hold to link the asset (page_assets.py)
        self.quick: tuple[dict[str, str], list[str]] | None = None   # the preview's quick look (see on_config)
        self.link_memo: dict = {}               # the link check's page memo, kept by our build loop
        self.workers = 1                        # processes the build loop allows (1 while threads run)

    def _own_session(self, config: MkDocsConfig) -> pipeline.Session:
        """A session from the plugin's options (plain `mkdocs build`)."""
        here = Path(config.config_file_path or ".").parent
        as_of = self.config.as_of or dt.date.today()
        if isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        settings = pipeline.Settings(self.config.src, as_of, here / self.config.diagrams)
        try:
            check_cache_place(here / self.config.cache, [(Path(self.config.src), "源文件夹"),
                                                         (Path(config.site_dir), "网站输出文件夹")])    # mkdocs: no guard
            return pipeline.Session(settings, BuildCache(here / self.config.cache))
        except UsageError as exc:
            raise PluginError(str(exc)) from None

    # -- build steps ------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        session = self.session = self.session or self._own_session(config)
        project, problems = session.take_checked()
        for warning in problems.warnings:
            log.info(str(warning))
        if problems.errors or project is None:
            for error in problems.errors:
                log.error(str(error))
            raise PluginError(f"源文件有 {problems.error_count} 个错误，未生成网站")
        as_of = session.settings.as_of
        shown, session.notices = session.notices, [n for n in (pipeline.site_url_notice(config.site_url),) if n]
        for notice in session.notices:
            if notice not in shown:     # (the preview's session lives on: once, not after every save)
                log.info(notice)        # build.py prints it (a warning would fail a strict build)
        contact, wrong = feedback_contact(config.extra.get("feedback"))
        if wrong:
            for line in wrong:
                log.error(line)
            raise PluginError(f"mkdocs.yml 的反馈联系方式 extra.feedback 有 {len(wrong)} 个错误，未生成网站")
        try:
            self.ctx = pipeline.render_context(project, as_of, config.site_url or None, config.use_directory_urls,
                                               session.cache, contact, session.settings.workers)
        except ToolMissing as exc:
            raise PluginError(str(exc)) from None
        except BuildFailed as exc:         # a diagram over its time limit, or one Graphviz could not draw
            for error in exc.errors:
                log.error(str(error))
            raise PluginError(f"有 {len(exc.errors)} 个图未能生成，未生成网站") from None
        if self.quick is None:
            self.pages = generate(self.ctx)
        else:                   # the previous pages, with the open ones made again (when they can be alone)
            previous, wanted = self.quick
            self.pages = dict(previous)
            self.pages.update({src: md for src in wanted if (md := single_page(self.ctx, src)) is not None})
        docs = Path(config.docs_dir)
        help_pages = sorted(p.relative_to(docs).as_posix() for p in (docs / "help").glob("*.md")) \
            if (docs / "help").is_dir() else []
        config.nav = navigation(self.ctx, help_pages)
        self.asset_bytes = {name: minified(name, path.read_bytes()) for path in sorted(ASSETS.rglob("*"))
                            if path.is_file() and (name := path.relative_to(ASSETS).as_posix())}
        self.assets = {name: fingerprinted(name, data) for name, data in self.asset_bytes.items()}
        self.asset_needs = asset_needs(self.asset_bytes)
        self.ctx.assets = self.assets
        config.extra_css = [asset(self.assets[name]) for name in CSS] + list(config.extra_css)
        config.extra_javascript = [asset(self.assets[name]) for name in JS] + list(config.extra_javascript)
        config.extra["stdsite_search_js"] = asset(self.assets["search.js"])
        config.extra["stdsite_as_of"] = as_of.isoformat()
        editions = self.ctx.editions
        config.extra["stdsite_edition"] = editions[-1].id if editions else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src, markdown in self.pages.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} 与自动生成的页面同名，请改名")
            files.append(File.generated(config, src, content=markdown))
        for name, data in self.asset_bytes.items():    # under their fingerprinted names, and their own (linked by others)
            for published in dict.fromkeys((self.assets[name], name)):
                files.append(File.generated(config, asset(published), content=data))
        attachments = [a for s in self.ctx.catalog.standards for a in s.published_files]
        attachments += [a for c in self.ctx.catalog.project.courses for a in c.attachments]
        for attachment in attachments:
                files.append(File.generated(config, attachment.target, abs_src_path=attachment.source))
        published = set()
        for record in self.ctx.catalog.project.records:     # evidence files of records.yaml
            evidence = record.evidence
            if evidence is not None and evidence.kind == "file" and evidence.target not in published:
                published.add(evidence.target)
                files.append(File.generated(config, evidence.target, abs_src_path=evidence.source))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return safe_html(self.ctx.restore(html))

    @event_priority(-100)          # after Material's search plugin has indexed the page
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        search = config.plugins.get("material/search")
        if search is not None and (page.meta.get("search") or {}).get("listing"):
            listing_entries(search.search_index.entries, page.url)
        page.content = self.ctx.restore_late(page.content)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return slim_page(output, self.assets, self.asset_needs)

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        """MkDocs gives error pages (404.html) absolute links, right for a web server; the offline
        bundle has no server root, so there its links are relative to the site folder."""
        if template_name == "404.html" and not config.use_directory_urls:
            context["base_url"] = "."
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        search = config.plugins.get("material/search")
        entries = search.search_index.entries if search is not None else None
        writer = self.writer or SiteWriter(site)           # `mkdocs build`: straight into site_dir
        try:
            pipeline.write_outputs(self.ctx, writer, entries, self.session.cache, self.workers)
        except WorkerFailed as exc:
            raise BuildError(f"生成导出文件、海报和意见反馈页时出错：{exc}") from None
        digests = {rel: entry.digest for rel, entry in writer.entries.items()}
        report = pipeline.link_report(self.ctx, site, config.site_url, config.docs_dir, digests, self.link_memo)
        if report:                      # keep last: every file is written; the old site stays
            raise PluginError(report)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        server.watch(os.path.abspath(self.session.settings.src))
        if self.session.settings.diagrams.is_dir():
            server.watch(str(self.session.settings.diagrams.resolve()))
        return server

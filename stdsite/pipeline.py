"""The whole build in one place, in order: load → validate → Graphviz syntax → warnings (the
`check`), then, for a site: diagrams and QR codes → render context → pages (MkDocs does the
HTML) → exports, search index, posters → link check.

`build.py` (stdsite/cli/) and the MkDocs plugin (stdsite/mkdocs/) both drive the build through
a `Session`: the settings, the build cache, and what `check` found (the build reuses it once).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .derive.catalog import Catalog, document_status
from .derive.frozen import changed_since_publish, frozen_edition_errors
from .derive.warnings import catalog_warnings
from .errors import BuildFailed, Problems, SourceError
from .load import load_sources
from .model import FeedbackContact, Project
from .output import graphviz
from .output.cache import BuildCache
from .urls import Links, document_src, standard_src
from .validate import validate

if TYPE_CHECKING:                # the build's modules load when a build runs: `check` starts faster
    from .output.sitefiles import SiteWriter
    from .render.context import RenderContext


@dataclass(frozen=True)
class Settings:
    """What a build reads: the source folder (as typed), the as-of date, the diagrams folder."""

    src: str
    as_of: dt.date
    diagrams: Path
    workers: int = 1            # processes a build may use (QR codes, pages)


@dataclass
class Session:
    """One command's (or one preview's) state: settings, cache, and hand-offs between steps."""

    settings: Settings
    cache: BuildCache
    checked: tuple[Project, Problems] | None = None      # the last `check`, reused by the next build once
    notices: list[str] = field(default_factory=list)     # the last build's warnings about its settings

    def take_checked(self) -> tuple[Project | None, Problems]:
        """What `check` found, or a fresh check (a preview rebuild reads the sources again)."""
        if self.checked is not None:
            found, self.checked = self.checked, None
            return found
        return check(self.settings, self.cache)


def check(settings: Settings, cache: BuildCache) -> tuple[Project | None, Problems]:
    """Load and validate the sources, check the diagrams' syntax, add the as-of warnings."""
    problems = Problems()
    sources = load_sources(settings.src, settings.diagrams, problems, cache.memo, cache.files)
    project = validate(sources, problems, cache.files) if sources is not None else None
    if project is not None:
        project = graphviz.check_diagrams(project, problems, cache)
        problems.items.extend(changed_since_publish(project) + frozen_edition_errors(project))
        if not problems.errors:
            problems.items.extend(catalog_warnings(Catalog(project, settings.as_of)))
    cache.save()
    cache.files.prune()
    return project, problems


PLACEHOLDER_SITE_URL = "http://biaozhun.jgswj.local/"     # the example address in mkdocs.yml


def site_url_notice(site_url: str | None) -> str | None:
    """A one-line warning when the site's address is still the example: every printed QR code
    (pages, posters, handouts) would point at a host that does not exist."""
    if site_url and site_url.rstrip("/") == PLACEHOLDER_SITE_URL.rstrip("/"):
        return (f"警告：网站地址 site_url 仍是示例地址 {PLACEHOLDER_SITE_URL}，打印出的二维码扫描后打不开；"
                "请在 mkdocs.yml 中把 site_url 改为本站在内网的实际地址（或设置环境变量 STDSITE_SITE_URL）后重新生成。")
    return None


def render_context(project: Project, as_of: dt.date, site_url: str | None, directory_urls: bool,
                   cache: BuildCache, contact: FeedbackContact | None = None, workers: int = 1) -> RenderContext:
    """Everything the page renderers need: the catalog, links, every diagram and QR code (drawn on
    `workers` processes), and the feedback contact (mkdocs.yml `extra.feedback`). Raises
    BuildFailed with an error at its line for each diagram Graphviz could not draw."""
    from .output.qr import qr_codes
    from .render.context import RenderContext
    from .render.poster import qr_pages
    from .render.system_diagram import structure_dot
    catalog, links = Catalog(project, as_of), Links(directory_urls)
    svgs, failed = graphviz.render_project(project, cache, [structure_dot(catalog, links)], workers)
    if failed:
        raise BuildFailed(sorted(failed, key=SourceError.sort_key))
    ctx = RenderContext(catalog, links, site_url, svgs, contact=contact)
    ctx.qr_codes = qr_codes(site_url, qr_pages(ctx), cache, workers)
    return ctx


def write_outputs(ctx: RenderContext, out: SiteWriter, search_entries: list[dict] | None, cache: BuildCache,
                  workers: int = 1) -> None:
    """Every file written after the pages: exports, search index, posters, the 意见反馈 pages and
    their Word forms. They do not depend on each other: with `workers` > 1 they are written on
    two processes (the cache and the files are on disk; each step's site entries come back; a
    failure in the other process raises WorkerFailed)."""
    from .derive.editions import title as directory_title
    from .output import search_index
    from .output.exports import write_exports
    from .output.feedback_forms import write_feedback_pages
    from .output.parallel import fork_map
    from .output.posters import write_posters
    steps = [lambda: write_exports(ctx, out, directory_title(ctx.catalog.project), cache),     # (the two
             lambda: write_feedback_pages(ctx, out, cache),                                       # longest
             lambda: write_posters(ctx, out)]                                                     # first)
    if search_entries is not None:
        steps.append(lambda: search_index.write(search_entries, out, page_statuses(ctx)))

    def run(step) -> dict:
        before = dict(out.entries)
        step()
        return {rel: entry for rel, entry in out.entries.items() if before.get(rel) is not entry}
    for added in fork_map(run, steps, min(workers, 2)):
        out.entries.update(added)


def page_statuses(ctx: RenderContext) -> dict[str, str]:
    """{page URL as the search index has it: status} of every standard and document."""
    cat, links = ctx.catalog, ctx.links
    out = {links.url(standard_src(s.slug)): cat.status[s.code] for s in cat.standards}
    out.update({links.url(document_src(d.slug)): document_status(d, cat.as_of) for d in cat.documents})
    return out


def link_report(ctx: RenderContext, site: Path, site_url: str | None, docs_dir: str,
                digests: Mapping[str, str] | None = None, memo: dict | None = None) -> str | None:
    """Strict links, last of all: None when every link of the site resolves, else the report
    (`digests` and `memo` spare reading pages checked in an earlier build)."""
    from .output import linkcheck
    return linkcheck.report(str(site), site_url, docs_dir, ctx, digests, memo)

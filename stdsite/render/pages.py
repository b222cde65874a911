"""Every generated page and the site navigation, from one RenderContext.

Each feature module under render/ contributes `pages(ctx) -> {source path: Markdown}` and
`nav(ctx) -> [nav entries]`; this module only puts them in order.
"""
from __future__ import annotations

from .. import urls
from ..escape import html_attr
from ..text import natural_key
from ..urls import area_src, course_src, document_src, standard_src
from . import cases, dashboard, directory, documents, pilots, standards, system, training
from .common import status_title
from .context import RenderContext


def generate(ctx: RenderContext) -> dict[str, str]:
    cat = ctx.catalog
    out: dict[str, str] = {
        urls.SYSTEM: system.system_index_page(ctx),
        urls.STANDARDS: standards.standards_list_page(ctx),
        urls.DOCUMENTS: documents.documents_index_page(ctx),
    }
    for area in cat.project.framework.areas():
        out[area_src(area.id)] = system.area_page(ctx, area)
    for s in cat.standards:
        out[standard_src(s.slug)] = standards.standard_page(ctx, s)
    for d in cat.documents:
        out[document_src(d.slug)] = documents.document_page(ctx, d)
    for module in (directory, training, dashboard, pilots, cases):
        out.update(module.pages(ctx))
    return out


def single_page(ctx: RenderContext, src: str) -> str | None:
    """The Markdown of one standard, document, area or course page without generating the others (the
    preview's quick look at an open page), or None for a page made only with the rest."""
    cat = ctx.catalog
    for s in cat.standards:
        if standard_src(s.slug) == src:
            return standards.standard_page(ctx, s)
    for d in cat.documents:
        if document_src(d.slug) == src:
            return documents.document_page(ctx, d)
    for area in cat.project.framework.areas():
        if area_src(area.id) == src:
            return system.area_page(ctx, area)
    for course in cat.project.courses:
        if course_src(course.id) == src:
            return training.course_page(ctx, course)
    return None


def navigation(ctx: RenderContext, help_pages: list[str]) -> list:
    """The nav: grouped by category and area so that `navigation.prune` keeps every page small."""
    cat = ctx.catalog
    system_nav: list = [urls.SYSTEM]
    for category in cat.project.framework.categories:
        areas = []
        for area in category.areas:
            slots = area.items or (area,)
            children = [area_src(area.id)] + [
                {status_title(s.code, s.title, cat.status[s.code]): standard_src(s.slug)}
                for slot in slots for s in sorted(cat.standards_in(slot.id), key=lambda s: natural_key(s.code))]
            areas.append({area.name: children})
        system_nav.append({category.name: areas})
    documents_nav = [urls.DOCUMENTS] + [document_src(d.slug) for d in
                                               sorted(cat.documents, key=lambda d: (d.issued, d.number), reverse=True)]
    nav = [
        {"首页": urls.HOME},
        {"标准体系": system_nav},
        {"标准列表": urls.STANDARDS},
        {"规范性文件": documents_nav},
        {"目录": directory.nav(ctx)},
        {"培训": training.nav(ctx)},
        {"看板": dashboard.nav(ctx)},
        {"试点示范": pilots.nav(ctx)},
        {"典型案例": cases.nav(ctx)},
    ]
    if help_pages:
        nav.append({"使用帮助": help_pages})
    return escape_titles(nav)


def escape_titles(nav: list | dict | str) -> list | dict | str:
    """Material prints nav titles unescaped: titles come from the sources (standard titles,
    framework names, course titles), so `<`, `&` and quotes are escaped once, here."""
    if isinstance(nav, list):
        return [escape_titles(entry) for entry in nav]
    if isinstance(nav, dict):
        return {html_attr(title): escape_titles(value) for title, value in nav.items()}
    return nav

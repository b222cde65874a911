"""Fragments for the home page (called from macros/main.py)."""
from __future__ import annotations

from urllib.parse import quote as quote_url

from ..escape import html_attr
from ..derive.catalog import issued_by
from ..urls import STANDARDS, standard_src
from .common import badge, date, esc, table
from .context import RenderContext


def status_counts(ctx: RenderContext, page_src: str) -> str:
    counts = ctx.catalog.counts()
    href = ctx.links.rel(page_src, STANDARDS)
    boxes = "".join(f'<a href="{html_attr(href)}?status={quote_url(k)}" class="std-count-{esc(k)}"><strong>{v}</strong>{badge(k)}</a>'
                    for k, v in counts.items())
    return f'<div class="std-home-counts">{boxes}</div>'


def _rows(ctx: RenderContext, page_src: str, standards) -> str:
    rows = [[ctx.links.a(page_src, standard_src(s.slug), s.code), ctx.links.a(page_src, standard_src(s.slug), s.title),
             date(s.issued), date(s.effective), badge(ctx.catalog.status[s.code])] for s in standards]
    return table(["编号", "名称", "发布日期", "实施日期", "状态"], rows)


def recent_standards(ctx: RenderContext, page_src: str, limit: int = 8) -> str:
    cat = ctx.catalog
    issued = [s for s in cat.standards if issued_by(s, cat.as_of)]
    issued.sort(key=lambda s: (s.issued or s.effective, s.code), reverse=True)
    return _rows(ctx, page_src, issued[:limit]) if issued else "<p>暂无。</p>"


def upcoming_standards(ctx: RenderContext, page_src: str) -> str:
    cat = ctx.catalog
    soon = sorted((s for s in cat.standards if cat.status[s.code] == "即将实施"), key=lambda s: (s.effective, s.code))
    return _rows(ctx, page_src, soon) if soon else "<p>近期没有即将实施的标准。</p>"

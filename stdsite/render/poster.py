"""QR codes (扫一扫) on pages, and the printable poster page of a standard.

QR codes point at the permanent web address (site_url + the page's directory URL), also in the
offline bundle, so a phone scanning a printed poster opens the live page. They are made before
rendering (stdsite/output/qr.py) and looked up here by URL.
"""
from __future__ import annotations

from ..escape import html_attr
from ..model import Standard
from ..urls import asset, feedback_src, page_url, permanent_url, poster_src, standard_src
from .blocks import render_block
from .common import badge, esc
from .context import RenderContext


def qr_figure(ctx: RenderContext, page: str, caption: str = "扫一扫，手机打开本页") -> str:
    """The QR code of a page with its caption, or "" when no site_url is configured."""
    url = permanent_url(ctx.site_url, page)
    if url is None or url not in ctx.qr_codes:
        return ""
    return (f'<figure class="std-qr" data-search-exclude>{ctx.qr_codes[url]}'
            f'<figcaption>{esc(caption)}<br><small>{esc(url)}</small></figcaption></figure>')


def poster_page(ctx: RenderContext, s: Standard) -> str:
    """A one-page poster to post at the workplace: title, status, QR code and the flowcharts.

    A standalone HTML file (written after the MkDocs build, outside the theme): it is only printed
    and posted, and a thousand more themed pages would cost a fifth of the build."""
    src = poster_src(s.slug)
    status = ctx.catalog.status[s.code]
    flows = "".join(render_block(ctx, b, src, s) for b in s.blocks if b.kind in ("flow", "checklist"))
    # blocks link clauses as `#5.2` on their own page; here the clauses live on the standard's page
    flows = flows.replace('href="#', f'href="{html_attr(ctx.links.rel(src, standard_src(s.slug)))}#')
    qr = qr_figure(ctx, s.page, "扫一扫，查看标准全文") + feedback_qr(ctx, s)
    back = ctx.links.a(src, standard_src(s.slug), "返回标准页面", cls="std-noprint")
    styles = "".join(f'<link rel="stylesheet" href="{html_attr(ctx.links.rel(src, asset(name)))}">'
                     for name in ("stdsite.css", "blocks.css", "poster/poster.css"))
    return ("<!doctype html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(s.code)} {esc(s.title)}（张贴版）</title>{styles}</head>\n"
            f'<body class="std-poster-page"><main class="std-poster">\n'
            f'<p class="std-poster__code">{esc(s.code)} {badge(status)}</p>\n'
            f'<h1 class="std-poster__title">{esc(s.title)}</h1>\n{qr}\n{flows}\n'
            f'<p class="std-poster__foot">状态截至 {ctx.catalog.as_of.isoformat()} · {back}</p>\n'
            "</main></body></html>\n")


def feedback_qr(ctx: RenderContext, s: Standard) -> str:
    """The QR code of the standard's 意见反馈 page, when it takes comments at the as-of date."""
    if ctx.feedback.accepting(s) is None:
        return ""
    return qr_figure(ctx, page_url(feedback_src(s.slug)), "扫一扫，提意见（意见反馈表）")


def qr_pages(ctx: RenderContext) -> list[str]:
    """Every page that shows a QR code (standards, courses, the 意见反馈 pages on posters), as
    site-relative URLs."""
    return ([s.page for s in ctx.catalog.standards] + [c.page for c in ctx.catalog.project.courses]
            + [page_url(feedback_src(s.slug)) for s in ctx.catalog.standards if ctx.feedback.accepting(s)])

"""QR codes (扫一扫) for permanent page URLs, and the printable poster page of a standard.

QR codes are SVG made at build time with segno, so they work offline and print sharply. They
always point at the permanent web address (site_url + the page's directory URL), also in the
offline bundle, so a phone scanning a printed poster opens the live page.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import segno

from ..diagram import cached_svg, store_svg
from ..model import Standard
from .common import badge, esc, standard_src
from .context import RenderContext


def permanent_url(ctx: RenderContext, page: str) -> str | None:
    """`standards/x/` -> `http://host/standards/x/`, or None when no site_url is configured."""
    if not ctx.site_url:
        return None
    return ctx.site_url.rstrip("/") + "/" + page


def qr_svg(url: str) -> str:
    """An inline, scalable SVG QR code (the URL is encoded, not shown as markup).

    Choosing the best mask costs ~20 ms a code, so codes are kept in the diagram cache by URL."""
    key = "qr-" + hashlib.sha256(f"segno-{segno.__version__}-m\n{url}".encode("utf-8")).hexdigest()[:32]
    svg = cached_svg(key)
    if svg is None:
        svg = segno.make(url, error="m", micro=False).svg_inline(scale=1, omitsize=True, title="扫码打开本页")
        store_svg(key, svg)
    return svg


def qr_figure(ctx: RenderContext, page: str, caption: str = "扫一扫，手机打开本页") -> str:
    url = permanent_url(ctx, page)
    if url is None:
        return ""
    return (f'<figure class="std-qr" data-search-exclude>{qr_svg(url)}'
            f'<figcaption>{esc(caption)}<br><small>{esc(url)}</small></figcaption></figure>')


def poster_src(standard: Standard) -> str:
    return f"standards/{standard.slug}/poster.md"


def poster_page(ctx: RenderContext, s: Standard) -> str:
    """A one-page poster to post at the workplace: title, status, QR code and the flowcharts.

    A standalone HTML file (written after the MkDocs build, outside the theme): it is only printed
    and posted, and a thousand more themed pages would cost a fifth of the build."""
    from .blocks import render_block
    src = poster_src(s)
    status = ctx.catalog.status[s.code]
    flows = "".join(render_block(b, src, s) for b in s.blocks if b.kind in ("flow", "checklist"))
    # blocks link clauses as `#5.2` on their own page; here the clauses live on the standard's page
    flows = flows.replace('href="#', f'href="{esc(ctx.links.rel(src, standard_src(s.slug)))}#')
    qr = qr_figure(ctx, s.page, "扫一扫，查看标准全文")
    back = ctx.links.a(src, standard_src(s.slug), "返回标准页面", cls="std-noprint")
    styles = "".join(f'<link rel="stylesheet" href="{esc(ctx.links.rel(src, f"assets/stdsite/{name}"))}">'
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


def write_posters(ctx: RenderContext, site_dir: str) -> None:
    """Every standard's poster, at the URL its page links to (`standards/<slug>/poster/`)."""
    for s in ctx.catalog.standards:
        url = ctx.links.url(poster_src(s))
        path = Path(site_dir) / (url + "index.html" if url.endswith("/") else url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(poster_page(ctx, s), encoding="utf-8")

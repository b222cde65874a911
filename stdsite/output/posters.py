"""The standalone poster pages (张贴版), one per standard, at the URL its page links to
(`standards/<slug>/poster/`, or `.html` in the offline bundle)."""
from __future__ import annotations

from ..render.context import RenderContext
from ..render.poster import poster_page
from ..urls import poster_src
from .sitefiles import SiteWriter


def write_posters(ctx: RenderContext, out: SiteWriter) -> None:
    for s in ctx.catalog.standards:
        out.write_text(ctx.links.html_file(poster_src(s.slug)), poster_page(ctx, s))

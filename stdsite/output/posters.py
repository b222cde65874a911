"""The standalone poster pages (张贴版), one per standard, at the URL its page links to
(`standards/<slug>/poster/`, or `.html` in the offline bundle)."""
from __future__ import annotations

from pathlib import Path

from ..render.poster import poster_page
from ..render.context import RenderContext
from ..urls import poster_src


def write_posters(ctx: RenderContext, site: Path) -> None:
    for s in ctx.catalog.standards:
        path = site / ctx.links.html_file(poster_src(s.slug))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(poster_page(ctx, s), encoding="utf-8")

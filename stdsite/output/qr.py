"""QR codes (segno, SVG made at build time, so they work offline and print sharply), cached by URL:
choosing the best mask costs about 20 ms a code."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

import segno

from ..urls import permanent_url
from .cache import BuildCache


def qr_svg(url: str, cache: BuildCache) -> str:
    """An inline, scalable SVG QR code of `url` (the URL is encoded, not shown as markup)."""
    key = "qr-" + hashlib.sha256(f"segno-{segno.__version__}-m\n{url}".encode("utf-8")).hexdigest()[:32] + ".svg"
    svg = cache.get_text(key)
    if svg is None:
        svg = segno.make(url, error="m", micro=False).svg_inline(scale=1, omitsize=True, title="扫码打开本页")
        cache.put_text(key, svg)
    return svg


def qr_codes(site_url: str | None, pages: Iterable[str], cache: BuildCache) -> dict[str, str]:
    """{permanent URL: QR code SVG} for the pages (none without a site_url)."""
    out = {}
    for page in pages:
        url = permanent_url(site_url, page)
        if url is not None:
            out[url] = qr_svg(url, cache)
    return out

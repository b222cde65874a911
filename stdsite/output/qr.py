"""QR codes (segno, SVG made at build time, so they work offline and print sharply), cached by URL:
a code costs about 4 ms, half of it choosing the best mask (qr_mask.py: segno's choice, faster)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

import segno

from ..urls import permanent_url
from .cache import BuildCache
from .parallel import fork_map
from .qr_mask import install as faster_mask_choice

faster_mask_choice()


def _key(url: str) -> str:
    return "qr-" + hashlib.sha256(f"segno-{segno.__version__}-m\n{url}".encode("utf-8")).hexdigest()[:32] + ".svg"


def _draw(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_inline(scale=1, omitsize=True, title="扫码打开本页")


def qr_svg(url: str, cache: BuildCache) -> str:
    """An inline, scalable SVG QR code of `url` (the URL is encoded, not shown as markup)."""
    svg = cache.get_text(_key(url))
    if svg is None:
        svg = _draw(url)
        cache.put_text(_key(url), svg)
    return svg


def qr_codes(site_url: str | None, pages: Iterable[str], cache: BuildCache, workers: int = 1) -> dict[str, str]:
    """{permanent URL: QR code SVG} for the pages (none without a site_url); the codes not in the
    cache are drawn on `workers` processes."""
    wanted = [url for page in pages if (url := permanent_url(site_url, page)) is not None]
    out = {url: svg for url in wanted if (svg := cache.get_text(_key(url))) is not None}
    missing = [url for url in dict.fromkeys(wanted) if url not in out]
    for url, svg in zip(missing, fork_map(_draw, missing, workers)):
        cache.put_text(_key(url), svg)
        out[url] = svg
    return {url: out[url] for url in wanted}

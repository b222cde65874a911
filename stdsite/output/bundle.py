"""The offline bundle for pilot bases: the whole site as `.html` files in one zip, working from
file:// with no network (search included), and a SHA-256 file beside it.

Material's offline plugin is not used: it adds an iframe-worker shim from a CDN, which our
search does not need (assets/search.js answers in the page itself and loads its index with a
<script> tag, which file:// allows).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .files import epoch_date_time, write_zip


def make_bundle(dist: Path, as_of: dt.date, epoch: int, build_site: Callable[[Path], None]) -> Path:
    """Build the offline site (with `build_site(folder)`) and zip it into `dist`, every entry dated
    `epoch` (Unix time, so zips are reproducible); returns the zip."""
    dist.mkdir(parents=True, exist_ok=True)
    name = f"standards-offline-{as_of.isoformat()}.zip"
    with tempfile.TemporaryDirectory(prefix=".bundle-", dir=dist) as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        partial = Path(tmp) / name
        write_zip(partial, _files(site), epoch_date_time(epoch), utf8_names=True)
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        target = dist / name
        os.replace(partial, target)
    (dist / f"{name}.sha256").write_text(f"{digest}  {name}\n", encoding="utf-8")
    return target


def _files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, in sorted order (the same site gives the same zip)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield path.relative_to(folder).as_posix(), path.read_bytes()

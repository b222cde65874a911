"""The offline bundle for pilot bases: the whole site as `.html` files in one zip, working from
file:// with no network (search included), and a SHA-256 file beside it.

Material's offline plugin is not used: it adds an iframe-worker shim from a CDN, which our
search does not need (assets/search.js answers in the page itself and loads its index with a
<script> tag, which file:// allows).
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
import zipfile
from pathlib import Path


def make_bundle(args, build_site) -> Path:
    """Build the offline site and zip it into `args.dist`; returns the zip's path."""
    dist = Path(args.dist)
    dist.mkdir(parents=True, exist_ok=True)
    name = f"standards-offline-{args.as_of_date.isoformat()}.zip"
    with tempfile.TemporaryDirectory(prefix=".bundle-", dir=dist) as tmp:
        site = Path(tmp) / "site"
        build_site(args, site, offline=True)
        partial = Path(tmp) / name
        write_zip(site, partial, _timestamp())
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        target = dist / name
        os.replace(partial, target)
    (dist / f"{name}.sha256").write_text(f"{digest}  {name}\n", encoding="utf-8")
    return target


def _timestamp() -> tuple:
    """Entry timestamps follow SOURCE_DATE_EPOCH (set from the as-of date), so zips are reproducible."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    return time.gmtime(max(epoch, 315532800))[:6]      # zip cannot store dates before 1980


def write_zip(folder: Path, target: Path, date_time: tuple) -> None:
    """Files in sorted order with fixed dates and modes: the same site gives the same bytes."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.flag_bits |= 0x800                     # UTF-8 names (目录.xlsx)
            archive.writestr(info, path.read_bytes())

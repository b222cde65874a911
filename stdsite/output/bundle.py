"""The offline bundle for pilot bases: the whole site as `.html` files in one zip, working from
file:// with no network (search included), and a SHA-256 file beside it.

Material's offline plugin is not used: it adds an iframe-worker shim from a CDN, which our
search does not need (assets/search.js answers in the page itself and loads its index with a
<script> tag, which file:// allows).
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import UsageError, os_reason
from .files import epoch_date_time, write_zip
from .folders import STAMP, guard_output_folder, make_public, stamp, working_folder

OURS = ("standards-offline-*.zip", "standards-offline-*.zip.sha256", ".bundle-*", ".dist.building-*", STAMP)


def dist_before_stamps(folder: Path) -> bool:
    """A `dist` folder an earlier version filled: nothing but bundles and their checksums."""
    return all(any(fnmatch.fnmatch(name, pattern) for pattern in OURS) for name in os.listdir(folder))


def check_dist_folder(dist: Path, protected: Iterable[tuple[Path, str]]) -> Path:
    """The resolved `dist` if a bundle may be written into it; UsageError (nothing touched) if not."""
    return guard_output_folder(dist, "离线包文件夹", protected, dist_before_stamps, replaced=False)


def make_bundle(dist: Path, as_of: dt.date, epoch: int, build_site: Callable[[Path], None],
                protected: Iterable[tuple[Path, str]]) -> Path:
    """Build the offline site (with `build_site(folder)`) and zip it into `dist`, every entry dated
    `epoch` (Unix time, so zips are reproducible); returns the zip. `dist` must be a folder made
    by an earlier bundle, empty or new (never the sources or the project: `protected`)."""
    dist = check_dist_folder(dist, protected)
    name = f"standards-offline-{as_of.isoformat()}.zip"
    try:
        dist.mkdir(parents=True, exist_ok=True)
        stamp(dist)
    except OSError as exc:
        raise UsageError(f"无法写入离线包文件夹 {dist}：{os_reason(exc)}") from None
    tmp = working_folder(dist / "dist", "building")          # .dist.building-<pid>-… inside dist
    try:
        site = tmp / "site"
        build_site(site)
        partial = tmp / name
        write_zip(partial, _files(site), epoch_date_time(epoch), utf8_names=True)
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        target = dist / name
        os.replace(partial, target)
        (dist / f"{name}.sha256").write_text(f"{digest}  {name}\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"无法写入离线包文件夹 {dist}：{os_reason(exc)}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    try:
        make_public(dist)                 # the web server (another user) serves the downloads
    except OSError as exc:
        raise UsageError(f"无法写入离线包文件夹 {dist}：{os_reason(exc)}") from None
    return target


def _files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the site but our stamp, in sorted order (the same site gives the same zip)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != STAMP):
        yield path.relative_to(folder).as_posix(), path.read_bytes()

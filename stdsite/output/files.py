"""Writing files: atomically (never half a file), deterministically (same input, same bytes),
and swapping a whole built folder in with renames (readers never see a half-written site)."""
from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def json_bytes(data: Any) -> bytes:
    """JSON exports: UTF-8 (not ASCII escapes), stable key order, one space indent, trailing newline."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json_bytes(data))


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)     # the earliest date a zip entry can hold


def write_zip(target: Path | BinaryIO, members: Iterable[tuple[str, bytes]], date_time: tuple,
              utf8_names: bool = False) -> None:
    """A zip of (name, content) pairs in the given order, every entry with the same date and mode:
    the same members give the same bytes. `utf8_names` flags every name as UTF-8 (names with
    Chinese characters are always flagged)."""
    date_time = max(tuple(date_time), ZIP_EPOCH)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if utf8_names:
                info.flag_bits |= 0x800
            archive.writestr(info, content)


def epoch_date_time(epoch: int) -> tuple:
    """A zip entry date for a Unix time (UTC)."""
    return time.gmtime(max(epoch, 315532800))[:6]


RENAME_EXCHANGE = 2          # renameat2(2) flag
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); False where the
    system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_dir(new: Path, out: Path) -> None:
    """Swap `new` in for `out`, so readers never see a half-written site: in one step where the
    system can (there is never a moment without `out`), else with two renames."""
    if out.exists() and exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)          # `new` now holds the previous site
        return
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.rename(out, old)
    try:
        os.rename(new, out)
    except OSError:
        if old is not None:             # put the previous site back: never leave no site at all
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

"""Writing files: atomically (never half a file) and deterministically (same input, same bytes).
Whole output folders (the guard, the swap) are output/folders.py's job."""
from __future__ import annotations

import json
import os
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

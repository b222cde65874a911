"""The build cache: one object, made by the build and passed down, for everything worth keeping
between runs — parsed YAML, diagram SVGs (by content hash), QR codes, spreadsheets.

It lives in one folder (`.cache/` beside mkdocs.yml unless `--cache` says otherwise). Entries
are written atomically, so parallel builds never see half a file; a damaged or foreign entry is
simply made again.

The cache holds pickles and compiled templates, which run code when loaded, and SVGs that go
into the site as they are: only the user running the build may be able to write it. The folder
is made private (700); one owned by someone else or writable by others is refused, and a file in
it that is not the user's own, or that others may write, is never read (it is made again). The
cache may not lie in, be or hold the source or output folders (`check_cache_place`): anyone who
can put a file into standards_src could otherwise plant a cache entry.
"""
from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError, os_reason
from ..load.memo import FileMemo
from ..load.yaml import ParseMemo
from .files import atomic_write

YAML_FILE = "yaml-parses.pickle"


def check_cache_place(folder: Path, places: Iterable[tuple[Path, str]], inside: bool = True) -> None:
    """UsageError when the cache folder is, holds or (with `inside`) lies in one of `places`
    ((folder, name) pairs: the sources, the output folders; a cache inside an output folder is
    refused by the output folder's own guard, output/folders.py, with its own message)."""
    cache = folder.resolve()
    for place, name in places:
        place = place.resolve()
        if cache == place or (inside and cache.is_relative_to(place)) or place.is_relative_to(cache):
            relation = "就是" if cache == place else "位于" if cache.is_relative_to(place) else "包含"
            raise UsageError(f"缓存文件夹 {folder} {relation}{name}「{place}」{'之内' if relation == '位于' else ''}，"
                             f"别人放进去的文件可能被当作缓存执行，已拒绝；请用 --cache 指定源文件夹和输出文件夹以外的文件夹")


def trusted_folder(folder: Path) -> Path:
    """`folder`, made private (700) when missing; UsageError when another user owns it or others
    may write into it (what is in it cannot be trusted)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except OSError as exc:
        raise UsageError(f"无法使用缓存文件夹 {folder}：{os_reason(exc)}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(f"缓存文件夹 {folder} 不是文件夹；请用 --cache 换一个文件夹")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise UsageError(f"缓存文件夹 {folder} 属于另一个用户，其中的缓存可能被篡改，已拒绝；"
                         f"请用 --cache 换一个自己的文件夹")
    if os.name != "nt" and st.st_mode & 0o022:
        raise UsageError(f"缓存文件夹 {folder} 其他用户也可以写入（权限 {stat.S_IMODE(st.st_mode):o}），"
                         f"其中的缓存可能被篡改，已拒绝；请删除它（只会让下一次生成变慢）或运行 chmod go-w {folder}")
    return folder


def read_trusted(path: Path) -> bytes | None:
    """The bytes of a cache file that this user wrote and no one else may write; None when it is
    missing or not to be trusted (the caller makes it again)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if os.name != "nt" and (st.st_uid != os.geteuid() or st.st_mode & 0o022):
            return None
        return handle.read()


class BuildCache:
    """Blobs by key (memory first, then the folder) and the YAML parse memo."""

    def __init__(self, folder: Path | None):
        self.folder = trusted_folder(folder) if folder is not None else None
        self._memory: dict[str, bytes] = {}
        self.memo = ParseMemo(self._load_memo())
        self.files = FileMemo()          # per file, for the next check in this process (the preview)

    def _load_memo(self) -> dict | None:
        data = read_trusted(self.folder / YAML_FILE) if self.folder else None
        if data is None:
            return None
        try:
            version, entries = pickle.loads(data)
        except Exception:                 # a damaged or foreign cache is simply rebuilt
            return None
        return entries if version == ParseMemo.VERSION else None

    def get(self, key: str) -> bytes | None:
        """A blob from this run or an earlier one, or None."""
        if key in self._memory:
            return self._memory[key]
        data = read_trusted(self.folder / key) if self.folder else None
        if data is not None:
            self._memory[key] = data
        return data

    def put(self, key: str, data: bytes) -> None:
        self._memory[key] = data
        if self.folder is not None:
            atomic_write(self.folder / key, data)

    def get_text(self, key: str) -> str | None:
        data = self.get(key)
        return None if data is None else data.decode("utf-8")

    def put_text(self, key: str, text: str) -> None:
        self.put(key, text.encode("utf-8"))

    def save(self) -> None:
        """Keep this run's YAML parses for the next run (only when they changed)."""
        if self.folder is not None and self.memo.changed:
            atomic_write(self.folder / YAML_FILE,
                         pickle.dumps((ParseMemo.VERSION, self.memo.used), protocol=pickle.HIGHEST_PROTOCOL))
        self.memo = ParseMemo(self.memo.used)          # the next run (a preview rebuild) starts afresh

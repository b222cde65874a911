"""The build cache: one object, made by the build and passed down, for everything worth keeping
between runs — parsed YAML, diagram SVGs (by content hash), QR codes, spreadsheets.

It lives in one folder (`.cache/` beside mkdocs.yml unless `--cache` says otherwise). Entries
are written atomically, so parallel builds never see half a file; a damaged or foreign entry is
simply made again.
"""
from __future__ import annotations

import pickle
from pathlib import Path

from ..load.memo import FileMemo
from ..load.yaml import ParseMemo
from .files import atomic_write

YAML_FILE = "yaml-parses.pickle"


class BuildCache:
    """Blobs by key (memory first, then the folder) and the YAML parse memo."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._memory: dict[str, bytes] = {}
        self.memo = ParseMemo(self._load_memo())
        self.files = FileMemo()          # per file, for the next check in this process (the preview)

    def _load_memo(self) -> dict | None:
        path = self.folder / YAML_FILE if self.folder else None
        if path is None or not path.is_file():
            return None
        try:
            with path.open("rb") as handle:
                version, entries = pickle.load(handle)
        except Exception:                 # a damaged or foreign cache is simply rebuilt
            return None
        return entries if version == ParseMemo.VERSION else None

    def get(self, key: str) -> bytes | None:
        """A blob from this run or an earlier one, or None."""
        if key in self._memory:
            return self._memory[key]
        path = self.folder / key if self.folder else None
        if path is not None and path.is_file():
            data = path.read_bytes()
            self._memory[key] = data
            return data
        return None

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

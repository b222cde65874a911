"""What reading and validating each source file gave, kept for the next check of the same process:
the preview checks the sources again after every save, and a save changes one file of a thousand.

Reading is kept per path while the file's size, time and inode are the same; validating is kept
per file object (an unchanged file is the same object). The problems a step reported are kept
with its result and reported again, so a check with the memo says exactly what one without says.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Problems
from .yaml import ParseMemo

T = TypeVar("T")


def stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is saved (None when it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class FileMemo:
    """Results by key, each valid while its stamp is the same (compared with `==`) or, for
    objects, while it is the very same object (`is`)."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[Any, Any, list, list]] = {}
        self._touched: set[Hashable] = set()

    def prune(self) -> None:
        """Forget what this check did not ask for (deleted files)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._touched}
        self._touched = set()

    def run(self, key: Hashable, mark: Any, problems: Problems, make: Callable[[], T],
            parses: ParseMemo | None = None) -> T:
        """`make()`, or what it gave last time for `key` when `mark` is unchanged; the problems it
        reported (and the YAML parses it used) are reported (and marked used) again."""
        self._touched.add(key)
        hit = self._entries.get(key)
        if hit is not None and mark is not None and (hit[0] is mark or hit[0] == mark):
            problems.items.extend(hit[2])
            if parses is not None:
                parses.mark_used(hit[3])
            return hit[1]
        before = len(problems.items)
        if parses is not None:
            parses.trace = []
        try:
            value = make()
        finally:
            used = parses.trace if parses is not None else []
            if parses is not None:
                parses.trace = None
        self._entries[key] = (mark, value, problems.items[before:], used or [])
        return value

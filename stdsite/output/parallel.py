"""Work on every core: `fork_map` forks worker processes that inherit everything the build has
prepared (configuration, navigation, templates, pages, the catalog) and send back results
(pages rendered, QR codes drawn).

Only the build command forks (a single-threaded process); the preview works in its own thread.
A worker dies with the build: the kernel kills it when its parent goes (PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
PR_SET_PDEATHSIG = 1


class WorkerFailed(Exception):
    """A worker raised: its message and traceback, as text."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                 # not Linux
        return os.cpu_count() or 1


def fork_map(func: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """[func(x) for x in items], spread over `workers` processes (this one included), in order."""
    if workers <= 1 or len(items) < 2 * workers or not hasattr(os, "fork"):
        return [func(item) for item in items]
    chunks = [list(range(k, len(items), workers)) for k in range(workers)]
    children = []
    for chunk in chunks[1:]:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:                                    # the worker
            os.close(read)
            _die_with_parent()
            try:
                payload = ("ok", [func(items[i]) for i in chunk])
            except BaseException:                       # noqa: BLE001 - reported by the parent
                payload = ("error", traceback.format_exc())
            with os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
            os._exit(0)
        os.close(write)
        children.append((pid, read, chunk))
    results: list = [None] * len(items)
    try:
        for i in chunks[0]:
            results[i] = func(items[i])
    finally:
        failures = []
        for pid, read, chunk in children:
            with os.fdopen(read, "rb") as source:
                data = source.read()
            os.waitpid(pid, 0)
            status, value = pickle.loads(data) if data else ("error", "a worker process ended without a result")
            if status != "ok":
                failures.append(value)
                continue
            for i, result in zip(chunk, value):
                results[i] = result
    if failures:
        raise WorkerFailed(failures[0])
    return results


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass

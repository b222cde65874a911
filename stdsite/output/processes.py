"""Running an external tool (Graphviz) so that it can never outlive or stall the build: every
child gets a time limit (killed when it runs over) and, on Linux, is killed by the kernel when
the build process dies — even by `kill -9`, which no cleanup code can catch."""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


def run_limited(command: list[str], data: bytes, seconds: float) -> subprocess.CompletedProcess | None:
    """Run `command` with `data` on stdin and the output captured; None when it ran longer than
    `seconds` (it has then been killed and reaped)."""
    try:
        return subprocess.run(command, input=data, capture_output=True, timeout=seconds,
                              preexec_fn=_die_with(os.getpid()))
    except subprocess.TimeoutExpired:
        return None


def _die_with(parent: int) -> Callable[[], None] | None:
    """A function run in the child before the tool starts: ask Linux to kill it when its parent
    dies (PR_SET_PDEATHSIG), and give up at once if the parent is already gone."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl      # looked up here: no imports after fork
    except (OSError, AttributeError):
        return None

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:     # the build died between fork and prctl
            os._exit(1)

    return arm

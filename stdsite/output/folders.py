"""Output folders (`--out`, `--dist`): what a command may replace or write into, the working
folders beside them, and the swap that puts a finished site in place.

A command only ever replaces or fills a folder that a previous run made (it holds our stamp
file) or an empty or missing one. The sources, the project, a folder holding either of them, a
file, a mount point or a non-empty folder we did not make is refused before anything is
touched. Every new writer of a folder calls `guard_output_folder` first.

Working folders carry the process id in their name (`.site.building-<pid>-…`): a run that was
killed leaves them behind, and the next run removes those whose process is gone — never one of
a build that is still running.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import UsageError, os_reason

STAMP = ".stdsite-output"
STAMP_TEXT = "此文件夹由 build.py 生成，每次生成时整体替换；请勿在其中存放其他文件。\n".encode("utf-8")
STALE_AFTER = 24 * 3600          # where a process id cannot be checked (Windows): a day old is stale


def guard_output_folder(folder: Path, what: str, protected: Iterable[tuple[Path, str]],
                        made_before: Callable[[Path], bool] | None = None, replaced: bool = True) -> Path:
    """The resolved `folder` when this command may write it (`replaced`: swap a new one in), else
    UsageError with one Chinese line, nothing touched.

    `protected` are (folder, name) pairs that must never be the output, inside it or around it
    (the source folder, the project); `made_before` recognises a folder an earlier version made
    before stamps existed."""
    shown = str(folder)
    target = folder.resolve()
    for path, name in protected:
        path = path.resolve()
        if target == path or path.is_relative_to(target):
            relation = "就是" if target == path else "包含"
            effect = "生成时会被整体替换" if replaced else "生成的文件会写入其中"
            raise UsageError(f"{what} {shown} {relation}{name}「{path}」，{effect}，已拒绝；请换一个新的文件夹")
        if target.is_relative_to(path) and name == "源文件夹":
            raise UsageError(f"{what} {shown} 位于{name}「{path}」之内，已拒绝；请把输出放在源文件夹之外")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{what} {shown} 是一个文件，不是文件夹，已拒绝；请换一个文件夹名")
    if replaced and target.is_dir() and os.path.ismount(target):
        raise UsageError(f"{what} {shown} 是挂载点，无法整体替换；请改用其中的一个子文件夹")
    if target.is_dir() and not _ours(target, made_before):
        raise UsageError(f"{what} {shown} 不是空文件夹，也不是本系统生成的，为免误删或覆盖其中的文件已拒绝；"
                         f"请换一个新的文件夹（或先自行清空它）")
    return target


def _ours(folder: Path, made_before: Callable[[Path], bool] | None) -> bool:
    """Empty, stamped, or made by an earlier version (before stamps existed)."""
    try:
        names = os.listdir(folder)
    except OSError as exc:
        raise UsageError(f"无法读取文件夹 {folder}：{os_reason(exc)}") from None
    if not names or STAMP in names:
        return True
    return made_before is not None and made_before(folder)


def stamp(folder: Path) -> None:
    """Mark a folder as made by us (the next run may replace it)."""
    (folder / STAMP).write_bytes(STAMP_TEXT)


def make_public(folder: Path) -> None:
    """Let everyone read `folder` and everything in it (folders 755, files 644), whatever the
    umask: the web server runs as another user, and a working folder starts as 700 (mkdtemp)."""
    _chmod(folder, 0o755)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                make_public(Path(entry.path))
            else:
                _chmod(Path(entry.path), 0o644)


def _chmod(path: Path, mode: int) -> None:
    if os.lstat(path).st_mode & 0o7777 != mode:
        os.chmod(path, mode)


def working_folder(beside: Path, kind: str) -> Path:
    """A new hidden folder next to `beside` (same file system, so a rename swaps it in), named
    with our process id; folders of the same kind left by killed runs are removed first."""
    remove_stale(beside.parent, f".{beside.name}.")
    try:
        beside.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{beside.name}.{kind}-{os.getpid()}-", dir=beside.parent))
    except OSError as exc:
        raise UsageError(f"无法在 {beside.parent} 中写入：{os_reason(exc)}") from None


_WORKING = re.compile(r"\.(building|old)-(\d+)-")


def remove_stale(parent: Path, prefix: str) -> list[str]:
    """Remove the working folders `<prefix>building-<pid>-…` / `<prefix>old-<pid>-…` in `parent`
    whose process has ended; returns their names."""
    removed = []
    try:
        names = sorted(n for n in os.listdir(parent) if n.startswith(prefix))
    except OSError:
        return removed
    for name in names:
        m = _WORKING.match(name, len(prefix) - 1)
        path = parent / name
        if m is None or not path.is_dir() or path.is_symlink() or _running(int(m.group(2)), path):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(name)
    return removed


def _running(pid: int, path: Path) -> bool:
    """Whether the process that made `path` may still be running (if unsure: yes)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":                  # os.kill(pid, 0) would terminate it on Windows
        try:
            return time.time() - path.stat().st_mtime < STALE_AFTER
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:                      # exists, owned by someone else
        return True
    return True


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
    system can (there is never a moment without `out`; a build killed right after leaves the
    previous site in `new`, a working folder the next run removes), else with two renames."""
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

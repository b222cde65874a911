"""Reading the files of a source folder: walking it, never leaving it, decoding UTF-8.

Every path is shown to the editor as the `--src` folder as given joined with the path under it
(with `/`), so messages name files the way the editor typed the folder.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import Problems
from .markdown import split_front_matter
from .yaml import ParseMemo, ReadProblem, parse_yaml

MAX_FILE_BYTES = 5_000_000


def decode_source(data: bytes) -> str:
    """Decode a source file as UTF-8 (BOM accepted); explain how to re-save anything else."""
    resave = "请用记事本或 WPS「另存为」，编码选择「UTF-8」后保存"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadProblem(None, f"文件是 UTF-16 编码，无法读取；{resave}")
    if _looks_utf16(data[:4096]):
        raise ReadProblem(None, f"文件似乎是 UTF-16 编码，无法读取；{resave}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
            guess = "文件似乎是 GBK/GB2312 编码"
        except UnicodeDecodeError:
            guess = "文件不是 UTF-8 编码"
        raise ReadProblem(line, f"{guess}，无法读取；{resave}") from None
    if "\x00" in text:                   # a stray NUL byte (pasted in, or a damaged file)
        raise ReadProblem(text.count("\n", 0, text.index("\x00")) + 1,
                          "这一行含有看不见的空字符（NUL），无法读取；可能是复制粘贴时带入的，请删掉这一行重新输入后保存")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: every ASCII character (each line end at least) brings a
    NUL byte, nearly all at even or nearly all at odd offsets — unlike a NUL or two pasted in."""
    if b"\x00" not in head:               # the usual case, without a loop over the bytes
        return False
    offsets = [i for i, byte in enumerate(head) if byte == 0]
    if len(offsets) < 4:
        return False
    odd = sum(i % 2 for i in offsets)
    return max(odd, len(offsets) - odd) >= 0.9 * len(offsets)


def read_text(path: Path) -> str:
    """Read and decode a source file, refusing very large files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadProblem(None, f"文件过大（{size // 1_000_000} MB），单个源文件不能超过 {MAX_FILE_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadProblem(None, f"无法读取文件（{exc.strerror or exc}），请检查文件权限") from None
    return decode_source(data)


def inside(path: Path, root: Path) -> bool:
    """True when `path` is `root` or below it."""
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def exists_exact_case(path: Path, root: Path) -> bool:
    """True when every part of `path` under `root` exists with exactly this case."""
    current = root
    for part in path.relative_to(root).parts:
        try:
            names = os.listdir(current)
        except OSError:
            return False
        if part not in names:
            return False
        current = current / part
    return True


class SourceFolder:
    """The folder being read (`--src`), the problems found so far, and the YAML parse memo."""

    def __init__(self, src: str | os.PathLike, problems: Problems, memo: ParseMemo | None = None):
        self.given = str(src).replace(os.sep, "/").rstrip("/") or "."
        self.root = Path(src).resolve()
        self.problems = problems
        self.memo = memo
        self._prefix = str(self.root).rstrip(os.sep) + os.sep
        self._real_dirs: dict[str, Path] = {}
        self._walks: dict[str, list[tuple[Path, str, bool]]] = {}

    def display(self, path: Path) -> str:
        """`--src as given` + the path under it (not resolved: a link keeps its own name)."""
        return f"{self.given}/{self.rel(path)}"

    def rel(self, path: Path) -> str:
        absolute = os.path.abspath(path)
        if absolute.startswith(self._prefix):          # (the usual case, without pathlib's parsing)
            return absolute[len(self._prefix):].replace(os.sep, "/")
        return Path(absolute).relative_to(self.root).as_posix()

    def within(self, path: Path) -> bool:
        """True when `path`, links followed, is in the source folder (each folder resolved once)."""
        parent = str(path.parent)
        real = self._real_dirs.get(parent)
        if real is None:
            real = self._real_dirs[parent] = path.parent.resolve()
        target = path.resolve() if os.path.islink(path) else real / path.name
        return inside(target, self.root)

    def files(self, folder: str, *suffixes: str, quiet: bool = False) -> list[Path]:
        """Files under `folder` whose names end with one of `suffixes` (hidden ones skipped), in
        path order. Links are followed alike for files and folders: one that leads out of the
        source folder is reported (unless `quiet`) and skipped (a folder link with everything
        under it). The folder is walked once; later calls pick from that walk."""
        if folder not in self._walks:
            self._walks[folder] = self._walk(folder, quiet)
        found = []
        for path, lower, kept in self._walks[folder]:
            if not lower.endswith(suffixes):
                continue
            if kept:
                found.append(path)
            elif not quiet:
                self.problems.error(self.display(path), None, "文件链接指向 standards_src/ 之外，已忽略")
        return found

    def _walk(self, folder: str, quiet: bool) -> list[tuple[Path, str, bool]]:
        """(path, lower-case name, whether it stays in the source folder) of every visible file
        under `folder`, in path order; folder links out of it are reported unless `quiet`."""
        base = self.root / folder
        if not base.is_dir():
            return []
        found, visited = [], set()
        for here, folders, names in os.walk(base, followlinks=True):
            real = Path(here).resolve()
            shown = f"{self.given}/{self.rel(Path(here))}"
            if not inside(real, self.root):
                if not quiet:
                    self.problems.error(shown, None, "文件夹链接指向 standards_src/ 之外，已忽略")
                folders[:] = []
                continue
            if real in visited:                 # a link back to a folder already read
                folders[:] = []
                continue
            visited.add(real)
            self._real_dirs[here] = real
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in names:
                path = Path(here) / name
                if name.startswith(".") or not path.is_file():
                    continue
                found.append((path, name.lower(), self.within(path)))
        return sorted(found, key=lambda item: self.rel(item[0]))

    def _text(self, path: Path) -> str | None:
        """The decoded text, or None (reported) for a link out of the folder or an empty file."""
        shown = self.display(path)
        if not self.within(path):
            self.problems.error(shown, None, "文件是指向源文件夹之外的链接，已忽略")
            return None
        text = read_text(path)
        if not text.strip():
            self.problems.error(shown, None, "文件是空的")
            return None
        return text

    def read_yaml(self, path: Path) -> Any:
        """Whole-file YAML; reports problems and returns None on failure."""
        try:
            text = self._text(path)
            if text is None:
                return None
            data = parse_yaml(text, 0, self.memo)
            if data is None:            # only comments (or `~`): as empty as a blank file
                self.problems.error(self.display(path), None, "文件没有内容（只有注释）")
            return data
        except ReadProblem as problem:
            self.problems.error(self.display(path), problem.line, problem.message)
            return None

    def read_markdown(self, path: Path) -> tuple[Any, str, int] | None:
        """(front matter value, body, body's first line), or None when not even the body can be
        told apart; the value is None when the front matter is missing or cannot be read (reported)."""
        shown = self.display(path)
        try:
            text = self._text(path)
            if text is None:
                return None
            front, front_line, body, body_line = split_front_matter(text)
        except ReadProblem as problem:
            self.problems.error(shown, problem.line, problem.message)
            return None
        if front is None:
            self.problems.error(shown, 1, "文件开头缺少「---」包围的元数据（编号、名称等）")
            return None, body, body_line
        try:
            data = parse_yaml(front, front_line - 1, self.memo)
        except ReadProblem as problem:
            self.problems.error(shown, problem.line, problem.message)
            return None, body, body_line
        if data is None:
            self.problems.error(shown, front_line, "元数据是空的")
        return data, body, body_line

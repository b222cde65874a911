"""Errors about the sources (one type, always with a path and, where one applies, a line) and the
three ways a command can fail: problems in the sources, bad usage, a missing tool."""
from __future__ import annotations

import errno
from dataclasses import dataclass, field


def quote(value: object, limit: int = 80) -> str:
    """Quote a user's value for a message as the editor wrote it, cut to `limit` characters: a
    number as written (`5.10`), a list as `[a, b]`, a mapping as `{a: …}`, nothing as 没有填写内容."""
    if value is None:
        return "（没有填写内容）"
    text = shown(value)
    text = text.replace("\n", "⏎")
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"「{text}」"


def shown(value: object) -> str:
    """A YAML value as an editor would write it (never a Python form such as `['a']` or `None`)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return getattr(value, "text", None) or str(value)
    if isinstance(value, int):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: …" for k in value) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    return str(value)


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in the sources, printed as `path:line: message`."""

    path: str
    line: int | None
    message: str
    warning: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        tag = "警告：" if self.warning else ""
        return f"{where}: {tag}{self.message}"

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.message)


class Problems:
    """Collects errors and warnings; validation never stops at the first one."""

    def __init__(self) -> None:
        self.items: list[SourceError] = []

    def error(self, path: str, line: int | None, message: str) -> None:
        self.items.append(SourceError(path, line, message))

    def warn(self, path: str, line: int | None, message: str) -> None:
        self.items.append(SourceError(path, line, message, warning=True))

    @property
    def error_count(self) -> int:
        """How many errors so far (checks compare it before and after a step; cheaper than errors)."""
        return sum(not e.warning for e in self.items)

    @property
    def errors(self) -> list[SourceError]:
        return sorted((e for e in self.items if not e.warning), key=SourceError.sort_key)

    @property
    def warnings(self) -> list[SourceError]:
        return sorted((e for e in self.items if e.warning), key=SourceError.sort_key)


class BuildFailed(Exception):
    """Raised when the sources have errors; carries all of them."""

    def __init__(self, errors: list[SourceError]):
        super().__init__(f"{len(errors)} 个错误")
        self.errors = errors


class UsageError(Exception):
    """Bad command-line usage (or configuration): exit code 2 with the message."""


_REASONS = {getattr(errno, name): reason for name, reason in (
    ("EACCES", "没有权限"), ("EPERM", "没有权限"), ("EROFS", "文件系统是只读的"), ("ENOSPC", "磁盘空间不足"),
    ("EBUSY", "正被占用（可能是挂载点或被其他程序打开）"), ("EXDEV", "不能跨磁盘（文件系统）移动"),
    ("ENOTDIR", "路径中有一部分不是文件夹"), ("EISDIR", "是文件夹而不是文件"), ("ENOENT", "不存在"),
    ("EEXIST", "已存在"), ("ENOTEMPTY", "文件夹不是空的"), ("ENAMETOOLONG", "名称过长"),
    ("ELOOP", "符号链接形成循环"), ("EDQUOT", "超出磁盘配额"), ("EMFILE", "打开的文件过多"),
    ("EINVAL", "名称或操作无效")) if hasattr(errno, name)}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese (the system's own text is English), with the path."""
    reason = _REASONS.get(exc.errno or 0, f"系统错误 {errno.errorcode.get(exc.errno or 0, exc.errno)}")
    where = f"{exc.filename}：" if exc.filename else ""
    return f"{where}{reason}"


class ToolMissing(Exception):
    """A required external tool (Graphviz `dot`) is missing: exit code 2."""


GRAPHVIZ_MISSING = ("未找到 Graphviz 的 dot 命令，无法绘制流程图。请安装：sudo apt-get install graphviz fonts-noto-cjk"
                    "（Windows 可从 graphviz.org 下载安装并加入 PATH）")

"""Errors about the sources (one type, always with a path and, where one applies, a line) and the
three ways a command can fail: problems in the sources, bad usage, a missing tool."""
from __future__ import annotations

from dataclasses import dataclass, field


def quote(value: object, limit: int = 80) -> str:
    """Quote a user's value for a message, cut to `limit` characters."""
    if value is None:
        return "「空值」"
    text = value if isinstance(value, str) else repr(value) if not isinstance(value, (int, float)) else str(value)
    text = text.replace("\n", "⏎")
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"「{text}」"


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


class ToolMissing(Exception):
    """A required external tool (Graphviz `dot`) is missing: exit code 2."""


GRAPHVIZ_MISSING = ("未找到 Graphviz 的 dot 命令，无法绘制流程图。请安装：sudo apt-get install graphviz fonts-noto-cjk"
                    "（Windows 可从 graphviz.org 下载安装并加入 PATH）")

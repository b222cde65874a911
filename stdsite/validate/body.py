"""Rules of a Markdown body: numbered clause headings (unique, in order) and course modules."""
from __future__ import annotations

from ..errors import quote
from ..load.markdown import CLAUSE_HEADING, MAX_BRACKETS, MODULE_MINUTES, Heading, bracket_heavy
from ..model import Clause, Module
from .schema import Checker


def clauses(headings: tuple[Heading, ...], check: Checker) -> list[Clause]:
    """Numbered headings (`## 5.1 车辆配备`), checked unique and in order."""
    out: list[Clause] = []
    seen: dict[str, int] = {}
    previous: tuple[int, ...] | None = None
    for heading in headings:
        m = CLAUSE_HEADING.match(heading.text)
        if not m or heading.level < 2:
            continue
        number, title = m.group(1), m.group(2).strip()
        key = tuple(int(part) for part in number.split("."))
        if number in seen:
            check.error(heading.line, f"条款号 {quote(number)} 重复（第 {seen[number]} 行已有）")
            continue
        if previous is not None and key <= previous:
            check.error(heading.line, f"条款号 {quote(number)} 顺序不对，应排在 {quote('.'.join(map(str, previous)))} 之前")
        seen[number] = heading.line
        previous = key
        out.append(Clause(number, title, heading.line, heading.level))
    return out


def heavy_paragraphs(body: str, body_line: int, check: Checker) -> None:
    """Warn about paragraphs with so many `[` that Markdown would take minutes: they are shown
    as plain text (render/body.py)."""
    for first, _, count in bracket_heavy(body, body_line):
        check.warn(first, f"这一段有 {count} 个「[」（超过 {MAX_BRACKETS} 个），处理会非常慢，将按纯文字显示"
                          f"（其中的 [[引用]] 不生成链接）；请检查是否误粘贴了大量符号")


def modules(headings: tuple[Heading, ...], body: str, body_line: int, check: Checker) -> list[Module]:
    """Course modules: each `##` heading, with minutes from `<!-- minutes: N -->` on the next line."""
    lines = body.split("\n")
    out = []
    for heading in headings:
        if heading.level != 2:
            continue
        minutes = None
        next_index = heading.line - body_line + 1
        if next_index < len(lines):
            m = MODULE_MINUTES.match(lines[next_index])
            if m:
                if m.group(1).isdigit():
                    minutes = int(m.group(1))
                else:
                    check.error(heading.line + 1, f"模块时长 {quote(m.group(1))} 应为整数分钟，如 <!-- minutes: 20 -->")
        out.append(Module(heading.text, minutes, heading.line))
    return out

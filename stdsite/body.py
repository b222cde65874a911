"""Reading a Markdown body: numbered clause headings, fenced structured blocks, `[[...]]` references.

The scan follows CommonMark's block rules for the two things we need — ATX headings and fenced
code blocks (a heading inside a fence is not a clause) — with a line scanner: markdown-it-py
gives the same result (tests/unit/test_body_scan.py checks it) but costs 2.5 s at 1000 standards.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .errors import quote
from .fields import Checker
from .model import BLOCK_KINDS, Block, Clause
from .yamlio import YamlProblem, parse_yaml

CLAUSE_HEADING = re.compile(r"^(\d+(?:\.\d+)*)[\s\u3000]+(\S.*)$")
REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
MODULE_MINUTES = re.compile(r"^\s*<!--\s*minutes\s*:\s*(\S+?)\s*-->\s*$")

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Reference:
    """`[[code]]`, `[[code#clause]]` or `[[#clause]]` found in text."""

    raw: str
    code: str | None      # None: this standard
    clause: str | None
    line: int


@functools.lru_cache(maxsize=8192)
def scan(body: str, body_line: int) -> tuple[list[Heading], list[tuple[str, str, int, int]]]:
    """Headings (level, text, line) and fences (info, content, first line, last line) of a body.

    Cached: loading, reference checks and rendering all read the same bodies (results are not
    mutated by callers)."""
    headings: list[Heading] = []
    fences: list[tuple[str, str, int, int]] = []
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        text = lines[index]
        fence = FENCE_OPEN.match(text)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            indent, marker = len(fence.group(1)), fence.group(2)
            close = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            end = index + 1
            while end < len(lines) and not close.match(lines[end]):
                end += 1
            content = [_dedent(line, indent) for line in lines[index + 1:end]]
            if end < len(lines):
                content_text, last = "".join(line + "\n" for line in content), end
            else:                       # unclosed: the fence runs to the end of the body
                content_text, last = "\n".join(content), len(lines) - 1 - (len(lines) > 1 and lines[-1] == "")
            fences.append((fence.group(3).strip(), content_text, index + body_line, max(last, index) + body_line))
            index = end + 1
            continue
        heading = ATX_HEADING.match(text)
        if heading:
            headings.append(Heading(len(heading.group(1)), (heading.group(2) or "").strip(), index + body_line))
        index += 1
    return headings, fences


def _dedent(line: str, indent: int) -> str:
    """Remove up to `indent` leading spaces (the opening fence's indentation)."""
    strip = len(line) - len(line.lstrip(" "))
    return line[min(strip, indent):]


def clauses(headings: list[Heading], check: Checker) -> list[Clause]:
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


def blocks(fences: list[tuple[str, str, int, int]], check: Checker) -> list[Block]:
    """Structured fences parsed as YAML (or kept as text for `dot`)."""
    out: list[Block] = []
    for info, content, first, last in fences:
        kind = info.split()[0] if info else ""
        if kind not in BLOCK_KINDS:
            continue
        data = content
        if kind != "dot":
            try:
                data = parse_yaml(content, line_offset=first)
            except YamlProblem as problem:
                check.error(problem.line or first, f"「{kind}」块的 {problem.message}")
                continue
        out.append(Block(kind, data, content, first, last, len(out)))
    return out


def references(body: str, body_line: int, fences: list[tuple[str, str, int, int]]) -> list[Reference]:
    """Every `[[...]]` outside code fences, with its line."""
    fenced = {line for _, _, first, last in fences for line in range(first, last + 1)}
    out = []
    for offset, text in enumerate(body.split("\n")):
        line = body_line + offset
        if line in fenced:
            continue
        for m in REFERENCE.finditer(text):
            out.append(parse_reference(m.group(1), line))
    return out


def parse_reference(raw: str, line: int) -> Reference:
    target = raw.strip()
    code, _, clause = target.partition("#")
    return Reference(raw, code.strip() or None, clause.strip() or None, line)


def modules(headings: list[Heading], body: str, body_line: int, check: Checker) -> list[tuple[str, int | None, int]]:
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
        out.append((heading.text, minutes, heading.line))
    return out


def reference_problem(ref: Reference, current, by_code: dict, where: str = "") -> str | None:
    """Why a reference points nowhere (a Chinese message), or None when it resolves.

    `current` is the standard whose clauses `[[#5.1]]` refers to (None in a course); `where`
    names the place in messages, e.g. "解析中"."""
    from .errors import quote
    from .fields import normalize_code
    shown = quote("[[" + ref.raw + "]]")
    if ref.code is None and ref.clause is None:
        return f"{where}引用 {shown} 是空的"
    if ref.code is None:
        if current is None:
            return f"{where}引用 {shown} 缺少标准编号，如 [[Q/CQJG 101-2023#6.1]]"
        if ref.clause not in {c.number for c in current.clauses}:
            return f"本标准没有条款 {quote(ref.clause)}（{where}引用 {shown}）"
        return None
    target = by_code.get(normalize_code(ref.code))
    if target is None:
        return f"{where}引用的标准 {quote(ref.code)} 不存在"
    if ref.clause and ref.clause not in {c.number for c in target.clauses}:
        return f"{where}引用的标准 {quote(target.code)} 没有条款 {quote(ref.clause)}"
    return None


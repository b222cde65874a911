"""Rules of a Markdown body: numbered clause and annex headings (unique, in order) and course modules."""
from __future__ import annotations

import re
import unicodedata

from ..errors import quote
from ..load.markdown import ANNEX_HEADING, ANNEX_LIKE, CLAUSE_HEADING, MAX_BRACKETS, MODULE_MINUTES, Heading, bracket_heavy
from ..model import Clause, Module
from .schema import Checker


def clauses(headings: tuple[Heading, ...], check: Checker) -> list[Clause]:
    """Numbered headings (`## 5.1 车辆配备`) and annexes (`## 附录 A（规范性）…` with `### A.1 …`),
    checked unique and in order: clauses first, then annexes A, B… each holding its own clauses."""
    out: list[Clause] = []
    seen: dict[str, int] = {}
    previous: tuple[tuple[int, ...], str] | None = None
    annex: str | None = None           # the letter of the annex the headings are in
    for heading in headings:
        if heading.level < 2:
            continue
        found = _numbered(heading, annex, check)
        if found is None:
            continue
        clause, key = found
        what = "附录" if clause.annex else "条款号"
        if clause.annex:
            annex = clause.number
        if clause.number in seen:
            check.error(heading.line, f"{what} {quote(clause.number)} 重复（第 {seen[clause.number]} 行已有）")
            continue
        if previous is not None and key <= previous[0]:
            check.error(heading.line, f"{what} {quote(clause.number)} 顺序不对，应排在 {quote(previous[1])} 之前")
        seen[clause.number] = heading.line
        previous = (key, clause.number)
        out.append(clause)
    return out


def heavy_paragraphs(body: str, body_line: int, check: Checker) -> None:
    """Warn about paragraphs with so many `[` that Markdown would take minutes: they are shown
    as plain text (render/body.py)."""
    for first, _, count in bracket_heavy(body, body_line):
        check.warn(first, f"这一段有 {count} 个「[」（超过 {MAX_BRACKETS} 个），处理会非常慢，将按纯文字显示"
                          f"（其中的 [[引用]] 不生成链接）；请检查是否误粘贴了大量符号")


def _numbered(heading: Heading, annex: str | None, check: Checker) -> tuple[Clause, tuple[int, ...]] | None:
    """The clause or annex a heading opens with its sort key (clauses before annexes), or None for
    an unnumbered heading (前言, 引言, 参考文献) or one reported as wrong."""
    text = _plain_number(heading.text)
    m = ANNEX_HEADING.match(text)
    if m:
        letter = m.group(1)
        if heading.level != 2:
            check.error(heading.line, f"附录 {quote(letter)} 应使用二级标题，写作「## {text}」")
            return None
        return Clause(letter, m.group(3).strip(), heading.line, heading.level, annex=m.group(2)), (1, ord(letter))
    if ANNEX_LIKE.match(text):
        check.error(heading.line, f"附录标题 {quote(text)} 格式不对，应写作「附录 A（规范性）标题」或「附录 A（资料性）标题」")
        return None
    m = CLAUSE_HEADING.match(text)
    if not m:
        return None
    number, title = m.group(1), m.group(2).strip()
    parts = number.split(".")
    if parts[0].isdigit():
        if annex is not None:
            check.error(heading.line, f"条款号 {quote(number)} 写在附录 {annex} 之后；正文条款应写在全部附录之前")
            return None
        return Clause(number, title, heading.line, heading.level), (0, *map(int, parts))
    if parts[0] != annex:
        where = f"写在附录 {annex} 中" if annex else "之前没有附录标题"
        check.error(heading.line, f"条款号 {quote(number)} {where}；附录 {parts[0]} 的条款应写在"
                                  f"「## 附录 {parts[0]}（规范性）标题」或「（资料性）」之下")
        return None
    return Clause(number, title, heading.line, heading.level), (1, ord(parts[0]), *map(int, parts[1:]))


_NUMBER_PREFIX = re.compile(r"^[0-9０-９A-ZＡ-Ｚ](?:[0-9０-９]*)(?:[.．][0-9０-９]+)*(?=[\s\u3000])")


def _plain_number(text: str) -> str:
    """A heading with its clause number in full-width digits or dots (`５．１ 派车`) read as `5.1 派车`."""
    m = _NUMBER_PREFIX.match(text)
    return unicodedata.normalize("NFKC", m.group(0)) + text[m.end():] if m else text


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

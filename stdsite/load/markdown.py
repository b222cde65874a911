"""Reading a Markdown file: front matter, headings, fenced blocks, `[[...]]` references.

The scan follows CommonMark's block rules for the two things we need — ATX headings and fenced
code blocks (a heading inside a fence is not a clause) — with a line scanner: markdown-it-py
gives the same result (tests/unit/test_body_scan.py checks it) but costs 2.5 s at 1000 standards.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .yaml import ReadProblem

Fence = tuple[str, str, int, int]        # (info string, content, first line, last line)

# a clause (`5.1 车辆配备`) or an annex clause (`A.1 派车单内容`), and an annex (GB/T 1.1):
# `附录 A（规范性）派车单样式`, brackets full- or half-width
CLAUSE_HEADING = re.compile(r"^(\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)[\s\u3000]+(\S.*)$")
ANNEX_HEADING = re.compile(r"^附录[\s\u3000]*([A-Z])[\s\u3000]*[（(][\s\u3000]*(规范性|资料性)[\s\u3000]*[）)][\s\u3000]*(.*)$")
ANNEX_LIKE = re.compile(r"^附录[\s\u3000]*[A-Za-zＡ-Ｚａ-ｚ](?![A-Za-z])")
REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
MODULE_MINUTES = re.compile(r"^\s*<!--\s*minutes\s*:\s*(\S+?)\s*-->\s*$")
# `!!! kind "title"` (or `??? kind`, `???+ kind`): an admonition, its content indented below
ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)\b(.*)$")

FOREWORDS = {"前言": "foreword", "引言": "introduction"}      # a standard's unnumbered parts before the clauses, by id
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


# the only lines scan() must look at: a heading or a fence starts with one of these
_SCAN_CANDIDATE = re.compile(r"\n {0,3}(?:#|```|~~~)")


@functools.lru_cache(maxsize=8192)
def scan(body: str, body_line: int) -> tuple[list[Heading], list[Fence]]:
    """Headings (level, text, line) and fences (info, content, first line, last line) of a body.

    Cached: loading, reference checks and rendering all read the same bodies (results are not
    mutated by callers). Only the lines a regular expression picks out are looked at one by one."""
    headings: list[Heading] = []
    fences: list[Fence] = []
    lines = body.split("\n")
    candidates = _line_numbers(body, _SCAN_CANDIDATE)
    position = 0
    while position < len(candidates):
        index = candidates[position]
        position += 1
        text = lines[index]
        fence = FENCE_OPEN.match(text)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            indent, marker = len(fence.group(1)), fence.group(2)
            close = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            end = len(lines)
            while position < len(candidates):      # a closing fence is a candidate line too
                later = candidates[position]
                position += 1
                if close.match(lines[later]):
                    end = later
                    break
            content = [_dedent(line, indent) for line in lines[index + 1:end]]
            if end < len(lines):
                content_text, last = "".join(line + "\n" for line in content), end
            else:                       # unclosed: the fence runs to the end of the body
                content_text, last = "\n".join(content), len(lines) - 1 - (len(lines) > 1 and lines[-1] == "")
            fences.append((fence.group(3).strip(), content_text, index + body_line, max(last, index) + body_line))
            continue
        heading = ATX_HEADING.match(text)
        if heading:
            headings.append(Heading(len(heading.group(1)), (heading.group(2) or "").strip(), index + body_line))
    return headings, fences


def _line_numbers(body: str, pattern: re.Pattern) -> list[int]:
    """The 0-based numbers of the lines that `pattern` picks out, in order. The pattern starts
    with the newline before the line (the body is read with one in front): a search for a
    literal character is much faster than trying `^` at every position."""
    out, line, at = [], 0, 0
    text = "\n" + body
    for m in pattern.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        out.append(line)
    return out


@functools.lru_cache(maxsize=8192)
def fenced_lines(body: str, body_line: int) -> frozenset[int]:
    """The line numbers of a body that lie in code fences (fence lines included)."""
    return frozenset(line for _, _, first, last in scan(body, body_line)[1] for line in range(first, last + 1))


# Python-Markdown's link patterns take time growing with the square of the `[` in one paragraph
# (2000: 2 s, 4000 over lines of one paragraph: 22 s, 100 KB of `*[`: more than 15 minutes);
# 500 take 0.15 s. A paragraph with more is shown as plain text (and `check` warns).
MAX_BRACKETS = 500
_NEW_UNIT = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|\||>)")


@functools.lru_cache(maxsize=1024)
def bracket_heavy(body: str, body_line: int) -> tuple[tuple[int, int, int], ...]:
    """(first line, last line, count of `[`) of every paragraph outside code fences with more
    than MAX_BRACKETS `[`. A paragraph is a run of non-blank lines; a list item, table row,
    heading or quote line starts a new one (Python-Markdown handles those one by one)."""
    if body.count("[") <= MAX_BRACKETS:
        return ()
    fenced = fenced_lines(body, body_line)
    out = []
    first, count = None, 0
    for offset, text in enumerate(body.split("\n") + [""]):
        line = body_line + offset
        if not text.strip() or line in fenced or _NEW_UNIT.match(text):
            if first is not None and count > MAX_BRACKETS:
                out.append((first, line - 1, count))
            first, count = None, 0
            if not text.strip() or line in fenced:
                continue
        if first is None:
            first = line
        count += text.count("[")
    return tuple(out)


# Python-Markdown handles each level of a nested list or quote by recursion: 200 levels of list
# take 5 s, 400 end in a RecursionError (a traceback); no document needs more than a few
MAX_NESTING = 12
_THEMATIC_BREAK = re.compile(r"^([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# more than MAX_NESTING levels need an indentation (4 columns a level) or, without one, a run of
# markers: only lines with one or the other are looked at
_MARKER_LINE = re.compile(r"\n(?: {4,}| *\t)[ \t]*[-*+>0-9]|\n[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]*[-*+>0-9]")
_NESTING = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]*")


def deep_nesting(body: str, body_line: int) -> tuple[tuple[int, int], ...]:
    """(line, levels) of every line outside code fences opening more than MAX_NESTING levels of
    list items and quotes (by its indentation, four spaces a level, and its markers `- 1. >`)."""
    fenced = fenced_lines(body, body_line)
    out = []
    lines = body.split("\n")
    for offset in _line_numbers(body, _MARKER_LINE):
        text = lines[offset]
        stripped = text.lstrip(" \t")
        if not stripped or body_line + offset in fenced or _THEMATIC_BREAK.match(stripped):
            continue
        markers, position = 0, 0
        while (m := _NESTING.match(stripped, position)) is not None and m.end() > position:
            markers, position = markers + 1, m.end()
        if markers == 0:
            continue
        indent = len(text[:len(text) - len(stripped)].expandtabs(4))
        levels = indent // 4 + markers
        if levels > MAX_NESTING:
            out.append((body_line + offset, levels))
    return tuple(out)


def _dedent(line: str, indent: int) -> str:
    """Remove up to `indent` leading spaces (the opening fence's indentation)."""
    strip = len(line) - len(line.lstrip(" "))
    return line[min(strip, indent):]


@dataclass(frozen=True)
class Admonition:
    """An admonition outside code fences: its kind (`instructor`, `keypoints`…), title as written
    (quotes removed), first line, and its indented content lines with the indentation removed."""

    kind: str
    title: str
    line: int
    content: tuple[str, ...]


def admonitions(body: str, body_line: int) -> list[Admonition]:
    """Every admonition of a body, in order (those inside code fences are examples, not admonitions)."""
    fenced = fenced_lines(body, body_line)
    lines = body.split("\n")
    out = []
    for index, text in enumerate(lines):
        m = ADMONITION.match(text)
        if m is None or body_line + index in fenced:
            continue
        content: list[str] = []
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
            content.append(lines[end][4:] if lines[end].startswith("    ") else lines[end][1:])
            end += 1
        while content and not content[-1].strip():
            content.pop()
        out.append(Admonition(m.group(2), m.group(3).strip().strip('"').strip(), body_line + index, tuple(content)))
    return out


def references(body: str, body_line: int, fences: list[Fence]) -> list[Reference]:
    """Every `[[...]]` outside code fences, with its line."""
    if "[[" not in body:
        return []
    fenced = {line for _, _, first, last in fences for line in range(first, last + 1)}
    out, line, at = [], body_line, 0
    for m in REFERENCE.finditer(body):        # (the pattern never crosses a line)
        line += body.count("\n", at, m.start())
        at = m.start()
        if line not in fenced:
            out.append(parse_reference(m.group(1), line))
    return out


def parse_reference(raw: str, line: int) -> Reference:
    target = raw.strip()
    code, _, clause = target.partition("#")
    clause = unicodedata.normalize("NFKC", clause).strip()        # `#５.１` is 5.1
    return Reference(raw, code.strip() or None, clause or None, line)


def text_references(text: str, line: int) -> list[Reference]:
    """Every `[[...]]` in a one-line text (a quiz explanation), all at `line`."""
    return [parse_reference(m.group(1), line) for m in REFERENCE.finditer(text)]


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """Split `---` front matter from a Markdown body.

    Returns (front matter text or None, its first line number, body, the body's first line number).
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, 1, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2
    raise ReadProblem(1, "文件开头的「---」没有对应的结束行「---」")


# `[text](target)` and `![alt](target)`: the target up to the first space (a title may follow)
INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                         r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")


LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:\s*(<[^>\n]*>|\S+)")


@dataclass(frozen=True)
class Link:
    """A Markdown link or image written in a body: its target as written and its line."""

    target: str
    image: bool
    line: int


def links(body: str, body_line: int) -> list[Link]:
    """Every `[text](target)` / `![alt](target)` outside code fences and inline code."""
    fenced = fenced_lines(body, body_line)
    out = []
    for offset, text in enumerate(body.split("\n")):
        if ("](" not in text and "]:" not in text) or body_line + offset in fenced:
            continue
        text = re.sub(r"(`+).+?\1", "", text)
        definition = LINK_DEFINITION.match(text)
        if definition:                  # `[1]: files/表.pdf`, used as `[表][1]`
            out.append(Link(definition.group(1).strip("<>"), False, body_line + offset))
        for m in INLINE_LINK.finditer(text):
            out.append(Link(m.group(2).strip("<>").strip(), m.group(1) == "!", body_line + offset))
    return out


# lines that look like headings but are not (a Chinese input method's `＃`, a full-width space
# after `#`, no space at all) and headings whose number is not followed by a space
_HASH_SLIP = re.compile(r"^ {0,3}([#＃]{1,6})(.?)")
_HASH_LINE = re.compile(r"\n {0,3}[#＃]")
_NUMBER_GLUED = re.compile(r"^(\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\.?(?=[\u4e00-\u9fffA-Za-z（(])")
_CHINESE_NUMBER = re.compile(r"^(第?[一二三四五六七八九十百]+[、．.章条节]|[（(][一二三四五六七八九十]+[）)])")


def heading_slips(body: str, body_line: int) -> list[tuple[int, str]]:
    """(line, what is wrong) of every line outside code fences that an editor meant as a heading
    but Markdown does not read as one, or whose clause number is glued to its title."""
    fenced = fenced_lines(body, body_line)
    out = []
    lines = body.split("\n")
    for offset in _line_numbers(body, _HASH_LINE):
        text, line = lines[offset], body_line + offset
        m = _HASH_SLIP.match(text)
        if m is None or line in fenced:
            continue
        marks, after = m.group(1), m.group(2)
        rest = text.lstrip(" ")[len(marks):].lstrip(" \u3000\t")
        fixed = f"{'#' * len(marks)} {rest}"
        if "＃" in marks:
            out.append((line, f"标题用了全角井号「＃」，请改为半角「#」，写成「{fixed}」"))
        elif after == "\u3000":
            out.append((line, f"标题的「{marks}」后面是全角空格，不会显示为标题；请改为半角空格，写成「{fixed}」"))
        elif after and after not in " \t#":
            out.append((line, f"标题的「{marks}」后面缺少空格，不会显示为标题；请写成「{fixed}」"))
    return out


def glued_number(text: str) -> str | None:
    """The clause number at the start of a heading text when no space follows it (`5.1派车`)."""
    m = _NUMBER_GLUED.match(text)
    return m.group(1) if m else None


def chinese_numbered(text: str) -> bool:
    """A heading numbered the way documents are (`五、`, `第三章`, `（一）`) rather than as a clause."""
    return bool(_CHINESE_NUMBER.match(text))

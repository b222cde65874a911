"""Turn an editor's Markdown body into page Markdown: clause anchors, resolved `[[...]]` links,
structured blocks rendered in place, and raw HTML neutralised (editors write text, not markup).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..derive.catalog import Catalog
from ..escape import html_attr
from ..load.markdown import CLAUSE_HEADING, FOREWORDS, REFERENCE, Heading, bracket_heavy, parse_reference, scan
from ..model import Block, Standard
from ..text import normalize_code
from ..urls import Links, standard_src
from .common import esc

INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_SPECIAL = re.compile(r"[&<{]")


def render_body(body: str, body_line: int, page_src: str, catalog: Catalog, links: Links,
                blocks: tuple[Block, ...], render_block: Callable[[Block], str], current: Standard | None = None,
                before_clauses: str = "") -> str:
    """Markdown for a page body; `current` is the standard whose `[[#clause]]` links stay local.
    `before_clauses` (HTML) goes right before the first numbered clause (the printed title)."""
    headings, fences = scan(body, body_line)
    by_line = {block.line: block for block in blocks}
    skip: dict[int, int] = {}        # fence first line -> last line, for every fence
    for _, _, first, last in fences:
        skip[first] = last
    anchors = heading_attrs(headings, current)
    first_clause = next((c.line for c in current.clauses if not c.annex), None) if current else None
    as_text = {first: last for first, last, _ in bracket_heavy(body, body_line)}
    out: list[str] = []
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        line_no = body_line + index
        text = lines[index]
        if line_no in skip:
            last = skip[line_no]
            block = by_line.get(line_no)
            if block is not None:
                out.append("")
                out.append(render_block(block))
                out.append("")
            else:
                out.extend(lines[index: last - body_line + 1])
            index = last - body_line + 1
            continue
        if line_no in as_text:          # too many `[` for Markdown (check warned): a raw HTML paragraph
            last = as_text[line_no]
            plain = html_attr("\n".join(lines[index: last - body_line + 1]))
            out.extend(["", f'<p class="std-plain">{plain}</p>', ""])
            index = last - body_line + 1
            continue
        text = _neutralise_html(text)
        if "[[" in text:
            text = _links(text, page_src, catalog, links, current)
        if line_no in anchors:
            text = f"{text.rstrip().rstrip('#').rstrip()} {{{anchors[line_no]}}}"
        if line_no == first_clause and before_clauses:
            out.extend(["", before_clauses, ""])
        out.append(text)
        index += 1
    return "\n".join(out)


def heading_attrs(headings: list[Heading], current: Standard | None) -> dict[int, str]:
    """The attribute list of each numbered heading, by line: `#5.1`; an annex `#A .std-annex`
    (it starts a new printed page); a standard's 前言/引言 `.std-foreword`."""
    if current is None:
        return {h.line: f"#{m.group(1)}" for h in headings if h.level >= 2 and (m := CLAUSE_HEADING.match(h.text))}
    out = {c.line: f"#{c.number} .std-annex" if c.annex else f"#{c.number}" for c in current.clauses}
    for h in headings:
        name = re.sub(r"[\s\u3000]", "", h.text)
        if h.level == 2 and name in FOREWORDS:
            out[h.line] = f"#{FOREWORDS[name]} .std-foreword"
    return out


def _neutralise_html(line: str) -> str:
    """Escape `<` and `{` outside inline code so raw HTML and attr-list syntax render as text."""
    if not _SPECIAL.search(line):          # most lines: nothing to escape
        return line
    if "`" not in line:
        return _escape_text(line)
    parts = []
    last = 0
    for m in INLINE_CODE.finditer(line):
        parts.append(_escape_text(line[last:m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_escape_text(line[last:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;")


def _links(line: str, page_src: str, catalog: Catalog, links: Links, current: Standard | None) -> str:
    return REFERENCE.sub(
        lambda m: reference_link(m.group(1), page_src, catalog, links, current) or m.group(0), line)


def reference_link(raw: str, page_src: str, catalog: Catalog, links: Links, current: Standard | None) -> str | None:
    """`[[code]]`, `[[code#clause]]` or `[[#clause]]` (of `current`) as a link; None when it does
    not resolve (validation has reported it, the text stays as written). An undated code links
    the latest edition and says which (最新版)."""
    ref = parse_reference(raw, 0)
    target, latest = (current, False) if ref.code is None else catalog.codes.find(ref.code)
    if target is None:
        return None
    label = (normalize_code(ref.code) if latest else target.code) if ref.code else ""
    if ref.clause:
        clause = next((c for c in target.clauses if c.number == ref.clause), None)
        label = f"{label} {clause.label if clause else '第 ' + ref.clause + ' 条'}".strip()
    if target is current and ref.clause:
        href = f"#{ref.clause}"
    else:
        href = links.rel(page_src, standard_src(target.slug), ref.clause)
    title = f"最新版：{target.code} {target.title}" if latest else target.title
    link = f'<a class="std-ref" href="{html_attr(href)}" title="{esc(title)}">{esc(label)}</a>'
    return link + (f'<span class="std-ref-latest">（最新版 {esc(target.code)}）</span>' if latest else "")

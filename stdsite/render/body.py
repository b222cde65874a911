"""Turn an editor's Markdown body into page Markdown: clause anchors, resolved `[[...]]` links,
structured blocks rendered in place, and raw HTML neutralised (editors write text, not markup).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..derive.catalog import Catalog
from ..load.markdown import CLAUSE_HEADING, REFERENCE, bracket_heavy, parse_reference, scan
from ..model import Block, Standard
from ..text import normalize_code
from ..urls import Links, standard_src
from ..escape import html_attr
from .common import esc

INLINE_CODE = re.compile(r"(`+)(.+?)\1")


def render_body(body: str, body_line: int, page_src: str, catalog: Catalog, links: Links,
                blocks: tuple[Block, ...], render_block: Callable[[Block], str], current: Standard | None = None) -> str:
    """Markdown for a page body; `current` is the standard whose `[[#clause]]` links stay local."""
    headings, fences = scan(body, body_line)
    by_line = {block.line: block for block in blocks}
    skip: dict[int, int] = {}        # fence first line -> last line, for every fence
    for _, _, first, last in fences:
        skip[first] = last
    clause_lines = {h.line for h in headings if h.level >= 2 and CLAUSE_HEADING.match(h.text)}
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
        text = _links(text, page_src, catalog, links, current)
        if line_no in clause_lines:
            m = re.match(r"^(\s{0,3}#{2,6}\s+)(\d+(?:\.\d+)*)", text)
            if m:
                text = f"{text.rstrip().rstrip('#').rstrip()} {{#{m.group(2)}}}"
        out.append(text)
        index += 1
    return "\n".join(out)


def _neutralise_html(line: str) -> str:
    """Escape `<` and `{` outside inline code so raw HTML and attr-list syntax render as text."""
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
    not resolve (validation has reported it, the text stays as written)."""
    ref = parse_reference(raw, 0)
    target = current if ref.code is None else catalog.by_code.get(normalize_code(ref.code))
    if target is None:
        return None
    label = target.code if ref.code else ""
    if ref.clause:
        label = f"{label} 第 {ref.clause} 条".strip()
    if target is current and ref.clause:
        href = f"#{ref.clause}"
    else:
        href = links.rel(page_src, standard_src(target.slug), ref.clause)
    return f'<a class="std-ref" href="{html_attr(href)}" title="{esc(target.title)}">{esc(label)}</a>'

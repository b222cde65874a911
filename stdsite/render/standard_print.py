"""A standard's page printed (or saved as PDF) looks like a printed standard (GB/T 1.1): a cover,
the 前言, the title again over the clauses, annexes on new pages, and on every page the code in
the header and the page number in the footer. Everything here is hidden on screen
(assets/standard-print.css shows it in print and hides the site around it).

The header needs the code as a CSS string: a small <style> per page sets it in `@page`.
"""
from __future__ import annotations

import re

from ..escape import css_string
from ..load.markdown import scan
from ..model import Standard
from .common import esc

# the cover's line naming the kind of document (GB/T 1.1 covers), by code prefix, else by level
KIND_BY_PREFIX = {"GB/Z": "中华人民共和国国家标准化指导性技术文件", "GB": "中华人民共和国国家标准",
                  "DB50": "重庆市地方标准", "DB51": "四川省地方标准"}
KIND_BY_LEVEL = {"国家标准": "中华人民共和国国家标准", "行业标准": "中华人民共和国行业标准"}


def page_style(s: Standard, status: str = "现行") -> str:
    """The per-page print rule: the code at the top right of every printed page, the page number
    at the bottom; a standard not in force (被代替, 废止, 即将实施, 制定中) says so at the top left of
    every page, not only on the cover."""
    rule = "@top-right { content: " + css_string(s.code) + "; }"
    if status != "现行":
        rule += " @top-left { content: " + css_string(f"【{status}】") + "; }"
    return "<style>@page std-standard { " + rule + " }</style>"


def mark(code: str) -> str:
    """The big mark at the top right of a cover: `GB`, `DB50`, `Q/CQJG`, `T/CAS`."""
    prefix = code.split(" ")[0]
    for suffix in ("/T", "/Z"):
        if prefix.endswith(suffix):
            return prefix[: -len(suffix)]
    return prefix


def kind_line(s: Standard) -> str:
    """中华人民共和国国家标准 · 重庆市地方标准 · …, else the level's name."""
    prefix = s.code.split(" ")[0]
    for key in (prefix, prefix.split("/")[0]):
        if key in KIND_BY_PREFIX:
            return KIND_BY_PREFIX[key]
    return KIND_BY_LEVEL.get(s.level, s.level)


def cover(s: Standard, status_line: str) -> str:
    """The cover page: ICS/CCS (and 备案号) at the top left, the mark at the top right, the kind of
    document, the code (and what it replaces), the title, the 发布/实施 line and the issuer.
    `status_line` (HTML) says when the standard is not 现行."""
    left = [f"ICS {esc(s.ics)}" if s.ics else "", f"CCS {esc(s.ccs)}" if s.ccs else "",
            f"备案号：{esc(s.filing)}" if s.filing else ""]
    codes = [f'<p class="std-cover__code">{esc(s.code)}</p>']
    if s.replaces:
        codes.append(f'<p class="std-cover__replaces">代替 {esc("、".join(s.replaces))}</p>')
    issued = s.issued.isoformat() if s.issued else "XXXX-XX-XX"
    effective = s.effective.isoformat() if s.effective else "XXXX-XX-XX"
    issuers = "".join(f"<span>{esc(name)}</span>" for name in s.issuer)
    issuer = (f'<p class="std-cover__issuer"><span class="std-cover__issuers">{issuers}</span><span>发布</span></p>'
              if issuers else "")
    status = f'<p class="std-cover__status">{status_line}</p>' if status_line else ""
    return (f'<section class="std-cover" aria-hidden="true" data-search-exclude>'
            f'<div class="std-cover__top"><p class="std-cover__class">{"<br>".join(x for x in left if x)}</p>'
            f'<p class="std-cover__mark">{esc(mark(s.code))}</p></div>'
            f'<p class="std-cover__kind">{esc(kind_line(s))}</p>'
            f'<div class="std-cover__codes">{"".join(codes)}</div>'
            f'<div class="std-cover__middle"><p class="std-cover__title">{esc(s.title)}</p>{status}</div>'
            f'<div class="std-cover__dates"><span>{issued} 发布</span><span>{effective} 实施</span></div>'
            f'{issuer}</section>\n')


def has_foreword(s: Standard) -> bool:
    """Whether the body has its own `## 前言`."""
    if s.body is None:
        return False
    return any(h.level == 2 and re.sub(r"[\s\u3000]", "", h.text) == "前言" for h in scan(s.body, s.body_line)[0])


def foreword(s: Standard) -> str:
    """A printed 前言 from the metadata (代替, 提出, 归口, 起草单位, 主要起草人), for a standard whose
    body has none; "" when there is nothing to say."""
    lines = []
    if s.replaces:
        lines.append(f"本文件代替 {'、'.join(s.replaces)}。")
    if s.proposer and s.proposer == s.owner:
        lines.append(f"本文件由{s.proposer}提出并归口。")
    else:
        if s.proposer:
            lines.append(f"本文件由{s.proposer}提出。")
        if s.owner:
            lines.append(f"本文件由{s.owner}归口。")
    if s.drafters:
        lines.append(f"本文件起草单位：{'、'.join(s.drafters)}。")
    if s.authors:
        lines.append(f"本文件主要起草人：{'、'.join(s.authors)}。")
    if not lines:
        return ""
    return ('<section class="std-print-foreword" aria-hidden="true" data-search-exclude><p class="std-print-foreword__title">前言</p>'
            + "".join(f"<p>{esc(line)}</p>" for line in lines) + "</section>\n")


def print_title(s: Standard) -> str:
    """The title printed again at the top of the first page of clauses."""
    return f'<p class="std-print-title" aria-hidden="true" data-search-exclude>{esc(s.title)}</p>'

"""Small helpers shared by the page renderers: escaping, links between generated pages, badges."""
from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re

STATUS_CLASS = {"现行": "current", "即将实施": "upcoming", "制定中": "drafting", "被代替": "replaced",
                "废止": "abolished", "现行有效": "current", "已废止": "abolished"}


# Front matter `search:` of pages that list other pages (lists, system, editions, dashboard):
# they rank below the standards they list, and only their headings are indexed (their text
# repeats the titles of the pages they link to, and would multiply the index at 1000 standards).
LISTING = {"boost": 0.3, "listing": True}


def esc(value: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def badge(status: str, extra: str = "") -> str:
    cls = STATUS_CLASS.get(status, "other")
    return f'<span class="std-badge std-badge--{cls}{(" " + extra) if extra else ""}">{esc(status)}</span>'


_URL_UNSAFE = re.compile(r"[%#?\s\"'<>\\\x00-\x1f\x7f]")


def url_path(path: str) -> str:
    """Percent-encode what would end or break a URL path (`#`, `?`, `%`, spaces, quotes…) in a file
    or page name; other characters, Chinese included, stay readable."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), path)


class Links:
    """Relative URLs between generated pages, for the web site (directory URLs) or the offline
    bundle (`.html` files). Pages are named by source path (`standards/x.md`)."""

    def __init__(self, directory_urls: bool = True):
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """Site-relative URL of a source page."""
        stem = src[:-3] if src.endswith(".md") else src
        if stem == "index" or stem.endswith("/index"):
            base = stem[: -len("index")]
            return base if self.directory_urls else base + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def rel(self, from_src: str, to_src: str, anchor: str | None = None) -> str:
        """Relative href from one page to another (or to a file path that is not a page)."""
        here = self.url(from_src)
        folder = here if here.endswith("/") or here == "" else posixpath.dirname(here)
        target = self.url(to_src) if to_src.endswith(".md") else to_src
        href = posixpath.relpath(target or ".", folder.rstrip("/") or ".")
        if self.directory_urls and to_src.endswith(".md") and not href.endswith("/"):
            href += "/"
        return url_path(href) + (f"#{anchor}" if anchor else "")

    def a(self, from_src: str, to_src: str, text: str, anchor: str | None = None, cls: str = "") -> str:
        cls_attr = f' class="{cls}"' if cls else ""
        return f'<a href="{esc(self.rel(from_src, to_src, anchor))}"{cls_attr}>{esc(text)}</a>'


def front_matter(title: str, **extra: object) -> str:
    """YAML front matter; JSON strings are valid YAML, so every value is safely quoted.

    Material prints `title` (in <title>, the header, the footer) and `description` (in a
    <meta content="...">) without escaping them, so both are HTML-escaped here: a standard titled
    `<script>` stays text."""
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    for key, value in extra.items():
        if key == "description" and isinstance(value, str):
            value = esc(value)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def table(headers: list[str], rows: list[list[str]], cls: str = "std-table", row_attrs: list[str] | None = None) -> str:
    """An HTML table in a horizontally scrolling box; cells are already-escaped HTML."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = []
    for index, row in enumerate(rows):
        attrs = f" {row_attrs[index]}" if row_attrs else ""
        body.append(f"<tr{attrs}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    return (f'<div class="std-scroll"><table class="{cls}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def standard_src(slug: str) -> str:
    return f"standards/{slug}.md"


def document_src(slug: str) -> str:
    return f"documents/{slug}.md"


def course_src(course_id: str) -> str:
    return f"training/{course_id}.md"


def area_src(area_id: str) -> str:
    from ..fields import area_slug
    return f"system/{area_slug(area_id)}/index.md"



_URL_ATTR = re.compile(r'(\s(href|src)=")([^"]*)(")')
_EXTERNAL = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def safe_urls(html_text: str) -> str:
    """Last line of defence for a finished page: Markdown links typed by editors
    (`[x](javascript:…)`) lose their target, and nothing is loaded from another host (pages must
    work offline and make no external requests); ordinary http(s) links stay clickable."""
    from ..diagram import safe_href

    def fix(m: re.Match) -> str:
        attr, value = m.group(2), m.group(3)
        if attr == "href" and not safe_href(value):
            return f"{m.group(1)}#{m.group(4)}"
        if attr == "src" and _EXTERNAL.match(html.unescape(value)):
            return f"{m.group(1)}{m.group(4)}"
        return m.group(0)

    return _URL_ATTR.sub(fix, html_text)


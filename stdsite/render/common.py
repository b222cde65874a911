"""Small helpers shared by the page renderers: escaping, dates, badges, tables, front matter."""
from __future__ import annotations

import datetime as dt
import html
import json
import re

from ..urls import safe_href

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


def md_text(text: str) -> str:
    """Text for a Markdown heading: Markdown punctuation backslash-escaped, then HTML-escaped."""
    return esc(re.sub(r"([\\`*_{}\[\]()#+\-.!|~])", r"\\\1", text))


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


def label_text(header: str) -> str:
    """The plain text of an (already-escaped) header cell, for a cell's `data-label`."""
    return html.unescape(re.sub(r"<[^>]+>", "", header)).strip()


def cells(labels: list[str], row: list[str]) -> str:
    """A row's `<td>`s, each labelled with its column (a phone shows a row as a card: label, value).
    A space between cells keeps their texts apart in the search index and its snippets."""
    return " ".join(f'<td data-label="{esc(label)}">{cell}</td>' for label, cell in zip(labels, row))


def table(headers: list[str], rows: list[list[str]], cls: str = "std-table", row_attrs: list[str] | None = None,
          table_id: str = "") -> str:
    """An HTML table in a horizontally scrolling box; cells are already-escaped HTML. On a phone it
    turns into stacked cards, every cell with its column's name (assets/stdsite.css, `.std-cards`)."""
    head = " ".join(f'<th scope="col">{h}</th>' for h in headers)
    labels = [label_text(h) for h in headers]
    body = []
    for index, row in enumerate(rows):
        attrs = f" {row_attrs[index]}" if row_attrs else ""
        body.append(f"<tr{attrs}>{cells(labels, row)}</tr> ")
    id_attr = f' id="{esc(table_id)}"' if table_id else ""
    return (f'<div class="std-scroll"><table class="{cls} std-cards"{id_attr}><thead><tr>{head}</tr></thead> '
            f'<tbody>{"".join(body)}</tbody></table></div>')


_URL_ATTR = re.compile(r'(\s(href|src)=")([^"]*)(")')
_EXTERNAL = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def safe_urls(html_text: str) -> str:
    """Last line of defence for a finished page: Markdown links typed by editors
    (`[x](javascript:…)`) lose their target, and nothing is loaded from another host (pages must
    work offline and make no external requests); ordinary http(s) links stay clickable."""
    def fix(m: re.Match) -> str:
        attr, value = m.group(2), m.group(3)
        if attr == "href" and not safe_href(value):
            return f"{m.group(1)}#{m.group(4)}"
        if attr == "src" and _EXTERNAL.match(html.unescape(value)):
            return f"{m.group(1)}{m.group(4)}"
        return m.group(0)

    return _URL_ATTR.sub(fix, html_text)


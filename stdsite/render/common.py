"""Small helpers shared by the page renderers: escaping, dates, badges, tables, front matter."""
from __future__ import annotations

import datetime as dt
import html
import json
import re

from ..escape import html_text, html_attr
from ..urls import safe_href

STATUS_CLASS = {"现行": "current", "即将实施": "upcoming", "制定中": "drafting", "被代替": "replaced",
                "废止": "abolished", "现行有效": "current", "已废止": "abolished"}

# how a standard that is not 现行 is named in the navigation and its page title
STATUS_SUFFIX = {"被代替": "（已被代替）", "废止": "（已废止）", "即将实施": "（即将实施）", "制定中": "（制定中）"}


def status_title(code: str, title: str, status: str) -> str:
    """`Q/CQJG 502-2019 某某规范（已废止）`: the status in every title a reader sees in a list."""
    return f"{code} {title}{STATUS_SUFFIX.get(status, '')}"


# Front matter `search:` of pages that list other pages (lists, system, editions, dashboard):
# they rank below the standards they list, and only their headings are indexed (their text
# repeats the titles of the pages they link to, and would multiply the index at 1000 standards).
LISTING = {"boost": 0.3, "listing": True}


def esc(value: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute, also inert as Markdown: every
    value that reaches a page goes through here (see stdsite/escape.py)."""
    return html_text(value)


md_text = esc          # (was: text for a Markdown heading) `esc` is inert as Markdown itself


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def badge(status: str, extra: str = "") -> str:
    cls = STATUS_CLASS.get(status, "other")
    return f'<span class="std-badge std-badge--{cls}{(" " + extra) if extra else ""}">{esc(status)}</span>'


def front_matter(title: str, **extra: object) -> str:
    """YAML front matter; JSON strings are valid YAML, so every value is safely quoted.

    Material prints `title` (in <title>, the header, the footer) and `description` (in a
    <meta content="...">) without escaping them, so both are HTML-escaped here: a standard titled
    `<script>` stays text."""
    lines = ["---", f"title: {json.dumps(html_attr(title), ensure_ascii=False)}"]
    for key, value in extra.items():
        if key == "description" and isinstance(value, str):
            value = html_attr(value)
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


_ATTR = re.compile(r"""(\s+)([^\s"'<>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]*((?:" + _ATTR.pattern + r")*)\s*/?>")
_URL_ATTRS = frozenset({"href", "xlink:href", "action", "formaction"})
_LOAD_ATTRS = frozenset({"src", "poster", "data"})
_EXTERNAL = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def safe_html(page: str) -> str:
    """Last line of defence for a finished page: no event-handler attribute (`onclick`…) or
    `srcdoc` survives, links typed by editors (`[x](javascript:…)`) lose their target, and nothing
    is loaded from another host (pages must work offline and make no external requests);
    ordinary http(s) links stay clickable."""
    def attribute(m: re.Match) -> str:
        name = m.group(2).lower()
        if name.startswith("on") or name == "srcdoc":
            return ""
        if m.group(4) is None or (name not in _URL_ATTRS and name not in _LOAD_ATTRS):
            return m.group(0)
        quoted = m.group(4)
        value = html.unescape(quoted[1:-1] if quoted[:1] in "\"'" else quoted)
        if name in _URL_ATTRS and not safe_href(value):
            return f'{m.group(1)}{m.group(2)}="#"'
        if name in _LOAD_ATTRS and _EXTERNAL.match(value):
            return f'{m.group(1)}{m.group(2)}=""'
        return m.group(0)

    def tag(m: re.Match) -> str:
        attrs = m.group(1)
        if not attrs:
            return m.group(0)
        start = m.start(1) - m.start(0)
        return m.group(0)[:start] + _ATTR.sub(attribute, attrs) + m.group(0)[m.end(1) - m.start(0):]

    return _TAG.sub(tag, page)


FAVICON = "assets/images/favicon.png"      # the theme's icon (Material's default path), in every built site


def favicon_link(links, src: str) -> str:
    """The site's icon for a standalone page written outside the theme (poster, feedback form)."""
    return f'<link rel="icon" href="{html_attr(links.rel(src, FAVICON))}">'

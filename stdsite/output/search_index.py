"""Our Chinese search index, written after Material's search plugin has sectioned every page.

Material's lunr search cannot find 用车 inside 公务用车 and drops the last word of a query (see
the README, "Chinese search"), so the site answers queries with our own engine (assets/search.js) behind
Material's search UI. The engine matches substrings, so it needs no word segmentation, and its
index is plain UTF-8 text: a fraction of Material's ASCII-escaped index.

Files written under site/search/:
- stdsearch.js      `__stdsearchLoad({...})`: loaded by a script tag, so it works from file:// too;
- search_index.json / search_index.js: tiny stubs that keep Material's UI starting up.
"""
from __future__ import annotations

import html
import json
import re

from ..escape import script_json
from ..render.common import STATUS_CLASS
from .sitefiles import SiteWriter

TAG = re.compile(r"<[^>]+>")
CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre>", re.S)
SPACE = re.compile(r"\s+")
STUB = {"config": {"lang": ["zh"], "separator": r"[\s\u200b\u3000\-、。，．？！；]+", "pipeline": []}, "docs": []}


def clean(text: str) -> str:
    """Visible text of an index entry: no code blocks (source YAML and commands: a search for
    公务用车 must not land on an example's `title:` line), no tags, no jieba separators, one space
    between words."""
    text = html.unescape(TAG.sub(" ", CODE_BLOCK.sub(" ", text))).replace("\u200b", "")
    return SPACE.sub(" ", text).strip()


def compact(entries: list[dict], statuses: dict | None = None) -> list:
    """[[page url, boost, [[anchor, title, text], ...], status?], ...]: sections grouped under their page.

    `boost` comes from a page's `search: {boost: x}` front matter: listing pages are boosted
    down so that a standard ranks above the pages that merely list it (their sections come
    without text: see `listing_entries`; assets/search.js puts the editors' help pages after all
    others). A standard's or a document's page carries its status as `[status, badge class]`,
    shown on the result (assets/search.js)."""
    statuses = statuses or {}
    pages: dict[str, list] = {}
    for entry in entries:
        url, _, anchor = entry["location"].partition("#")
        page = pages.get(url)
        if page is None:
            page = pages[url] = [url, entry.get("boost", 1), []]
            if url in statuses:
                page.append([statuses[url], STATUS_CLASS.get(statuses[url], "other")])
        page[2].append([anchor, clean(entry.get("title", "")), clean(entry.get("text", ""))])
    return list(pages.values())


def listing_entries(entries: list[dict], url: str) -> None:
    """A listing page (render.common.LISTING) keeps its headings only: blank the text of its
    sections, the last entries of `entries` (its text repeats the titles of the pages it links to,
    and would multiply the index at 1000 standards)."""
    for entry in reversed(entries):
        if entry["location"].partition("#")[0] != url:
            break
        entry["text"] = ""


def write(entries: list[dict], out: SiteWriter, statuses: dict | None = None) -> None:
    """The index files; `statuses` maps a page's URL (as in the entries) to its status."""
    data = script_json({"v": 1, "pages": compact(entries, statuses)})
    out.write_text("search/stdsearch.js", f"__stdsearchLoad({data});\n")
    stub = json.dumps(STUB, ensure_ascii=False)
    out.write_text("search/search_index.json", stub)
    out.write_text("search/search_index.js", f"var __index = {stub};\n")

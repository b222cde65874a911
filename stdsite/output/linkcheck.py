"""Strict links: after the build, every relative `href`/`src` of every HTML page must point at a
file of the site (and an anchor on a standard page at an id of that page).

Sits at the very end of the build: the MkDocs plugin calls `run(...)` last in `on_post_build`, after the exports (catalog.json, 目录.xlsx…) and the search index are written, so
a link to any of them counts. MkDocs' own `--strict` checks Markdown links only; our generated
pages are mostly raw HTML, which it never looks at.

Fast by design (a site may have 1000+ pages): one `os.walk` for the set of files, one regex pass
per page, and each (folder, href) pair resolved once (the navigation repeats on every page).
A broken link is reported with the source file the page comes from (a standard's `.md`/`.yaml`,
a course, a document, or the hand-written page under docs/) and, when the link's text can be
found in that file, its line.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import quote
from ..render.context import RenderContext
from ..urls import STANDARD_PAGE_FILE, Links, case_src, course_src, document_src, standard_src

# href/src of the tags that load or link something. Pages are scanned as bytes (no decoding) and
# the pattern starts with `<tag`, so markup shown as text (`&lt;a href=...`) never matches.
LINK = re.compile(rb"""<(?:a|link|script|img|source|iframe|area|embed|video|audio|track|input)\b[^>]*?\s"""
                  rb"""(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
# ids as Python-Markdown and our renderers write them (` id="5.1"`): a literal prefix is fast
ID = re.compile(rb' id="([^"]*)"')
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MAX_REPORTED = 20
SELF = "\0self"
MISSING = "\0missing"


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str          # site-relative path of the HTML file (`standards/x/index.html`)
    target: str        # the href/src as written in the page (unescaped)
    reason: str        # Chinese: what is wrong


def _text(raw: bytes) -> str:
    value = raw.decode("utf-8", errors="replace")
    return html.unescape(value) if "&" in value else value


@dataclass(frozen=True)
class PageLinks:
    """What the check needs from one page, worked out from its bytes alone (kept between builds
    by content digest): each link as (text, resolved path or marker, fragment), and its ids."""

    links: tuple[tuple[str, str, str | None], ...]
    ids: frozenset[str] | None          # only for pages whose anchors are checked


def page_links(page: str, data: bytes, base: str, with_ids: bool,
               resolved: dict[tuple[str, bytes], tuple[str | None, str | None]] | None = None) -> PageLinks:
    """The links of the HTML file `page` (site-relative) with its bytes `data`; `resolved` keeps
    the (folder, href) pairs worked out so far (the navigation repeats on every page)."""
    folder = posixpath.dirname(page)
    resolved = {} if resolved is None else resolved
    found = []
    for a, b in sorted(set(LINK.findall(data))):
        raw = a or b
        target, fragment = resolved.get((folder, raw)) or resolved.setdefault((folder, raw), _resolve(folder, raw, base))
        if target is not None:
            found.append((_text(raw), target, fragment))
    ids = frozenset(_text(raw) for raw in ID.findall(data)) if with_ids else None
    return PageLinks(tuple(found), ids)


def _resolve(folder: str, raw: bytes, base: str) -> tuple[str | None, str | None]:
    """(normalised target path, MISSING when outside the site, SELF for this page, None when not
    checked; fragment or None). Whether the target exists is decided later, against the files."""
    href = _text(raw).strip()
    if not href or href.startswith("//") or (":" in href and SCHEME.match(href)):
        return None, None
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    if "%" in path:
        path = unquote(path)
    if "%" in fragment:
        fragment = unquote(fragment)
    fragment = fragment or None
    if not path:                        # `#x` or `?q`: this page
        return SELF, fragment
    if path.startswith("/"):
        if not path.startswith(base) and path + "/" != base:
            return MISSING, fragment     # outside the site's own path: reported as missing
        joined = path[len(base):]
    else:
        joined = f"{folder}/{path}" if folder else path
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".":
        normal = ""
    elif normal.startswith("../") or normal == "..":
        return MISSING, fragment
    return normal, fragment


def check_site(site: str | os.PathLike, base_path: str = "/", anchor_pages: re.Pattern = STANDARD_PAGE_FILE,
               digests: Mapping[str, str] | None = None, memo: dict[str, PageLinks] | None = None,
               folders: bool = True) -> list[BrokenLink]:
    """Every broken relative link of the site in `site`, sorted by page.

    `base_path` is the path of the site's URL (`/` or `/std/`): root-relative links (`/assets/…`,
    used by 404.html) are resolved against it. Anchors (`#5.1`) are checked on pages whose path
    matches `anchor_pages` (standard pages: a clause link `#5.1` needs the clause).
    `digests` (site path → content digest, from the build's writer) and `memo` (digest →
    PageLinks, kept from earlier builds and added to here) spare reading unchanged pages.
    Without `folders` (the offline bundle, opened from file://, where a folder shows as a file
    list, not its index.html) a link to a folder is broken too."""
    root = os.path.abspath(site)
    files: set[str] = set()
    pages: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        for name in names:
            rel = rel_folder + name
            files.add(rel)
            if name.endswith(".html"):
                pages.append(rel)
    pages.sort()
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    digests = digests or {}
    memo = {} if memo is None else memo
    read: dict[str, PageLinks] = {}
    resolved: dict[tuple[str, bytes], tuple[str | None, str | None]] = {}

    def links_of(page: str) -> PageLinks:
        if page not in read:
            key = digests.get(page)
            key = f"{key}|{page}|{base}|{anchor_pages.pattern}" if key else None
            found = memo.get(key) if key else None
            if found is None:
                with open(os.path.join(root, page), "rb") as f:
                    data = f.read()
                found = page_links(page, data, base, bool(anchor_pages.match(page)), resolved)
                if key:
                    memo[key] = found
            read[page] = found
        return read[page]

    broken: list[BrokenLink] = []
    for page in pages:
        for text, target, fragment in links_of(page).links:
            if target == SELF:
                target = page
            elif target != MISSING and target not in files:
                index = f"{target}/index.html" if target else "index.html"
                if index in files and not folders:
                    broken.append(BrokenLink(page, text, "指向一个文件夹：离线包从本机打开（file://）时显示的是文件列表而不是"
                                                         "页面；请链接到具体的页面（如 …/index.html），或用 [[编号]] 引用标准"))
                    continue
                target = index if index in files else MISSING
            if target == MISSING:
                broken.append(BrokenLink(page, text, "指向的文件不存在"))
                continue
            if fragment and anchor_pages.match(target):
                ids = links_of(target).ids
                if ids is not None and fragment not in ids:
                    broken.append(BrokenLink(page, text, f"指向的锚点 {quote(fragment)} 在页面上不存在"))
    return sorted(set(broken))


class Sources:
    """Which source file a page of the site comes from, for messages."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str]] = {}        # html path -> (shown, readable path)
        self.stems: list[tuple[str, str, str]] = []        # (page stem, shown, readable path)

    def of(self, page: str) -> tuple[str, str | None]:
        if page in self.pages:
            return self.pages[page]
        for stem, shown, readable in self.stems:
            if page.startswith((stem + "/", stem + ".")):   # poster/, signin/… of the same source
                return shown, readable
        return f"自动生成的页面 {page}", None


def page_sources(docs_dir: str, ctx: RenderContext | None, directory_urls: bool = True) -> Sources:
    """Map every HTML page to the file an editor would fix: a standard, document or course source
    (their sub-pages too), or the hand-written page under docs/."""
    links = ctx.links if ctx is not None else Links(directory_urls)
    html_of = links.html_file
    out = Sources()
    docs = Path(docs_dir)
    if docs.is_dir():
        for path in sorted(docs.rglob("*.md")):
            rel = path.relative_to(docs).as_posix()
            out.pages[html_of(rel)] = (f"docs/{rel}", str(path))
    if ctx is None:
        return out
    owners = [(standard_src(s.slug), s.path) for s in ctx.catalog.standards]
    owners += [(document_src(d.slug), d.path) for d in ctx.catalog.documents]
    owners += [(course_src(c.id), c.path) for c in ctx.catalog.project.courses]
    owners += [(case_src(c.id), c.path) for c in ctx.catalog.project.cases]
    for src, shown in owners:
        out.pages[html_of(src)] = (shown, shown)             # shown paths are relative to the cwd
        out.stems.append((html_of(src).removesuffix("index.html").rstrip("/").removesuffix(".html"), shown, shown))
    return out


def _line_in(source: str, target: str) -> int | None:
    """The first line of `source` that mentions the link's file name (a best guess for the editor)."""
    name = posixpath.basename(urlsplit(target).path.rstrip("/")) or urlsplit(target).fragment
    if not name or name in (".", ".."):
        return None
    try:
        with open(source, encoding="utf-8-sig", errors="replace") as f:
            for number, line in enumerate(f, start=1):
                if name in line:
                    return number
    except OSError:
        return None
    return None


def messages(broken: list[BrokenLink], sources: Sources) -> list[str]:
    """One Chinese line per broken link: `source[:line]: 页面 x 的链接「t」指向的文件不存在`."""
    out = []
    for item in broken:
        shown, readable = sources.of(item.page)
        line = _line_in(readable, item.target) if readable else None
        where = f"{shown}:{line}" if line else shown
        out.append(f"{where}: 页面 {item.page} 的链接 {quote(item.target)} {item.reason}")
    return out


def report(site_dir: str, site_url: str | None, docs_dir: str, ctx: RenderContext | None,
           digests: Mapping[str, str] | None = None, memo: dict[str, PageLinks] | None = None) -> str | None:
    """Check the site just built: None when every link resolves, else the Chinese report (the
    build then fails and the previous site stays). `digests` and `memo`: see `check_site`."""
    base_path = urlsplit(site_url or "/").path or "/"
    folders = ctx.links.directory_urls if ctx is not None else True
    broken = check_site(site_dir, base_path, digests=digests, memo=memo, folders=folders)
    if not broken:
        return None
    lines = messages(broken, page_sources(docs_dir, ctx))
    more = f"\n……另有 {len(lines) - MAX_REPORTED} 个" if len(lines) > MAX_REPORTED else ""
    return (f"网站中有 {len(lines)} 个失效链接（链接的文件或锚点不存在）：\n"
            + "\n".join(lines[:MAX_REPORTED]) + more)

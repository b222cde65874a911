"""Every page of the site and every link between them: the permanent URL scheme, in one place.

QR codes and printed handouts point at these URLs, so they never change:
- a standard: `standards/<slug>/` (slug: the normalised code lower-cased, runs of other than
  `a-z0-9` replaced by `-`, `-` stripped: `DB50/T 1016-2020` -> `db50-t-1016-2020`);
- a document: `documents/<file name without extension>/`; a course: `training/<id>/`;
- a directory edition: `directory/<edition id>/`;
- a pilot: `pilots/<id>/`; a case: `cases/<id>/`; a plan period's report: `dashboard/report-<years>/`.
The offline bundle uses the same paths as `.html` files (`standards/<slug>.html`).

Pages are named by their virtual source path (`standards/<slug>.md`, as MkDocs sees them);
`Links` turns those into site-relative URLs and relative hrefs for the site or the bundle.
"""
from __future__ import annotations

import hashlib
import html
import posixpath
import re
from urllib.parse import quote

from .escape import html_attr, html_text
from .text import area_slug, download_name, file_name_problem, slugify

# -- listing and single pages (virtual source paths) ------------------------------------------------
HOME = "index.md"
SYSTEM = "system/index.md"
STANDARDS = "standards/index.md"
DOCUMENTS = "documents/index.md"
DIRECTORY = "directory/index.md"
TRAINING = "training/index.md"
SESSIONS = "training/sessions.md"
DASHBOARD = "dashboard/index.md"
PILOTS = "pilots/index.md"
CASES = "cases/index.md"
ASSETS = "assets/stdsite"          # our stylesheets and scripts inside the site
DATA = "data"                      # machine-readable exports (catalog.json, indicators.json)


def page_name_problem(name: str) -> str | None:
    """Why `name` cannot be the last part of a page's path (`standards/<slug>/`,
    `documents/<name>/`, `training/<id>/`, `directory/<id>/`, `system/<area>/`), in Chinese: the
    name of the listing page beside it (`index`), or a name Windows cannot hold (the offline
    bundle is unpacked there). None when it can."""
    if name.lower() == "index":
        return "与同一文件夹中的列表页 index 同名"
    return file_name_problem(name)


def standard_src(slug: str) -> str:
    return f"standards/{slug}.md"


def standard_slug(code: str) -> str:
    """The `<slug>` of `standards/<slug>/` for a (normalised) code."""
    return slugify(code)


# the HTML file of a standard's own page, in the site (`x/index.html`) or the bundle (`x.html`)
STANDARD_PAGE_FILE = re.compile(r"^standards/[^/]+/index\.html$|^standards/[^/]+\.html$")


def poster_src(slug: str) -> str:
    return f"standards/{slug}/poster.md"


def feedback_src(slug: str) -> str:
    """A standard's 意见反馈 page: how to send comments and the printable 意见反馈表 (a standalone page)."""
    return f"standards/{slug}/feedback.md"


def feedback_docx(slug: str) -> str:
    """The 意见反馈表 as a Word file, in the feedback page's folder."""
    return f"standards/{slug}/feedback/意见反馈表-{slug}.docx"


def attachment_path(slug: str, name: str) -> str:
    """Where a standard's attachment is published, next to its page."""
    return f"standards/{slug}/files/{name}"


def document_src(slug: str) -> str:
    return f"documents/{slug}.md"


def course_src(course_id: str) -> str:
    return f"training/{course_id}.md"


# a course's printouts, pages next to its own: 签到表, 结业证书, 培训效果评估表, and for an exam its
# 试卷 and 答案 (`training/<id>/<name>/`)
SIGNIN, CERTIFICATE, EVALUATION, PAPER, ANSWERS = "signin", "certificate", "evaluation", "paper", "answers"


def printout_src(course_id: str, name: str) -> str:
    """The page of one of a course's printouts (`name` one of SIGNIN, CERTIFICATE, EVALUATION, PAPER, ANSWERS)."""
    return f"training/{course_id}/{name}.md"


def signin_src(course_id: str) -> str:
    return printout_src(course_id, SIGNIN)


def course_file(course_id: str, name: str) -> str:
    """Where a course's attachment (课件) is published, next to its page."""
    return f"training/{course_id}/files/{name}"


EVALUATION_XLSX = "评估汇总.xlsx"


def evaluation_xlsx(course_id: str, title: str) -> str:
    """Site-relative path of a course's 评估汇总 workbook (a file, not a page), named after the
    course (<课程名>-评估汇总.xlsx) so that downloads from several courses stay apart."""
    return f"training/{course_id}/{download_name(title)}-{EVALUATION_XLSX}"


def area_src(area_id: str) -> str:
    return f"system/{area_slug(area_id)}/index.md"


def system_file(name: str) -> str:
    """Site-relative path of a download of the system table (标准体系表.xlsx, 明细表.csv)."""
    return f"system/{name}"


def edition_src(edition_id: str) -> str:
    return f"directory/{edition_id}.md"


def edition_file(edition_id: str, name: str) -> str:
    """Site-relative path of an edition's export (a file, not a page)."""
    return f"directory/{edition_id}/{name}"


def pilot_src(pilot_id: str) -> str:
    return f"pilots/{pilot_id}.md"


def case_src(case_id: str) -> str:
    return f"cases/{case_id}.md"


def report_src(period_key: str) -> str:
    """A plan period's printable 评估报告 (`period_key`: `2021-2025`)."""
    return f"dashboard/report-{period_key}.md"


def evidence_path(rel: str) -> str:
    """Where an evidence file of records.yaml is published (`rel`: its path under standards_src/)."""
    return f"evidence/{rel}"


def page_url(src: str) -> str:
    """The permanent, site-relative URL of a page (catalog.json's `page`, what QR codes encode)."""
    return Links(directory_urls=True).url(src)


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def fingerprinted(name: str, content: bytes) -> str:
    """`stdsite.css` → `stdsite.1a2b3c4d.css`: an asset's name changes with its content, so that
    servers may let browsers keep assets for a year (docs/help/deploy.md)."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


# -- links ---------------------------------------------------------------------------------------------
_URL_UNSAFE = re.compile(r"[%#?\s\"'<>\\\x00-\x1f\x7f]")


def url_path(path: str) -> str:
    """Percent-encode what would end or break a URL path (`#`, `?`, `%`, spaces, quotes…) in a file
    or page name; other characters, Chinese included, stay readable."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), path)


def relative_path(target: str, folder: str) -> str:
    """`posixpath.relpath(target, folder)` for clean site-relative paths (no `.`/`..` parts),
    without its two `abspath` calls: a site computes tens of thousands of these."""
    to = [p for p in target.split("/") if p]
    here = [p for p in folder.split("/") if p]
    common = 0
    for a, b in zip(to, here):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


class Links:
    """Relative URLs between generated pages, for the web site (directory URLs) or the offline
    bundle (`.html` files). Pages are named by source path (`standards/x.md`)."""

    def __init__(self, directory_urls: bool = True):
        self.directory_urls = directory_urls
        self._rel: dict[tuple[str, str], str] = {}      # a site links the same pairs thousands of times

    def url(self, src: str) -> str:
        """Site-relative URL of a source page."""
        stem = src[:-3] if src.endswith(".md") else src
        if stem == "index" or stem.endswith("/index"):
            base = stem[: -len("index")]
            return base if self.directory_urls else base + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def html_file(self, src: str) -> str:
        """The site-relative HTML file a source page is written to."""
        url = self.url(src)
        return url + "index.html" if url.endswith("/") or url == "" else url

    def rel(self, from_src: str, to_src: str, anchor: str | None = None) -> str:
        """Relative href from one page to another (or to a file path that is not a page)."""
        href = self._rel.get((from_src, to_src))
        if href is None:
            here = self.url(from_src)
            folder = here if here.endswith("/") or here == "" else posixpath.dirname(here)
            target = self.url(to_src) if to_src.endswith(".md") else to_src
            href = relative_path(target, folder)
            if self.directory_urls and to_src.endswith(".md") and not href.endswith("/"):
                href += "/"
            href = self._rel[(from_src, to_src)] = url_path(href)
        return href + (f"#{anchor}" if anchor else "")

    def a(self, from_src: str, to_src: str, text: str, anchor: str | None = None, cls: str = "") -> str:
        """An HTML link from one page to another; the text is escaped."""
        cls_attr = f' class="{cls}"' if cls else ""
        href = html_attr(self.rel(from_src, to_src, anchor))
        return f'<a href="{href}"{cls_attr}>{html_text(text)}</a>'


def permanent_url(site_url: str | None, page: str) -> str | None:
    """`standards/x/` -> `http://host/standards/x/`, or None when no site_url is configured."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + page


def mailto(address: str, subject: str, body: str = "") -> str:
    """A `mailto:` URL (RFC 6068): the subject and body percent-encoded as UTF-8 (a space as %20,
    line ends as %0D%0A), the address with only its reserved characters encoded."""
    query = "subject=" + quote(subject, safe="")
    if body:
        query += "&body=" + quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
    return f"mailto:{quote(address, safe='@.+-_')}?{query}"


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def safe_href(value: str) -> bool:
    """Same-page anchors, relative links, http(s) and mailto only (never `javascript:` or `data:`)."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(value))
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in ("http", "https", "mailto")

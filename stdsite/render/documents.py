"""Policy document pages (标准类规范性文件): one page per document and the list of all."""
from __future__ import annotations

from ..escape import html_attr
from .. import urls
from ..derive.catalog import document_status
from ..model import Document
from ..urls import document_src
from .common import LISTING, badge, date, esc, front_matter, table
from .context import RenderContext
from .standards import standard_row


def document_page(ctx: RenderContext, d: Document) -> str:
    src = document_src(d.slug)
    cat = ctx.catalog
    status = document_status(d, cat.as_of)
    rows = [("文号", esc(d.number)), ("标题", esc(d.title)), ("状态", badge(status)),
            ("发布机构", esc("、".join(d.issuer))), ("成文日期", date(d.issued)), ("发布日期", date(d.published)),
            ("类别", esc(d.kind or "—"))]
    if d.abolished:
        rows.append(("废止日期", date(d.abolished)))
    if d.url:
        safe = d.url.startswith(("http://", "https://"))
        rows.append(("原文", f'<a href="{html_attr(d.url)}" rel="noopener">{esc(d.url)}</a>' if safe else esc(d.url)))
    out = [front_matter(d.title, description=d.summary or d.title),
           f'<h1>{esc(d.title)}</h1>\n<p class="std-docno">{esc(d.number)}</p>\n',
           '<div class="std-card"><dl class="std-meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
           + "</dl></div>\n"]
    if d.summary:
        out.append(f'\n<p class="std-summary">{esc(d.summary)}</p>\n')
    if d.related:
        rows = [standard_row(ctx, cat.by_code[c], src) for c in d.related if c in cat.by_code]
        out.append("\n## 相关标准\n\n" + table(["编号", "名称", "级别", "状态", "实施日期"], rows) + "\n")
    return "".join(out)


def documents_index_page(ctx: RenderContext) -> str:
    src = urls.DOCUMENTS
    cat = ctx.catalog
    docs = sorted(cat.documents, key=lambda d: (d.issued, d.number), reverse=True)
    rows = [[esc(d.number), ctx.links.a(src, document_src(d.slug), d.title), esc("、".join(d.issuer)),
             date(d.issued), badge(document_status(d, cat.as_of))] for d in docs]
    body = table(["文号", "标题", "发布机构", "成文日期", "状态"], rows) if rows else "<p>暂无规范性文件。</p>"
    return front_matter("规范性文件", search=LISTING) + "# 规范性文件\n\n" + body + "\n"

"""Pages about standards: one page per standard, the standard system (category → area → item),
the filterable list, and one page per policy document."""
from __future__ import annotations

from ..catalog import document_status, evaluation_expected, review_due, review_due_date
from ..fields import natural_key
from ..model import LEVELS, Document, Standard
from .body import render_body
from .common import LISTING, badge, date, document_src, esc, front_matter, standard_src, table, area_src
from .context import RenderContext
from .qr import poster_src, qr_figure




def placeholder_block(block, page_src, owner) -> str:
    """Until a block kind has its renderer: show its YAML as printable text."""
    return (f'<div class="std-block std-block--{esc(block.kind)}"><pre><code>{esc(block.text)}</code></pre></div>')


def standard_page(ctx: RenderContext, s: Standard) -> str:
    cat, links = ctx.catalog, ctx.links
    src = standard_src(s.slug)
    status = cat.status[s.code]
    out = [front_matter(f"{s.code} {s.title}", description=s.summary or s.title)]
    badges = badge(status)
    if s.stage == "修订中" and status == "现行":
        badges += " " + badge("修订中", "std-badge--revising")
    out.append(f'<h1 class="std-title"><span class="std-title__code">{esc(s.code)}</span> {esc(s.title)}</h1>\n')
    out.append(f'<div class="std-card" data-search-exclude>\n<p class="std-card__badges">{badges}'
               f' <span class="std-level">{esc(s.level)}</span></p>\n')
    placement = cat.project.framework.placement(s.framework)
    where = "—"
    if placement:
        category, area, item = placement
        names = " › ".join(n.name for n in (category, area, item) if n is not None)
        where = links.a(src, area_src(area.id), names)
    rows = [
        ("标准编号", esc(s.code)), ("标准名称", esc(s.title)), ("标准级别", esc(s.level)),
        ("状态", badges), ("发布日期", date(s.issued)), ("实施日期", date(s.effective)),
    ]
    if s.abolished:
        rows.append(("废止日期", date(s.abolished)))
    rows += [
        ("发布机构", esc("、".join(s.issuer)) or "—"), ("起草单位", esc("、".join(s.drafters)) or "—"),
        ("适用区域", esc(s.region)), ("体系位置", where),
    ]
    if s.tags:
        rows.append(("关键词", " ".join(f'<span class="std-tag">{esc(t)}</span>' for t in s.tags)))
    if s.managed and s.effective:
        due = review_due_date(s, cat.as_of)
        flag = ' <span class="std-warn">已到复审期</span>' if review_due(s, cat.as_of) and status == "现行" else ""
        rows.append(("下次复审", f"{date(due)}{flag}"))
    out.append('<dl class="std-meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>\n")
    out.append(qr_figure(ctx, s.page))
    out.append(f'<p class="std-card__actions std-noprint">{links.a(src, poster_src(s), "打印张贴版（二维码与流程图）")}</p>\n</div>\n')
    if s.summary:
        out.append(f'<p class="std-summary">{esc(s.summary)}</p>\n')
    out.append(_relations(ctx, s, src))
    if s.has_text:
        render = ctx.render_block or placeholder_block
        out.append("\n" + render_body(s.body, s.body_line, src, cat, links, s.blocks,
                                      lambda b: render(b, src, s), current=s) + "\n")
    else:
        source = esc(s.source) if s.source else "请向发布机构获取。"
        if s.source and s.source.startswith(("http://", "https://")):
            source = f'<a href="{esc(s.source)}" rel="noopener">{esc(s.source)}</a>'
        out.append(f'\n<div class="std-notice">本系统仅收录该标准的题录信息，未收录全文。全文获取：{source}</div>\n')
    out.append(_records(ctx, s))
    if s.attachments:
        items = "".join(f'<li><a href="{esc(links.rel(src, a.target))}" download>{esc(a.title)}</a></li>'
                        for a in s.attachments)
        out.append(f'\n## 附件 {{#attachments}}\n\n<ul class="std-attachments">{items}</ul>\n')
    return "".join(out)


def _relations(ctx: RenderContext, s: Standard, src: str) -> str:
    cat, links = ctx.catalog, ctx.links
    parts = []

    def code_link(code: str) -> str:
        other = cat.by_code.get(code)
        if other is None:
            return f'<span class="std-code">{esc(code)}</span>（未收录）'
        return links.a(src, standard_src(other.slug), f"{other.code} {other.title}") + " " + badge(cat.status[other.code])

    if s.replaces:
        parts.append("<li>代替：" + "；".join(code_link(c) for c in s.replaces) + "</li>")
    replaced_by = cat.replaced_by.get(s.code, [])
    if replaced_by:
        parts.append("<li>被代替：" + "；".join(code_link(c) for c in replaced_by) + "</li>")
    docs = cat.documents_citing(s.code)
    if docs:
        parts.append("<li>相关规范性文件：" + "；".join(
            links.a(src, document_src(d.slug), f"{d.title}（{d.number}）") for d in docs) + "</li>")
    courses = cat.courses_teaching(s.code)
    if courses:
        parts.append("<li>相关培训课程：" + "；".join(
            links.a(src, f"training/{c.id}.md", c.title) for c in courses) + "</li>")
    if not parts:
        return ""
    return f'\n<ul class="std-relations" data-search-exclude>{"".join(parts)}</ul>\n'


def _records(ctx: RenderContext, s: Standard) -> str:
    out = []
    if s.reviews:
        rows = [[date(r.date), esc(r.conclusion), esc(r.note or "")] for r in s.reviews]
        out.append("\n## 复审记录 {#reviews}\n\n" + table(["日期", "结论", "说明"], rows) + "\n")
    if s.evaluations:
        rows = [[date(e.date), esc(e.by or ""), esc("" if e.score is None else f"{e.score:g}"), esc(e.grade or ""),
                 esc(e.note or "")] for e in s.evaluations]
        out.append("\n## 实施效果评价 {#evaluations}\n\n" + table(["日期", "评价单位", "得分", "等级", "说明"], rows) + "\n")
    elif s.managed and evaluation_expected(s, ctx.catalog.as_of) and ctx.catalog.status[s.code] == "现行":
        out.append('\n<p class="std-warn" data-search-exclude>该标准实施已满 1 年，尚无实施效果评价记录。</p>\n')
    return "".join(out)


def standard_row(ctx: RenderContext, s: Standard, page_src: str) -> list[str]:
    cat = ctx.catalog
    return [ctx.links.a(page_src, standard_src(s.slug), s.code, cls="std-code"),
            ctx.links.a(page_src, standard_src(s.slug), s.title), esc(s.level), badge(cat.status[s.code]),
            date(s.effective)]


def standards_list_page(ctx: RenderContext) -> str:
    """All standards in one table, filterable by status, level and region in the browser."""
    src = "standards/index.md"
    cat = ctx.catalog
    rows, attrs = [], []
    for s in cat.standards:
        rows.append(standard_row(ctx, s, src) + [esc(s.region)])
        attrs.append(f'data-status="{esc(cat.status[s.code])}" data-level="{esc(s.level)}" data-region="{esc(s.region)}"')

    def select(name: str, label: str, values) -> str:
        options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        return f'<label>{label} <select data-filter="{name}"><option value="">全部</option>{options}</select></label>'

    statuses = [k for k, v in cat.counts().items() if v]
    levels = [level for level in LEVELS if any(s.level == level for s in cat.standards)]
    regions = sorted({s.region for s in cat.standards})
    filters = (f'<form class="std-filters" data-filter-table="standards" data-search-exclude>'
               f'{select("status", "状态", statuses)}{select("level", "级别", levels)}{select("region", "区域", regions)}'
               f'<output class="std-filter-count"></output></form>')
    return (front_matter("标准列表", search=LISTING) + "# 标准列表\n\n"
            f'<p>共收录标准 {len(cat.standards)} 项（状态截至 {cat.as_of.isoformat()}）。可按状态、级别、区域筛选。</p>\n\n'
            + filters + "\n\n"
            + table(["编号", "名称", "级别", "状态", "实施日期", "区域"], rows, "std-table std-list", attrs)
            .replace('<table class="std-table std-list">', '<table class="std-table std-list" id="standards">') + "\n")


def system_index_page(ctx: RenderContext) -> str:
    """The standard system overview: categories, areas, items, with counts and empty items marked."""
    src = "system/index.md"
    cat = ctx.catalog
    out = [front_matter("标准体系", search=LISTING), "# 标准体系\n\n",
           "<p>按“类别 → 领域 → 条目”浏览标准体系。每个条目后的数字为其现行标准数，"
           '<span class="std-empty">暂无标准</span> 表示尚待补齐。</p>\n\n']
    for category in cat.project.framework.categories:
        out.append(f'## {esc(category.name)} {{#{_anchor(category.id)}}}\n\n<div class="std-grid">\n')
        for area in category.areas:
            slots = area.items or (area,)
            current = [s for slot in slots for s in cat.standards_in(slot.id) if cat.status[s.code] == "现行"]
            core = '<span class="std-core">主干</span>' if area.core else ""
            items = []
            for slot in area.items:
                n = sum(1 for s in cat.standards_in(slot.id) if cat.status[s.code] == "现行")
                mark = f'<span class="std-count">{n}</span>' if n else '<span class="std-empty">暂无标准</span>'
                items.append(f"<li>{esc(slot.name)} {mark}</li>")
            if not area.items and not current:
                items.append('<li><span class="std-empty">暂无标准</span></li>')
            out.append(f'<div class="std-area-card"><h3>{ctx.links.a(src, area_src(area.id), area.name)} {core}</h3>'
                       f'<p>现行标准 {len(current)} 项</p><ul>{"".join(items)}</ul></div>\n')
        out.append("</div>\n\n")
    return "".join(out)


def area_page(ctx: RenderContext, area) -> str:
    src = area_src(area.id)
    cat = ctx.catalog
    category = next(c for c in cat.project.framework.categories if area in c.areas)
    out = [front_matter(area.name, search=LISTING), f"# {esc(area.name)}\n\n",
           f'<p class="std-crumbs">{esc(category.name)} › {esc(area.name)}'
           + (' <span class="std-core">主干业务领域</span>' if area.core else "") + "</p>\n\n"]
    for slot in (area.items or (area,)):
        standards = cat.standards_in(slot.id)
        if area.items:
            out.append(f"## {esc(slot.name)} {{#{_anchor(slot.id)}}}\n\n")
        if not standards:
            out.append('<p class="std-empty-item"><span class="std-empty">暂无标准</span> 该条目尚无标准，可列入制修订计划。</p>\n\n')
            continue
        rows = [standard_row(ctx, s, src) for s in sorted(standards, key=lambda s: natural_key(s.code))]
        out.append(table(["编号", "名称", "级别", "状态", "实施日期"], rows) + "\n\n")
    return "".join(out)


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
        rows.append(("原文", f'<a href="{esc(d.url)}" rel="noopener">{esc(d.url)}</a>' if safe else esc(d.url)))
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
    src = "documents/index.md"
    cat = ctx.catalog
    docs = sorted(cat.documents, key=lambda d: (d.issued, d.number), reverse=True)
    rows = [[esc(d.number), ctx.links.a(src, document_src(d.slug), d.title), esc("、".join(d.issuer)),
             date(d.issued), badge(document_status(d, cat.as_of))] for d in docs]
    body = table(["文号", "标题", "发布机构", "成文日期", "状态"], rows) if rows else "<p>暂无规范性文件。</p>"
    return front_matter("规范性文件", search=LISTING) + "# 规范性文件\n\n" + body + "\n"


def _anchor(node_id: str) -> str:
    from ..fields import slugify
    return slugify(node_id) or "node"

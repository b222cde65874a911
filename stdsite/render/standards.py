"""Pages about standards: one page per standard and the filterable list of all standards."""
from __future__ import annotations

from ..escape import html_attr
from .. import urls
from ..derive.catalog import evaluation_expected, review_due, review_due_date
from ..model import ICS_FIELDS, LEVELS, Standard
from ..urls import area_src, course_src, document_src, poster_src, standard_src
from .blocks import render_block
from .body import render_body
from .common import LISTING, STATUS_CLASS, badge, date, esc, front_matter, table
from .context import RenderContext
from .feedback import consultation_banner, feedback_section
from .pilots import cited_by
from .poster import qr_figure
from .standard_print import cover, foreword, has_foreword, page_style, print_title


def standard_page(ctx: RenderContext, s: Standard) -> str:
    cat, links = ctx.catalog, ctx.links
    src = standard_src(s.slug)
    status = cat.status[s.code]
    out = [front_matter(f"{s.code} {s.title}", description=s.summary or s.title), ctx.keep(page_style(s, status)) + "\n\n"]
    badges = badge(status)
    if s.stage == "修订中" and status == "现行":
        badges += " " + badge("修订中", "std-badge--revising")
    banner = status_banner(ctx, s, src)
    out.append(ctx.keep(cover(s, status_banner(ctx, s, src, plain=True))) + "\n\n")
    out.append(f'<h1 class="std-title"><span class="std-title__code">{esc(s.code)}</span> {esc(s.title)}</h1>\n')
    out.append(banner)
    out.append(consultation_banner(ctx, s, src))
    out.append(f'<div class="std-card" data-search-exclude>\n<p class="std-card__badges">{badges}'
               f' <span class="std-level">{esc(s.level)}</span></p>\n')
    out.append('<dl class="std-meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in _meta_rows(ctx, s, src, badges))
               + "</dl>\n")
    out.append(qr_figure(ctx, s.page))
    out.append(f'<p class="std-card__actions std-noprint"><button type="button" class="md-button md-button--primary '
               f'std-print-button" data-print>打印 / 下载 PDF</button> '
               f'{links.a(src, poster_src(s.slug), "打印张贴版（二维码与流程图）")}</p>\n'
               '<p class="std-print-hint std-noprint">按标准文本格式打印（A4，含封面、页眉标准编号和页码）；'
               '在打印窗口中选择“另存为 PDF”即可下载 PDF 文件。</p>\n</div>\n')
    if s.summary:
        out.append(f'<p class="std-summary">{esc(s.summary)}</p>\n')
    out.append(_relations(ctx, s, src))
    if s.has_text:
        preface = "" if has_foreword(s) else foreword(s)
        if preface:
            out.append(ctx.keep(preface) + "\n")
        out.append("\n" + render_body(s.body, s.body_line, src, cat, links, s.blocks,
                                      lambda b: ctx.keep_block(render_block(ctx, b, src, s)), current=s,
                                      before_clauses=ctx.keep(print_title(s))) + "\n")
    else:
        source = esc(s.source) if s.source else "请向发布机构获取。"
        if s.source and s.source.startswith(("http://", "https://")):
            source = f'<a href="{html_attr(s.source)}" rel="noopener">{esc(s.source)}</a>'
        out.append(f'\n<div class="std-notice">本系统仅收录该标准的题录信息，未收录全文。全文获取：{source}</div>\n')
    out.append(_records(ctx, s))
    out.append(cited_by(ctx, s, src))
    out.append(feedback_section(ctx, s, src))
    if s.attachments:
        items = "".join(f'<li><a href="{html_attr(links.rel(src, a.target))}" download>{esc(a.title)}</a></li>'
                        for a in s.attachments)
        out.append(f'\n## 附件 {{#attachments}}\n\n<ul class="std-attachments">{items}</ul>\n')
    return "".join(out)


def _meta_rows(ctx: RenderContext, s: Standard, src: str, badges: str) -> list[tuple[str, str]]:
    """The metadata in the order national platforms show it: code, title, level, status, CCS, ICS,
    dates, 备案号, 提出/归口, issuer, drafters and authors; then this system's own fields. The
    next 复审 only for a 现行 standard."""
    cat = ctx.catalog
    placement = cat.project.framework.placement(s.framework)
    where = "—"
    if placement:
        category, area, item = placement
        names = " › ".join(n.name for n in (category, area, item) if n is not None)
        where = ctx.links.a(src, area_src(area.id), names)
    optional = [("中国标准分类号（CCS）", s.ccs and esc(s.ccs)), ("国际标准分类号（ICS）", s.ics and ics_text(s.ics))]
    rows = [("标准编号", esc(s.code)), ("标准名称", esc(s.title)), ("标准级别", esc(s.level)), ("状态", badges)]
    rows += [(k, v) for k, v in optional if v]
    rows += [("发布日期", date(s.issued)), ("实施日期", date(s.effective))]
    if s.abolished:
        rows.append(("废止日期", date(s.abolished)))
    rows += [(k, esc(v)) for k, v in (("备案号", s.filing), ("提出单位", s.proposer), ("归口单位", s.owner)) if v]
    rows += [("发布机构", esc("、".join(s.issuer)) or "—"), ("起草单位", esc("、".join(s.drafters)) or "—")]
    if s.authors:
        rows.append(("主要起草人", esc("、".join(s.authors))))
    rows += [("适用区域", esc(s.region)), ("体系位置", where)]
    if s.tags:
        rows.append(("关键词", " ".join(f'<span class="std-tag">{esc(t)}</span>' for t in s.tags)))
    if s.managed and s.effective and cat.status[s.code] == "现行":
        flag = ' <span class="std-warn">已到复审期</span>' if review_due(s, cat.as_of) else ""
        rows.append(("下次复审", f"{date(review_due_date(s, cat.as_of))}{flag}"))
    return rows


def status_banner(ctx: RenderContext, s: Standard, src: str, plain: bool = False) -> str:
    """What a reader must know before using a standard that is not 现行: 被代替 by whom (linked),
    废止 on which date, 即将实施 from which date, 制定中; "" for a 现行 standard. `plain`: the
    sentence alone, codes not linked (the printed cover)."""
    cat, links = ctx.catalog, ctx.links
    status = cat.status[s.code]
    if status == "现行":
        return ""

    def named(codes) -> str:
        shown = []
        for code in codes:
            other = cat.by_code.get(code)
            if plain or other is None:
                shown.append(esc(code))
            else:
                shown.append(links.a(src, standard_src(other.slug), f"{other.code} {other.title}"))
        return "、".join(shown)

    newer = cat.replaced_by.get(s.code, [])
    in_force = [c for c in newer if cat.status.get(c) == "现行"]
    if status == "被代替":
        text = f"本标准已被 {named(in_force or newer)} 代替，不再执行，仅供查阅。"
    elif status == "废止":
        text = f"本标准已于 {date(s.abolished)} 废止，不再执行，仅供查阅。"
        if in_force:
            text += f"现行标准：{named(in_force)}。"
    elif status == "即将实施":
        text = f"本标准{'已于 ' + date(s.issued) + ' 发布，' if s.issued else '已发布，'}将于 {date(s.effective)} 起实施，实施前不作为执行依据。"
        older = [c for c in s.replaces if cat.status.get(c) == "现行"]
        if older:
            text += f"在此之前仍执行 {named(older)}。"
    else:
        text = "本标准正在制定中，尚未发布，不能作为执行依据。"
        older = [c for c in s.replaces if cat.status.get(c) == "现行"]
        if older:
            text += f"现行标准：{named(older)}。"
    if plain:
        return f"【{status}】{text}"
    cls = STATUS_CLASS.get(status, "other")
    return (f'<div class="std-banner std-banner--{cls}" role="note" data-search-exclude>'
            f'<p class="std-banner__status">{esc(status)}</p><p class="std-banner__text">{text}</p></div>\n')


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
            links.a(src, course_src(c.id), c.title) for c in courses) + "</li>")
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


def ics_text(ics: str) -> str:
    """An ICS code with the Chinese name of its field where known:
    `01.120` -> `01.120（01 综合、术语学、标准化、文献）`."""
    name = ICS_FIELDS.get(ics_field(ics))
    return esc(ics) + (f'<span class="std-ics-name">（{esc(ics_field(ics))} {esc(name)}）</span>' if name else "")


def ics_field_label(field: str) -> str:
    """A filter option: `03 社会学、服务…`, or `03` for a field without a known name."""
    name = ICS_FIELDS.get(field)
    return f"{field} {name}" if name else field


def ics_field(ics: str | None) -> str:
    """The ICS field of a classification (`03.080.01` -> `03`), the level the list filters by."""
    return ics.split(".")[0] if ics else ""


def standards_list_page(ctx: RenderContext) -> str:
    """All standards in one table, filterable by status, level and region in the browser."""
    src = urls.STANDARDS
    cat = ctx.catalog
    rows, attrs = [], []
    for s in cat.standards:
        rows.append(standard_row(ctx, s, src) + [esc(s.region)])
        attrs.append(f'data-status="{esc(cat.status[s.code])}" data-level="{esc(s.level)}" data-region="{esc(s.region)}" '
                     f'data-ics="{esc(ics_field(s.ics))}" data-owner="{esc(s.owner or "")}"')

    def select(name: str, label: str, values: list[str], shown: dict[str, str] | None = None) -> str:
        options = "".join(f'<option value="{esc(v)}">{esc((shown or {}).get(v, v))}</option>' for v in values)
        return f'<label>{label} <select data-filter="{name}"><option value="">全部</option>{options}</select></label>'

    statuses = [k for k, v in cat.counts().items() if v]
    levels = [level for level in LEVELS if any(s.level == level for s in cat.standards)]
    regions = sorted({s.region for s in cat.standards})
    # ICS by its field (the first two digits, e.g. 03 服务), 归口单位 as written: only when some standard has one
    codes: dict[str, set[str]] = {}
    for s in cat.standards:
        if s.ics:
            codes.setdefault(ics_field(s.ics), set()).add(s.ics)
    ics = {field: f"{ics_field_label(field)}（{'、'.join(sorted(found))}）" for field, found in sorted(codes.items())}
    owners = sorted({s.owner for s in cat.standards if s.owner})
    extra = (select("ics", "国际标准分类（ICS）", list(ics), ics) if ics else "") + \
        (select("owner", "归口单位", owners) if owners else "")
    # assets/stdsite.js filters the rows and keeps the choice in the address (?status=现行&level=…)
    filters = (f'<form class="std-filters" data-filter-table="standards" data-filter-empty="standards-empty" '
               f'data-search-exclude>'
               f'{select("status", "状态", statuses)}{select("level", "级别", levels)}{select("region", "区域", regions)}'
               f'{extra}<output class="std-filter-count"></output>'
               f'<button type="reset" class="md-button std-filter-clear" hidden>清除筛选</button></form>')
    empty = ('<p class="std-filter-empty" id="standards-empty" hidden data-search-exclude>没有符合条件的标准。'
             '<button type="button" class="md-button std-filter-clear">清除筛选</button></p>')
    return (front_matter("标准列表", search=LISTING) + "# 标准列表\n\n"
            f'<p>共收录标准 {len(cat.standards)} 项（状态截至 {cat.as_of.isoformat()}）。可按状态、级别、区域（以及国际标准分类 ICS、归口单位）筛选。</p>\n\n'
            + filters + "\n\n"
            + table(["编号", "名称", "级别", "状态", "实施日期", "区域"], rows, "std-table std-list", attrs, "standards")
            + "\n\n" + empty + "\n")

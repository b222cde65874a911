"""Case write-ups (典型案例, cases/**/*.md): the list (searchable in the page) and one page per case,
linked both ways with the standards it cites and its pilot."""
from __future__ import annotations

from ..model import Case
from ..urls import CASES, case_src, pilot_src, standard_src
from .body import render_body
from .common import LISTING, badge, date, esc, front_matter, table
from .context import RenderContext
from .pilots import PRACTICE_BOOST


def index_page(ctx: RenderContext) -> str:
    """Every case, newest first, with a filter box that narrows the list as one types."""
    cases = sorted(ctx.catalog.project.cases, key=lambda c: (c.date, c.id), reverse=True)
    out = [front_matter("典型案例", search=LISTING), "# 典型案例\n\n"]
    if not cases:
        out.append('<p class="dash-none">暂无典型案例。案例放在 standards_src/cases/ 下，每个案例一个 .md 文件。</p>\n')
        return "".join(out)
    out.append(f"<p>机关事务标准化实施中的典型做法，共 {len(cases)} 个。也可以用页面顶部的搜索查找案例全文。</p>\n\n")
    rows, attrs = [], []
    for c in cases:
        codes = ctx.catalog.case_codes[c.id]
        standards = "、".join(ctx.links.a(CASES, standard_src(ctx.catalog.by_code[code].slug), code, cls="std-code")
                             for code in codes) or "—"
        rows.append([ctx.links.a(CASES, case_src(c.id), c.title), esc(c.unit), esc(c.region or "—"), date(c.date), standards])
        words = " ".join([c.title, c.unit, c.region or "", *c.tags, *codes])
        attrs.append(f'data-text="{esc(words)}"')
    box = ('<form class="std-filters std-case-filter" data-search-exclude>'
           '<label>筛选 <input type="search" data-case-filter placeholder="输入单位、标准编号或关键词"></label>'
           '<output class="std-filter-count"></output></form>')
    out.append(box + "\n\n" + ctx.keep(table(["案例", "单位", "区域", "日期", "相关标准"], rows, "std-table dash-table std-cases",
                                             attrs, "cases")) + "\n")
    return "".join(out)


def case_page(ctx: RenderContext, case: Case) -> str:
    cat = ctx.catalog
    src = case_src(case.id)
    rows = [("单位", esc(case.unit)), ("日期", date(case.date)), ("区域", esc(case.region or "—"))]
    pilot = cat.pilots_by_id.get(case.pilot) if case.pilot else None
    if pilot:
        rows.append(("相关试点", ctx.links.a(src, pilot_src(pilot.id), pilot.name)))
    codes = cat.case_codes[case.id]
    if codes:
        rows.append(("相关标准", "；".join(
            ctx.links.a(src, standard_src(cat.by_code[c].slug), f"{c} {cat.by_code[c].title}") + " " + badge(cat.status[c])
            for c in codes)))
    if case.tags:
        rows.append(("关键词", " ".join(f'<span class="std-tag">{esc(t)}</span>' for t in case.tags)))
    out = [front_matter(case.title, description=f"{case.unit}：{case.title}", search=PRACTICE_BOOST),
           f"# {esc(case.title)}\n\n",
           '<dl class="std-meta std-card" data-search-exclude>' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
           + "</dl>\n\n",
           render_body(case.body, case.body_line, src, cat, ctx.links, (), lambda block: "") + "\n"]
    return "".join(out)


# -- the feature module's interface (pages.py) -----------------------------------------------------
def pages(ctx: RenderContext) -> dict[str, str]:
    out = {CASES: index_page(ctx)}
    for case in ctx.catalog.project.cases:
        out[case_src(case.id)] = case_page(ctx, case)
    return out


def nav(ctx: RenderContext) -> list:
    return [CASES] + [{c.title: case_src(c.id)}
                      for c in sorted(ctx.catalog.project.cases, key=lambda c: (c.date, c.id), reverse=True)]

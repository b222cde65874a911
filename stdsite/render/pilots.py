"""Pilots and demonstration sites (试点示范, pilots.yaml): the list and one page per pilot with its
standards, the work records that name it and the cases written about it; and the small section a
standard's page shows about the pilots and cases that cite it."""
from __future__ import annotations

from ..model import PILOT_KINDS, Pilot, Standard
from ..urls import PILOTS, case_src, pilot_src, standard_src
from .common import LISTING, badge, date, esc, front_matter, table
from .context import RenderContext
from .plan.tasks import records_table

STATUS_CLASS = {"已验收": "std-badge--current", "建设中": "std-badge--upcoming"}
PRACTICE_BOOST = {"boost": 0.5}     # pilots and cases rank below the standards they apply for the same words


def pilot_badge(pilot: Pilot, ctx: RenderContext) -> str:
    status = pilot.status(ctx.catalog.as_of)
    return badge(status, STATUS_CLASS[status])


def index_page(ctx: RenderContext) -> str:
    """Every pilot, grouped by kind, with unit, region, status and the number of standards."""
    pilots = ctx.catalog.project.pilots
    out = [front_matter("试点示范", search=LISTING), "# 试点示范\n\n"]
    if not pilots:
        out.append('<p class="dash-none">暂无试点示范记录。试点项目、示范点和实训基地登记在 standards_src/pilots.yaml 中。</p>\n')
        return "".join(out)
    accepted = sum(1 for p in pilots if p.status(ctx.catalog.as_of) == "已验收")
    out.append(f"<p>共 {len(pilots)} 个试点示范项目，其中已验收 {accepted} 个、建设中 {len(pilots) - accepted} 个"
               f"（状态截至 {date(ctx.catalog.as_of)}）。</p>\n\n")
    for kind in PILOT_KINDS:
        members = sorted((p for p in pilots if p.kind == kind), key=lambda p: (p.start, p.id))
        if not members:
            continue
        rows = [[ctx.links.a(PILOTS, pilot_src(p.id), p.name), esc(p.unit), esc(p.region), pilot_badge(p, ctx),
                 date(p.start), date(p.accepted), str(len(p.standards))] for p in members]
        out.append(f"## {esc(kind)}\n\n"
                   + ctx.keep(table(["名称", "承担单位", "区域", "状态", "开始日期", "验收日期", "实施标准"], rows,
                                    "std-table dash-table std-pilots")) + "\n\n")
    return "".join(out)


def pilot_page(ctx: RenderContext, pilot: Pilot) -> str:
    cat = ctx.catalog
    src = pilot_src(pilot.id)
    rows = [("类型", esc(pilot.kind)), ("承担单位", esc(pilot.unit)), ("区域", esc(pilot.region)),
            ("状态", pilot_badge(pilot, ctx)), ("开始日期", date(pilot.start)), ("验收日期", date(pilot.accepted))]
    out = [front_matter(pilot.name, description=pilot.summary or pilot.name, search=PRACTICE_BOOST),
           f"# {esc(pilot.name)}\n\n",
           '<dl class="std-meta std-card">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>\n\n"]
    if pilot.summary:
        out.append(f'<p class="std-summary">{esc(pilot.summary)}</p>\n\n')
    out.append("## 实施的标准 {#standards}\n\n")
    standards = [cat.by_code[c] for c in pilot.standards if c in cat.by_code]
    if standards:
        rows = [[ctx.links.a(src, standard_src(s.slug), s.code, cls="std-code"), ctx.links.a(src, standard_src(s.slug), s.title),
                 esc(s.level), badge(cat.status[s.code])] for s in standards]
        out.append(ctx.keep(table(["编号", "名称", "级别", "状态"], rows, "std-table dash-table std-pilot-standards")) + "\n\n")
    else:
        out.append('<p class="dash-none">未登记实施的标准。</p>\n\n')
    records = sorted((r for r in cat.project.records if r.pilot == pilot.id), key=lambda r: (r.date, r.line))
    out.append("## 工作记录 {#records}\n\n")
    if records:
        names = {g.id: g.name for p in cat.project.targets.periods for g in p.goals}
        out.append(ctx.keep(records_table(ctx, records, src, names, "std-pilot-records")) + "\n\n")
    else:
        out.append('<p class="dash-none">暂无与该试点有关的工作记录。</p>\n\n')
    cases = sorted((c for c in cat.project.cases if c.pilot == pilot.id), key=lambda c: c.date, reverse=True)
    if cases:
        items = "".join(f"<li>{ctx.links.a(src, case_src(c.id), c.title)}（{date(c.date)}）</li>" for c in cases)
        out.append(f'## 典型案例 {{#cases}}\n\n<ul class="std-related-cases">{items}</ul>\n')
    return "".join(out)


def cited_by(ctx: RenderContext, s: Standard, src: str) -> str:
    """On a standard's page: the pilots that implement it and the cases that cite it (or nothing)."""
    cat = ctx.catalog
    pilots = cat.pilots_implementing(s.code)
    cases = cat.cases_citing(s.code)
    if not pilots and not cases:
        return ""
    parts = []
    if pilots:
        parts.append("<li>实施该标准的试点示范：" + "；".join(
            f"{ctx.links.a(src, pilot_src(p.id), p.name)}（{esc(p.status(cat.as_of))}）" for p in pilots) + "</li>")
    if cases:
        parts.append("<li>典型案例：" + "；".join(
            f"{ctx.links.a(src, case_src(c.id), c.title)}（{esc(c.unit)}，{date(c.date)}）" for c in cases) + "</li>")
    return f'\n## 试点示范与典型案例 {{#practice}}\n\n<ul class="std-practice" data-search-exclude>{"".join(parts)}</ul>\n'


# -- the feature module's interface (pages.py) -----------------------------------------------------
def pages(ctx: RenderContext) -> dict[str, str]:
    out = {PILOTS: index_page(ctx)}
    for pilot in ctx.catalog.project.pilots:
        out[pilot_src(pilot.id)] = pilot_page(ctx, pilot)
    return out


def nav(ctx: RenderContext) -> list:
    return [PILOTS] + [{p.name: pilot_src(p.id)} for p in sorted(ctx.catalog.project.pilots, key=lambda p: (p.start, p.id))]

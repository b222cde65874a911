"""The five computed indicators on the 看板, each with the lists behind its number, for one period
measured at its date (`data.catalog` is the catalog as of that date: statuses and links agree).

Every value written into HTML is escaped; every link is built with ctx.links (offline bundle).
"""
from __future__ import annotations

from ...derive import indicators as ind
from ...derive.catalog import Catalog
from ...derive.plan import region_totals
from ...model import Period, Standard
from ...text import years_after
from ...urls import DASHBOARD, SESSIONS, area_src, course_src, standard_src
from .. import charts
from ..common import badge, date, esc, table
from ..context import RenderContext
from .format import computed_target, computed_value, day, met_badge, percent

SRC = DASHBOARD
PLAN_HEAD = ["计划项", "类型", "体系位置", "计划完成日期", "标准编号", "状态", "对应标准"]
OVERDUE_HEAD = ["编号", "名称", "级别", "复审起算日", "应复审日期", "逾期"]


# -- shared cells -----------------------------------------------------------------------------------
def std_link(ctx: RenderContext, s: Standard, text: str | None = None) -> str:
    return ctx.links.a(SRC, standard_src(s.slug), text or s.code, cls="std-code")


def std_cells(ctx: RenderContext, s: Standard) -> list[str]:
    return [std_link(ctx, s), ctx.links.a(SRC, standard_src(s.slug), s.title), esc(s.level)]


def placement(ctx: RenderContext, slot_id: str) -> str:
    """A framework slot as `类别 › 领域 › 条目`, linked to its area page."""
    found = ctx.catalog.project.framework.placement(slot_id)
    if not found:
        return esc(slot_id)
    category, area, item = found
    names = " › ".join(n.name for n in (category, area, item) if n is not None)
    return f'<span class="dash-place">{ctx.links.a(SRC, area_src(area.id), names)}</span>'


def count(n: int | str) -> str:
    return f'<span class="dash-n">{n}</span>'


def empty(text: str) -> str:
    return f'<p class="dash-none">{esc(text)}</p>\n'


def table_or_none(head: list[str], rows: list[list[str]], cls: str) -> str:
    """A dashboard table, or 无。 when it has no rows."""
    return table(head, rows, f"std-table dash-table {cls}") + "\n" if rows else empty("无。")


def plan_rows(ctx: RenderContext, catalog: Catalog, statuses: list[ind.PlanStatus]) -> list[list[str]]:
    rows = []
    for p in statuses:
        item = p.item
        target = item.code if item.kind == "制定" else f"代替 {item.replaces}"
        if p.complete:
            state = '<span class="dash-met dash-met--yes">已完成</span>'
        elif p.due:
            state = '<span class="dash-met dash-met--no">到期未完成</span>'
        else:
            state = '<span class="dash-met dash-met--none">未到期</span>'
        by = std_link(ctx, p.by) + " " + badge(catalog.status[p.by.code]) if p.by else "—"
        rows.append([esc(item.title), esc(item.kind), placement(ctx, item.framework), day(item.due),
                     f'<span class="dash-code">{esc(target)}</span>' if target else "—", state, by])
    return rows


def missing_evaluations(ctx: RenderContext, standards: list[Standard], cls: str) -> str:
    rows = [std_cells(ctx, s) + [day(s.effective), day(years_after(s.effective, 1))] for s in standards]
    return table_or_none(["编号", "名称", "级别", "实施日期", "实施满 1 年"], rows, cls)


def overdue_rows(ctx: RenderContext, catalog: Catalog, due: list[ind.ReviewDue]) -> list[list[str]]:
    rows = []
    for r in due:
        late = (catalog.as_of - r.due).days
        cells = std_cells(ctx, r.standard)
        if r.standard.stage == "修订中":
            cells[1] += " " + badge("修订中", "std-badge--revising")
        rows.append(cells + [day(r.base), day(r.due),
                             f'<span class="std-warn">{"当日到期" if late == 0 else f"已逾期 {late} 天"}</span>'])
    return rows


# -- one indicator ----------------------------------------------------------------------------------
def indicator_head(indicator: ind.Indicator) -> str:
    """Value, target and verdict of one indicator, with its gauge."""
    scale = 1.0 if indicator.is_ratio else float(max(indicator.target or 0, indicator.value or 0)) or 1.0
    gauge = charts.gauge(indicator.label, indicator.value, scale, indicator.target, computed_value(indicator),
                         indicator.met)
    none = "无数据" if indicator.value is None else "未设目标"
    return (f'<div class="dash-card" data-indicator="{indicator.name}">'
            f'<p class="dash-figures"><span>完成值 <strong class="dash-value">{esc(computed_value(indicator))}</strong></span>'
            f' <span>目标值 <span class="dash-target">{esc(computed_target(indicator))}</span></span>'
            f' {met_badge(indicator.met, none)}</p>{gauge}</div>\n')


def _heading(indicator: ind.Indicator, prefix: str) -> str:
    return f'<h4 id="{esc(prefix + indicator.name)}">{esc(indicator.label)}</h4>\n'


def _opening(indicator: ind.Indicator, prefix: str, summary: str, gaps: str) -> list[str]:
    """An indicator's heading, figures and gauge, what it counts, and the title of its gap list."""
    return [_heading(indicator, prefix), indicator_head(indicator), f"<p>{summary}</p>\n",
            f"<p><strong>{gaps}（{len(indicator.gaps)} 项）</strong></p>\n"]


def coverage_section(ctx: RenderContext, data: ind.Indicators, prefix: str) -> str:
    indicator = data["coverage_core_areas"]
    out = [_heading(indicator, prefix), indicator_head(indicator),
           f"<p>主干业务领域共 {count(indicator.denominator)} 个条目（未细分条目的领域按 1 个计），"
           f"其中 {count(indicator.numerator)} 个已有现行标准。</p>\n"]
    if indicator.denominator:
        areas: dict[str, list[ind.Slot]] = {}
        for slot in indicator.population:
            areas.setdefault(slot.area.id, []).append(slot)
        bars, rows = [], []
        for slots in areas.values():
            done = sum(1 for s in slots if s.current)
            share = percent(ind.ratio(done, len(slots)))
            bars.append(charts.Bar(f"{slots[0].area.name}（{done}/{len(slots)} 个条目）", done, len(slots), share,
                                   done == len(slots)))
            rows.append([ctx.links.a(SRC, area_src(slots[0].area.id), slots[0].area.name), str(len(slots)), str(done),
                         share])
        out.append(charts.bars("各主干业务领域的条目覆盖情况", bars, "dash-chart--areas") + "\n")
        out.append("<p><strong>按主干业务领域</strong></p>\n"
                   + table(["主干业务领域", "条目数", "已覆盖条目", "覆盖率"], rows, "std-table dash-table dash-by-area") + "\n")
        regions = by_region_of(indicator)
        if regions:
            out.append("<p><strong>主干业务领域现行标准的适用区域</strong></p>\n"
                       + table(["适用区域", "现行标准数"], regions, "std-table dash-table dash-by-region") + "\n")
    out.append(f"<p><strong>无现行标准的主干业务领域条目（{len(indicator.gaps)} 个）</strong></p>\n")
    if indicator.gaps:
        items = "".join(f"<li>{placement(ctx, slot.id)}</li>" for slot in indicator.gaps)
        out.append(f'<ul class="dash-list dash-gaps">{items}</ul>\n')
    else:
        out.append(empty("无：全部主干业务领域条目均已有现行标准。"))
    return "".join(out)


def by_region_of(indicator: ind.Indicator) -> list[list[str]]:
    """The 现行 standards of the covered core slots by their region (一区两群, 川渝, 全市)."""
    standards = {s.code: s for slot in indicator.counted for s in slot.current}
    return [[esc(region), str(n)] for region, n in region_totals((s.region, 1) for s in standards.values())]


def _earlier(data: ind.Indicators) -> str:
    """Plan items are not tied to a period: say so when items due before the period count in it."""
    period = data.period
    if period is None:
        return ""
    before = [p for p in data["plan_completion"].population if p.item.due < period.start]
    if not before:
        return ""
    done = sum(1 for p in before if p.complete)
    return (f"计划项不分规划期：计划完成日期在本规划期开始（{date(period.start)}）之前的 {count(len(before))} 项也计入"
            f"（其中已完成 {count(done)} 项），上一规划期到期未完成的计划项会继续影响本期的完成率。")


def plan_section(ctx: RenderContext, data: ind.Indicators, prefix: str) -> str:
    indicator = data["plan_completion"]
    out = _opening(indicator, prefix,
                   f"计划完成日期在测算日期之前（含当日）的计划项 {count(indicator.denominator)} 项，"
                   f"已完成 {count(indicator.numerator)} 项。制定项以同编号（无编号时以同名称）标准已发布为完成，"
                   f"修订项以代替原标准的新标准已发布为完成。{_earlier(data)}", "到期未完成的计划项")
    out.append(table_or_none(PLAN_HEAD, plan_rows(ctx, data.catalog, list(indicator.gaps)), "dash-plan-late"))
    every = ind.plan_all(data.catalog)
    if every:
        out.append(f'<details class="dash-more"><summary>全部计划项（{len(every)} 项）</summary>\n'
                   + table(PLAN_HEAD, plan_rows(ctx, data.catalog, every), "std-table dash-table dash-plan-all")
                   + "\n</details>\n")
    return "".join(out)


def _standards_section(data: ind.Indicators, prefix: str, name: str, summary: str, gaps: str, listing: str) -> str:
    """A ratio over managed standards: figures, what it counts and the standards missing from it."""
    return "".join(_opening(data[name], prefix, summary, gaps)) + listing


def evaluation_section(ctx: RenderContext, data: ind.Indicators, prefix: str) -> str:
    i = data["evaluated_after_1y"]
    return _standards_section(data, prefix, i.name,
                              f"实施满 1 年的现行地方标准、团体标准、企业标准和组织内部标准 {count(i.denominator)} 项，"
                              f"已开展实施效果评价 {count(i.numerator)} 项。", "尚未开展实施效果评价的标准",
                              missing_evaluations(ctx, list(i.gaps), "dash-eval-missing"))


def review_section(ctx: RenderContext, data: ind.Indicators, prefix: str) -> str:
    i = data["reviewed_after_5y"]
    return _standards_section(data, prefix, i.name,
                              f"实施满 5 年的现行地方标准、团体标准、企业标准和组织内部标准 {count(i.denominator)} 项，"
                              f"其中 {count(i.numerator)} 项复审未到期（最近一次复审距测算日期不满 5 年），"
                              f"{count(len(i.gaps))} 项已满 5 年未复审。复审率 = 复审未到期的项数 ÷ 实施满 5 年的项数。",
                              "已到复审期未复审的标准",
                              table_or_none(OVERDUE_HEAD, overdue_rows(ctx, data.catalog, list(i.gaps)), "dash-review-gaps"))


def training_section(ctx: RenderContext, data: ind.Indicators, prefix: str) -> str:
    indicator = data["training_attendance"]
    period: Period | None = data.period
    out = [_heading(indicator, prefix), indicator_head(indicator)]
    if period is None:
        return "".join(out) + empty("统计日期早于所有规划期，不统计培训人次。")
    sessions = ctx.links.a(SRC, SESSIONS, "参训记录")
    as_of = ctx.catalog.as_of                     # the 参训记录 page counts every session up to the as-of date
    every = [s for s in data.catalog.project.sessions if s.date <= as_of]
    exams = ind.exams_held(data.catalog, period)
    exam_note = (f"同期另有考试 {len(exams)} 场、{sum(s.attendees for s in exams):,} 人次，参加考试的是已参训的学员，"
                 f"不重复计入。" if exams else "")
    out.append(f"<p>只统计本规划期（{date(period.start)} 至 {date(period.end)}）内、截至 {date(data.as_of)} 举办的培训："
               f"共 {count(len(indicator.counted))} 场，{count(f'{indicator.value or 0:,}')} 人次。{exam_note}"
               f"{sessions}页面列出历年全部培训和考试（截至 {date(as_of)} 共 {len(every)} 场、"
               f"{sum(s.attendees for s in every):,} 人次），包括本规划期以外的，所以两处合计可能不同。</p>\n")
    last = min(period.end, data.as_of)
    if period.start <= last:
        per_year = {year: 0 for year in range(period.start.year, last.year + 1)}
        for s in indicator.counted:
            per_year[s.date.year] += s.attendees
        out.append(charts.columns("各年度培训人次", [(f"{y}年", v, f"{v:,}") for y, v in per_year.items()]) + "\n")
        out.append(table(["年度", "培训人次"], [[f"{y}年", f"{v:,}"] for y, v in per_year.items()],
                         "std-table dash-table dash-by-year") + "\n")
    if indicator.counted:
        courses = data.catalog.courses_by_id
        rows = []
        for s in indicator.counted:
            course = courses.get(s.course)
            name = ctx.links.a(SRC, course_src(course.id), course.title) if course else esc(s.course)
            rows.append([day(s.date), name, esc(s.place or "—"), f"{s.attendees:,}"])
        out.append('<details class="dash-more"><summary>计入的培训记录</summary>\n'
                   + table(["日期", "课程", "地点", "参训人次"], rows, "std-table dash-table dash-sessions") + "\n</details>\n")
    else:
        out.append(empty("本规划期内尚无培训记录。"))
    return "".join(out)


SECTIONS = {"coverage_core_areas": coverage_section, "plan_completion": plan_section,
            "evaluated_after_1y": evaluation_section, "reviewed_after_5y": review_section,
            "training_attendance": training_section}


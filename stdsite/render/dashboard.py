"""The dashboard (看板): the plan's five indicators with the lists behind them, the coverage matrix,
the due lists and static SVG charts (indicators.json is written by stdsite/output/exports.py).

Numbers come from derive/indicators.py only, computed once (ctx.indicators) for the page and
for the export, so both always agree. Every value written into HTML is escaped; every link is built with
ctx.links so that the page works in the offline bundle too.
"""
from __future__ import annotations

import json
from decimal import Decimal

from ..derive import indicators as ind
from ..model import Standard
from ..text import years_after
from ..urls import DASHBOARD, area_src, course_src, standard_src
from . import charts, feedback
from .common import LISTING, badge, date, esc, front_matter, table
from .context import RenderContext

SRC = DASHBOARD


# -- formatting ---------------------------------------------------------------------------------
def format_value(indicator: ind.Indicator, value: float | None = None) -> str:
    """A ratio as a percentage with up to 2 decimals (0.6667 -> 66.67%), a count with thousands
    separators and 人次; None (denominator 0) as 无数据."""
    value = indicator.value if value is None else value
    if value is None:
        return "无数据"
    if indicator.is_ratio:
        percent = (Decimal(repr(float(value))) * 100).quantize(Decimal("0.01"))
        text = f"{percent:f}".rstrip("0").rstrip(".")
        return f"{text}%"
    return f"{int(value):,} 人次"


def format_target(indicator: ind.Indicator) -> str:
    return "—" if indicator.target is None else format_value(indicator, indicator.target)


def met_badge(met: bool | None) -> str:
    if met is None:
        return '<span class="dash-met dash-met--none">无数据</span>'
    if met:
        return '<span class="dash-met dash-met--yes">✓ 达标</span>'
    return '<span class="dash-met dash-met--no">✗ 未达标</span>'


def _std_link(ctx: RenderContext, s: Standard, text: str | None = None) -> str:
    return ctx.links.a(SRC, standard_src(s.slug), text or s.code, cls="std-code")


def _std_cells(ctx: RenderContext, s: Standard) -> list[str]:
    return [_std_link(ctx, s), ctx.links.a(SRC, standard_src(s.slug), s.title), esc(s.level)]


def _slot_path(ctx: RenderContext, slot: ind.Slot) -> str:
    names = " › ".join(n for n in (slot.category.name, slot.area.name, slot.item.name if slot.item else None) if n)
    return ctx.links.a(SRC, area_src(slot.area.id), names)


def _placement(ctx: RenderContext, slot_id: str) -> str:
    placement = ctx.catalog.project.framework.placement(slot_id)
    if not placement:
        return esc(slot_id)
    category, area, item = placement
    names = " › ".join(n.name for n in (category, area, item) if n is not None)
    return ctx.links.a(SRC, area_src(area.id), names)


def _d(day) -> str:
    """A date cell that does not wrap at its hyphens."""
    return f'<span class="dash-date">{date(day)}</span>'


def _empty(text: str) -> str:
    return f'<p class="dash-none">{esc(text)}</p>\n'


def _opening(indicator: ind.Indicator, summary: str, gaps: str) -> list[str]:
    """An indicator's heading, figures and gauge, what it counts, and the title of its gap list."""
    return [f"### {indicator.label} {{#{indicator.name}}}\n\n", indicator_head(indicator), f"<p>{summary}</p>\n\n",
            f"<p><strong>{gaps}（{len(indicator.gaps)} 项）</strong></p>\n\n"]


def _table_or_none(head: list[str], rows: list[list[str]], cls: str) -> str:
    """A dashboard table, or 无。 when it has no rows."""
    return table(head, rows, f"std-table dash-table {cls}") + "\n\n" if rows else _empty("无。")


def _count(n: int) -> str:
    return f'<span class="dash-n">{n}</span>'


# -- page sections --------------------------------------------------------------------------------
def summary_table(data: ind.Indicators) -> str:
    rows, attrs = [], []
    for indicator in data:
        frac = (f"{indicator.numerator} / {indicator.denominator}" if indicator.is_ratio
                else f"{len(indicator.counted)} 场培训")
        rows.append([f'<a href="#{indicator.name}">{esc(indicator.label)}</a>',
                     f'<strong class="dash-value">{esc(format_value(indicator))}</strong>',
                     f'<span class="dash-target">{esc(format_target(indicator))}</span>',
                     met_badge(indicator.met), esc(frac)])
        attrs.append(f'class="dash-row" data-indicator="{indicator.name}" '
                     f'data-value="{esc(json.dumps(indicator.value))}" data-target="{esc(json.dumps(indicator.target))}"')
    return table(["指标", "当前值", "目标值", "达标情况", "计算"], rows, "std-table dash-table dash-summary", attrs)


def overview_chart(data: ind.Indicators) -> str:
    rows = [charts.Bar(i.label, i.value or 0.0, 1.0, format_value(i), i.met, i.target) for i in data if i.is_ratio]
    return charts.bars("比例类指标与目标（竖线为目标值）", rows)


def indicator_head(indicator: ind.Indicator) -> str:
    """Value, target and verdict of one indicator, with its gauge."""
    if indicator.is_ratio:
        scale = 1.0
    else:
        scale = float(max(indicator.target or 0, indicator.value or 0)) or 1.0
    gauge = charts.gauge(indicator.label, indicator.value, scale, indicator.target, format_value(indicator),
                         indicator.met)
    return (f'<div class="dash-card" data-indicator="{indicator.name}">'
            f'<p class="dash-figures"><span>当前值 <strong class="dash-value">{esc(format_value(indicator))}</strong></span>'
            f' <span>目标值 <span class="dash-target">{esc(format_target(indicator))}</span></span>'
            f' {met_badge(indicator.met)}</p>{gauge}</div>\n\n')


def coverage_section(ctx: RenderContext, data: ind.Indicators) -> str:
    indicator = data["coverage_core_areas"]
    out = [f"### {indicator.label} {{#{indicator.name}}}\n\n", indicator_head(indicator)]
    out.append(f"<p>主干业务领域共 {_count(indicator.denominator)} 个标准项（未细分标准项的领域按 1 项计），"
               f"其中 {_count(indicator.numerator)} 项已有现行标准。</p>\n\n")
    if indicator.denominator:
        areas: dict[str, list[ind.Slot]] = {}
        for slot in indicator.population:
            areas.setdefault(slot.area.id, []).append(slot)
        rows = []
        for slots in areas.values():
            done = sum(1 for s in slots if s.current)
            rows.append(charts.Bar(f"{slots[0].area.name}（{done}/{len(slots)} 项）", done, len(slots),
                                   f"{round(100 * done / len(slots))}%", done == len(slots)))
        out.append(charts.bars("各主干业务领域的标准项覆盖情况", rows, "dash-chart--areas") + "\n\n")
    out.append(f"<p><strong>尚无现行标准的主干业务领域标准项（{len(indicator.gaps)} 项）</strong></p>\n\n")
    if indicator.gaps:
        items = "".join(f"<li>{_slot_path(ctx, slot)}</li>" for slot in indicator.gaps)
        out.append(f'<ul class="dash-list dash-gaps">{items}</ul>\n\n')
    else:
        out.append(_empty("无：全部主干业务领域标准项均已有现行标准。"))
    return "".join(out)


def _plan_rows(ctx: RenderContext, statuses: list[ind.PlanStatus]) -> list[list[str]]:
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
        by = _std_link(ctx, p.by) + " " + badge(ctx.catalog.status[p.by.code]) if p.by else "—"
        rows.append([esc(item.title), esc(item.kind), _placement(ctx, item.framework), _d(item.due),
                     f'<span class="dash-code">{esc(target)}</span>' if target else "—", state, by])
    return rows


PLAN_HEAD = ["计划项", "类型", "体系位置", "计划完成日期", "标准编号", "状态", "对应标准"]


def plan_section(ctx: RenderContext, data: ind.Indicators) -> str:
    indicator = data["plan_completion"]
    out = _opening(indicator, f"计划完成日期在统计日期之前（含当日）的计划项 {_count(indicator.denominator)} 项，"
                              f"已完成 {_count(indicator.numerator)} 项。制定项以同编号（无编号时以同名称）标准已发布为完成，"
                              f"修订项以代替原标准的新标准已发布为完成。", "到期未完成的计划项")
    out.append(_table_or_none(PLAN_HEAD, _plan_rows(ctx, list(indicator.gaps)), "dash-plan-late"))
    every = ind.plan_all(ctx.catalog)
    if every:
        out.append(f'<details class="dash-more"><summary>全部计划项（{len(every)} 项）</summary>\n\n'
                   + table(PLAN_HEAD, _plan_rows(ctx, every), "std-table dash-table dash-plan-all") + "\n\n</details>\n\n")
    return "".join(out)


def evaluation_section(ctx: RenderContext, data: ind.Indicators) -> str:
    indicator = data["evaluated_after_1y"]
    out = _opening(indicator, f"实施满 1 年的现行标准（本系统管理的标准）{_count(indicator.denominator)} 项，"
                              f"已开展实施效果评价 {_count(indicator.numerator)} 项。", "尚未开展实施效果评价的标准")
    out.append(_missing_evaluations(ctx, list(indicator.gaps), "dash-eval-missing"))
    return "".join(out)


def _missing_evaluations(ctx: RenderContext, standards: list[Standard], cls: str) -> str:
    rows = [_std_cells(ctx, s) + [_d(s.effective), _d(years_after(s.effective, 1))] for s in standards]
    return _table_or_none(["编号", "名称", "级别", "实施日期", "实施满 1 年"], rows, cls)


def _overdue_rows(ctx: RenderContext, due: list[ind.ReviewDue]) -> list[list[str]]:
    as_of = ctx.catalog.as_of
    rows = []
    for r in due:
        late = (as_of - r.due).days
        cells = _std_cells(ctx, r.standard)
        if r.standard.stage == "修订中":
            cells[1] += " " + badge("修订中", "std-badge--revising")
        rows.append(cells + [_d(r.base), _d(r.due),
                             f'<span class="std-warn">{"当日到期" if late == 0 else f"已逾期 {late} 天"}</span>'])
    return rows


OVERDUE_HEAD = ["编号", "名称", "级别", "复审起算日", "应复审日期", "逾期"]


def review_section(ctx: RenderContext, data: ind.Indicators) -> str:
    indicator = data["reviewed_after_5y"]
    out = _opening(indicator, f"实施满 5 年的现行标准（本系统管理的标准）{_count(indicator.denominator)} 项，"
                              f"其中 {_count(indicator.numerator)} 项在近 5 年内实施或复审过、尚未到复审期。",
                   "已到复审期未复审的标准")
    out.append(_table_or_none(OVERDUE_HEAD, _overdue_rows(ctx, list(indicator.gaps)), "dash-review-gaps"))
    return "".join(out)


def training_section(ctx: RenderContext, data: ind.Indicators) -> str:
    indicator = data["training_attendance"]
    period, as_of = data.period, data.as_of
    out = [f"### {indicator.label} {{#{indicator.name}}}\n\n", indicator_head(indicator)]
    out.append(f"<p>统计规划期 {esc(period.name)}（{date(period.start)} 至 {date(period.end)}）内、"
               f"统计日期之前（含当日）举办的培训，共 {_count(len(indicator.counted))} 场。</p>\n\n")
    last = min(period.end, as_of)
    if period.start <= last:
        per_year = {year: 0 for year in range(period.start.year, last.year + 1)}
        for s in indicator.counted:
            per_year[s.date.year] += s.attendees
        rows = [(f"{year}年", value, f"{value:,}") for year, value in per_year.items()]
        out.append(charts.columns("各年度培训人次", rows) + "\n\n")
    if indicator.counted:
        courses = ctx.catalog.courses_by_id
        rows = []
        for s in indicator.counted:
            course = courses.get(s.course)
            name = ctx.links.a(SRC, course_src(course.id), course.title) if course else esc(s.course)
            rows.append([_d(s.date), name, esc(s.place or "—"), f"{s.attendees:,}"])
        out.append('<details class="dash-more"><summary>计入的培训记录</summary>\n\n'
                   + table(["日期", "课程", "地点", "参训人次"], rows, "std-table dash-table dash-sessions") + "\n\n</details>\n\n")
    else:
        out.append(_empty("规划期内尚无培训记录。"))
    return "".join(out)


def matrix(ctx: RenderContext) -> str:
    """Categories × areas × items with the number of 现行 standards per item; empty items highlighted."""
    slots = ind.slots(ctx.catalog)
    per_category: dict[str, int] = {}
    per_area: dict[str, int] = {}
    for slot in slots:
        per_category[slot.category.id] = per_category.get(slot.category.id, 0) + 1
        per_area[slot.area.id] = per_area.get(slot.area.id, 0) + 1
    rows, seen = [], set()
    for slot in slots:
        cells = []
        if slot.category.id not in seen:
            seen.add(slot.category.id)
            cells.append(f'<th scope="rowgroup" rowspan="{per_category[slot.category.id]}">{esc(slot.category.name)}</th>')
        if slot.area.id not in seen:
            seen.add(slot.area.id)
            core = ' <span class="std-core">主干</span>' if slot.area.core else ""
            cells.append(f'<th scope="rowgroup" rowspan="{per_area[slot.area.id]}">'
                         f'{ctx.links.a(SRC, area_src(slot.area.id), slot.area.name)}{core}</th>')
        item = esc(slot.item.name) if slot.item else '<span class="dash-muted">（不分标准项）</span>'
        n = len(slot.current)
        codes = "、".join(_std_link(ctx, s) for s in slot.current)
        if n:
            cells += [f"<td>{item}</td>", f'<td class="dash-num">{n}</td>', f"<td>{codes}</td>"]
            rows.append(f'<tr data-slot="{esc(slot.id)}">' + "".join(cells) + "</tr>")
        else:
            cells += [f"<td>{item}</td>", '<td class="dash-num">0</td>', '<td><span class="std-empty">空缺</span></td>']
            rows.append(f'<tr class="dash-empty" data-slot="{esc(slot.id)}">' + "".join(cells) + "</tr>")
    empty = sum(1 for s in slots if not s.current)
    head = "".join(f'<th scope="col">{h}</th>' for h in ("类别", "领域", "标准项", "现行标准数", "现行标准"))
    return (f"<p>体系共 {_count(len(slots))} 个标准项，其中 {_count(empty)} 项尚无现行标准"
            f"（标红）。「主干」为主干业务领域。</p>\n\n"
            f'<div class="std-scroll"><table class="std-table dash-table dash-matrix"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>\n\n')


def due_lists(ctx: RenderContext) -> str:
    cat = ctx.catalog
    out = []
    overdue = ind.reviews_overdue(cat)
    out.append(f"### 复审已到期 {{#due-review-overdue}}\n\n<p>实施或上次复审已满 5 年、尚未复审的现行标准"
               f"（{len(overdue)} 项）。</p>\n\n")
    out.append(_table_or_none(OVERDUE_HEAD, _overdue_rows(ctx, overdue), "dash-due-overdue"))
    soon = ind.reviews_upcoming(cat)
    out.append(f"### 6 个月内到期的复审 {{#due-review-soon}}\n\n<p>复审建议应在 5 年期满前 6 个月提出；"
               f"以下标准已进入提出复审建议的时段（{len(soon)} 项）。</p>\n\n")
    rows = [_std_cells(ctx, r.standard) + [_d(r.base), _d(r.proposal), _d(r.due), f"{(r.due - cat.as_of).days} 天"]
            for r in soon]
    out.append(_table_or_none(["编号", "名称", "级别", "复审起算日", "应提出复审建议", "应复审日期", "剩余"], rows,
                              "dash-due-soon"))
    missing = ind.evaluations_missing(cat)
    out.append(f"### 缺少实施效果评价 {{#due-evaluation}}\n\n<p>实施满 1 年、尚无实施效果评价记录的现行标准"
               f"（{len(missing)} 项）。</p>\n\n")
    out.append(_missing_evaluations(ctx, missing, "dash-due-evaluation"))
    late = ind.plan_late(cat)
    out.append(f"### 到期未完成的计划项 {{#due-plan}}\n\n<p>已到计划完成日期、尚未完成的制修订计划项"
               f"（{len(late)} 项）。</p>\n\n")
    out.append(_table_or_none(PLAN_HEAD, _plan_rows(ctx, late), "dash-due-plan"))
    return "".join(out)


NOTES = """\
<ul class="dash-notes">
<li>「本系统管理的标准」指 <code>managed</code> 为 true 的标准：默认包括地方标准、团体标准、企业标准和组织内部标准；国家标准、行业标准由其发布机构复审，不计入评价和复审比例（可用 <code>managed</code> 字段逐项调整）。</li>
<li>实施满 n 年：实施日期不晚于统计日期前推 n 年的同月同日（2 月 29 日按 2 月 28 日计）。</li>
<li>复审到期：统计日期距实施日期与最近一次复审日期中较晚者满 5 年；复审建议应在期满前 6 个月提出。</li>
<li>实施效果评价和复审记录统计截至统计日期的全部记录；只有培训人次限于规划期内。</li>
<li>比例保留 4 位小数（页面以百分数显示）；分母为 0 时显示「无数据」。数据文件：<code>data/indicators.json</code>。</li>
</ul>
"""


def dashboard_page(ctx: RenderContext) -> str:
    data = ctx.indicators
    period = data.period
    out = [front_matter("标准化看板", search=LISTING, description="机关事务标准化规划指标、体系覆盖、到期复审与评价提醒")]
    out.append("# 标准化看板\n\n")
    out.append(f'<p class="dash-lead">统计日期 <strong>{date(data.as_of)}</strong> · 规划期 '
               f'<strong>{esc(period.name)}</strong>（{date(period.start)} 至 {date(period.end)}）</p>\n\n')
    out.append("## 规划指标 {#indicators}\n\n")
    out.append(summary_table(data) + "\n\n")
    out.append(overview_chart(data) + "\n\n")
    out.append(coverage_section(ctx, data))
    out.append(plan_section(ctx, data))
    out.append(evaluation_section(ctx, data))
    out.append(review_section(ctx, data))
    out.append(training_section(ctx, data))
    out.append("## 体系覆盖矩阵 {#matrix}\n\n")
    out.append(matrix(ctx))
    out.append("## 到期提醒 {#due}\n\n")
    out.append(due_lists(ctx))
    out.append(feedback.dashboard_section(ctx))
    out.append("## 口径说明 {#notes}\n\n" + NOTES)
    return "".join(out)


# -- the feature module's interface (pages.py, plugin.py) ---------------------------------------
def pages(ctx: RenderContext) -> dict[str, str]:
    return {SRC: dashboard_page(ctx)}


def nav(ctx: RenderContext) -> list:
    return [SRC]

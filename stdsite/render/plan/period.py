"""The 看板's plan periods: a switch (links; assets/dashboard.js shows one period at a time and
opens on the current one) and one section per period — its state and assessment, one table per
indicator group, then every indicator with the lists or records behind its number.

Without JavaScript every period is shown, one after the other, and the switch links jump to them.
"""
from __future__ import annotations

import json

from ...derive import periods as P
from ...derive.plan import Measure, PeriodView, PlanView
from ...urls import DASHBOARD, report_src
from .. import charts
from ..common import esc, table
from ..context import RenderContext
from .computed import SECTIONS
from .format import (computed_value, percent, period_status, period_title, target_text, value_text,
                     verdict_badge)
from .tasks import task_section

SRC = DASHBOARD


def anchor(view: PeriodView) -> str:
    return f"period-{view.key}"


def prefix(view: PeriodView) -> str:
    """Ids inside a period's section start with it (the same indicator appears in every period)."""
    return f"p{view.key}-"


def switch(plan: PlanView, current: PeriodView) -> str:
    """The period tabs: every period with its state; the current one marked."""
    links = []
    for view in plan.periods:
        mark = ' aria-current="true"' if view is current else ""
        links.append(f'<a class="dash-switch__tab" href="#{anchor(view)}" data-period="{esc(view.key)}"{mark}>'
                     f'{esc(view.period.name)}<small>{esc(view.state)}</small></a>')
    return f'<nav class="dash-switch" aria-label="选择规划期">{"".join(links)}</nav>\n'


def explain(m: Measure) -> str:
    """The 说明 cell of a summary row: what the number is made of."""
    if m.computed is not None:
        c = m.computed
        if c.is_ratio:
            return f"{c.numerator} / {c.denominator}"
        return f"{len(c.counted)} 场培训（不含考试）"
    if m.value is None and not m.records:
        return "—"
    if m.goal.kind == "yearly" and m.value:
        return "工作记录：" + "；".join(f"{y.year}年 {y.count} 次" for y in m.value)
    return f"{len(m.records)} 条记录"


def summary_tables(ctx: RenderContext, view: PeriodView) -> str:
    """One table per indicator group: value, target, verdict and what it is made of."""
    out = []
    pre = prefix(view)
    for group, measures in view.groups():
        rows, attrs = [], []
        for m in measures:
            value = computed_value(m.computed) if m.computed is not None else value_text(m)
            rows.append([f'<a href="#{esc(pre + m.id)}">{esc(m.goal.name)}</a>',
                         f'<strong class="dash-value">{esc(value)}</strong>',
                         f'<span class="dash-target">{esc(target_text(m.goal))}</span>',
                         verdict_badge(m), esc(explain(m))])
            data = m.json()
            attrs.append(f'class="dash-row" data-indicator="{esc(m.id)}" data-value="{esc(json.dumps(data["value"]))}" '
                         f'data-target="{esc(json.dumps(data["target"]))}"')
        out.append(f'<h3 class="dash-group">{esc(group)}</h3>\n'
                   + table(["指标", "完成值", "目标值", "达标情况", "说明"], rows, "std-table dash-table dash-summary", attrs)
                   + "\n")
    return "".join(out)


def overview_chart(view: PeriodView) -> str:
    """The ratio indicators of a measured period against their targets."""
    rows = [charts.Bar(m.goal.name, m.computed.value or 0.0, 1.0, computed_value(m.computed), m.met, m.goal.target)
            for m in view.measures if m.computed is not None and m.computed.is_ratio]
    return charts.bars("比例类指标与目标（竖线为目标值）", rows) + "\n" if rows else ""


def section(ctx: RenderContext, view: PeriodView, is_current: bool) -> str:
    """One period: heading, state, tally, summary tables and every indicator's details."""
    current = ' data-current="true"' if is_current else ""
    out = [f'<section class="dash-period" id="{anchor(view)}" data-period="{esc(view.key)}"{current}>\n',
           f'<h2 class="dash-period__title">{esc(period_title(view))}</h2>\n',
           f'<p class="dash-period__status">{esc(period_status(view))}</p>\n']
    if view.period.note:
        out.append(f'<p class="dash-period__note">{esc(view.period.note)}</p>\n')
    if not view.period.goals:
        return "".join(out) + '<p class="dash-none">本规划期没有设置指标。</p>\n</section>\n'
    tally = view.tally()
    out.append(f'<p class="dash-tally">共 {len(view.measures)} 项指标：达标 <strong>{tally["达标"]}</strong> 项 · '
               f'未达标 <strong>{tally["未达标"]}</strong> 项 · 未判断 <strong>{tally["未判断"]}</strong> 项</p>\n')
    if view.state == P.RUNNING:
        out.append(f'<p class="dash-note">规划期尚未结束：数值按 {esc(view.measured_at.isoformat())} 测算，'
                   f'「达标」「未达标」表示目前所处的状态，不是最终结果。规划期已过 {percent(round(view.elapsed, 4))}。</p>\n')
    if view.measured_at is not None:
        report = ctx.links.a(SRC, report_src(view.key), f"打印版评估报告（{view.assessment}）")
        out.append(f'<p class="dash-report-link std-noprint">{report}</p>\n')
    out.append(summary_tables(ctx, view))
    if view.measured_at is None:
        return "".join(out) + "</section>\n"
    out.append(overview_chart(view))
    out.append('<h3 class="dash-details">各项指标详情</h3>\n')
    for m in view.measures:
        if m.computed is not None:
            out.append(SECTIONS[m.id](ctx, view.indicators, prefix(view)))
        else:
            out.append(task_section(ctx, view, m, prefix(view), SRC))
    out.append("</section>\n")
    return "".join(out)


def periods_block(ctx: RenderContext) -> str:
    """The switch and every period, in date order; the script shows the current one first."""
    plan = ctx.plan
    if not plan.periods:
        return '<p class="dash-none">尚未设置规划期和规划指标。</p>\n'
    current = plan.current or plan.periods[0]
    sections = "".join(section(ctx, view, view is current) for view in plan.periods)
    return (f'<div class="dash-periods" data-current="{esc(current.key)}">\n{switch(plan, current)}{sections}</div>\n')

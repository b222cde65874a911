"""A plan period's printable 评估报告 (`dashboard/report-<years>/`): on A4, one table per indicator
group with a status mark per indicator, the measuring and as-of dates, and the work records behind
the numbers — to attach to an 年度工作总结. Styles: assets/dashboard.css (`.dash-report`)."""
from __future__ import annotations

from ...derive import periods as P
from ...derive.plan import PeriodView
from ...urls import DASHBOARD, report_src
from ..common import date, esc, front_matter, table
from ..context import RenderContext
from .format import computed_value, pace, percent, target_text, value_text, verdict
from .period import anchor, explain
from .tasks import records_table

NUMERALS = "一二三四五六七八九十"


def heading_number(index: int) -> str:
    """一、二、… for the report's sections (十一 onwards as digits)."""
    return NUMERALS[index] if index < len(NUMERALS) else str(index + 1)


def report_title(view: PeriodView) -> str:
    return f"{view.period.name}规划指标{view.assessment}报告"


def report_page(ctx: RenderContext, view: PeriodView) -> str:
    """The report of one measured period (ended or running)."""
    src = report_src(view.key)
    p = view.period
    tally = view.tally()
    title = report_title(view)
    back = ctx.links.a(src, DASHBOARD, "返回看板", anchor=anchor(view))
    out = [f'<div class="dash-report" data-period="{esc(view.key)}">',
           f'<p class="dash-report__tools std-noprint"><button type="button" class="dash-print" data-dash-print>'
           f"打印报告</button> {back}</p>",
           f'<h1 class="dash-report__title">{esc(title)}</h1>',
           f'<p class="dash-report__meta"><span>规划期 {date(p.start)} 至 {date(p.end)}</span>'
           f'<span>状态 {esc(view.state)}</span><span>测算日期 {date(view.measured_at)}</span>'
           f'<span>统计日期 {date(view.as_of)}</span></p>',
           f'<p class="dash-report__summary">本规划期共设指标 {len(view.measures)} 项：达标 {tally["达标"]} 项，'
           f'未达标 {tally["未达标"]} 项，未判断 {tally["未判断"]} 项。']
    if view.state == P.ENDED:
        out.append(f"规划期已于 {date(p.end)} 结束，以下为按结束日期测算的最终结果。")
    else:
        out.append(f"规划期尚未结束（已过 {percent(round(view.elapsed, 4))}），以下按 {date(view.measured_at)} 测算，"
                   f"表示目前的进度。")
    out.append("</p>")
    if p.note:
        out.append(f'<p class="dash-report__note">{esc(p.note)}</p>')
    for index, (group, measures) in enumerate(view.groups()):
        rows = []
        for number, m in enumerate(measures, start=1):
            value = computed_value(m.computed) if m.computed is not None else value_text(m)
            mark, cls = verdict(m)
            note = "；".join(x for x in (explain(m), pace(m, view)) if x and x != "—") or "—"
            rows.append([str(number), esc(m.goal.name), esc(target_text(m.goal)), esc(value),
                         f'<span class="dash-mark dash-mark--{cls}">{esc(mark)}</span>', esc(note)])
        out.append(f'<h2 class="dash-report__group">{heading_number(index)}、{esc(group)}</h2>')
        out.append(table(["序号", "指标", "目标", "完成情况", "评价", "说明"], rows,
                         "std-table dash-table dash-report-table"))
    records = sorted({r for m in view.measures for r in m.records}, key=lambda r: (r.date, r.line))
    names = {m.id: m.goal.name for m in view.measures}
    out.append(f'<h2 class="dash-report__group">附：计入指标的工作记录（{len(records)} 条）</h2>')
    out.append(records_table(ctx, records, src, names, "dash-report-records", pilots=False, full=True) if records
               else '<p class="dash-none">本规划期内尚无工作记录。</p>')
    out.append('<p class="dash-report__notes">说明：比例类指标由系统根据标准库、制修订计划和培训记录计算；'
               "其他指标按登记的工作记录统计，只计入规划期内、不晚于测算日期的记录；"
               "「每年」类指标在一年结束后才判断该年是否达到。「未判断」表示尚无可判断的结果。</p>")
    out.append("</div>")
    return front_matter(title, search={"exclude": True}) + ctx.keep("".join(out)) + "\n"

"""The dashboard (看板): every plan period with all its indicators (render/plan/), the coverage
matrix and the due lists as of the as-of date. indicators.json is written by
stdsite/output/exports.py from the same numbers (ctx.plan).

Every value written into HTML is escaped; every link is built with ctx.links so that the page
works in the offline bundle too.
"""
from __future__ import annotations

from ..derive import indicators as ind
from ..urls import DASHBOARD, SESSIONS, area_src, report_src
from . import feedback
from .common import LISTING, date, esc, front_matter, table
from .context import RenderContext
from .plan.computed import (OVERDUE_HEAD, PLAN_HEAD, count, missing_evaluations, overdue_rows, plan_rows, std_cells,
                            std_link, table_or_none)
from .plan.format import day
from .plan.period import periods_block
from .plan.report import report_page

SRC = DASHBOARD


def matrix(ctx: RenderContext) -> str:
    """Categories × areas × items with the number of 现行 standards per item; empty items highlighted."""
    slots = ind.slots(ctx.catalog)
    rows, attrs = [], []
    for slot in slots:
        core = ' <span class="std-core">主干</span>' if slot.area.core else ""
        item = esc(slot.item.name) if slot.item else '<span class="dash-muted">（不分条目）</span>'
        codes = "、".join(std_link(ctx, s) for s in slot.current) or '<span class="std-empty">无现行标准</span>'
        rows.append([esc(slot.category.name), ctx.links.a(SRC, area_src(slot.area.id), slot.area.name) + core, item,
                     f'<span class="dash-num">{len(slot.current)}</span>', codes])
        empty_cls = "" if slot.current else 'class="dash-empty" '
        attrs.append(f'{empty_cls}data-slot="{esc(slot.id)}"')
    empty = sum(1 for s in slots if not s.current)
    return (f"<p>体系共 {count(len(slots))} 个条目，其中 {count(empty)} 个无现行标准"
            f"（标红）。「主干」为主干业务领域。</p>\n\n"
            + table(["类别", "领域", "条目", "现行标准数", "现行标准"], rows, "std-table dash-table dash-matrix", attrs)
            + "\n\n")


def due_lists(ctx: RenderContext) -> str:
    cat = ctx.catalog
    out = []
    overdue = ind.reviews_overdue(cat)
    out.append(f"### 复审已到期 {{#due-review-overdue}}\n\n<p>实施或上次复审已满 5 年、尚未复审的现行标准"
               f"（{len(overdue)} 项）。</p>\n\n")
    out.append(table_or_none(OVERDUE_HEAD, overdue_rows(ctx, cat, overdue), "dash-due-overdue") + "\n")
    soon = ind.reviews_upcoming(cat)
    out.append(f"### 6 个月内到期的复审 {{#due-review-soon}}\n\n<p>复审建议应在 5 年期满前 6 个月提出；"
               f"以下标准已进入提出复审建议的时段（{len(soon)} 项）。</p>\n\n")
    rows = [std_cells(ctx, r.standard) + [day(r.base), day(r.proposal), day(r.due), f"{(r.due - cat.as_of).days} 天"]
            for r in soon]
    out.append(table_or_none(["编号", "名称", "级别", "复审起算日", "应提出复审建议", "应复审日期", "剩余"], rows,
                             "dash-due-soon") + "\n")
    missing = ind.evaluations_missing(cat)
    out.append(f"### 缺少实施效果评价 {{#due-evaluation}}\n\n<p>实施满 1 年、尚无实施效果评价记录的现行标准"
               f"（{len(missing)} 项）。</p>\n\n")
    out.append(missing_evaluations(ctx, missing, "dash-due-evaluation") + "\n")
    late = ind.plan_late(cat)
    out.append(f"### 到期未完成的计划项 {{#due-plan}}\n\n<p>已到计划完成日期、尚未完成的制修订计划项"
               f"（{len(late)} 项）。</p>\n\n")
    out.append(table_or_none(PLAN_HEAD, plan_rows(ctx, cat, late), "dash-due-plan") + "\n")
    return "".join(out)


def notes(ctx: RenderContext) -> str:
    """How the numbers are counted, in plain words for leaders."""
    sessions = ctx.links.a(SRC, SESSIONS, "参训记录")
    return f"""<ul class="dash-notes">
<li>规划期已结束的，按结束日期测算，是该规划期的最终结果（总结评估）；规划期进行中的，按统计日期测算，表示目前的进度，规划期过半的那一年为中期评估；尚未开始的规划期不测算。</li>
<li>实施效果评价比例和复审率只统计地方标准、团体标准、企业标准和组织内部标准；国家标准、行业标准由其发布机构复审和评价，不计入（个别标准另有约定的，按约定）。</li>
<li>实施满 n 年：实施日期不晚于测算日期前推 n 年的同月同日（2 月 29 日按 2 月 28 日计）。</li>
<li>复审到期：测算日期距实施日期与最近一次复审日期中较晚者满 5 年；复审建议应在期满前 6 个月提出。</li>
<li>实施效果评价和复审不论在哪一年开展都计入；培训覆盖人次只统计本规划期内举办的培训，{sessions}页面的合计包括历年全部培训。</li>
<li>其他指标按登记的工作记录统计：只计入规划期内、不晚于测算日期的记录；「每年」类指标在一年结束后才判断该年是否达到。</li>
<li>比例按 4 位小数计算和判断是否达标，页面以百分数显示、保留 1 位小数；没有可统计的对象时显示「无数据」。</li>
<li>制修订完成率不分规划期：测算日期前到期的全部计划项都计入，包括上一规划期到期未完成的。</li>
</ul>
"""


def lead(ctx: RenderContext) -> str:
    """统计日期 and the current period, in one line."""
    plan = ctx.plan
    current = plan.current
    text = f'<p class="dash-lead">统计日期 <strong>{date(plan.as_of)}</strong>'
    if current is None:
        text += " · 统计日期早于所有规划期"
    else:
        p = current.period
        text += (f' · 当前规划期 <strong>{esc(p.name)}</strong>（{date(p.start)} 至 {date(p.end)}，'
                 f'{esc(current.state)}）')
    return text + "</p>\n\n"


def dashboard_page(ctx: RenderContext) -> str:
    out = [front_matter("标准化看板", search=LISTING, description="机关事务标准化规划指标、体系覆盖、到期复审与评价提醒")]
    out.append("# 标准化看板\n\n")
    out.append(lead(ctx))
    out.append("## 规划指标 {#indicators}\n\n")
    out.append(ctx.keep(periods_block(ctx)) + "\n\n")
    out.append("## 体系覆盖矩阵 {#matrix}\n\n")
    out.append(f"<p>按统计日期 {date(ctx.catalog.as_of)} 的标准状态。</p>\n\n")
    out.append(matrix(ctx))
    out.append("## 到期提醒 {#due}\n\n")
    out.append(due_lists(ctx))
    out.append(feedback.dashboard_section(ctx))
    out.append("## 口径说明 {#notes}\n\n" + notes(ctx))
    return "".join(out)


# -- the feature module's interface (pages.py, plugin.py) ---------------------------------------
def pages(ctx: RenderContext) -> dict[str, str]:
    out = {SRC: dashboard_page(ctx)}
    for view in ctx.plan.periods:
        if view.measured_at is not None:
            out[report_src(view.key)] = report_page(ctx, view)
    return out


def nav(ctx: RenderContext) -> list:
    reports = [{f"{view.period.name}{view.assessment}报告": report_src(view.key)}
               for view in ctx.plan.periods if view.measured_at is not None]
    return [SRC] + reports

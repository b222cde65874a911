"""The indicators counted from records.yaml (count, milestone, yearly): value against target, the
breakdowns by year and by region, and the work records behind the number with their evidence
(a linked document, a published file or a web page)."""
from __future__ import annotations

from urllib.parse import urlsplit

from ...derive.plan import Measure, PeriodView, by_region
from ...escape import html_attr
from ...model import WorkRecord
from ...urls import document_src, pilot_src
from ..common import esc, table
from ..context import RenderContext
from .format import day, pace, target_text, value_text, verdict_badge


def evidence_html(ctx: RenderContext, record: WorkRecord, src: str) -> str:
    """A record's evidence as a link: the document's page, the published file, or the web page."""
    e = record.evidence
    if e is None:
        return "—"
    if e.kind == "url":
        host = urlsplit(e.value).hostname or e.value
        return f'<a href="{html_attr(e.value)}" rel="noopener" title="{esc(e.value)}">网页（{esc(host)}）</a>'
    if e.kind == "document":
        doc = ctx.catalog.document_numbered(e.value)
        return ctx.links.a(src, document_src(doc.slug), e.value) if doc else esc(e.value)
    name = e.target.rsplit("/", 1)[-1]
    return f'<a href="{html_attr(ctx.links.rel(src, e.target))}" download>{esc(name)}</a>'


def pilot_html(ctx: RenderContext, pilot_id: str | None, src: str) -> str:
    pilot = ctx.catalog.pilots_by_id.get(pilot_id) if pilot_id else None
    return ctx.links.a(src, pilot_src(pilot.id), pilot.name) if pilot else "—"


def records_table(ctx: RenderContext, records: tuple[WorkRecord, ...] | list[WorkRecord], src: str,
                  names: dict[str, str] | None = None, cls: str = "dash-records", pilots: bool = True) -> str:
    """The records with date, (indicator,) title, amount, region, evidence (and pilot)."""
    head = ["日期"] + (["指标"] if names else []) + ["事项", "数量", "区域", "佐证"] + (["相关试点"] if pilots else [])
    rows = []
    for r in records:
        title = esc(r.title) + (f'<br><span class="dash-muted">{esc(r.note)}</span>' if r.note else "")
        rows.append([day(r.date)] + ([esc(names.get(r.indicator, r.indicator))] if names else [])
                    + [title, str(r.count), esc(r.region or "—"), evidence_html(ctx, r, src)]
                    + ([pilot_html(ctx, r.pilot, src)] if pilots else []))
    return table(head, rows, f"std-table dash-table {cls}")


def figures(m: Measure) -> str:
    """Value, target and verdict of a record-based indicator (the card at the top of its section)."""
    return (f'<div class="dash-card dash-card--plain" data-indicator="{esc(m.id)}"><p class="dash-figures">'
            f'<span>完成情况 <strong class="dash-value">{esc(value_text(m))}</strong></span> '
            f'<span>目标 <span class="dash-target">{esc(target_text(m.goal))}</span></span> '
            f'{verdict_badge(m)}</p></div>\n')


def years_table(m: Measure) -> str:
    """By year: the amount per calendar year; for yearly indicators whether the year reached it."""
    if not m.years:
        return ""
    yearly = m.goal.kind == "yearly"
    rows = []
    for y in m.years:
        row = [f"{y.year}年", str(y.count)]
        if yearly:
            row.append("✓ 达到" if y.met else "✗ 未达到" if y.met is False else "进行中（不判断）")
        rows.append(row)
    head = ["年度", "数量"] + (["是否达到"] if yearly else [])
    return "<p><strong>按年度</strong></p>\n" + table(head, rows, "std-table dash-table dash-by-year") + "\n"


def regions_table(m: Measure) -> str:
    """By region (一区两群, 川渝…), when any record names one."""
    if not any(r.region for r in m.records):
        return ""
    rows = [[esc(region), str(n)] for region, n in by_region(m.records)]
    return "<p><strong>按区域</strong></p>\n" + table(["区域", "数量"], rows, "std-table dash-table dash-by-region") + "\n"


def task_section(ctx: RenderContext, view: PeriodView, m: Measure, prefix: str, src: str) -> str:
    """One record-based indicator of a period: figures, pace, breakdowns and its records."""
    out = [f'<h4 id="{esc(prefix + m.id)}">{esc(m.goal.name)}</h4>\n', figures(m)]
    note = pace(m, view)
    if note:
        out.append(f'<p class="dash-pace">{esc(note)}</p>\n')
    out.append(years_table(m))
    out.append(regions_table(m))
    if m.records:
        out.append(f'<details class="dash-more" open><summary>计入的工作记录（{len(m.records)} 条）</summary>\n'
                   + records_table(ctx, m.records, src) + "\n</details>\n")
    else:
        out.append('<p class="dash-none">本规划期内尚无计入这项指标的工作记录。</p>\n')
    return "".join(out)

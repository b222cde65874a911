"""The indicators counted from records.yaml (count, milestone, yearly): value against target, the
breakdowns by year and by region, and the work records behind the number with their evidence
(a linked document, a published file or a web page)."""
from __future__ import annotations

from urllib.parse import urlsplit

from ...derive.plan import Measure, PeriodView, by_region
from ...escape import html_attr
from ...model import WorkRecord
from ...urls import document_src, page_url, permanent_url, pilot_src
from ..common import esc, table
from ..context import RenderContext
from .format import day, pace, target_text, value_text, verdict_badge


NO_EVIDENCE = "未附佐证"


def evidence_html(ctx: RenderContext, record: WorkRecord, src: str, full: bool = False) -> str:
    """A record's evidence as a link: the document's page, the published file, or the web page.
    `full` (the printed report): the whole address is written out, since paper has no links — the
    web page's URL, the published file's permanent URL (site_url) or its file name without one."""
    e = record.evidence
    if e is None:
        return f'<span class="dash-muted">{NO_EVIDENCE}</span>'
    if full:
        return _evidence_written_out(ctx, e, src)
    if e.kind == "url":
        host = urlsplit(e.value).hostname or e.value
        return f'<a href="{html_attr(e.value)}" rel="noopener" title="{esc(e.value)}">网页（{esc(host)}）</a>'
    if e.kind == "document":
        doc = ctx.catalog.document_numbered(e.value)
        return ctx.links.a(src, document_src(doc.slug), e.value) if doc else esc(e.value)
    name = e.target.rsplit("/", 1)[-1]
    return f'<a href="{html_attr(ctx.links.rel(src, e.target))}" download>{esc(name)}</a>'


def _evidence_written_out(ctx: RenderContext, e, src: str) -> str:
    if e.kind == "url":
        return f'<a class="dash-url" href="{html_attr(e.value)}" rel="noopener">{esc(e.value)}</a>'
    if e.kind == "document":
        doc = ctx.catalog.document_numbered(e.value)
        if doc is None:
            return esc(e.value)
        url = permanent_url(ctx.site_url, page_url(document_src(doc.slug)))
        link = ctx.links.a(src, document_src(doc.slug), e.value)
        return link + (f'<br><span class="dash-url">{esc(url)}</span>' if url else "")
    url = permanent_url(ctx.site_url, e.target)
    href = html_attr(ctx.links.rel(src, e.target))
    return f'<a class="dash-url" href="{href}" download>{esc(url or e.target.rsplit("/", 1)[-1])}</a>'


def pilot_html(ctx: RenderContext, pilot_id: str | None, src: str) -> str:
    pilot = ctx.catalog.pilots_by_id.get(pilot_id) if pilot_id else None
    return ctx.links.a(src, pilot_src(pilot.id), pilot.name) if pilot else "—"


def records_table(ctx: RenderContext, records: tuple[WorkRecord, ...] | list[WorkRecord], src: str,
                  names: dict[str, str] | None = None, cls: str = "dash-records", pilots: bool = True,
                  full: bool = False) -> str:
    """The records with date, (indicator,) title, amount, region, evidence (and pilot); `full`
    writes evidence addresses out (the printed report)."""
    head = ["日期"] + (["指标"] if names else []) + ["事项", "数量", "区域", "佐证"] + (["相关试点"] if pilots else [])
    rows = []
    for r in records:
        title = esc(r.title) + (f'<br><span class="dash-muted">{esc(r.note)}</span>' if r.note else "")
        rows.append([day(r.date)] + ([esc(names.get(r.indicator, r.indicator))] if names else [])
                    + [title, str(r.count), esc(r.region or "—"), evidence_html(ctx, r, src, full)]
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


def counting(m: Measure) -> str:
    """What a record-based indicator counts, in one plain sentence (leaders ask where a number
    comes from): only work records are counted — a training session is not a record."""
    kind = m.goal.kind
    if kind == "milestone":
        text = "以规划期内第一条登记的相关工作记录的日期为完成日期。"
    elif kind == "yearly":
        text = ("统计的是登记的工作记录：每个自然年内相关记录的条数（一条记录写了数量的按数量计），"
                "一年结束后判断该年是否达到；当年尚未结束的只显示、不判断。")
    else:
        text = "统计的是登记的工作记录：规划期内、不晚于测算日期的相关记录，每条按其数量计。"
    if "培训" in m.goal.name:
        text += "参训记录中的培训场次不会自动计入本项，每次培训或宣传活动需另登记一条工作记录。"
    return f'<p class="dash-counting">{esc(text)}</p>\n'


def task_section(ctx: RenderContext, view: PeriodView, m: Measure, prefix: str, src: str) -> str:
    """One record-based indicator of a period: figures, pace, breakdowns and its records."""
    out = [f'<h4 id="{esc(prefix + m.id)}">{esc(m.goal.name)}</h4>\n', figures(m), counting(m)]
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

"""QR codes (扫一扫) on pages, and the printable poster page of a standard.

QR codes point at the permanent web address (site_url + the page's directory URL), also in the
offline bundle, so a phone scanning a printed poster opens the live page. They are made before
rendering (stdsite/output/qr.py) and looked up here by URL.
"""
from __future__ import annotations

from ..escape import html_attr
from ..model import Checklist, Standard
from ..urls import feedback_src, page_url, permanent_url, poster_src, standard_src
from .blocks import render_block
from .blocks.parts import num
from .common import STATUS_CLASS, badge, esc, favicon_link
from .context import RenderContext


def qr_figure(ctx: RenderContext, page: str, caption: str = "扫一扫，手机打开本页") -> str:
    """The QR code of a page with its caption, or "" when no site_url is configured."""
    url = permanent_url(ctx.site_url, page)
    if url is None or url not in ctx.qr_codes:
        return ""
    return (f'<figure class="std-qr" data-search-exclude>{ctx.qr_codes[url]}'
            f'<figcaption>{esc(caption)}<br><small>{esc(url)}</small></figcaption></figure>')


# What fits one A4 sheet (12 mm margins: 273 mm of height) beside the heading, the QR code and at
# least POSTER_FLOW_MM for the flowcharts. Heights are estimates in mm of the printed summary.
POSTER_PAGE_MM = 273
POSTER_HEAD_MM = 60
POSTER_FLOW_MM = 120
CHECK_TITLE_MM, CHECK_ROW_MM = 14, 6.5


def poster_page(ctx: RenderContext, s: Standard) -> str:
    """A one-page A4 poster to post at the workplace: title, status, QR code, the flowcharts scaled
    to the space left, and each checklist summarised (its items in two columns). Only when the
    summaries would squeeze the flowcharts below POSTER_FLOW_MM do they go on a second sheet.

    A standalone HTML file (written after the MkDocs build, outside the theme): it is only printed
    and posted, and a thousand more themed pages would cost a fifth of the build."""
    src = poster_src(s.slug)
    status = ctx.catalog.status[s.code]
    flows = [b for b in s.blocks if b.kind == "flow"]
    checklists = [b.parsed for b in s.blocks if b.kind == "checklist" and isinstance(b.parsed, Checklist)]
    charts = "".join(render_block(ctx, b, src, s) for b in flows)
    # blocks link clauses as `#5.2` on their own page; here the clauses live on the standard's page
    charts = charts.replace('href="#', f'href="{html_attr(ctx.links.rel(src, standard_src(s.slug)))}#')
    checks = "".join(checklist_summary(c) for c in checklists)
    room = POSTER_PAGE_MM - POSTER_HEAD_MM - (POSTER_FLOW_MM if flows else 0)
    back_side = bool(flows) and checklists_height(checklists) > room
    long_front = not flows and checklists_height(checklists) > room     # only checklists, and many: as many sheets as needed
    qr = qr_figure(ctx, s.page, "扫一扫，查看标准全文") + feedback_qr(ctx, s)
    link = f'<span class="std-noprint"> · {ctx.links.a(src, standard_src(s.slug), "返回标准页面")}</span>'
    tools = (f'<p class="std-poster__tools std-noprint"><button type="button" class="std-poster__print" data-print>'
             f'打印张贴版</button> {ctx.links.a(src, standard_src(s.slug), "返回标准页面")}</p>')
    script = f'<script src="{html_attr(ctx.links.rel(src, ctx.asset("stdsite.js")))}"></script>'
    styles = "".join(f'<link rel="stylesheet" href="{html_attr(ctx.links.rel(src, ctx.asset(name)))}">'
                     for name in ("stdsite.css", "blocks.css", "poster/poster.css")) + favicon_link(ctx.links, src)
    flows_html = f'<section class="std-poster__flows">{charts}</section>' if flows else ""
    checks_html = f'<section class="std-poster__checks">{checks}</section>' if checks else ""
    front = (f'<header class="std-poster__head"><div class="std-poster__heading">'
             f'<p class="std-poster__code">{esc(s.code)} {badge(status)}</p>\n'
             f'<h1 class="std-poster__title">{esc(s.title)}</h1></div>{qr}</header>\n'
             f'{status_notice(ctx, s, status)}'
             f'{flows_html}{"" if back_side else checks_html}\n'
             f'<p class="std-poster__foot">状态截至 {ctx.catalog.as_of.isoformat()}{link}</p>')
    sheets = f'<div class="std-poster__sheet{" std-poster__sheet--long" if long_front else ""}">{front}</div>'
    if back_side:
        sheets += (f'<div class="std-poster__sheet std-poster__sheet--back"><p class="std-poster__code">'
                   f'{esc(s.code)} {esc(s.title)}</p>{checks_html}</div>')
    return ("<!doctype html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(s.code)} {esc(s.title)}（张贴版）</title>{styles}</head>\n"
            f'<body class="std-poster-page"><main class="std-poster">\n{tools}{sheets}\n</main>{script}</body></html>\n')


def status_notice(ctx: RenderContext, s: Standard, status: str) -> str:
    """A standard not in force says so in large type on the sheet itself (a badge alone is easy to
    miss on a printed poster)."""
    if status == "现行":
        return ""
    if status == "被代替":
        by = "、".join(ctx.catalog.replaced_by.get(s.code, []))
        text = f"本标准已被 {by} 代替，请按新标准执行，勿再张贴本版" if by else "本标准已被代替，请按新标准执行"
    elif status == "废止":
        text = "本标准已废止，仅供查阅，勿再张贴"
    elif status == "即将实施":
        text = f"本标准自 {s.effective.isoformat()} 起实施" if s.effective else "本标准尚未实施"
    else:
        text = f"本标准{status}，尚未发布"
    return (f'<p class="std-poster__status std-poster__status--{STATUS_CLASS.get(status, "other")}">'
            f'<strong>【{esc(status)}】</strong>{esc(text)}</p>\n')


def checklists_height(checklists: list[Checklist]) -> float:
    """Estimated printed height (mm) of the checklist summaries: a title line, two items a row."""
    return sum(CHECK_TITLE_MM + CHECK_ROW_MM * -(-len(c.items) // 2) for c in checklists)


def checklist_summary(checklist: Checklist) -> str:
    """A checklist on the poster: what to check, 否决项 marked, the pass line (the form to fill
    in is on the standard's page)."""
    veto = ' <strong class="std-veto">否决项</strong>'
    items = "".join(f'<li>{esc(item.text)}{veto if item.veto else ""}</li>' for item in checklist.items)
    rules = [f"合格线：得分 ≥ {num(checklist.pass_score)}%"] if checklist.pass_score is not None else []
    if any(item.veto for item in checklist.items):
        rules.append("否决项“不符合”即为不合格")
    rule = f'<span class="std-poster__rule">（{esc("；".join(rules))}）</span>' if rules else ""
    return (f'<div class="std-poster__check"><p class="std-poster__check-title"><strong>'
            f'{esc(checklist.title or "检查表")}</strong>{rule}</p><ol class="std-poster__items">{items}</ol></div>')


def feedback_qr(ctx: RenderContext, s: Standard) -> str:
    """The QR code of the standard's 意见反馈 page, when it takes comments at the as-of date."""
    if ctx.feedback.accepting(s) is None:
        return ""
    return qr_figure(ctx, page_url(feedback_src(s.slug)), "扫一扫，提意见（意见反馈表）")


def qr_pages(ctx: RenderContext) -> list[str]:
    """Every page that shows a QR code (standards, courses, the 意见反馈 pages on posters), as
    site-relative URLs."""
    return ([s.page for s in ctx.catalog.standards] + [c.page for c in ctx.catalog.project.courses]
            + [page_url(feedback_src(s.slug)) for s in ctx.catalog.standards if ctx.feedback.accepting(s)])

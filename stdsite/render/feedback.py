"""Closing the loop on the pages: the 征求意见 banner of a draft, a standard's 意见反馈 section
(how to send comments, what was received and how each was handled), the drafts open for comment
on the home page, and the 看板's feedback section.

Each is one function returning finished HTML (kept out of Markdown with ctx.keep) or a Markdown
section, so the pages that include them call it once.
"""
from __future__ import annotations

from ..escape import html_attr
from ..derive.feedback import (CONSULTATION, IMPLEMENTATION, contact_lines, days_left, days_left_text,
                               consultation_open, mail_template)
from ..model import REVIEW_SUGGESTED_AT, Feedback, Standard
from ..urls import DASHBOARD, feedback_docx, feedback_src, mailto, standard_src
from .common import badge, date, esc, table
from .context import RenderContext
from .feedback_form import explanation_title

CLAUSE_TOKEN = "STDCLAUSE"       # replaced by a clause number in the browser (assets/feedback.js)
STATUS_CLASS = {"待处理": "pending", "已采纳": "adopted", "部分采纳": "partly", "未采纳": "declined"}


def status_tag(status: str) -> str:
    return f'<span class="std-fb-status std-fb-status--{STATUS_CLASS.get(status, "other")}">{esc(status)}</span>'


def form_links(ctx: RenderContext, s: Standard, page_src: str) -> str:
    """The two ways to get the 意见反馈表: the Word file and the printable page."""
    docx = esc(ctx.links.rel(page_src, feedback_docx(s.slug)))
    form = esc(ctx.links.rel(page_src, feedback_src(s.slug)))
    return (f'<a class="md-button std-fb-docx" href="{docx}" download>下载意见反馈表（Word）</a> '
            f'<a class="md-button std-fb-print" href="{form}">打印意见反馈表</a>')


def _explanation(ctx: RenderContext, s: Standard, page_src: str) -> str:
    explanation = s.consultation.explanation if s.consultation else None
    if explanation is None:
        return ""
    href = esc(ctx.links.rel(page_src, explanation.target))
    return (f'<dt>编制说明</dt><dd><a class="std-fb-explanation" href="{href}" download>'
            f'{esc(explanation_title(s, explanation.target))}</a></dd>')



# -- a draft's 征求意见 banner ----------------------------------------------------------------------
def consultation_banner(ctx: RenderContext, s: Standard, page_src: str) -> str:
    """征求意见 (deadline, days left, 编制说明, how to reply, the form) up to and including
    `until`; 征求意见已截止 from the next day; "" for a standard without consultation."""
    c = s.consultation
    if c is None:
        return ""
    as_of = ctx.catalog.as_of
    if not consultation_open(s, as_of):
        html = (f'<div class="std-consult std-consult--closed" data-search-exclude>'
                f'<p class="std-consult__title"><strong>征求意见已截止</strong> 本文件征求意见的截止日期为 '
                f'{date(c.until)}，征求意见已结束。收到的意见及处理情况见<a href="#feedback">意见反馈</a>。</p>'
                f'<dl class="std-consult__facts">{_explanation(ctx, s, page_src)}</dl></div>')
        return "\n" + ctx.keep(html) + "\n\n"
    left = days_left(s, as_of)
    contact = f"<dt>反馈方式</dt><dd>{esc(c.contact)}</dd>" if c.contact else ""
    html = (f'<div class="std-consult std-consult--open" data-search-exclude>'
            f'<p class="std-consult__title"><strong>征求意见</strong> 本文件为征求意见稿，正在公开征求意见，'
            f'截止日期 <strong class="std-consult__until">{date(c.until)}</strong>'
            f'（<span class="std-consult__left">{esc(days_left_text(left))}</span>）。</p>'
            f'<dl class="std-consult__facts">{_explanation(ctx, s, page_src)}{contact}'
            f'<dt>怎样提意见</dt><dd>下载或打印意见反馈表，逐条写明章条编号、修改意见和理由，'
            f'在截止日期前（含当天）{"按上述方式" if c.contact else ""}反馈。</dd></dl>'
            f'<p class="std-consult__actions">{form_links(ctx, s, page_src)}</p></div>')
    return "\n" + ctx.keep(html) + "\n\n"


# -- a standard's 意见反馈 section -------------------------------------------------------------------
def _send(ctx: RenderContext, s: Standard, page_src: str) -> str:
    """How to send 实施信息反馈 on a 现行 standard: the contact, a pre-filled e-mail, the form."""
    contact = "".join(f"<li>{label}：{esc(value)}</li>" for label, value in contact_lines(ctx.contact))
    mail = mail_template(ctx.contact, s)
    button, hint = "", ""
    if mail is not None:
        clause = mail_template(ctx.contact, s, CLAUSE_TOKEN)
        button = (f'<a class="md-button md-button--primary std-fb-mail" href="{html_attr(mailto(mail.address, mail.subject, mail.body))}" '
                  f'data-clause-href="{html_attr(mailto(clause.address, clause.subject, clause.body))}">发邮件反馈</a> ')
        hint = '<p class="std-fb-hint">就某一条提意见：点条款标题旁的「✉」，邮件标题会带上条款号。</p>'
    return (f'<div class="std-fb-send" data-search-exclude><p>对本标准的实施有问题或改进建议，欢迎反馈'
            f'（实施信息反馈）。{"联系方式：" if contact else ""}</p>'
            + (f'<ul class="std-fb-contact">{contact}</ul>' if contact else "")
            + f'<p class="std-fb-actions">{button}{form_links(ctx, s, page_src)}</p>{hint}</div>')


def _clause(ctx: RenderContext, e: Feedback, page_src: str, target: Standard) -> str:
    if not e.clause:
        return "—"
    return ctx.links.a(page_src, standard_src(target.slug), e.clause, anchor=e.clause) \
        if page_src != standard_src(target.slug) else f'<a href="#{esc(e.clause)}">{esc(e.clause)}</a>'


def _handling(e: Feedback) -> str:
    return status_tag(e.status) + (f'<br><small>{date(e.closed)}</small>' if e.closed else "")


def _summary(e: Feedback) -> str:
    tag = f'<span class="std-tag">{esc(e.kind)}</span> ' if e.kind == CONSULTATION else ""
    return tag + esc(e.summary)


def feedback_section(ctx: RenderContext, s: Standard, page_src: str) -> str:
    """## 意见反馈: how to send (a 现行 standard) and the comments received with their handling;
    "" for a standard that takes no comments and has received none."""
    view = ctx.feedback
    entries = view.of(s.code)
    accepting = view.accepting(s)
    if not entries and accepting != IMPLEMENTATION:
        return ""
    out = ["\n## 意见反馈 {#feedback}\n\n"]
    if accepting == IMPLEMENTATION:
        out.append(ctx.keep(_send(ctx, s, page_src)) + "\n\n")
    if not entries:
        out.append('<p class="std-fb-none">尚无已登记的意见。</p>\n')
        return "".join(out)
    c = view.counts_of(s.code)
    flag = ""
    if view.review_suggested(s):
        flag = (f' <span class="std-warn std-fb-review">已采纳意见 {view.adopted(s.code)} 条'
                f'（不少于 {REVIEW_SUGGESTED_AT} 条），建议复审</span>')
    rows = [[date(e.date), _summary(e), _clause(ctx, e, page_src, s), esc(e.sender), _handling(e), esc(e.reply or "")]
            for e in entries]
    out.append(ctx.keep(f'<p class="std-fb-counts">已收到意见 {c["total"]} 条：已处理 {c["handled"]} 条，'
                        f'待处理 {c["open"]} 条。{flag}</p>'
                        + table(["收到日期", "意见", "条款", "提出单位", "处理", "答复"], rows, "std-table std-fb-list"))
               + "\n")
    return "".join(out)


# -- the home page ------------------------------------------------------------------------------
def open_consultations(ctx: RenderContext, page_src: str) -> str:
    """Drafts open for comment at D with their deadlines, the nearest first."""
    drafts = ctx.feedback.open_consultations()
    if not drafts:
        return '<p class="std-consult-none">目前没有正在征求意见的标准。</p>'
    as_of = ctx.catalog.as_of
    rows = [[ctx.links.a(page_src, standard_src(s.slug), s.code, cls="std-code"),
             ctx.links.a(page_src, standard_src(s.slug), s.title), date(s.consultation.until),
             f'<span class="std-consult__left">{esc(days_left_text(days_left(s, as_of)))}</span>']
            for s in drafts]
    return table(["编号", "名称（征求意见稿）", "截止日期", "剩余"], rows, "std-table std-consult-list")


# -- the dashboard ------------------------------------------------------------------------------
def _std(ctx: RenderContext, code: str) -> str:
    s = ctx.catalog.by_code[code]
    return ctx.links.a(DASHBOARD, standard_src(s.slug), s.code, cls="std-code")


def dashboard_section(ctx: RenderContext) -> str:
    """## 意见反馈 of the 看板: entries still 待处理 (oldest first), counts per year, and the 现行
    standards with enough 已采纳 comments to suggest a 复审."""
    view, as_of = ctx.feedback, ctx.catalog.as_of
    total = view.entries
    out = ["## 意见反馈 {#feedback}\n\n"]
    if not total:
        out.append('<p class="dash-none">尚未登记意见。</p>\n\n')
        return "".join(out)
    pending = view.pending()
    handled = len(total) - len(pending)
    out.append(f'<p>截至 {date(as_of)}，共收到意见 <span class="dash-n">{len(total)}</span> 条，已处理 '
               f'<span class="dash-n">{handled}</span> 条，待处理 <span class="dash-n">{len(pending)}</span> 条。</p>\n\n')
    out.append(f"### 待处理的意见 {{#feedback-pending}}\n\n<p>按收到日期从早到晚排列（{len(pending)} 条）。</p>\n\n")
    rows = [[date(e.date), _summary(e), _std(ctx, e.standard), _clause(ctx, e, DASHBOARD, ctx.catalog.by_code[e.standard]),
             esc(e.sender), f"{(as_of - e.date).days} 天"] for e in pending]
    out.append(ctx.keep(table(["收到日期", "意见", "标准", "条款", "提出单位", "已等待"], rows,
                              "std-table dash-table dash-feedback-pending")) + "\n\n" if rows
               else '<p class="dash-none">无。</p>\n\n')
    out.append("### 按年度统计 {#feedback-years}\n\n<p>按收到意见的年度统计；处理状态按登记的处理情况统计。</p>\n\n")
    years = view.years()
    year_rows = [[str(y.year), str(y.received), str(y.handled), str(y.statuses["已采纳"]), str(y.statuses["部分采纳"]),
                  str(y.statuses["未采纳"]), str(y.open)] for y in years]
    year_rows.append(["合计", str(len(total)), str(handled)] + [str(sum(y.statuses[k] for y in years))
                                                              for k in ("已采纳", "部分采纳", "未采纳")] + [str(len(pending))])
    out.append(ctx.keep(table(["年度", "收到", "已处理", "其中已采纳", "部分采纳", "未采纳", "待处理"], year_rows,
                              "std-table dash-table dash-feedback-years")) + "\n\n")
    candidates = view.review_candidates()
    out.append(f"### 建议复审 {{#feedback-review}}\n\n<p>已采纳意见不少于 {REVIEW_SUGGESTED_AT} 条的现行标准"
               f"（{len(candidates)} 项）：需要修改之处已较多，可考虑提前复审或修订。</p>\n\n")
    rows = [[_std(ctx, s.code), ctx.links.a(DASHBOARD, standard_src(s.slug), s.title), badge(ctx.catalog.status[s.code]),
             str(view.adopted(s.code)), '<span class="std-warn">建议复审</span>'] for s in candidates]
    out.append(ctx.keep(table(["编号", "名称", "状态", "已采纳意见", ""], rows, "std-table dash-table dash-feedback-review"))
               + "\n\n" if rows else '<p class="dash-none">无。</p>\n\n')
    return "".join(out)

"""The 意见反馈 page of a standard (`standards/<slug>/feedback/`, where the poster's second QR
code points): how to send comments, the Word form, and the 意见反馈表 printed on one A4 sheet.

A standalone HTML file like the poster (written after the MkDocs build, outside the theme): one
per standard, so that its address stays valid whatever the standard's status becomes; a standard
that takes no comments at D says so and links to where to go instead.
"""
from __future__ import annotations

from ..escape import html_attr
from ..derive.feedback import (CONSULTATION, FeedbackForm, contact_lines, days_left, days_left_text, feedback_form,
                               mail_template)
from ..model import Standard
from ..urls import feedback_docx, feedback_src, mailto, standard_src
from .common import esc, favicon_link
from .context import RenderContext


def explanation_title(s: Standard, target: str) -> str:
    """What the 编制说明 link says: the document, not its file name —
    《国有资产处置管理规范》（征求意见稿）编制说明（PDF）."""
    ext = target.rpartition(".")[2].upper() if "." in target.rsplit("/", 1)[-1] else ""
    kind = {"DOC": "Word", "DOCX": "Word", "WPS": "WPS"}.get(ext, ext)
    return f"《{s.title}》（征求意见稿）编制说明" + (f"（{kind}）" if kind else "")


def form_sheet(form: FeedbackForm) -> str:
    """The printable 意见反馈表 (one A4 page): code and title filled in, empty rows to write on."""
    head = "".join(f"<th>{esc(c)}</th>" for c in form.columns)
    rows = "".join(f'<tr><td class="std-form__no">{n}</td>' + "<td></td>" * (len(form.columns) - 1) + "</tr>"
                   for n in range(1, form.rows + 1))
    fields = "".join(f'<span class="std-form__field">{esc(name)}：<span class="std-form__blank"></span></span>'
                     for name in form.fields)
    return (f'<section class="std-form">'
            f'<h2 class="std-form__heading">{esc(form.heading)}</h2>'
            f'<p class="std-form__kind">（{esc(form.kind)}）</p>'
            f'<table class="std-form__meta"><tr><th>标准编号</th><td class="std-form__code">{esc(form.code)}</td></tr>'
            f'<tr><th>标准名称</th><td class="std-form__title">{esc(form.title)}</td></tr></table>'
            f'<table class="std-form__table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="std-form__fields">{fields}</p>'
            f'<p class="std-form__send">{esc(form.send_to)}</p>'
            f'<p class="std-form__note">填写说明：一条意见填一行，写明章条编号（如 5.2）；不够可另附页。</p>'
            f'</section>')


def _intro(ctx: RenderContext, s: Standard, src: str, kind: str) -> str:
    """How to send comments, above the sheet (not printed)."""
    if kind == CONSULTATION:
        c = s.consultation
        parts = [f'<p>本标准（征求意见稿）正在征求意见，截止日期 <strong>{esc(c.until.isoformat())}</strong>'
                 f'（{esc(days_left_text(days_left(s, ctx.catalog.as_of)))}）。</p>']
        if c.contact:
            parts.append(f"<p>反馈方式：{esc(c.contact)}</p>")
        if c.explanation:
            parts.append(f'<p>编制说明：<a href="{html_attr(ctx.links.rel(src, c.explanation.target))}" download>'
                         f'{esc(explanation_title(s, c.explanation.target))}</a></p>')
        return "".join(parts)
    parts = ["<p>对本标准的实施有问题或改进建议，欢迎反馈（实施信息反馈）。</p>"]
    lines = contact_lines(ctx.contact)
    if lines:
        parts.append('<ul class="std-form__contact">' + "".join(f"<li>{label}：{esc(v)}</li>" for label, v in lines) + "</ul>")
    mail = mail_template(ctx.contact, s)
    if mail is not None:
        parts.append(f'<p><a class="std-form__button std-fb-mail" href="{html_attr(mailto(mail.address, mail.subject, mail.body))}">'
                     f"发邮件反馈（标题已填好）</a></p>")
    return "".join(parts)


def _closed(ctx: RenderContext, s: Standard, src: str) -> str:
    """Why a standard takes no comments at D, and where to go instead."""
    status = ctx.catalog.status[s.code]
    if s.consultation is not None and status == "制定中":
        return f"<p>本标准的征求意见已于 {esc(s.consultation.until.isoformat())} 截止，不再受理意见。</p>"
    text = {"即将实施": "本标准尚未实施，实施后可在此反馈实施中的问题。",
            "制定中": "本标准正在制定，尚未公开征求意见。",
            "被代替": "本标准已被代替，不再受理实施信息反馈；请对代替它的标准提意见。",
            "废止": "本标准已废止，不再受理实施信息反馈。"}.get(status, "本标准目前不受理意见。")
    links = [ctx.links.a(src, standard_src(ctx.catalog.by_code[code].slug), code)
             for code in ctx.catalog.replaced_by.get(s.code, []) if code in ctx.catalog.by_code]
    more = f"<p>代替它的标准：{'；'.join(links)}</p>" if links and status == "被代替" else ""
    return f"<p>{esc(text)}</p>{more}"


def feedback_page(ctx: RenderContext, s: Standard) -> str:
    """The standalone 意见反馈 page of a standard."""
    src = feedback_src(s.slug)
    form = feedback_form(ctx.feedback, ctx.contact, s)
    back = ctx.links.a(src, standard_src(s.slug), "返回标准页面")
    styles = "".join(f'<link rel="stylesheet" href="{html_attr(ctx.links.rel(src, ctx.asset(name)))}">' for name in ("feedback/form.css",))
    styles += favicon_link(ctx.links, src)
    script = f'<script src="{html_attr(ctx.links.rel(src, ctx.asset("feedback/form.js")))}"></script>'
    if form is None:
        body = _closed(ctx, s, src)
        sheet = ""
    else:
        docx = esc(ctx.links.rel(src, feedback_docx(s.slug)))
        body = (_intro(ctx, s, src, ctx.feedback.accepting(s))
                + f'<p class="std-form__actions"><a class="std-form__button std-fb-docx" href="{docx}" download>'
                  f'下载意见反馈表（Word）</a> <button type="button" class="std-form__button" data-std-print-form hidden>'
                  f'打印意见反馈表</button></p><p class="std-form__hint">下面的表格可直接打印（A4 纸一页），'
                  f'手写填好后交回；也可以下载 Word 版填写。</p>')
        sheet = form_sheet(form)
    return ("<!doctype html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>意见反馈：{esc(s.code)} {esc(s.title)}</title>{styles}</head>\n"
            f'<body class="std-form-page"><main>\n'
            f'<header class="std-form__intro std-noprint"><p class="std-form__back">{back}</p>'
            f'<h1>意见反馈：<span class="std-form__h-code">{esc(s.code)}</span> {esc(s.title)}</h1>{body}</header>\n'
            f"{sheet}\n</main>{script}</body></html>\n")

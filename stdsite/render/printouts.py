"""A course's printouts besides the exam papers: the 签到表, the 结业证书 and the 培训效果评估表.

Each is a page of its own (kept out of search) that prints on exactly one A4 sheet
(assets/printouts.css names the pages). Names are typed on the page or written by hand: no
personal data is ever written into the site, and what is typed is neither stored nor sent.
"""
from __future__ import annotations

from ..escape import html_attr
from ..derive import courses as facts
from ..derive.sessions import held
from ..model import EVALUATION_ITEMS, EVALUATION_QUESTIONS, EVALUATION_SCALE, Course
from ..text import chinese_date
from ..urls import CERTIFICATE, EVALUATION, course_src, evaluation_xlsx, printout_src, signin_src
from .blocks.parts import num
from .common import esc, front_matter
from .context import RenderContext

PRINTOUT = {"exclude": True}          # printouts stay out of the search index
SIGNIN_ROWS = 20


def minutes_text(value: int | None) -> str:
    return f"{value} 分钟" if value is not None else "时长未定"


def printout_tools(ctx: RenderContext, src: str, course: Course, label: str, extra: str = "") -> str:
    """Screen-only tools under a printout: the print button and the way back to the course."""
    back = ctx.links.a(src, course_src(course.id), "返回课程页")
    return (f'<p class="std-printout__tools" data-search-exclude><button type="button" class="std-printbtn" '
            f'data-std-print="sheet">{label}</button> {extra}{back}</p>\n')


def _fill(label: str, cls: str = "") -> str:
    return f'<span class="std-fill">{label}：<span class="std-fill__line{cls}"></span></span>'


def signin_page(ctx: RenderContext, course: Course) -> str:
    """A printable 签到表: course, blanks for date, place and trainer, 20 rows for name, unit and
    signature, and the 应到/实到 line: one A4 page."""
    src = signin_src(course.id)
    rows = "".join(f'<tr><td class="std-signin__no">{n}</td><td></td><td></td><td></td></tr>'
                   for n in range(1, SIGNIN_ROWS + 1))
    return (front_matter(f"签到表：{course.title}", search=PRINTOUT)
            + '<div class="std-printout std-signin">'
            f'<h1 class="std-printout__title">培训签到表</h1>'
            f'<p class="std-printout__subtitle">课程：{esc(course.title)}</p>'
            f'<p class="std-fills">{_fill("培训日期")}{_fill("培训地点")}{_fill("授课讲师")}</p>'
            f'<p class="std-fills"><span>培训对象：{esc("、".join(facts.audiences(course)))}</span>'
            f'<span>课程时长：{minutes_text(facts.length(course))}</span></p>'
            f'<table class="std-signin__table"><thead><tr><th class="std-signin__no">序号</th><th>姓名</th>'
            f'<th>单位</th><th>签名</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="std-fills">{_fill("应到人数", " std-fill__line--short")}'
            f'{_fill("实到人数", " std-fill__line--short")}</p>'
            '</div>\n\n'
            + printout_tools(ctx, src, course, "打印签到表"))


def latest_session(ctx: RenderContext, course: Course):
    """The course's latest session held by D, or None."""
    sessions = [s for s in held(ctx.catalog) if s.course == course.id]
    return sessions[-1] if sessions else None


def course_hours(ctx: RenderContext, course: Course) -> str:
    """The 学时 of the course's latest session held with `hours` recorded, or "" (written by hand)."""
    recorded = [s for s in held(ctx.catalog) if s.course == course.id and s.hours is not None]
    return num(recorded[-1].hours) if recorded else ""


def _typed(label: str, cls: str, value: str = "") -> str:
    """A blank on the certificate: typed on the page (it grows and wraps with what is typed, so
    nothing is cut off in print) or written by hand after printing."""
    return (f'<span class="std-cert__blank {cls}" contenteditable="plaintext-only" role="textbox" '
            f'spellcheck="false" aria-label="{html_attr(label)}（可在此输入，也可打印后手写）">{esc(value)}</span>')


def certificate_page(ctx: RenderContext, course: Course) -> str:
    """A formal 结业证书 on one landscape A4 page: the name typed in the blank (or written by hand
    after printing), the course, its 学时 and the dates (2026年12月2日, prefilled from the latest
    session held, editable); issuer and seal left for the trainer."""
    src = printout_src(course.id, CERTIFICATE)
    latest = latest_session(ctx, course)
    day = chinese_date(latest.date) if latest else ""
    issuer = (latest.unit or "") if latest else ""
    hours = course_hours(ctx, course)
    if course.exam:
        body = (f'参加《{esc(course.title)}》，计 {_typed("学时", "std-cert__blank--hours", hours)} 学时，'
                f'经考试合格，准予结业。')
    else:
        body = (f'参加《{esc(course.title)}》培训，共计 {_typed("学时", "std-cert__blank--hours", hours)} 学时，'
                f'完成全部学习内容，准予结业。')
    return (front_matter(f"结业证书：{course.title}", search=PRINTOUT)
            + '<div class="std-printout std-cert" lang="zh-CN"><div class="std-cert__frame">'
            f'<p class="std-cert__no">证书编号：{_typed("证书编号", "std-cert__blank--no")}</p>'
            f'<h1 class="std-cert__title">结业证书</h1>'
            f'<p class="std-cert__text std-cert__indent">{_typed("姓名", "std-cert__blank--name")}同志于 '
            f'{_typed("培训日期", "std-cert__blank--date", day)} {body}</p>'
            f'<p class="std-cert__text std-cert__indent">特发此证。</p>'
            f'<div class="std-cert__sign"><p>{_typed("发证单位", "std-cert__blank--issuer", issuer)}（盖章）</p>'
            f'<p>{_typed("发证日期", "std-cert__blank--date", day)}</p></div>'
            '</div></div>\n\n'
            + printout_tools(ctx, src, course, "打印结业证书")
            + '<p class="std-printout__note" data-search-exclude>在横线处输入姓名、日期（如 2026年12月2日）后打印，'
              '也可以打印后手写；日期、学时和发证单位已按最近一次培训填好，可以修改。'
              '输入的内容只在本页显示，不会保存或上传；每打印一份，改一次姓名。</p>\n')


def evaluation_page(ctx: RenderContext, course: Course) -> str:
    """The 培训效果评估表: scale items to tick (5 非常满意 … 1 很不满意) and open questions, one A4
    page, anonymous; the trainer tallies returned forms in 评估汇总.xlsx."""
    src = printout_src(course.id, EVALUATION)
    head = "".join(f"<th>{esc(word)}<br>{5 - i}</th>" for i, word in enumerate(EVALUATION_SCALE))
    rows = "".join(f'<tr><td class="std-eval__no">{n}</td><td class="std-eval__item">{esc(item)}</td>'
                   + '<td><span class="std-box"></span></td>' * len(EVALUATION_SCALE) + "</tr>"
                   for n, item in enumerate(EVALUATION_ITEMS, start=1))
    questions = "".join(f'<li><p>{esc(q)}</p><div class="std-eval__lines"></div></li>' for q in EVALUATION_QUESTIONS)
    xlsx = ctx.links.rel(src, evaluation_xlsx(course.id, course.title))
    download = f'<a class="std-printbtn" href="{html_attr(xlsx)}" download>下载评估汇总表（Excel）</a> '
    return (front_matter(f"培训效果评估表：{course.title}", search=PRINTOUT)
            + '<div class="std-printout std-eval">'
            f'<h1 class="std-printout__title">培训效果评估表</h1>'
            f'<p class="std-printout__subtitle">课程：{esc(course.title)}</p>'
            f'<p class="std-fills">{_fill("培训日期")}{_fill("授课讲师")}</p>'
            f'<p class="std-eval__how">请在每项后相应的方框内打“✓”（5 分为非常满意，1 分为很不满意）。本表不记名。</p>'
            f'<table class="std-eval__table"><thead><tr><th>序号</th><th>评估项目</th>{head}</tr></thead>'
            f'<tbody>{rows}</tbody></table>'
            f'<ol class="std-eval__open">{questions}</ol>'
            f'<p class="std-eval__thanks">感谢您的评价！请将本表交给培训组织人员。</p>'
            '</div>\n\n'
            + printout_tools(ctx, src, course, "打印评估表", download))

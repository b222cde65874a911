"""An exam course (front matter `exam`): the 交卷 panel of its page with the learner's result
sheet, the printable 试卷 (questions only: no answer anywhere in its HTML) and the trainer's
答案 (marked 讲师版 on every printed page).

The page scores in the browser (assets/exam.js): the panel carries the pass mark as an exact
fraction and each question its integer weight (derive/exams.py). Name and unit typed on the
result sheet stay on the page: nothing is stored or sent.
"""
from __future__ import annotations

from fractions import Fraction

from ..derive import exams
from ..model import Course, Question
from ..urls import ANSWERS, PAPER, printout_src
from .blocks.parts import num
from .blocks.quiz import explain_html, key_text, letter, question_head
from .common import esc, front_matter
from .context import RenderContext
from .printouts import PRINTOUT, printout_tools

RULES = "单选题、判断题只选一项；多选题须选出全部正确选项，少选、多选均不得分。"


def _amount(value: Fraction) -> str:
    return num(float(value)) if value.denominator != 1 else str(value.numerator)


def exam_summary(course: Course) -> str:
    """`本考试共 12 题，各题分值合计 20 分，按百分制计分，60 分及以上为通过（答对的分值须达到 12 分）。`"""
    total = exams.total_points(course)
    need, least = exams.pass_points(course), exams.reachable_pass_points(course)
    points = (f"答对的分值须达到 {_amount(least)} 分" if need == least else
              f"合计的 {num(course.exam.pass_mark)}% 为 {_amount(need)} 分，按各题分值实际须答对 {_amount(least)} 分")
    return (f"本考试共 {len(exams.questions(course))} 题，各题分值合计 {_amount(total)} 分，按百分制计分，"
            f"{num(course.exam.pass_mark)} 分及以上为通过（{points}）。")


def exam_panel(ctx: RenderContext, course: Course) -> str:
    """The 交卷 section after the questions: rules, the button, the result and the result sheet."""
    mark = exams.exact(course.exam.pass_mark)
    count = len(exams.questions(course))
    sheet_rows = "".join(
        f'<tr><th scope="row">{label}</th><td{attr}>{cell}</td></tr>'
        for label, attr, cell in (
            ("课程", "", esc(course.title)),
            ("姓名", "", '<input type="text" class="std-typed" autocomplete="off" aria-label="姓名（只在本页填写，不保存）">'),
            ("单位", "", '<input type="text" class="std-typed" autocomplete="off" aria-label="单位（只在本页填写，不保存）">'),
            ("考试日期", " data-std-exam-date", ""),
            ("得分", " data-std-exam-sheet-score", ""),
            ("结果", " data-std-exam-sheet-verdict", "")))
    return (f'<div class="std-exam" id="exam-panel" data-std-exam data-pass-num="{mark.numerator}" '
            f'data-pass-den="{mark.denominator}" data-shuffle="{1 if course.exam.shuffle else 0}" data-search-exclude>'
            f'<p class="std-exam__rules">{esc(exam_summary(course))}{RULES}'
            f'作答只在本机浏览器中计分，不上传、不保存。</p>'
            f'<p class="std-exam__tools"><button type="button" class="std-exam__submit" data-std-exam-submit>交卷</button> '
            f'<button type="button" class="std-printbtn" data-std-exam-retry hidden>重新作答</button></p>'
            f'<p class="std-exam__notice" data-std-exam-notice role="status" aria-live="polite" hidden></p>'
            f'<div class="std-exam__result" data-std-exam-result role="status" aria-live="polite" hidden>'
            f'<p class="std-exam__score">得分：<strong data-std-exam-score></strong>'
            f'<span class="std-exam__verdict" data-std-exam-verdict></span></p>'
            f'<p class="std-exam__detail" data-std-exam-detail></p>'
            f'<p>每道题的正确答案和解析已显示在题目下方。</p></div>'
            f'<section class="std-exam-sheet" data-std-exam-sheet hidden aria-label="成绩单">'
            f'<h2 class="std-exam-sheet__title">考试成绩单</h2>'
            f'<table class="std-exam-sheet__info">{sheet_rows}</table>'
            f'<table class="std-exam-sheet__answers"><thead><tr><th>题号</th><th>题型</th><th>分值</th><th>结果</th></tr>'
            f'</thead><tbody data-std-exam-rows></tbody></table>'
            f'<p class="std-exam-sheet__note">共 {count} 题。姓名和单位只在本页填写后打印，不会保存或上传。</p>'
            f'<p class="std-exam-sheet__tools"><button type="button" class="std-printbtn" data-std-print="result">'
            f'打印成绩单</button></p></section></div>')


def _paper_head(course: Course, subtitle: str) -> str:
    return (f'<h1 class="std-printout__title">{esc(course.title)}</h1>'
            f'<p class="std-printout__subtitle">{subtitle}</p>')


def _options(q: Question, show_key: bool) -> str:
    """Lettered options behind a box to tick (ticked for the right ones on the 答案)."""
    return "".join(('<li><span class="std-box std-box--key">✓</span> ' if show_key and i in q.answers
                    else '<li><span class="std-box"></span> ') + f'{letter(i)}. {esc(text)}</li>'
                   for i, text in enumerate(q.options))


def paper_page(ctx: RenderContext, course: Course) -> str:
    """The printable 试卷: questions, options with boxes, blanks for name, unit, date and score.
    Nothing derived from the answers is in this page."""
    src = printout_src(course.id, PAPER)
    items = "".join(f'<li class="std-paper__item"><p class="std-paper__q">{question_head(q, True)}</p>'
                    f'<ol class="std-paper__options">{_options(q, False)}</ol></li>'
                    for q in exams.questions(course))
    blanks = "".join(f'<span class="std-fill">{label}：<span class="std-fill__line"></span></span>'
                     for label in ("姓名", "单位", "日期", "得分"))
    return (front_matter(f"试卷：{course.title}", search=PRINTOUT)
            + '<div class="std-printout std-paper">'
            + _paper_head(course, "考试试卷")
            + f'<p class="std-fills">{blanks}</p>'
            f'<p class="std-paper__rules">{esc(exam_summary(course))}{RULES}</p>'
            f'<ol class="std-paper__list">{items}</ol></div>\n\n'
            + printout_tools(ctx, src, course, "打印试卷"))


def answers_page(ctx: RenderContext, course: Course) -> str:
    """The trainer's 答案: a quick table (题号 → 答案) then every question with its right options
    ticked and the explanation; marked 讲师版 on screen and on every printed page."""
    src = printout_src(course.id, ANSWERS)
    questions = exams.questions(course)
    quick = "".join(f"<tr><td>{n}</td><td>{q.kind}</td><td>{esc(num(q.points))}</td>"
                    f"<td>{esc('、'.join(letter(i) for i in q.answers))}</td></tr>"
                    for n, q in enumerate(questions, start=1))
    items = "".join(
        f'<li class="std-paper__item"><p class="std-paper__q">{question_head(q, True)}</p>'
        f'<ol class="std-paper__options">{_options(q, True)}</ol>'
        f'<p class="std-answers__key"><strong>答案：</strong>{esc(key_text(q))}</p>'
        + (f'<p class="std-answers__explain"><strong>解析：</strong>{explain_html(q.explain, src, course, ctx)}</p>'
           if q.explain else "")
        + "</li>"
        for q in questions)
    return (front_matter(f"答案（讲师版）：{course.title}", search=PRINTOUT)
            + '<div class="std-printout std-printout--trainer std-answers">'
            '<p class="std-trainer-banner">讲师版：本页含考试答案，供讲师阅卷使用，请勿发给学员。</p>'
            + _paper_head(course, "考试答案（讲师版）")
            + f'<p class="std-paper__rules">{esc(exam_summary(course))}</p>'
            f'<h2 class="std-answers__heading">答案速查</h2>'
            f'<table class="std-answers__quick"><thead><tr><th>题号</th><th>题型</th><th>分值</th><th>答案</th></tr></thead>'
            f'<tbody>{quick}</tbody></table>'
            f'<h2 class="std-answers__heading">答案与解析</h2>'
            f'<ol class="std-paper__list">{items}</ol></div>\n\n'
            + printout_tools(ctx, src, course, "打印答案"))


"""Training pages: the course index (by audience) and one page per course, with its printouts
(printouts.py: 签到表, 结业证书, 评估表; exam.py: 试卷, 答案) and the sessions held (sessions.py).

A course page serves two views from one source: the learner view (default) hides the
`!!! instructor` notes and the quiz answers; the 讲师视图 switch (assets/training.js) shows them.
Printing follows the current view: the learner handout (no notes, no answers) or the trainer
printout (notes and answers, marked 讲师版 on every page). Trainer notes are wrapped in a
`data-search-exclude` block so that they never reach the search index. The `!!! keypoints`
boxes are for everyone, and gathered again at the end in 要点回顾.
"""
from __future__ import annotations

import re

from ..escape import html_attr
from ..derive import courses as facts
from ..load.markdown import ADMONITION, MODULE_MINUTES, scan
from ..model import AUDIENCES, Block, Course
from ..text import normalize_code
from ..urls import (ANSWERS, CERTIFICATE, EVALUATION, PAPER, SESSIONS, TRAINING, course_src, evaluation_xlsx,
                    printout_src, signin_src, standard_src)
from ..validate.references import course_references
from .blocks import render_block
from .blocks.parts import num
from .blocks.quiz import render_quiz
from .body import render_body
from .common import LISTING, badge, esc, front_matter, table
from .context import RenderContext
from .exam import answers_page, exam_panel, paper_page
from .poster import qr_figure
from .printouts import certificate_page, evaluation_page, minutes_text, signin_page
from .sessions import hours_text, session_date, sessions_page

INDEX = TRAINING
COURSE_BOOST = {"boost": 0.6}      # a course ranks below the standards it teaches for the same words
AUDIENCE_IDS = {"领导干部": "leaders", "管理人员": "managers", "一线职工": "staff", facts.NO_AUDIENCE: "other"}

# private-use markers placed in the body before render_body and expanded afterwards
_MARK_MODULE = "\ue000module:{}\ue000"
_MARK_MINUTES = "\ue000minutes:{}\ue000"
_MARK_INSTRUCTOR = "\ue000instructor\ue000"
_MODULE_RE = re.compile("\ue000module:(\\d+)\ue000.*$")
_MINUTES_RE = re.compile("^\ue000minutes:(\\d+)\ue000$")


def pages(ctx: RenderContext) -> dict[str, str]:
    out = {INDEX: index_page(ctx), SESSIONS: sessions_page(ctx)}
    for course in ctx.catalog.project.courses:
        out[course_src(course.id)] = course_page(ctx, course)
        out[signin_src(course.id)] = signin_page(ctx, course)
        out[printout_src(course.id, CERTIFICATE)] = certificate_page(ctx, course)
        out[printout_src(course.id, EVALUATION)] = evaluation_page(ctx, course)
        if course.exam is not None:
            out[printout_src(course.id, PAPER)] = paper_page(ctx, course)
            out[printout_src(course.id, ANSWERS)] = answers_page(ctx, course)
    return out


def nav(ctx: RenderContext) -> list:
    """Training index, the courses (by audience, then id), then the sessions held."""
    return ([INDEX] + [{c.title: course_src(c.id)} for c in ordered(ctx.catalog.project.courses)]
            + [{"参训记录": SESSIONS}])


def ordered(courses: tuple[Course, ...]) -> list[Course]:
    return sorted(courses, key=lambda c: (min(facts.audience_order(a) for a in facts.audiences(c)), c.id))


# -- shared fragments ---------------------------------------------------------------------------
def _audience_tags(course: Course) -> str:
    return " ".join(f'<span class="std-tag">{esc(a)}</span>' for a in facts.audiences(course))


def _standard_links(ctx: RenderContext, page_src: str, codes) -> str:
    cat = ctx.catalog
    parts = []
    for code in codes:
        s = cat.by_code.get(code)
        if s is not None:
            parts.append(ctx.links.a(page_src, standard_src(s.slug), f"{s.code} {s.title}") + " " + badge(cat.status[code]))
    return "；".join(parts)


# -- index --------------------------------------------------------------------------------------
def index_page(ctx: RenderContext) -> str:
    """One section per audience; each course with its length, objectives and standards."""
    courses = ctx.catalog.project.courses
    out = [front_matter("培训课程", search=LISTING), "# 培训课程\n\n"]
    sessions_link = ctx.links.a(INDEX, SESSIONS, "参训记录")
    if not courses:
        out.append("<p>暂无培训课程。</p>\n")
        return "".join(out)
    out.append(f"<p>面向领导干部、管理人员和一线职工的机关事务标准化培训课程，共 {len(courses)} 门。"
               f"已举办的培训见{sessions_link}。</p>\n\n")
    groups = list(AUDIENCES) + ([facts.NO_AUDIENCE] if any(not c.audience for c in courses) else [])
    for audience in groups:
        members = [c for c in ordered(courses) if audience in facts.audiences(c)]
        out.append(f"## {esc(audience)} {{#{AUDIENCE_IDS[audience]}}}\n\n")
        if not members:
            out.append(f'<p class="std-course-none">暂无面向{esc(audience)}的课程。</p>\n\n')
            continue
        for course in members:
            out.append(_course_card(ctx, course) + "\n\n")
    return "".join(out)


def _course_card(ctx: RenderContext, course: Course) -> str:
    objectives = "".join(f"<li>{esc(o)}</li>" for o in course.objectives)
    standards = _standard_links(ctx, INDEX, course.standards)
    exam = ' <span class="std-tag std-tag--exam">考试</span>' if course.exam else ""
    parts = [f'<div class="std-course-card"><h3 class="std-course-card__title">'
             f'{ctx.links.a(INDEX, course_src(course.id), course.title)}{exam}</h3>',
             f'<p class="std-course-card__meta">时长：{minutes_text(facts.length(course))} · '
             f'{len(course.modules)} 个模块 · 培训对象：{_audience_tags(course)}</p>']
    if objectives:
        parts.append(f'<p class="std-course-card__label">学习目标</p><ul>{objectives}</ul>')
    if standards:
        parts.append(f'<p class="std-course-card__label">相关标准</p><p>{standards}</p>')
    parts.append("</div>")
    return "".join(parts)


# -- course page --------------------------------------------------------------------------------
def course_page(ctx: RenderContext, course: Course) -> str:
    src = course_src(course.id)
    cat = ctx.catalog
    description = course.objectives[0] if course.objectives else course.title
    qr = qr_figure(ctx, course.page, "扫一扫，手机打开本课程")
    out = [front_matter(course.title, description=description, search=COURSE_BOOST),
           f'<h1 class="std-course-title">{esc(course.title)}</h1>\n\n',
           _print_marks(), _toolbar(ctx, course, src), _warning_box(ctx, course, src),
           f'<div class="std-course-qr">{qr}</div>\n\n' if qr else ""]
    if course.objectives:
        out.append("## 学习目标 {#objectives}\n\n<ul class=\"std-course-objectives\">"
                   + "".join(f"<li>{esc(o)}</li>" for o in course.objectives) + "</ul>\n\n")
    if course.modules:
        out.append("## 课程安排 {#modules}\n\n" + _modules_table(ctx, course, src) + "\n\n")
    standards = _standards_table(ctx, course, src)
    if standards:
        out.append("## 相关标准 {#standards}\n\n" + standards + "\n\n")
    if course.attachments:
        items = "".join(f'<li><a href="{html_attr(ctx.links.rel(src, a.target))}">{esc(a.title)}</a> '
                        f'<span class="std-muted">（{esc(a.target.rsplit(".", 1)[-1].upper())}）</span></li>'
                        for a in course.attachments)
        out.append(f'## 课件与资料 {{#attachments}}\n\n<ul class="std-attachments">{items}</ul>\n\n')
    out.append(course_body(ctx, course, src) + "\n")
    if course.exam is not None:
        out.append("\n## 交卷 {#exam}\n\n" + ctx.keep(exam_panel(ctx, course)) + "\n\n")
    review = _keypoints_review(ctx, course, src)
    if review:
        out.append("\n## 要点回顾 {#keypoints}\n\n" + review + "\n")
    held = [s for s in cat.project.sessions if s.course == course.id]
    if held:
        rows = [[session_date(s.date, cat.as_of), esc(s.place or "—"), esc(s.trainer or "—"), esc(s.attendees),
                 hours_text(s.hours) if s.hours is not None else "—"]
                for s in sorted(held, key=lambda s: (s.date, s.place or ""))]
        out.append("\n## 举办记录 {#sessions}\n\n" + table(["日期", "地点", "讲师", "参训人数", "每人学时"], rows) + "\n")
    return "".join(out)


def _print_marks() -> str:
    """Printed only: which printout this is (assets/training.css shows one of them on every page)."""
    return ('<p class="std-print-mark" aria-hidden="true" data-search-exclude>'
            '<span class="std-print-mark__learner">学员讲义</span>'
            '<span class="std-print-mark__trainer">讲师版 · 含讲师提示与答案 · 请勿发给学员</span></p>\n\n')


def _keypoints_review(ctx: RenderContext, course: Course, src: str) -> str:
    """要点回顾: every module's `!!! keypoints`, under the module's title (linked)."""
    parts = []
    for group in facts.keypoints(course):
        heading = (f'<a href="#module-{group.module}">{esc(group.title)}</a>' if group.module
                   else esc(group.title))
        text = render_body("\n".join(group.lines), 1, src, ctx.catalog, ctx.links, (), lambda b: "")
        parts.append(f'<div class="std-keypoints" markdown="1">\n\n<p class="std-keypoints__module">{heading}</p>\n\n'
                     f'{text}\n\n</div>')
    return "\n\n".join(parts)


def _toolbar(ctx: RenderContext, course: Course, src: str) -> str:
    def link(target: str, text: str, cls: str = "") -> str:
        return f'<a class="std-printbtn{cls}" href="{html_attr(ctx.links.rel(src, target))}">{text}</a> '

    papers = ""
    if course.exam is not None:
        papers = (link(printout_src(course.id, PAPER), "试卷")
                  + link(printout_src(course.id, ANSWERS), "答案（讲师版）", " std-trainer-only"))
    exam = f' · 考试，百分制 {num(course.exam.pass_mark)} 分及以上通过' if course.exam else ""
    return (f'<div class="std-course-bar" data-search-exclude>'
            f'<p class="std-course-bar__meta">培训对象：{_audience_tags(course)} · 时长：{minutes_text(facts.length(course))}'
            f' · {len(course.modules)} 个模块{exam}</p>'
            f'<p class="std-course-bar__tools">'
            f'<button type="button" class="std-viewswitch" data-std-view-switch aria-pressed="false" '
            f'title="显示或隐藏讲师提示与测验答案">讲师视图</button> '
            f'<button type="button" class="std-printbtn" data-std-print="learner">打印学员讲义</button> '
            f'<button type="button" class="std-printbtn" data-std-print="trainer">打印讲师版</button></p>'
            '<p class="std-course-bar__tools"><span class="std-course-bar__label">培训资料：</span>'
            + link(signin_src(course.id), "签到表") + papers
            + link(printout_src(course.id, CERTIFICATE), "结业证书") + link(printout_src(course.id, EVALUATION), "评估表")
            + link(evaluation_xlsx(course.id, course.title), "评估汇总.xlsx", " std-trainer-only")
            + '</p>'
            '<p class="std-course-bar__view" data-std-view-label>当前为学员视图：讲师提示与测验答案已隐藏。</p>'
            '</div>\n\n')


def _warning_box(ctx: RenderContext, course: Course, src: str) -> str:
    stale = facts.not_current(course, ctx.catalog)
    if not stale:
        return ""
    cat = ctx.catalog
    items = []
    for c in stale:
        s = cat.by_code[c.code]
        extra = ""
        if c.status == "被代替":
            by = [cat.by_code[b] for b in cat.replaced_by.get(c.code, []) if b in cat.by_code]
            if by:
                extra = "，现行标准为 " + "、".join(ctx.links.a(src, standard_src(b.slug), b.code) for b in by)
        items.append(f"<li>{ctx.links.a(src, standard_src(s.slug), f'{s.code} {s.title}')} {badge(c.status)}{extra}</li>")
    return (f'<div class="std-course-warning" role="note" data-search-exclude>'
            f'<p><strong>注意：</strong>本课程引用的以下标准截至 {cat.as_of.isoformat()} 不是现行标准，'
            f'讲授和学习时请以现行标准为准：</p><ul>{"".join(items)}</ul></div>\n\n')


def _modules_table(ctx: RenderContext, course: Course, src: str) -> str:
    rows = []
    for n, module in enumerate(course.modules, start=1):
        rows.append([str(n), f'<a href="#module-{n}">{esc(module.title)}</a>',
                     esc(module.minutes) if module.minutes is not None else "—"])
    total = facts.module_minutes(course)
    total_text = f"{total}" if total is not None else "—"
    if course.minutes is not None and total is not None and total != course.minutes:
        total_text += f'<span class="std-course-mismatch">（课程总时长为 {course.minutes} 分钟）</span>'
    rows.append(["", "<strong>合计</strong>", f"<strong>{total_text}</strong>"])
    return table(["序号", "模块", "时长（分钟）"], rows, "std-table std-course-modules")


def _standards_table(ctx: RenderContext, course: Course, src: str) -> str:
    """The standards the course teaches and cites, with the clauses it links to."""
    cat = ctx.catalog
    codes = list(course.standards) + [c.code for c in facts.cited(course, cat) if c.code not in course.standards]
    clauses = _cited_clauses(course)
    rows = []
    for code in codes:
        s = cat.by_code.get(code)
        if s is None:
            continue
        titles = {c.number: c.title for c in s.clauses}
        links = "、".join(ctx.links.a(src, standard_src(s.slug), f"{n} {titles.get(n, '')}".strip(), anchor=n)
                         for n in clauses.get(code, []))
        rows.append([ctx.links.a(src, standard_src(s.slug), s.code, cls="std-code"), esc(s.title),
                     badge(cat.status[code]), links or "—"])
    if not rows:
        return ""
    return table(["编号", "名称", "状态", "涉及条款"], rows)


def _cited_clauses(course: Course) -> dict[str, list[str]]:
    """code -> clause numbers linked from the body and the quiz explanations, in order."""
    out: dict[str, list[str]] = {}
    for ref in course_references(course):
        if ref.code and ref.clause:
            numbers = out.setdefault(normalize_code(ref.code), [])
            if ref.clause not in numbers:
                numbers.append(ref.clause)
    return out


def course_body(ctx: RenderContext, course: Course, src: str) -> str:
    """The course's Markdown body as page Markdown: module anchors and lengths, quizzes, and
    trainer notes wrapped in a search-excluded block."""
    marked = _mark(course)

    def render(block: Block) -> str:
        if block.kind == "quiz" and block.parsed is not None:
            return render_quiz(ctx, block, src, course)
        return ctx.keep_block(render_block(ctx, block, src, course))

    text = render_body(marked, course.body_line, src, ctx.catalog, ctx.links, course.blocks, render)
    return _expand(text)


def _mark(course: Course) -> str:
    """Put markers on module headings, minutes comments and instructor admonitions (same lines)."""
    lines = course.body.split("\n")
    fences = scan(course.body, course.body_line)[1]
    fenced = {line for _, _, first, last in fences for line in range(first, last + 1)}
    module_at = {m.line: (n, m) for n, m in enumerate(course.modules, start=1)}
    for index, text in enumerate(lines):
        line = course.body_line + index
        if line in fenced:
            continue
        if line in module_at:
            n, _ = module_at[line]
            lines[index] = re.sub(r"[ \t]+#+[ \t]*$", "", text.rstrip()) + " " + _MARK_MODULE.format(n)
        elif MODULE_MINUTES.match(text):
            n, module = module_at.get(line - 1, (None, None))
            lines[index] = _MARK_MINUTES.format(module.minutes) if module and module.minutes is not None else ""
        elif (m := ADMONITION.match(text)) and m.group(2) == "instructor":
            lines[index] = _MARK_INSTRUCTOR + text
    return "\n".join(lines)


def _expand(text: str) -> str:
    """Turn the markers back into Markdown/HTML after render_body."""
    out: list[str] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        m = _MODULE_RE.search(line)
        if m:
            out.append(line[: m.start()].rstrip() + f" {{#module-{m.group(1)}}}")
            continue
        m = _MINUTES_RE.match(line)
        if m:
            out.extend(["", f'<p class="std-module-minutes">本模块 {m.group(1)} 分钟</p>', ""])
            continue
        if line.startswith(_MARK_INSTRUCTOR):
            head = ADMONITION.match(line[len(_MARK_INSTRUCTOR):])
            title = head.group(3).strip() if head else ""
            marker = head.group(1) if head else "!!!"
            out.extend(["", '<div class="std-instructor" data-search-exclude="true" markdown="1">', "",
                        f'{marker} instructor {title or chr(34) + "讲师提示" + chr(34)}'])
            inner: list[str] = []
            while index < len(lines) and (not lines[index].strip() or lines[index].startswith(("    ", "\t"))):
                inner.append(lines[index])
                index += 1
            while inner and not inner[-1].strip():
                inner.pop()
            out.extend(inner)
            out.extend(["", "</div>", ""])
            continue
        out.append(line)
    return "\n".join(out)

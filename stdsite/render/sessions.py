"""Training sessions held (training_sessions.yaml) and the printable sign-in sheet of a course."""
from __future__ import annotations

import datetime as dt

from ..derive import courses as facts
from ..model import AUDIENCES, Course
from ..urls import SESSIONS, course_src, signin_src
from .common import LISTING, esc, front_matter, table
from .context import RenderContext

SIGNIN_ROWS = 20


def minutes_text(value: int | None) -> str:
    return f"{value} 分钟" if value is not None else "时长未定"


def session_date(day: dt.date, as_of: dt.date) -> str:
    """A session's date, tagged 待举行 when it is after the as-of date."""
    return esc(day.isoformat()) + ("" if day <= as_of else ' <span class="std-tag">待举行</span>')


def signin_page(ctx: RenderContext, course: Course) -> str:
    """A printable 签到表: course, blanks for date and place, rows for name, unit and signature."""
    src = signin_src(course.id)
    rows = "".join(f'<tr><td class="std-signin__no">{n}</td><td></td><td></td><td></td></tr>'
                   for n in range(1, SIGNIN_ROWS + 1))
    back = ctx.links.a(src, course_src(course.id), "返回课程页")
    return (front_matter(f"签到表：{course.title}", search={"exclude": True})
            + '<div class="std-signin">'
            f'<h1 class="std-signin__title">培训签到表</h1>'
            f'<p class="std-signin__course">课程：{esc(course.title)}</p>'
            f'<p class="std-signin__fields"><span>培训日期：<span class="std-signin__blank"></span></span>'
            f'<span>培训地点：<span class="std-signin__blank"></span></span>'
            f'<span>授课讲师：<span class="std-signin__blank"></span></span></p>'
            f'<p class="std-signin__fields"><span>培训对象：{esc("、".join(facts.audiences(course)))}</span>'
            f'<span>课程时长：{minutes_text(facts.length(course))}</span></p>'
            f'<table class="std-signin__table"><thead><tr><th class="std-signin__no">序号</th><th>姓名</th>'
            f'<th>单位</th><th>签名</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="std-signin__fields"><span>应到人数：<span class="std-signin__blank std-signin__blank--short"></span></span>'
            f'<span>实到人数：<span class="std-signin__blank std-signin__blank--short"></span></span></p>'
            '</div>\n\n'
            f'<p class="std-signin__tools" data-search-exclude><button type="button" class="std-printbtn" '
            f'data-std-print="sheet">打印签到表</button> {back}</p>\n')


def sessions_page(ctx: RenderContext) -> str:
    """Each session from training_sessions.yaml, with attendance totals per course and per audience."""
    cat = ctx.catalog
    courses = cat.courses_by_id
    out = [front_matter("参训记录", search=LISTING), "# 参训记录\n\n"]
    sessions = sorted(cat.project.sessions, key=lambda s: (s.date, s.course, s.place or ""))
    if not sessions:
        out.append("<p>暂无培训记录。举办培训后，请在 standards_src/training_sessions.yaml 中登记日期、课程、地点和参训人数。</p>\n")
        return "".join(out)
    held = [s for s in sessions if s.date <= cat.as_of]
    total = sum(s.attendees for s in held)
    out.append(f"<p>截至 {cat.as_of.isoformat()}，共举办培训 {len(held)} 场，参训 {total} 人次。</p>\n\n")

    def course_cell(course_id: str) -> str:
        course = courses.get(course_id)
        return ctx.links.a(SESSIONS, course_src(course.id), course.title) if course else esc(course_id)

    rows = []
    for s in sessions:
        course = courses.get(s.course)
        rows.append([session_date(s.date, cat.as_of), course_cell(s.course), esc("、".join(facts.audiences(course)) if course else "—"),
                     esc(s.place or "—"), esc(s.attendees)])
    out.append("## 培训场次 {#list}\n\n" + table(["日期", "课程", "培训对象", "地点", "参训人数"], rows) + "\n\n")

    by_course: dict[str, list[int]] = {}
    for s in held:
        entry = by_course.setdefault(s.course, [0, 0])
        entry[0] += 1
        entry[1] += s.attendees
    course_rows = [[course_cell(cid), str(n), str(people)]
                   for cid, (n, people) in sorted(by_course.items(), key=lambda kv: (-kv[1][1], kv[0]))]
    course_rows.append(["<strong>合计</strong>", f"<strong>{len(held)}</strong>", f"<strong>{total}</strong>"])
    out.append("## 按课程统计 {#by-course}\n\n" + table(["课程", "场次", "参训人次"], course_rows) + "\n\n")

    by_audience: dict[str, list[int]] = {}
    for s in held:
        course = courses.get(s.course)
        for audience in (facts.audiences(course) if course else (facts.NO_AUDIENCE,)):
            entry = by_audience.setdefault(audience, [0, 0])
            entry[0] += 1
            entry[1] += s.attendees
    audience_rows = [[esc(a), str(by_audience.get(a, [0, 0])[0]), str(by_audience.get(a, [0, 0])[1])]
                     for a in list(AUDIENCES) + [x for x in by_audience if x not in AUDIENCES]]
    out.append("## 按培训对象统计 {#by-audience}\n\n" + table(["培训对象", "场次", "参训人次"], audience_rows)
               + '\n\n<p class="std-course-note">面向多类对象的课程，其参训人次计入每一类对象，'
                 "因此各类对象之和可能大于总人次。尚未举行的场次不计入统计。</p>\n")
    return "".join(out)

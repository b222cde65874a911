"""The 参训记录 page: every session of training_sessions.yaml, and 人次 and 学时 totals by year,
by audience and by course (derive/sessions.py), with a plain statement of which sessions the
看板's 培训覆盖人次 counts (the current plan period only), so the two numbers never look
contradictory."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..derive import indicators as ind
from ..derive import sessions as facts
from ..model import Session
from ..urls import DASHBOARD, SESSIONS, course_src
from .blocks.parts import num
from .common import LISTING, esc, front_matter, table
from .context import RenderContext


def session_date(day: dt.date, as_of: dt.date) -> str:
    """A session's date, tagged 待举行 when it is after the as-of date."""
    return esc(day.isoformat()) + ("" if day <= as_of else ' <span class="std-tag">待举行</span>')


def hours_text(value: Decimal | float) -> str:
    """学时 without trailing zeros, thousands separated like 人次: 270, 1.5, 7,671, 1,130.5."""
    if value == int(value):
        return f"{int(value):,}"
    whole, _, fraction = num(float(value)).partition(".")
    return f"{int(whole):,}.{fraction}"


def _where(s: Session) -> str:
    """举办单位 and 地点 in one cell (the unit first, the place below it)."""
    parts = [esc(v) for v in (s.unit, s.place) if v]
    return "<br>".join(parts) or "—"


def _hours_cell(s: Session) -> str:
    """The session's 学时 (attendees × hours) with the hours per person below it, or 学时未填."""
    if s.hours is None:
        return '<span class="std-muted">学时未填</span>'
    return f'{hours_text(facts.person_hours(s))}<br><span class="std-muted">每人 {hours_text(s.hours)}</span>'


def _totals_row(label: str, t: facts.Totals, strong: bool = False) -> list[str]:
    missing = f'<span class="std-muted">（{t.without_hours} 场学时未填）</span>' if t.without_hours else ""
    cells = [label, str(t.sessions), f"{t.attendees:,}", hours_text(t.hours) + missing]
    return [f"<strong>{c}</strong>" for c in cells] if strong else cells


def sessions_page(ctx: RenderContext) -> str:
    """Each session, then totals by year, by audience and by course (sessions on or before D)."""
    cat = ctx.catalog
    courses = cat.courses_by_id
    out = [front_matter("参训记录", search=LISTING), "# 参训记录\n\n"]
    sessions = sorted(cat.project.sessions, key=lambda s: (s.date, s.course, s.place or ""))
    if not sessions:
        out.append("<p>暂无培训记录。</p>\n")
        return "".join(out)
    held = facts.held(cat)
    total = facts.total(held)
    exams = facts.total(s for s in held if ind.is_exam(cat, s))
    of_which = f"，其中考试课程 {exams.sessions} 场、{exams.attendees:,} 人次" if exams.sessions else ""
    what = "培训和考试" if exams.sessions else "培训"
    out.append(f"<p>截至 {cat.as_of.isoformat()}，共举办{what} {total.sessions} 场，参训 {total.attendees:,} 人次{of_which}，"
               f"合计 {hours_text(total.hours)} 学时（学时 = 参训人数 × 每人学时）。"
               f"尚未举行的场次不计入统计。</p>\n\n")
    out.append(_dashboard_note(ctx) + "\n\n")

    def course_cell(course_id: str) -> str:
        course = courses.get(course_id)
        return ctx.links.a(SESSIONS, course_src(course.id), course.title) if course else esc(course_id)

    rows = [[session_date(s.date, cat.as_of), course_cell(s.course), esc(facts.audience_of(s)), esc(s.trainer or "—"),
             _where(s), f"{s.attendees:,}", _hours_cell(s)] for s in sessions]
    out.append("## 培训场次 {#list}\n\n"
               + table(["日期", "课程", "培训对象", "讲师", "举办单位、地点", "人数", "学时"], rows, "std-table std-sessions")
               + "\n\n")

    exam_years = facts.by_year(s for s in held if ind.is_exam(cat, s))

    def with_exams(row: list[str], t: facts.Totals) -> list[str]:
        return row[:3] + [f"{t.attendees:,}"] + row[3:] if exams.sessions else row
    years = [with_exams(_totals_row(str(year), t), exam_years.get(year, facts.Totals()))
             for year, t in facts.by_year(held).items()]
    years.append(with_exams(_totals_row("合计", total, strong=True), exams))
    out.append("## 按年度统计 {#by-year}\n\n" + table(["年度", "场次", "人次"] + (["其中考试课程人次"] if exams.sessions else []) + ["学时"], years)
               + "\n\n")

    groups = [_totals_row(esc(name), t) for name, t in facts.by_audience(held).items()]
    groups.append(_totals_row("合计", total, strong=True))
    out.append("## 按培训对象统计 {#by-audience}\n\n" + table(["培训对象", "场次", "人次", "学时"], groups)
               + '\n\n<p class="std-course-note">培训对象按每场培训登记的对象统计，没有登记的计入“未注明”。</p>\n\n')

    per_course: dict[str, facts.Totals] = {}
    for s in held:
        per_course[s.course] = per_course.get(s.course, facts.Totals()).add(s)
    course_rows = [_totals_row(course_cell(cid), t)
                   for cid, t in sorted(per_course.items(), key=lambda kv: (-kv[1].attendees, kv[0]))]
    course_rows.append(_totals_row("合计", total, strong=True))
    out.append("## 按课程统计 {#by-course}\n\n" + table(["课程", "场次", "人次", "学时"], course_rows) + "\n")
    return "".join(out)


def _dashboard_note(ctx: RenderContext) -> str:
    """Which sessions the 看板's 培训覆盖人次 counts, in plain Chinese, with its number."""
    period = ctx.indicators.period
    dashboard = ctx.links.a(SESSIONS, DASHBOARD, "看板")
    if period is None:
        return (f'<p class="std-notice">{dashboard}“培训覆盖人次”只统计当前规划期内的培训；'
                f'截至 {ctx.catalog.as_of.isoformat()} 没有当前规划期，看板不统计。本页统计全部年份。</p>')
    value = ctx.indicators["training_attendance"].value
    return (f'<p class="std-notice">{dashboard}“培训覆盖人次”只统计当前规划期（{esc(period.name)}，'
            f'{period.start.isoformat()} 至 {period.end.isoformat()}）内、截至 {ctx.catalog.as_of.isoformat()} '
            f'已举办的培训，为 {value:,} 人次；考试课程的场次是已参训学员参加的考试，不计入。'
            f'本页统计全部年份和考试，所以合计人次可能大于看板上的数字。</p>')

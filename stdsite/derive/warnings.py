"""Warnings that depend on the as-of date (never errors): computed from the catalog at check time.

- a course cites a standard that is not 现行, or its modules' minutes do not add up;
- an exam's pass mark cannot be scored exactly with its questions' points (the page would name a
  score nobody can get);
- a frozen directory edition differs from what the current sources give, or has no edition;
- a directory edition whose date has passed was never published (frozen).
"""
from __future__ import annotations

from ..errors import SourceError, quote
from .catalog import Catalog
from .courses import module_minutes, not_current
from .exams import pass_points, reachable_pass_points, total_points
from .editions import frozen_path, views


def catalog_warnings(catalog: Catalog) -> list[SourceError]:
    """Every as-of warning, sorted by file and line."""
    return sorted(course_warnings(catalog) + edition_warnings(catalog), key=SourceError.sort_key)


def course_warnings(catalog: Catalog) -> list[SourceError]:
    """Advisor: not-现行 standards cited by a course; module minutes that disagree with `minutes`."""
    out: list[SourceError] = []
    for course in catalog.project.courses:
        for c in not_current(course, catalog):
            replaced = catalog.replaced_by.get(c.code, [])
            extra = f"，已被 {'、'.join(replaced)} 代替" if c.status == "被代替" and replaced else ""
            out.append(SourceError(course.path, c.line,
                                   f"课程「{course.title}」引用的标准 {quote(c.code)} 当前状态为「{c.status}」{extra}，请核对课程内容",
                                   warning=True))
        total = module_minutes(course)
        if course.minutes is not None and total is not None and total != course.minutes:
            missing = [m.title for m in course.modules if m.minutes is None]
            note = f"（模块 {'、'.join(quote(t) for t in missing)} 未标注时长）" if missing else ""
            out.append(SourceError(course.path, course.lines.get("minutes", course.line),
                                   f"各模块时长合计 {total} 分钟，与课程总时长 minutes: {course.minutes} 不一致{note}",
                                   warning=True))
        out.extend(pass_mark_warnings(course))
    return out


def _figure(value) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def pass_mark_warnings(course) -> list[SourceError]:
    """An exam whose pass mark (pass% of all points) no combination of question points reaches
    exactly: the least passing score is higher than the pass mark says."""
    if course.exam is None:
        return []
    need, least = pass_points(course), reachable_pass_points(course)
    if need == least or need <= 0:
        return []
    return [SourceError(course.path, course.exam.line,
                        f"考试合格线是各题分值合计 {_figure(total_points(course))} 分的 {course.exam.pass_mark:g}%，"
                        f"即 {_figure(need)} 分，但按各题的分值（points）凑不出这个分数，实际至少要答对 {_figure(least)} 分"
                        f"才能通过；请调整各题的 points 或合格分数 pass，使合格线正好能达到", warning=True)]


def edition_warnings(catalog: Catalog) -> list[SourceError]:
    """Warnings for frozen editions: the current sources would give a different list, or the file
    has no edition in directory.yaml."""
    project = catalog.project
    out: list[SourceError] = []
    known = {e.id for e in project.directory.editions} if project.directory else set()
    for edition_id in sorted(project.frozen_editions):
        if edition_id not in known:
            out.append(SourceError(frozen_path(project, edition_id), None,
                                   f"已发布期次文件在 directory.yaml 中没有对应的期次 {quote(edition_id)}", warning=True))
    for view in views(project, catalog.as_of):
        if not view.frozen:
            out.append(SourceError(
                f"{project.src.rstrip('/')}/directory.yaml".replace("\\", "/"), view.edition.line,
                f"目录期次 {quote(view.id)} 的日期 {view.date.isoformat()} 已过，但还没有发布（冻结）：页面标为“未发布”，"
                f"内容会随源文件变化；核对后请运行 python build.py publish {view.id}", warning=True))
        if view.frozen and view.differences:
            shown = "；".join(view.differences[:10])
            more = f"；等共 {len(view.differences)} 处" if len(view.differences) > 10 else ""
            out.append(SourceError(
                frozen_path(project, view.id), None,
                f"期次 {quote(view.id)} 已发布并冻结，页面按已发布内容显示，但按当前源文件计算的目录不同：{shown}{more}"
                f"。如属有意修改，请发布新的一期", warning=True))
    return out

"""Derived facts about training courses, shared by the training pages and the build warnings.

Sits beside catalog.py: reads the validated model and a Catalog (status as of D), never renders.
`course_warnings` is registered in advice.ADVISORS: a course citing a standard that is not 现行,
and module minutes that do not add up to the course's `minutes`, are warnings, never errors.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import body as bodies
from .catalog import Catalog
from .errors import SourceError, quote
from .fields import normalize_code
from .model import AUDIENCES, Course

NO_AUDIENCE = "未指定对象"


@dataclass(frozen=True)
class Citation:
    """A standard a course cites: in `standards` (line of that field) or as a `[[ref]]` in its text."""

    code: str
    line: int
    status: str


def cited(course: Course, catalog: Catalog) -> list[Citation]:
    """Every standard the course cites, first citation of each code, in order of appearance."""
    found: list[tuple[str, int]] = []
    standards = course.lines.get("standards", course.line)
    found.extend((code, standards) for code in course.standards)
    fences = bodies.scan(course.body, course.body_line)[1]
    for ref in bodies.references(course.body, course.body_line, fences):
        if ref.code:
            found.append((normalize_code(ref.code), ref.line))
    for block in course.blocks:
        if block.kind == "quiz" and block.parsed is not None:
            for question in block.parsed.questions:
                for m in bodies.REFERENCE.finditer(question.explain or ""):
                    ref = bodies.parse_reference(m.group(1), question.line)
                    if ref.code:
                        found.append((normalize_code(ref.code), question.line))
    out: list[Citation] = []
    seen = set()
    for code, line in found:
        if code in seen or code not in catalog.status:
            continue
        seen.add(code)
        out.append(Citation(code, line, catalog.status[code]))
    return out


def not_current(course: Course, catalog: Catalog) -> list[Citation]:
    """Cited standards whose status as of D is not 现行 (废止, 被代替, 即将实施, 制定中)."""
    return [c for c in cited(course, catalog) if c.status != "现行"]


def module_minutes(course: Course) -> int | None:
    """Sum of the modules' minutes, or None when no module states its length."""
    known = [m.minutes for m in course.modules if m.minutes is not None]
    return sum(known) if known else None


def length(course: Course) -> int | None:
    """The course's length: `minutes`, or else the modules' total."""
    return course.minutes if course.minutes is not None else module_minutes(course)


def audiences(course: Course) -> tuple[str, ...]:
    return course.audience or (NO_AUDIENCE,)


def audience_order(name: str) -> int:
    return AUDIENCES.index(name) if name in AUDIENCES else len(AUDIENCES)


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
    return out

"""Derived facts about training courses, shared by the training pages and the build warnings.

Sits beside catalog.py: reads the validated model and a Catalog (status as of D), never renders.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..load.markdown import admonitions
from ..model import AUDIENCES, Course
from ..text import normalize_code
from ..validate.references import course_references
from .catalog import Catalog

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
    found.extend((normalize_code(ref.code), ref.line) for ref in course_references(course) if ref.code)
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


@dataclass(frozen=True)
class KeyPoints:
    """The `!!! keypoints` boxes of one module (or of the text before the first module)."""

    module: int | None          # 1-based module number; None before the first module
    title: str                  # the module's title, or the course's
    lines: tuple[str, ...]      # the boxes' Markdown, indentation removed, one box after another


def keypoints(course: Course) -> list[KeyPoints]:
    """The course's key points grouped by module, in order (要点回顾)."""
    groups: dict[int | None, list[str]] = {}
    starts = [m.line for m in course.modules]
    for box in admonitions(course.body, course.body_line):
        if box.kind != "keypoints" or not any(line.strip() for line in box.content):
            continue
        module = sum(1 for start in starts if start < box.line) or None
        lines = groups.setdefault(module, [])
        if lines:
            lines.append("")
        lines.extend(box.content)
    return [KeyPoints(n, course.modules[n - 1].title if n else course.title, tuple(lines)) for n, lines in groups.items()]

"""Where a `[[...]]` reference points: every reference must resolve to a standard and its clause."""
from __future__ import annotations

from ..errors import quote
from ..load.markdown import Reference, references, scan, text_references
from ..model import Course, Quiz, Standard
from ..text import normalize_code


def reference_problem(ref: Reference, current: Standard | None, by_code: dict[str, Standard], where: str = "") -> str | None:
    """Why a reference points nowhere (a Chinese message), or None when it resolves.

    `current` is the standard whose clauses `[[#5.1]]` refers to (None in a course); `where`
    names the place in messages, e.g. "解析中"."""
    shown = quote("[[" + ref.raw + "]]")
    if ref.code is None and ref.clause is None:
        return f"{where}引用 {shown} 是空的"
    if ref.code is None:
        if current is None:
            return f"{where}引用 {shown} 缺少标准编号，如 [[Q/CQJG 101-2023#6.1]]"
        if ref.clause not in current.clause_numbers:
            return f"本标准没有条款 {quote(ref.clause)}（{where}引用 {shown}）"
        return None
    target = by_code.get(normalize_code(ref.code))
    if target is None:
        return f"{where}引用的标准 {quote(ref.code)} 不存在"
    if ref.clause and ref.clause not in target.clause_numbers:
        return f"{where}引用的标准 {quote(target.code)} 没有条款 {quote(ref.clause)}"
    return None


def body_references(body: str, body_line: int) -> list[Reference]:
    """Every `[[...]]` of a Markdown body outside code fences, with its line."""
    return references(body, body_line, scan(body, body_line)[1])


def course_references(course: Course) -> list[Reference]:
    """Every `[[...]]` a course makes: in its body, then in its quiz explanations (validated quizzes)."""
    out = body_references(course.body, course.body_line)
    for block in course.blocks:
        if isinstance(block.parsed, Quiz):
            for question in block.parsed.questions:
                out.extend(text_references(question.explain or "", question.line))
    return out

"""Where a `[[...]]` reference points: every reference must resolve to a standard and its clause.

A code without its year (`[[GB/T 41568]]`, an undated reference in GB/T 1.1's sense) means the
latest edition in the repository: among the standards with that code before the year that are not
制定中, the one with the latest `issued` (a standard without `issued` counts from 1 January of its
year), then the latest year.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..errors import quote
from ..load.markdown import Reference, references, scan, text_references
from ..model import Course, LeftOut, Quiz, Standard
from ..text import DATED_CODE, natural_key, normalize_code

LOOKS_LIKE_A_CODE = re.compile(r"[A-Za-z].*\d")        # letters then a number: GB/T 41568, Q/CQJG 101


_last_index: list = [None]          # (standards, unusable, CodeIndex) of the latest CodeIndex.of


class CodeIndex:
    """Standards by code, and the editions of each code before the year (undated references)."""

    def __init__(self, standards: Iterable[Standard], unusable: Iterable[str] = ()):
        # codes of standards left out for errors in their files (a LeftOut also knows file names)
        self.unusable = unusable if isinstance(unusable, LeftOut) else LeftOut(dict.fromkeys(unusable, ""))
        self.by_code: dict[str, Standard] = {}
        self.editions: dict[str, list[Standard]] = {}
        for s in standards:
            self.by_code[s.code] = s
            m = DATED_CODE.match(s.code)
            if m:
                self.editions.setdefault(m.group(1), []).append(s)

    @classmethod
    def of(cls, standards: tuple[Standard, ...], unusable: Iterable[str] = ()) -> "CodeIndex":
        """The index of these very standards, built once: every quiz of every course looks codes
        up, and building it per quiz made `check` quadratic in the corpus."""
        last = _last_index[0]
        if last is not None and last[0] is standards and last[1] is unusable:
            return last[2]
        index = cls(standards, unusable)
        _last_index[0] = (standards, unusable, index)
        return index

    def find(self, code: str) -> tuple[Standard | None, bool]:
        """(the standard a reference's code names or None, whether it is an undated reference
        resolved to the latest edition)."""
        code = normalize_code(code)
        if code in self.by_code or DATED_CODE.match(code):
            return self.by_code.get(code), False
        return self.latest(code), True

    def latest(self, stem: str) -> Standard | None:
        """The latest edition in force or published of `stem` (a code without its year)."""
        published = [s for s in self.editions.get(stem, ()) if s.effective is not None]
        if not published:
            return None

        def key(s: Standard) -> tuple:
            year = int(DATED_CODE.match(s.code).group(2))
            return s.issued or dt.date(year, 1, 1), year, natural_key(s.code)
        return max(published, key=key)

    def left_out(self, code: str) -> bool:
        """True when `code` (or, undated, an edition of it) is a standard whose file has errors
        (reported there): references to it are not reported as well."""
        code = normalize_code(code)
        return code in self.unusable or self.unusable.has_edition_of(code)

    def missing(self, code: str, where: str = "") -> str:
        """Why a code names no standard (a Chinese message)."""
        code = normalize_code(code)
        if DATED_CODE.match(code) or code in self.by_code:
            return f"{where}引用的标准 {quote(code)} 不存在"
        if self.editions.get(code):
            return (f"{where}不写年号的引用 {quote(code)} 没有可用的版本：库中的 "
                    f"{'、'.join(s.code for s in self.editions[code])} 都在制定中")
        if not LOOKS_LIKE_A_CODE.search(code):
            return (f"{where}引用 {quote(code)} 不是标准编号：[[ ]] 中请写标准编号（可加 #条款号），"
                    f"如 [[DB50/T 1016-2020#5.1]]")
        return f"{where}不写年号的引用 {quote(code)} 在库中没有任何一版（如 {code}-2024），请写完整编号或先登记该标准"


def reference_problem(ref: Reference, current: Standard | None, codes: CodeIndex, where: str = "") -> str | None:
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
    target, latest = codes.find(ref.code)
    if target is None:
        return None if codes.left_out(ref.code) else codes.missing(ref.code, where)
    if ref.clause and ref.clause not in target.clause_numbers:
        named = f"{quote(normalize_code(ref.code))}（最新版为 {target.code}）" if latest else quote(target.code)
        return f"{where}引用的标准 {named} 没有条款 {quote(ref.clause)}"
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

"""Derived facts as of a date D: status, replaced_by, due reviews; one Catalog every page reads.

Status is derived, never stored:
no effective -> 制定中; effective > D -> 即将实施; abolished <= D -> 废止;
replaced by a standard effective <= D -> 被代替; otherwise 现行.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..model import STATUSES, Case, Course, Document, Pilot, Project, Standard
from ..text import natural_key, years_after, years_before
from ..validate.references import CodeIndex, body_references


def standard_status(standard: Standard, replaced_by: list[Standard], as_of: dt.date) -> str:
    if standard.effective is None:
        return "制定中"
    if standard.effective > as_of:
        return "即将实施"
    if standard.abolished is not None and standard.abolished <= as_of:
        return "废止"
    if any(s.effective is not None and s.effective <= as_of for s in replaced_by):
        return "被代替"
    return "现行"


def issued_by(standard: Standard, day: dt.date) -> bool:
    """"Issued by D": issued <= D, or effective <= D where issued is absent."""
    if standard.issued is not None:
        return standard.issued <= day
    return standard.effective is not None and standard.effective <= day


def document_status(document: Document, as_of: dt.date) -> str:
    return "已废止" if document.abolished is not None and document.abolished <= as_of else "现行有效"


def document_in_force(document: Document, day: dt.date) -> bool:
    return document.issued <= day and document_status(document, day) == "现行有效"


def review_base(standard: Standard, as_of: dt.date) -> dt.date | None:
    """The later of `effective` and the last review on or before D."""
    dates = [r.date for r in standard.reviews if r.date <= as_of]
    if standard.effective is not None:
        dates.append(standard.effective)
    return max(dates) if dates else None


def review_due_date(standard: Standard, as_of: dt.date) -> dt.date | None:
    """The first day on which `review_due` is true (a base of 29 February is due on 1 March)."""
    base = review_base(standard, as_of)
    if base is None:
        return None
    due = years_after(base, 5)
    return due + dt.timedelta(days=1) if years_before(due, 5) < base else due


def review_due(standard: Standard, as_of: dt.date) -> bool:
    """A 复审 is due when D is 5 years or more after the later of effective and the last review."""
    base = review_base(standard, as_of)
    return base is not None and base <= years_before(as_of, 5)


def evaluation_expected(standard: Standard, as_of: dt.date) -> bool:
    """An 实施效果评价 is expected once a standard has been in force for 1 year."""
    return standard.effective is not None and standard.effective <= years_before(as_of, 1)


@dataclass
class Catalog:
    """The project seen as of one date. Built once per build; read by every page and export."""

    project: Project
    as_of: dt.date
    replaced_by: dict[str, list[str]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_code = self.by_code
        for s in self.project.standards:
            for old in s.replaces:
                self.replaced_by.setdefault(old, []).append(s.code)
        for codes in self.replaced_by.values():
            codes.sort(key=natural_key)
        for s in self.project.standards:
            replacing = [by_code[c] for c in self.replaced_by.get(s.code, []) if c in by_code]
            self.status[s.code] = standard_status(s, replacing, self.as_of)

    @cached_property
    def by_code(self) -> dict[str, Standard]:
        return {s.code: s for s in self.project.standards}

    @cached_property
    def codes(self) -> CodeIndex:
        """What `[[code]]` names, undated codes (the latest edition) included."""
        return CodeIndex(self.project.standards)

    @cached_property
    def courses_by_id(self) -> dict[str, Course]:
        return {c.id: c for c in self.project.courses}

    @property
    def standards(self) -> tuple[Standard, ...]:
        return self.project.standards

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.project.documents

    # the lists below are asked for once per page: indexed once, or the site grows with N squared
    def standards_in(self, slot_id: str) -> list[Standard]:
        return list(self._by_slot.get(slot_id, ()))

    def courses_teaching(self, code: str) -> list[Course]:
        return list(self._courses_by_code.get(code, ()))

    def documents_citing(self, code: str) -> list[Document]:
        return list(self._documents_by_code.get(code, ()))

    def standards_where(self, field: str, value: str) -> list[Standard]:
        """The standards whose `field` ("title", or "replaces", which holds codes) is or holds
        `value`, in order (by code: `by_code`, codes are unique)."""
        return list(self._by_field[field].get(value, ()))

    @cached_property
    def _by_field(self) -> dict[str, dict[str, list[Standard]]]:
        return {"title": _grouped((s.title, s) for s in self.standards),
                "replaces": _grouped((old, s) for s in self.standards for old in dict.fromkeys(s.replaces))}

    @cached_property
    def _by_slot(self) -> dict[str, list[Standard]]:
        return _grouped((s.framework, s) for s in self.standards)

    @cached_property
    def _courses_by_code(self) -> dict[str, list[Course]]:
        return _grouped((code, c) for c in self.project.courses for code in dict.fromkeys(c.standards))

    @cached_property
    def _documents_by_code(self) -> dict[str, list[Document]]:
        return _grouped((code, d) for d in self.documents for code in dict.fromkeys(d.related))

    @cached_property
    def case_codes(self) -> dict[str, tuple[str, ...]]:
        """Case id -> the codes it cites: its `standards`, then those its body references."""
        out = {}
        for case in self.project.cases:
            found = [self.codes.find(r.code)[0] for r in body_references(case.body, case.body_line) if r.code]
            out[case.id] = tuple(dict.fromkeys([*case.standards, *(s.code for s in found if s is not None)]))
        return out

    def cases_citing(self, code: str) -> list[Case]:
        """Cases that name the standard in `standards` or reference it in their body, newest first."""
        return sorted((c for c in self.project.cases if code in self.case_codes[c.id]), key=lambda c: c.date, reverse=True)

    def pilots_implementing(self, code: str) -> list[Pilot]:
        return [p for p in self.project.pilots if code in p.standards]

    @cached_property
    def pilots_by_id(self) -> dict[str, Pilot]:
        return {p.id: p for p in self.project.pilots}

    def document_numbered(self, number: str) -> Document | None:
        """The document with this 文号 (compared without spaces)."""
        compact = "".join(number.split())
        return next((d for d in self.documents if "".join(d.number.split()) == compact), None)

    def counts(self) -> dict[str, int]:
        out = {name: 0 for name in STATUSES}
        for value in self.status.values():
            out[value] += 1
        return out


def _grouped(pairs) -> dict:
    """{key: [values in order]} of (key, value) pairs."""
    out: dict = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out

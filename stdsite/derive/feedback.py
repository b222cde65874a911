"""Feedback as of a date D: what was received by D, how it was handled, which drafts are open for
comment (征求意见), which standards take 实施信息反馈, and the 意见反馈表 they offer.

- An entry counts once received: `date` ≤ D. Its status is read as written.
- A consultation is open up to and including `until`; 征求意见已截止 from the next day.
- A 现行 standard with REVIEW_SUGGESTED_AT or more 已采纳 entries is a 复审 candidate (建议复审).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..model import FEEDBACK_STATUSES, REVIEW_SUGGESTED_AT, Feedback, FeedbackContact, Standard
from ..text import natural_key
from .catalog import Catalog

IMPLEMENTATION = "实施反馈"
CONSULTATION = "征求意见"
FORM_COLUMNS = ("序号", "章条编号", "修改意见", "理由")
FORM_ROWS = 10
FORM_FIELDS = ("提出单位", "联系人", "联系电话", "日期")


def consultation_open(s: Standard, as_of: dt.date) -> bool:
    """A draft's consultation is open up to and including `until`."""
    return s.consultation is not None and as_of <= s.consultation.until


def days_left(s: Standard, as_of: dt.date) -> int:
    """Whole days from D to the deadline (0 on the last day)."""
    return (s.consultation.until - as_of).days if s.consultation else 0


def days_left_text(days: int) -> str:
    return "今天截止" if days == 0 else f"还有 {days} 天"


def counts(entries: list[Feedback]) -> dict:
    """{"total", "open", "handled", "statuses": {status: n}} (every status, zeros included)."""
    by_status = Counter(e.status for e in entries)
    return {"total": len(entries), "open": by_status["待处理"], "handled": len(entries) - by_status["待处理"],
            "statuses": {status: by_status[status] for status in FEEDBACK_STATUSES}}


@dataclass(frozen=True)
class YearCount:
    year: int
    received: int
    handled: int
    open: int
    statuses: dict[str, int]


@dataclass(frozen=True)
class MailTemplate:
    """What a feedback e-mail is pre-filled with (urls.mailto encodes it)."""

    address: str
    subject: str
    body: str


@dataclass(frozen=True)
class FeedbackForm:
    """The 意见反馈表 of one standard: the same content for the printable page and the Word file."""

    heading: str                 # 意见反馈表
    kind: str                    # 实施信息反馈 · 征求意见
    code: str
    title: str
    columns: tuple[str, ...]
    rows: int
    fields: tuple[str, ...]
    send_to: str                 # where to return it (one line)


@dataclass
class FeedbackView:
    """The project's feedback as of the catalog's date, computed once for every page and export."""

    catalog: Catalog

    @cached_property
    def entries(self) -> list[Feedback]:
        """Entries received by D, in date order (then code, then file order)."""
        cat = self.catalog
        return sorted((e for e in cat.project.feedback if e.date <= cat.as_of),
                      key=lambda e: (e.date, natural_key(e.standard), e.line))

    @cached_property
    def by_code(self) -> dict[str, list[Feedback]]:
        out: dict[str, list[Feedback]] = {}
        for e in self.entries:
            out.setdefault(e.standard, []).append(e)
        return out

    def of(self, code: str) -> list[Feedback]:
        return self.by_code.get(code, [])

    def counts_of(self, code: str) -> dict:
        return counts(self.of(code))

    def pending(self) -> list[Feedback]:
        """Entries still 待处理, oldest first."""
        return [e for e in self.entries if not e.handled]

    def years(self) -> list[YearCount]:
        """Per calendar year received: how many, handled and still open."""
        out = []
        for year in sorted({e.date.year for e in self.entries}):
            c = counts([e for e in self.entries if e.date.year == year])
            out.append(YearCount(year, c["total"], c["handled"], c["open"], c["statuses"]))
        return out

    def adopted(self, code: str) -> int:
        return sum(1 for e in self.of(code) if e.status == "已采纳")

    def review_suggested(self, s: Standard) -> bool:
        """建议复审: a 现行 standard with REVIEW_SUGGESTED_AT or more 已采纳 entries."""
        return self.catalog.status[s.code] == "现行" and self.adopted(s.code) >= REVIEW_SUGGESTED_AT

    def review_candidates(self) -> list[Standard]:
        return [s for s in self.catalog.standards if self.review_suggested(s)]

    def open_consultations(self) -> list[Standard]:
        """Drafts open for comment at D, the nearest deadline first."""
        as_of = self.catalog.as_of
        return sorted((s for s in self.catalog.standards if consultation_open(s, as_of)),
                      key=lambda s: (s.consultation.until, natural_key(s.code)))

    def accepting(self, s: Standard) -> str | None:
        """What comments a standard takes at D: 实施反馈 (现行), 征求意见 (open consultation), or None."""
        if self.catalog.status[s.code] == "现行":
            return IMPLEMENTATION
        if consultation_open(s, self.catalog.as_of):
            return CONSULTATION
        return None


def mail_template(contact: FeedbackContact | None, s: Standard, clause: str | None = None) -> MailTemplate | None:
    """The 实施信息反馈 e-mail for a standard (and a clause), or None without a configured address."""
    if contact is None or not contact.email:
        return None
    where = f" 第 {clause} 条" if clause else ""
    subject = f"【实施信息反馈】{s.code} {s.title}{where}"
    body = "\n".join([f"标准编号：{s.code}", f"标准名称：{s.title}", f"章条编号：{clause or ''}", "修改意见：", "理由：",
                      "", "提出单位：", "联系人：", "联系电话："])
    return MailTemplate(contact.email, subject, body)


def contact_lines(contact: FeedbackContact | None) -> list[tuple[str, str]]:
    """(label, value) of the configured contact: 邮箱, 电话, 地址."""
    if contact is None:
        return []
    pairs = (("邮箱", contact.email), ("电话", contact.phone), ("地址", contact.address))
    return [(label, value) for label, value in pairs if value]


def feedback_form(view: FeedbackView, contact: FeedbackContact | None, s: Standard) -> FeedbackForm | None:
    """The 意见反馈表 of a standard that takes comments at D (None otherwise)."""
    kind = view.accepting(s)
    if kind is None:
        return None
    if kind == CONSULTATION:
        c = s.consultation
        send_to = f"请于 {c.until.isoformat()} 前反馈" + (f"至：{c.contact}" if c.contact else "")
        label = "征求意见"
    else:
        lines = contact_lines(contact)
        send_to = ("填好后请反馈至：" + "；".join(f"{k} {v}" for k, v in lines)) if lines else \
            "填好后请交本标准的归口或发布单位。"
        label = "实施信息反馈"
    return FeedbackForm("意见反馈表", label, s.code, s.title, FORM_COLUMNS, FORM_ROWS, FORM_FIELDS, send_to)

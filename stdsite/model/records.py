"""The validated model: read-only records built once per build from standards_src/.

Every record keeps `path` (as shown in messages) and the lines of its fields, so later checks
(cross-references, blocks) can still name the file and line.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from .. import urls
from ..text import DATED_CODE, slugify
from .blocks import Block
from .plan import DEFAULT_TARGETS, Case, Pilot, Targets, WorkRecord


@dataclass(frozen=True)
class Clause:
    """A numbered heading: a clause (`5.1`), an annex (`A`, with `annex` 规范性 or 资料性) or an
    annex clause (`A.1`)."""

    number: str
    title: str
    line: int
    level: int
    annex: str | None = None

    @property
    def label(self) -> str:
        """How a reference names it: 第 5.1 条, 附录 A, 第 A.1 条."""
        return f"附录 {self.number}" if self.annex else f"第 {self.number} 条"


@dataclass(frozen=True)
class Review:
    date: dt.date
    conclusion: str
    note: str | None


@dataclass(frozen=True)
class Evaluation:
    date: dt.date
    by: str | None
    score: float | None
    grade: str | None
    note: str | None


@dataclass(frozen=True)
class Attachment:
    file: str            # as written, relative to the source file
    title: str
    source: str          # absolute path on disk
    target: str          # site-relative path where it is published


@dataclass(frozen=True)
class Consultation:
    """征求意见 on a draft (`stage: 制定中`): open up to and including `until`."""

    until: dt.date
    contact: str | None
    explanation: Attachment | None      # the 编制说明, published like an attachment
    line: int


@dataclass(frozen=True)
class Standard:
    code: str
    title: str
    level: str
    framework: str
    issued: dt.date | None
    effective: dt.date | None
    abolished: dt.date | None
    replaces: tuple[str, ...]
    stage: str | None
    issuer: tuple[str, ...]
    drafters: tuple[str, ...]
    region: str
    tags: tuple[str, ...]
    managed: bool
    source: str | None
    summary: str | None
    reviews: tuple[Review, ...]
    evaluations: tuple[Evaluation, ...]
    attachments: tuple[Attachment, ...]
    path: str                      # display path (src as given + relative path)
    rel: str                       # path relative to standards_src/
    line: int
    lines: dict[str, int] = field(compare=False, hash=False)
    body: str | None = None        # Markdown body (None for metadata-only .yaml)
    body_line: int = 1
    clauses: tuple[Clause, ...] = ()
    blocks: tuple[Block, ...] = ()
    slug: str = ""
    proposer: str | None = None     # 提出单位
    owner: str | None = None        # 归口单位
    authors: tuple[str, ...] = ()   # 主要起草人
    ics: str | None = None          # ICS 分类号, e.g. 03.080
    ccs: str | None = None          # CCS 分类号, e.g. A16
    filing: str | None = None       # 备案号
    consultation: Consultation | None = None

    @property
    def has_text(self) -> bool:
        return self.body is not None

    @property
    def published_files(self) -> tuple[Attachment, ...]:
        """Every file published next to the page: the attachments, then the 编制说明 (once)."""
        extra = self.consultation.explanation if self.consultation else None
        if extra is None or any(a.target == extra.target for a in self.attachments):
            return self.attachments
        return self.attachments + (extra,)

    @property
    def page(self) -> str:
        return urls.page_url(urls.standard_src(self.slug))

    @functools.cached_property
    def clause_numbers(self) -> frozenset[str]:
        """The numbers of its clauses (every `[[#5.1]]` is looked up here: a set, built once)."""
        return frozenset(c.number for c in self.clauses)


@dataclass(frozen=True)
class Document:
    number: str
    title: str
    issuer: tuple[str, ...]
    issued: dt.date
    published: dt.date | None
    kind: str | None
    abolished: dt.date | None
    related: tuple[str, ...]
    summary: str | None
    url: str | None
    tags: tuple[str, ...]
    path: str
    rel: str
    line: int
    lines: dict[str, int] = field(compare=False, hash=False)
    slug: str = ""

    @property
    def page(self) -> str:
        return urls.page_url(urls.document_src(self.slug))


@dataclass(frozen=True)
class Module:
    title: str
    minutes: int | None
    line: int


@dataclass(frozen=True)
class Exam:
    """`exam: {pass, shuffle}` of a course: the pass mark in percent, options shuffled per attempt."""

    pass_mark: float
    shuffle: bool
    line: int


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    audience: tuple[str, ...]
    minutes: int | None
    objectives: tuple[str, ...]
    standards: tuple[str, ...]
    path: str
    rel: str
    line: int
    lines: dict[str, int] = field(compare=False, hash=False)
    body: str = ""
    body_line: int = 1
    modules: tuple[Module, ...] = ()
    blocks: tuple[Block, ...] = ()
    exam: Exam | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def page(self) -> str:
        return urls.page_url(urls.course_src(self.id))


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    area: str
    line: int


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    category: str
    core: bool
    items: tuple[Item, ...]
    line: int


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    areas: tuple[Area, ...]
    line: int


@dataclass(frozen=True)
class Framework:
    categories: tuple[Category, ...]
    path: str = ""

    def areas(self) -> list[Area]:
        return [area for category in self.categories for area in category.areas]

    def slots(self) -> list[Item | Area]:
        """Places a standard can be filed under: every item, and every area without items."""
        out: list[Item | Area] = []
        for area in self.areas():
            out.extend(area.items or [area])
        return out

    def placement(self, node_id: str) -> tuple[Category, Area, Item | None] | None:
        """(category, area, item) for a slot id."""
        for category in self.categories:
            for area in category.areas:
                if area.id == node_id and not area.items:
                    return category, area, None
                for item in area.items:
                    if item.id == node_id:
                        return category, area, item
        return None


@dataclass(frozen=True)
class PlanItem:
    title: str
    kind: str
    framework: str
    due: dt.date
    code: str | None
    replaces: str | None
    line: int


@dataclass(frozen=True)
class Session:
    date: dt.date
    course: str
    place: str | None
    attendees: int
    line: int
    hours: float | None = None         # 学时 per attendee
    trainer: str | None = None
    unit: str | None = None            # 举办单位
    audience: str | None = None        # one of AUDIENCES


@dataclass(frozen=True)
class Edition:
    id: str
    date: dt.date
    line: int


@dataclass(frozen=True)
class Directory:
    title: str
    editions: tuple[Edition, ...]
    path: str = ""


@dataclass(frozen=True)
class Feedback:
    """One comment received (feedback.yaml): 实施反馈 on a standard in force, or 征求意见 on a draft."""

    date: dt.date
    standard: str                  # normalised code of a standard of the repository
    clause: str | None
    sender: str                    # `from`
    kind: str
    summary: str
    status: str                    # as written: 待处理 · 已采纳 · 部分采纳 · 未采纳
    reply: str | None
    closed: dt.date | None
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def handled(self) -> bool:
        return self.status != "待处理"


@dataclass(frozen=True)
class FeedbackContact:
    """Where feedback goes: mkdocs.yml `extra.feedback` (every part optional)."""

    email: str | None = None
    phone: str | None = None
    address: str | None = None


class LeftOut(dict):
    """{code: file} of the standards left out for errors in their files (reported there, so a
    reference to one is not reported again), and `stems`: the file names of those whose code could
    not even be read (an empty file); a code whose page name is such a file name counts as well."""

    def __init__(self, codes: dict[str, str] | None = None, stems: frozenset[str] = frozenset()):
        super().__init__(codes or {})
        self.stems = stems

    def __contains__(self, code: object) -> bool:
        return dict.__contains__(self, code) or (
            bool(self.stems) and isinstance(code, str) and slugify(code).lower() in self.stems)

    def has_edition_of(self, stem: str) -> bool:
        """True when one of these is an edition of `stem` (a code without its year)."""
        page = slugify(stem).lower()
        return any(m.group(1) == stem for m in map(DATED_CODE.match, self) if m) or \
            any(m.group(1) == page for m in map(DATED_CODE.match, self.stems) if m)

    def __reduce__(self):
        return LeftOut, (dict(self), self.stems)


@dataclass(frozen=True)
class Project:
    """Everything loaded from one standards_src/ folder."""

    src: str                                 # as given on the command line
    root: str                                # absolute path
    framework: Framework
    standards: tuple[Standard, ...]
    documents: tuple[Document, ...] = ()
    courses: tuple[Course, ...] = ()
    targets: Targets = DEFAULT_TARGETS
    plan: tuple[PlanItem, ...] = ()
    sessions: tuple[Session, ...] = ()
    records: tuple[WorkRecord, ...] = ()
    pilots: tuple[Pilot, ...] = ()
    cases: tuple[Case, ...] = ()
    directory: Directory | None = None
    frozen_editions: dict[str, dict] = field(default_factory=dict)   # edition id -> published JSON
    frozen_lines: dict[str, dict[str, int]] = field(default_factory=dict)   # edition id -> {"removed:<id>": line}
    diagrams: dict[str, str] = field(default_factory=dict)          # name -> DOT text (diagrams/*.dot)
    feedback: tuple[Feedback, ...] = ()                              # feedback.yaml, in file order
    unusable: LeftOut = field(default_factory=LeftOut)       # standards left out for errors in their files


Owner = Standard | Course          # what a body and its blocks belong to

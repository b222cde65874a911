"""The plan's records: periods with their indicators (targets.yaml), work records (records.yaml),
pilots and demonstration sites (pilots.yaml) and case write-ups (cases/**/*.md).

A period lists the indicators it measures: the five computed ones (kind `computed`, from the
sources) and any number counted from work records (kind `count`, `milestone` or `yearly`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import urls
from .vocab import INDICATORS

COMPUTED = "computed"
RECORD_KINDS = ("count", "milestone", "yearly")


@dataclass(frozen=True)
class Goal:
    """One indicator of a period: what is measured and the target it is measured against."""

    id: str
    kind: str                          # computed | count | milestone | yearly
    name: str                          # the fixed Chinese label for a computed id
    target: float | int | None
    unit: str | None = None
    group: str | None = None           # the table it is shown in (dashboard and report)
    line: int = 0


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date
    goals: tuple[Goal, ...] = ()
    line: int = 0
    note: str | None = None            # shown with the period (e.g. where its figures come from)

    @property
    def key(self) -> str:
        """A short ASCII name for URLs and anchors: `2021-2025`. Periods never overlap, so only
        periods within one calendar year can share their years: those use full dates."""
        if self.start.year == self.end.year:
            return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"
        return f"{self.start.year}-{self.end.year}"

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def computed_goals(targets: dict[str, float | int | None]) -> tuple[Goal, ...]:
    """The five computed indicators with the given targets (the Part 1 form of targets.yaml)."""
    return tuple(Goal(name, COMPUTED, label, targets.get(name)) for name, label in INDICATORS.items())


@dataclass(frozen=True)
class Targets:
    periods: tuple[Period, ...]        # in date order, never overlapping
    path: str = ""


DEFAULT_TARGET_VALUES = {"coverage_core_areas": 0.90, "plan_completion": 0.95, "evaluated_after_1y": 0.30,
                         "reviewed_after_5y": 1.00, "training_attendance": 5000}
DEFAULT_TARGETS = Targets((Period("“十四五”", dt.date(2021, 1, 1), dt.date(2025, 12, 31),
                                  computed_goals(DEFAULT_TARGET_VALUES)),))


@dataclass(frozen=True)
class Evidence:
    """A record's proof: a URL, the 文号 of a document in documents/, or a file published with the site."""

    kind: str                          # url | document | file
    value: str                         # as written
    source: str = ""                   # file: absolute path on disk
    target: str = ""                   # file: site-relative path where it is published


@dataclass(frozen=True)
class WorkRecord:
    """One dated event of records.yaml that counts toward an indicator."""

    date: dt.date
    indicator: str
    title: str
    count: int
    evidence: Evidence | None
    pilot: str | None
    region: str | None
    note: str | None
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Pilot:
    id: str
    name: str
    kind: str
    unit: str
    region: str
    start: dt.date
    accepted: dt.date | None
    standards: tuple[str, ...]
    summary: str | None
    line: int
    lines: dict[str, int] = field(compare=False, hash=False)

    def status(self, as_of: dt.date) -> str:
        """建设中 before the acceptance date, 已验收 from it."""
        return "已验收" if self.accepted is not None and self.accepted <= as_of else "建设中"

    @property
    def page(self) -> str:
        return urls.page_url(urls.pilot_src(self.id))


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    date: dt.date
    unit: str
    region: str | None
    standards: tuple[str, ...]         # codes of `standards` (the body's [[references]] are read from the body)
    pilot: str | None
    tags: tuple[str, ...]
    path: str
    rel: str
    line: int
    lines: dict[str, int] = field(compare=False, hash=False)
    body: str = ""
    body_line: int = 1

    @property
    def page(self) -> str:
        return urls.page_url(urls.case_src(self.id))

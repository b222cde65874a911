"""The dashboard's five indicators as of a date D, and the due lists behind them.

Sits between catalog.py (status as of D, review dates) and render/dashboard.py: pure
computation, no I/O. The indicators (see docs/help/reference.md):

- coverage_core_areas  items of core areas (an area without items counts as one item) with at
                       least one 现行 standard, over all such items;
- plan_completion      plan items due on or before D that are complete, over those items;
- evaluated_after_1y   managed 现行 standards with effective <= D - 1 year that have an
                       evaluation dated on or before D, over those standards;
- reviewed_after_5y    managed 现行 standards with effective <= D - 5 years whose 复审 is not
                       due, over those standards;
- training_attendance  attendees of training sessions held within the plan period and on or
                       before D (None without a period); a session of an exam course (`exam:` in
                       its front matter) is an exam sitting, not training, and is not counted —
                       the same people sat the course before, so counting both would count them
                       twice.

Ratios are None when the denominator is 0, else rounded half-up to 4 decimals. The targets come
from the period's computed indicators in targets.yaml (None where the period sets none); which
period and which date to measure at is decided in periods.py and plan.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..model import (COMPUTED, COUNT_INDICATORS, INDICATORS, TARGET_NAMES, Area, Category, Item, Period, PlanItem,
                     Session, Standard)
from ..text import months_before, natural_key, years_before
from .catalog import Catalog, issued_by, review_base, review_due, review_due_date

NAMES = TARGET_NAMES
LABELS = INDICATORS
PROPOSAL_MONTHS = 6          # a review proposal is due six months before the five years run out


@dataclass(frozen=True)
class Slot:
    """One place in the framework: an item, or an area without items (then `item` is None)."""

    category: Category
    area: Area
    item: Item | None
    current: tuple[Standard, ...]        # 现行 standards filed under it

    @property
    def id(self) -> str:
        return self.item.id if self.item else self.area.id

    @property
    def name(self) -> str:
        return self.item.name if self.item else self.area.name


@dataclass(frozen=True)
class PlanStatus:
    """A plan item as of D: whether it is due and complete, and the standard completing it."""

    item: PlanItem
    due: bool                            # due on or before D
    complete: bool
    by: Standard | None                  # the standard that completes it


@dataclass(frozen=True)
class ReviewDue:
    """A managed 现行 standard with its 复审 dates."""

    standard: Standard
    base: dt.date                        # later of effective and the last review on or before D
    due: dt.date                         # first day on which the 复审 is due
    proposal: dt.date                    # six months earlier: the review proposal is due


@dataclass(frozen=True)
class Indicator:
    """One indicator: its value, target and the lists behind the number.

    `counted` holds what makes up the numerator (for training: the sessions counted),
    `population` what makes up the denominator, `gaps` what is in the denominator but not
    in the numerator (empty items, missing evaluations, overdue reviews, late plan items).
    """

    name: str
    value: float | int | None
    target: float | int | None
    numerator: int | None = None
    denominator: int | None = None
    counted: tuple = ()
    population: tuple = ()
    gaps: tuple = ()

    @property
    def label(self) -> str:
        return LABELS[self.name]

    @property
    def is_ratio(self) -> bool:
        return self.name not in COUNT_INDICATORS

    @property
    def met(self) -> bool | None:
        """Whether the value reaches the target (ratios compared as rounded to 4 decimals); None
        when there is no value or no target."""
        if self.value is None or self.target is None:
            return None
        if self.is_ratio:
            return rounded(self.value) >= rounded(self.target)
        return self.value >= self.target

    def json(self) -> dict:
        return {"value": self.value, "target": self.target, "met": self.met,
                "numerator": self.numerator, "denominator": self.denominator}


@dataclass
class Indicators:
    """The five computed indicators of one catalog (as of its date) for one plan period."""

    catalog: Catalog
    period: Period | None
    values: dict[str, Indicator] = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date:
        return self.catalog.as_of

    def __getitem__(self, name: str) -> Indicator:
        return self.values[name]

    def __iter__(self):
        return (self.values[name] for name in NAMES)


# -- small date and number rules ------------------------------------------------------------------
def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator rounded half-up to 4 decimals; None when the denominator is 0."""
    if denominator == 0:
        return None
    exact = Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def rounded(value: float) -> Decimal:
    """A ratio rounded half-up to 4 decimals, exactly (for comparing a value with its target)."""
    return Decimal(repr(float(value))).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def review_dates(standard: Standard, as_of: dt.date) -> ReviewDue | None:
    base = review_base(standard, as_of)
    if base is None:
        return None
    due = review_due_date(standard, as_of)
    return ReviewDue(standard, base, due, months_before(due, PROPOSAL_MONTHS))


def evaluated_by(standard: Standard, as_of: dt.date) -> bool:
    """At least one evaluation dated on or before D (evaluations at any date count, not only the period's)."""
    return any(e.date <= as_of for e in standard.evaluations)


def plan_status(item: PlanItem, catalog: Catalog) -> PlanStatus:
    """制定: a standard with the item's code (or, without a code, its exact title) issued by D;
    修订: a standard that replaces the old code, issued by D."""
    as_of = catalog.as_of
    if item.kind == "修订":
        candidates = catalog.standards_where("replaces", item.replaces)
    elif item.code:
        candidates = [s] if (s := catalog.by_code.get(item.code)) else []
    else:
        candidates = catalog.standards_where("title", item.title)
    done = [s for s in candidates if issued_by(s, as_of)]
    return PlanStatus(item, item.due <= as_of, bool(done), (done or candidates or [None])[0])


# -- the indicators -------------------------------------------------------------------------------
def _slots(catalog: Catalog, core_only: bool) -> list[Slot]:
    current: dict[str, list[Standard]] = {}
    for s in catalog.standards:
        if catalog.status[s.code] == "现行":
            current.setdefault(s.framework, []).append(s)
    out = []
    for category in catalog.project.framework.categories:
        for area in category.areas:
            if core_only and not area.core:
                continue
            for item in area.items or (None,):
                slot_id = item.id if item else area.id
                found = sorted(current.get(slot_id, []), key=lambda s: natural_key(s.code))
                out.append(Slot(category, area, item, tuple(found)))
    return out


def slots(catalog: Catalog) -> list[Slot]:
    """Every slot of the framework, in framework order, with its 现行 standards (the coverage matrix)."""
    return _slots(catalog, core_only=False)


def coverage(catalog: Catalog, target: float | None) -> Indicator:
    core = _slots(catalog, core_only=True)
    covered = tuple(s for s in core if s.current)
    return Indicator("coverage_core_areas", ratio(len(covered), len(core)), target, len(covered), len(core),
                     covered, tuple(core), tuple(s for s in core if not s.current))


def plan_completion(catalog: Catalog, target: float | None) -> Indicator:
    due = [p for p in (plan_status(i, catalog) for i in catalog.project.plan) if p.due]
    due.sort(key=lambda p: (p.item.due, p.item.line))
    done = tuple(p for p in due if p.complete)
    return Indicator("plan_completion", ratio(len(done), len(due)), target, len(done), len(due),
                     done, tuple(due), tuple(p for p in due if not p.complete))


def managed_current(catalog: Catalog, years: int) -> list[Standard]:
    """Managed 现行 standards with effective <= D - `years` years, in natural code order."""
    limit = years_before(catalog.as_of, years)
    return [s for s in sorted(catalog.standards, key=lambda s: natural_key(s.code))
            if s.managed and catalog.status[s.code] == "现行" and s.effective is not None and s.effective <= limit]


def evaluated_after_1y(catalog: Catalog, target: float | None) -> Indicator:
    population = managed_current(catalog, 1)
    done = tuple(s for s in population if evaluated_by(s, catalog.as_of))
    return Indicator("evaluated_after_1y", ratio(len(done), len(population)), target, len(done), len(population),
                     done, tuple(population), tuple(s for s in population if not evaluated_by(s, catalog.as_of)))


def reviewed_after_5y(catalog: Catalog, target: float | None) -> Indicator:
    population = managed_current(catalog, 5)
    ok = tuple(s for s in population if not review_due(s, catalog.as_of))
    overdue = tuple(review_dates(s, catalog.as_of) for s in population if review_due(s, catalog.as_of))
    return Indicator("reviewed_after_5y", ratio(len(ok), len(population)), target, len(ok), len(population),
                     ok, tuple(population), overdue)


def is_exam(catalog: Catalog, session: Session) -> bool:
    """A session of an exam course (an exam sitting), not a training session."""
    course = catalog.courses_by_id.get(session.course)
    return course is not None and course.exam is not None


def _in_period(catalog: Catalog, period: Period) -> list[Session]:
    as_of = catalog.as_of
    return sorted((s for s in catalog.project.sessions if period.start <= s.date <= period.end and s.date <= as_of),
                  key=lambda s: (s.date, s.line))


def sessions_counted(catalog: Catalog, period: Period) -> list[Session]:
    """Training sessions (not exam sittings) held within the period and on or before D, by date."""
    return [s for s in _in_period(catalog, period) if not is_exam(catalog, s)]


def exams_held(catalog: Catalog, period: Period) -> list[Session]:
    """Exam sittings held within the period and on or before D, by date (shown, not counted)."""
    return [s for s in _in_period(catalog, period) if is_exam(catalog, s)]


def training_attendance(catalog: Catalog, target: float | None, period: Period | None) -> Indicator:
    """Attendees of the period's training sessions held by D (exam sittings excluded); None without
    a period (exams_held lists the sittings left out)."""
    if period is None:
        return Indicator("training_attendance", None, target)
    counted = sessions_counted(catalog, period)
    return Indicator("training_attendance", sum(s.attendees for s in counted), target, counted=tuple(counted))


def compute(catalog: Catalog, period: Period | None) -> Indicators:
    """The five indicators as of the catalog's date, against the targets `period` sets (None
    where it sets none), training limited to `period`."""
    targets = {g.id: g.target for g in period.goals if g.kind == COMPUTED} if period else {}
    values = {"coverage_core_areas": coverage(catalog, targets.get("coverage_core_areas")),
              "plan_completion": plan_completion(catalog, targets.get("plan_completion")),
              "evaluated_after_1y": evaluated_after_1y(catalog, targets.get("evaluated_after_1y")),
              "reviewed_after_5y": reviewed_after_5y(catalog, targets.get("reviewed_after_5y")),
              "training_attendance": training_attendance(catalog, targets.get("training_attendance"), period)}
    return Indicators(catalog, period, values)


# -- due lists ------------------------------------------------------------------------------------
def reviews_overdue(catalog: Catalog) -> list[ReviewDue]:
    """Managed 现行 standards whose 复审 is due as of D, most overdue first."""
    out = [review_dates(s, catalog.as_of) for s in managed_current(catalog, 0) if review_due(s, catalog.as_of)]
    return sorted(out, key=lambda r: (r.due, natural_key(r.standard.code)))


def reviews_upcoming(catalog: Catalog) -> list[ReviewDue]:
    """Managed 现行 standards whose 复审 is not yet due but whose review proposal is (due within 6 months)."""
    out = []
    for s in managed_current(catalog, 0):
        dates = review_dates(s, catalog.as_of)
        if dates and not review_due(s, catalog.as_of) and dates.proposal <= catalog.as_of:
            out.append(dates)
    return sorted(out, key=lambda r: (r.due, natural_key(r.standard.code)))


def evaluations_missing(catalog: Catalog) -> list[Standard]:
    """Managed 现行 standards in force for a year or more without an evaluation."""
    return [s for s in managed_current(catalog, 1) if not evaluated_by(s, catalog.as_of)]


def plan_late(catalog: Catalog) -> list[PlanStatus]:
    """Plan items due on or before D and not complete, earliest due first."""
    late = [p for p in (plan_status(i, catalog) for i in catalog.project.plan) if p.due and not p.complete]
    return sorted(late, key=lambda p: (p.item.due, p.item.line))


def plan_all(catalog: Catalog) -> list[PlanStatus]:
    """Every plan item with its status as of D, by due date."""
    return sorted((plan_status(i, catalog) for i in catalog.project.plan), key=lambda p: (p.item.due, p.item.line))

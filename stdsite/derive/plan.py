"""Every plan period measured at its measuring date: the five computed indicators (measured exactly
as `--as-of M` would) and the indicators counted from records.yaml, with the records behind each
number; and the indicators.json document.

Record-based kinds, for the records of an indicator dated in the period and on or before the
measuring date M:
- count      value = the sum of their `count`; met when value >= target;
- milestone  value = the date of the first one (None without any); met when not None;
- yearly     one count per calendar year from the period's start year to M's year; a year is
             judged when its 31 December is on or before M, or when the period has ended (its
             last, partial year); met when every judged year reaches the target, None when no
             year is judged.
A period not started has every value and `met` None.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..model import COMPUTED, REGIONS, Goal, Period, Project, WorkRecord
from ..text import iso_date
from . import periods as P
from .catalog import Catalog
from .indicators import Indicator, Indicators, compute

NO_REGION = "未注明"


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int
    judged: bool = False
    met: bool | None = None


@dataclass(frozen=True)
class Measure:
    """One indicator of one period at the period's measuring date."""

    goal: Goal
    value: Any                                   # ratio, count, date, years (yearly) or None
    met: bool | None
    records: tuple[WorkRecord, ...] = ()         # the records counted, by date
    years: tuple[YearCount, ...] = ()            # per calendar year (record-based kinds)
    computed: Indicator | None = None            # the computed indicator with its lists

    @property
    def id(self) -> str:
        return self.goal.id

    def json(self) -> dict:
        value = self.value
        if self.goal.kind == "yearly" and value is not None:
            value = [{"year": y.year, "count": y.count} for y in value]
        elif isinstance(value, dt.date):
            value = iso_date(value)
        return {"name": self.goal.name, "kind": self.goal.kind, "value": value, "target": self.goal.target,
                "met": self.met}


@dataclass
class PeriodView:
    """A period as of D: its state, measuring date and every indicator measured."""

    period: Period
    as_of: dt.date
    measured_at: dt.date | None
    measures: list[Measure]
    indicators: Indicators | None                # the computed five at the measuring date

    @property
    def state(self) -> str:
        return P.state(self.period, self.as_of)

    @property
    def assessment(self) -> str | None:
        return P.assessment(self.period, self.as_of)

    @property
    def elapsed(self) -> float:
        return P.elapsed(self.period, self.measured_at)

    @property
    def key(self) -> str:
        return self.period.key

    def tally(self) -> dict[str, int]:
        """How many indicators are met (达标), not met (未达标) and not judged (未判断)."""
        out = {"达标": 0, "未达标": 0, "未判断": 0}
        for m in self.measures:
            out["未判断" if m.met is None else "达标" if m.met else "未达标"] += 1
        return out

    def groups(self) -> list[tuple[str, list[Measure]]]:
        """The measures grouped by their `group` (default: computed or counted from records), in
        order of first appearance."""
        out: dict[str, list[Measure]] = {}
        for m in self.measures:
            out.setdefault(group_name(m.goal), []).append(m)
        return list(out.items())

    def json(self) -> dict:
        return {"name": self.period.name, "start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                "state": self.state, "measured_at": iso_date(self.measured_at),
                "indicators": {m.id: m.json() for m in self.measures}}


def group_name(goal: Goal) -> str:
    if goal.group:
        return goal.group
    return "标准体系建设与实施（系统计算）" if goal.kind == COMPUTED else "重点工作任务（按工作记录统计）"


@dataclass
class PlanView:
    """Every period of targets.yaml as of D, the current one, and the computed five at D."""

    catalog: Catalog
    periods: list[PeriodView] = field(default_factory=list)

    @property
    def as_of(self) -> dt.date:
        return self.catalog.as_of

    @cached_property
    def current(self) -> PeriodView | None:
        period = P.current([v.period for v in self.periods], self.as_of)
        return next((v for v in self.periods if v.period is period), None)

    @cached_property
    def at_as_of(self) -> Indicators:
        """The computed five at D against the current period (what the Part 1 keys export)."""
        current = self.current
        if current is not None and current.measured_at == self.as_of and current.indicators is not None:
            return current.indicators
        return compute(self.catalog, current.period if current else None)

    def json(self) -> dict:
        """The indicators.json document: Part 1's keys, then every period."""
        current = self.current.period if self.current else None
        period = None if current is None else {"name": current.name, "start": current.start.isoformat(),
                                               "end": current.end.isoformat()}
        return {"as_of": self.as_of.isoformat(), "period": period,
                "indicators": {i.name: i.json() for i in self.at_as_of},
                "periods": [v.json() for v in self.periods]}


def build(catalog: Catalog) -> PlanView:
    """Measure every period of the catalog's project at its measuring date (one catalog per date)."""
    project, as_of = catalog.project, catalog.as_of
    catalogs = {as_of: catalog}
    views = []
    for period in project.targets.periods:
        day = P.measured_at(period, as_of)
        indicators = None
        if day is not None:
            at = catalogs.get(day) or catalogs.setdefault(day, Catalog(project, day))
            indicators = compute(at, period)
        ended = P.state(period, as_of) == P.ENDED
        views.append(PeriodView(period, as_of, day, [measure(g, period, day, project, indicators, ended)
                                                       for g in period.goals], indicators))
    return PlanView(catalog, views)


def measure(goal: Goal, period: Period, day: dt.date | None, project: Project, indicators: Indicators | None,
            ended: bool = False) -> Measure:
    """One indicator of `period` measured at `day` (None: the period has not started); `ended`:
    the period ended before the as-of date (its last, partial year is judged)."""
    if day is None or indicators is None:
        return Measure(goal, None, None)
    if goal.kind == COMPUTED:
        indicator = indicators[goal.id]
        return Measure(goal, indicator.value, indicator.met, computed=indicator)
    records = counted_records(project, goal.id, period, day)
    years = per_year(records, period, day, goal, ended)
    if goal.kind == "count":
        value = sum(r.count for r in records)
        return Measure(goal, value, value >= goal.target, tuple(records), years)
    if goal.kind == "milestone":
        first = records[0].date if records else None
        return Measure(goal, first, first is not None, tuple(records), years)
    judged = [y for y in years if y.judged]
    met = all(y.met for y in judged) if judged else None
    return Measure(goal, years, met, tuple(records), years)


def counted_records(project: Project, goal_id: str, period: Period, day: dt.date) -> list[WorkRecord]:
    """The records of an indicator dated in the period and on or before `day`, by date."""
    last = min(period.end, day)
    return sorted((r for r in project.records if r.indicator == goal_id and period.start <= r.date <= last),
                  key=lambda r: (r.date, r.line))


def per_year(records: list[WorkRecord], period: Period, day: dt.date, goal: Goal, ended: bool) -> tuple[YearCount, ...]:
    """Sum of `count` per calendar year, start year to the measuring date's year; for a yearly
    indicator each year judged (31 December passed, or the period ended) against the target."""
    totals = {year: 0 for year in range(period.start.year, min(day, period.end).year + 1)}
    for r in records:
        totals[r.date.year] += r.count
    out = []
    for year, count in totals.items():
        judged = goal.kind == "yearly" and (dt.date(year, 12, 31) <= day or ended)
        out.append(YearCount(year, count, judged, (count >= goal.target) if judged else None))
    return tuple(out)


def by_region(records: Iterable[WorkRecord]) -> list[tuple[str, int]]:
    """The sum of `count` per region of records (一区两群, 川渝…)."""
    return region_totals((r.region, r.count) for r in records)


def region_totals(pairs: Iterable[tuple[str | None, int]]) -> list[tuple[str, int]]:
    """(region, amount) pairs summed per region, in the vocabulary's order, 未注明 (no region) last;
    only regions that occur."""
    totals: dict[str, int] = {}
    for region, amount in pairs:
        totals[region or NO_REGION] = totals.get(region or NO_REGION, 0) + amount
    return [(region, totals[region]) for region in (*REGIONS, NO_REGION) if region in totals]

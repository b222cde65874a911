"""Plan periods as of a date D: which one is current, the state of each, the date each is measured
at, and how much of a running period's time has passed.

- 已结束 (end < D): measured at its end date, its final result (总结评估);
- 进行中 (start <= D <= end): measured at D; 中期评估 in the calendar year of its midpoint,
  进度评估 before and after it;
- 未开始 (start > D): not measured.
The current period is the one containing D; when none does, the latest that started on or
before D; None when D is before every period.
"""
from __future__ import annotations

import datetime as dt

from ..model import Period

ENDED, RUNNING, NOT_STARTED = "已结束", "进行中", "未开始"
FINAL, MIDTERM, PROGRESS = "总结评估", "中期评估", "进度评估"


def state(period: Period, as_of: dt.date) -> str:
    if period.end < as_of:
        return ENDED
    return RUNNING if period.start <= as_of else NOT_STARTED


def measured_at(period: Period, as_of: dt.date) -> dt.date | None:
    """The period's end when it ended before D, D when it contains D, None when it has not started."""
    return {ENDED: period.end, RUNNING: as_of, NOT_STARTED: None}[state(period, as_of)]


def current(periods: tuple[Period, ...] | list[Period], as_of: dt.date) -> Period | None:
    """The period containing D, else the latest one that started on or before D, else None."""
    started = [p for p in periods if p.start <= as_of]
    containing = [p for p in started if as_of <= p.end]
    if containing:
        return containing[0]
    return max(started, key=lambda p: p.start) if started else None


def midpoint(period: Period) -> dt.date:
    """The day half of the period's days have passed (rounded down): 2028-07-01 for 2026–2030."""
    return period.start + dt.timedelta(days=(period.end - period.start).days // 2)


def assessment(period: Period, as_of: dt.date) -> str | None:
    """总结评估, 中期评估 or 进度评估 (None for a period not started)."""
    current_state = state(period, as_of)
    if current_state == ENDED:
        return FINAL
    if current_state == NOT_STARTED:
        return None
    return MIDTERM if as_of.year == midpoint(period).year else PROGRESS


def elapsed(period: Period, day: dt.date | None) -> float:
    """The share of the period's days up to and including `day` (0 before it, 1 from its end)."""
    if day is None or day < period.start:
        return 0.0
    total = (period.end - period.start).days + 1
    return min(1.0, ((min(day, period.end) - period.start).days + 1) / total)

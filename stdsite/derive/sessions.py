"""Training sessions as of D: 人次 and 学时 totals by year and by audience (the 参训记录 page).

Only sessions on or before D count. 学时 = attendees × `hours`, computed exactly (hours as
written, in decimal); a session without `hours` adds 0 and is counted as 学时未填. The audience
of a session is its own `audience`, else 未注明 (not the course's: one course may serve several).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..model import AUDIENCES, Session
from .catalog import Catalog

UNSTATED = "未注明"


@dataclass(frozen=True)
class Totals:
    sessions: int = 0
    attendees: int = 0                 # 人次
    hours: Decimal = Decimal(0)        # 学时
    without_hours: int = 0             # sessions whose 学时 is not recorded

    def add(self, s: Session) -> Totals:
        return Totals(self.sessions + 1, self.attendees + s.attendees, self.hours + person_hours(s),
                      self.without_hours + (s.hours is None))


def held(catalog: Catalog) -> list[Session]:
    """Sessions on or before D, by date."""
    return sorted((s for s in catalog.project.sessions if s.date <= catalog.as_of),
                  key=lambda s: (s.date, s.course, s.line))


def person_hours(s: Session) -> Decimal:
    """学时 of a session: attendees × hours (0 when hours is not recorded), exact."""
    return Decimal(0) if s.hours is None else Decimal(str(s.hours)) * s.attendees


def total(sessions: Iterable[Session]) -> Totals:
    out = Totals()
    for s in sessions:
        out = out.add(s)
    return out


def by_year(sessions: Iterable[Session]) -> dict[int, Totals]:
    """Calendar year -> totals, in year order."""
    out: dict[int, Totals] = {}
    for s in sessions:
        out[s.date.year] = out.get(s.date.year, Totals()).add(s)
    return dict(sorted(out.items()))


def by_audience(sessions: Iterable[Session]) -> dict[str, Totals]:
    """Each audience (the three, then 未注明) -> totals; every group listed, even when empty."""
    out = {name: Totals() for name in (*AUDIENCES, UNSTATED)}
    for s in sessions:
        key = s.audience or UNSTATED
        out[key] = out[key].add(s)
    return out


def audience_of(s: Session) -> str:
    return s.audience or UNSTATED

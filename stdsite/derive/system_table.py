"""The standard system table (标准体系表, GB/T 13016) as of D: the 明细表 and the 统计表.

明细表, in framework order: under each slot (an item, or an area without items) its standards that
are 现行, 即将实施 (only once issued by D, as in the directory) or 制定中, in natural code order; then
its plan items not complete at D whose code is not already a row anywhere in the table, in
plan-file order, with 状态 计划 (备注: the planned completion date, （已逾期） once it has passed);
a slot with none of these has one row with 状态 空缺 (备注: its business area and item names).

统计表: one row per category and a 合计 row: the standards of the 明细表 that are 现行 or 即将实施,
by level and in total, the number of slots (条目数) and of slots with a 现行 standard (已覆盖条目).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import LEVELS, Category, Standard
from ..text import natural_key
from .catalog import Catalog, issued_by
from .indicators import plan_status

DETAIL_COLUMNS = ("序号", "体系编号", "标准编号", "标准名称", "级别", "实施日期", "代替标准", "状态", "备注")
STATS_COLUMNS = ("类别", *LEVELS, "合计", "条目数", "已覆盖条目")
LISTED = ("现行", "即将实施", "制定中")       # the statuses a standard row can have
COUNTED = ("现行", "即将实施")                # the statuses the 统计表 counts


@dataclass(frozen=True)
class DetailRow:
    """One row of the 明细表: a standard, a plan item (计划) or an empty slot (空缺)."""

    number: int
    slot: str                          # 体系编号: the framework item (or area) id
    category: str                      # the category id (for the 统计表)
    status: str                        # 现行 · 即将实施 · 制定中 · 计划 · 空缺
    code: str = ""
    title: str = ""
    level: str = ""
    effective: dt.date | None = None
    replaces: tuple[str, ...] = ()
    note: str = ""
    standard: Standard | None = None
    overdue: bool = False              # a 计划 row whose planned completion date has passed

    def cells(self) -> list[str | int | dt.date | None]:
        """The row in DETAIL_COLUMNS order (dates stay dates, the number stays a number)."""
        return [self.number, self.slot, self.code, self.title, self.level, self.effective,
                "、".join(self.replaces), self.status, self.note]


@dataclass(frozen=True)
class StatsRow:
    """One row of the 统计表: a category, or the 合计 row."""

    name: str
    by_level: tuple[int, ...]          # in LEVELS order
    items: int
    covered: int

    @property
    def total(self) -> int:
        return sum(self.by_level)

    def cells(self) -> list[str | int]:
        return [self.name, *self.by_level, self.total, self.items, self.covered]


@dataclass(frozen=True)
class SystemTable:
    detail: tuple[DetailRow, ...]
    stats: tuple[StatsRow, ...]        # the categories, then 合计


def listed(catalog: Catalog, s: Standard) -> bool:
    """Whether a standard is a row of the 明细表 as of D."""
    status = catalog.status[s.code]
    return status in LISTED and (status != "即将实施" or issued_by(s, catalog.as_of))


def system_table(catalog: Catalog) -> SystemTable:
    """The 明细表 and the 统计表 as of the catalog's date."""
    framework = catalog.project.framework
    slots = [(category, slot) for category in framework.categories for area in category.areas
             for slot in (area.items or (area,))]
    names = {slot.id: " › ".join(n for n in (area.name, slot.name if slot is not area else "") if n)
             for category in framework.categories for area in category.areas for slot in (area.items or (area,))}
    standards = {slot.id: sorted((s for s in catalog.standards_in(slot.id) if listed(catalog, s)),
                                 key=lambda s: natural_key(s.code)) for _, slot in slots}
    taken = {s.code for found in standards.values() for s in found}
    plans: dict[str, list] = {}
    for item in catalog.project.plan:
        if plan_status(item, catalog).complete or (item.code and item.code in taken):
            continue
        if item.code:
            taken.add(item.code)
        plans.setdefault(item.framework, []).append(item)
    rows: list[DetailRow] = []
    for category, slot in slots:
        base = {"slot": slot.id, "category": category.id}
        for s in standards[slot.id]:
            status = catalog.status[s.code]
            rows.append(DetailRow(len(rows) + 1, **base, status=status, code=s.code, title=s.title, level=s.level,
                                  effective=s.effective, replaces=s.replaces, standard=s,
                                  note="修订中" if status == "现行" and s.stage == "修订中" else ""))
        for item in plans.get(slot.id, ()):
            late = item.due < catalog.as_of
            rows.append(DetailRow(len(rows) + 1, **base, status="计划", code=item.code or "", title=item.title,
                                  replaces=(item.replaces,) if item.replaces else (),
                                  note=item.due.isoformat() + ("（已逾期）" if late else ""), overdue=late))
        if not standards[slot.id] and slot.id not in plans:
            rows.append(DetailRow(len(rows) + 1, **base, status="空缺", note=names[slot.id]))
    return SystemTable(tuple(rows), _stats(framework.categories, rows))


def _stats(categories: tuple[Category, ...], rows: list[DetailRow]) -> tuple[StatsRow, ...]:
    out = []
    for category in categories:
        mine = [r for r in rows if r.category == category.id]
        counted = [r for r in mine if r.status in COUNTED]
        slots = {r.slot for r in mine}
        covered = {r.slot for r in mine if r.status == "现行"}
        out.append(StatsRow(category.name, tuple(sum(1 for r in counted if r.level == level) for level in LEVELS),
                            len(slots), len(covered)))
    total = StatsRow("合计", tuple(sum(r.by_level[i] for r in out) for i in range(len(LEVELS))),
                     sum(r.items for r in out), sum(r.covered for r in out))
    return (*out, total)

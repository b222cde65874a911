"""Helpers shared by the block validators: names in messages, clause and id checks, item lists."""
from __future__ import annotations

from typing import Any

from ...errors import quote
from ...load.yaml import YList, YMap
from ...model import Owner
from ..schema import Checker


def block_name(kind: str, title: str | None) -> str:
    return f"{kind}{quote(title)}" if title else kind


def own_clause(check: Checker, owner: Owner, clause: str | None, line: int, what: str) -> str | None:
    """A clause of the block's own standard; reports one that does not exist."""
    if clause is None:
        return None
    numbers = getattr(owner, "clause_numbers", None) or {c.number for c in getattr(owner, "clauses", ())}
    if clause not in numbers:
        where = "本标准" if hasattr(owner, "code") else "本页"
        check.error(line, f"{what}引用的条款 {quote(clause)} 在{where}中不存在")
        return None
    return clause


def read_id(check: Checker, raw: Any, field: str, line: int, what: str) -> str | None:
    """Ids may be written as words or whole numbers (`id: 3`, `next: 3`)."""
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    check.error(line, f"{what}的「{field}」应为步骤编号（文字或整数），实际是 {quote(raw)}")
    return None


def list_items(check: Checker, data: YMap, field: str, what: str) -> list[tuple[Any, int]]:
    """The (item, line) pairs of a required non-empty list field; reports an empty or non-list one."""
    raw = data.get(field)
    line = data.line_of(field)
    if raw is None or raw == "":
        return []          # reported by Checker.mapping (a required field)
    if not isinstance(raw, YList):
        check.error(line, f"{what}的「{field}」应为列表（每项以「- 」开头），实际是 {quote(raw)}")
        return []
    if not raw:
        check.error(line, f"{what}的「{field}」是空的，至少要有一项")
    return [(item, raw.line_of(index)) for index, item in enumerate(raw)]

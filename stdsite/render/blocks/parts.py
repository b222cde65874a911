"""Small pieces shared by the block renderers: numbers, clause links, the key of browser storage."""
from __future__ import annotations

from ...model import Owner
from ..common import esc


def num(value: float) -> str:
    """8 -> "8", 2.5 -> "2.5", 250000 -> "250000" (no exponent, no trailing zeros)."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def clause_link(clause: str | None, prefix: str = "") -> str:
    if not clause:
        return ""
    return f'{prefix}<a class="std-ref" href="#{esc(clause)}">第 {esc(clause)} 条</a>'


def owner_key(owner: Owner) -> str:
    """The standard's code (or the course id) that keys browser storage."""
    return str(getattr(owner, "code", None) or getattr(owner, "id", "") or "")

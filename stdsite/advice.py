"""Warnings that depend on the as-of date (not errors): computed from the catalog at check time.

Each feature adds its own function to ADVISORS: `advisor(catalog) -> list[SourceError]` (warnings).
"""
from __future__ import annotations

from .catalog import Catalog
from .errors import SourceError

ADVISORS: list = []

from .courses import course_warnings  # noqa: E402  (training: cited standards, module minutes)
ADVISORS.append(course_warnings)

from .editions import advisor as edition_warnings  # noqa: E402  (frozen directory editions that differ)
ADVISORS.append(edition_warnings)


def catalog_warnings(catalog: Catalog) -> list[SourceError]:
    out: list[SourceError] = []
    for advisor in ADVISORS:
        out.extend(advisor(catalog))
    return sorted(out, key=SourceError.sort_key)

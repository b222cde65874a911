"""mkdocs-macros helpers for the hand-written pages in docs/ (only pages with `render_macros: true`).

Every helper reads the catalog the stdsite plugin built for this build, so the home page shows
the same numbers as every other page and export.
"""
from __future__ import annotations

from stdsite.render import feedback, home


def define_env(env) -> None:
    def ctx():
        return env.conf.plugins["stdsite"].ctx

    @env.macro
    def status_counts() -> str:
        """Counts by status, each linking to the list filtered by that status."""
        return home.status_counts(ctx(), env.page.file.src_uri)

    @env.macro
    def recent_standards(limit: int = 8) -> str:
        """Recently issued standards (issued on or before the as-of date)."""
        return home.recent_standards(ctx(), env.page.file.src_uri, limit)

    @env.macro
    def upcoming_standards() -> str:
        """Issued standards that are not yet in force (即将实施)."""
        return home.upcoming_standards(ctx(), env.page.file.src_uri)

    @env.macro
    def consultations() -> str:
        """Drafts open for comment (征求意见) with their deadlines and the days left."""
        return feedback.open_consultations(ctx(), env.page.file.src_uri)

    @env.macro
    def as_of() -> str:
        return ctx().catalog.as_of.isoformat()

"""Dashboard page (placeholder: see the dashboard issue)."""
from __future__ import annotations

from .common import front_matter
from .context import RenderContext


def pages(ctx: RenderContext) -> dict[str, str]:
    return {"dashboard/index.md": front_matter("标准化看板") + "# 标准化看板\n\n<p>看板建设中。</p>\n"}


def nav(ctx: RenderContext) -> list:
    return ["dashboard/index.md"]


def write_exports(ctx: RenderContext, site_dir: str) -> None:
    """site/data/indicators.json."""

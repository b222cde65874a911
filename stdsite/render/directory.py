"""Directory editions pages (placeholder: see the directory issue)."""
from __future__ import annotations

from .common import front_matter
from .context import RenderContext


def pages(ctx: RenderContext) -> dict[str, str]:
    return {"directory/index.md": front_matter("规范性文件目录") + "# 规范性文件目录\n\n<p>目录期次页面建设中。</p>\n"}


def nav(ctx: RenderContext) -> list:
    return ["directory/index.md"]


def write_exports(ctx: RenderContext, site_dir: str) -> None:
    """Per-edition edition.json, 目录.csv and 目录.xlsx."""

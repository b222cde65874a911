"""Training pages (placeholder: see the training issue)."""
from __future__ import annotations

from .common import front_matter
from .context import RenderContext


def pages(ctx: RenderContext) -> dict[str, str]:
    return {"training/index.md": front_matter("培训课程") + "# 培训课程\n\n<p>培训课程页面建设中。</p>\n"}


def nav(ctx: RenderContext) -> list:
    return ["training/index.md"]

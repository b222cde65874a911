"""Rendering of the structured blocks inside standards and courses: one entry point, one
function per kind, registered in RENDERERS: `renderer(ctx, block, page_src, owner) -> HTML`,
placed in the page at the block's position. A block without a renderer, or whose validation
failed, shows its source text (printable, searchable, honest).
"""
from __future__ import annotations

from collections.abc import Callable

from ...model import Block, Owner
from ..common import esc
from ..context import RenderContext
from .diagrams import render_dot, render_flow
from .forms import render_checklist, render_criteria
from .quiz import render_quiz

Renderer = Callable[[RenderContext, Block, str, Owner], str]
RENDERERS: dict[str, Renderer] = {"quiz": render_quiz, "flow": render_flow, "dot": render_dot,
                                  "checklist": render_checklist, "criteria": render_criteria}


def render_block(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    """The block's HTML (set aside from Python-Markdown by the caller with `ctx.keep_block`)."""
    renderer = RENDERERS.get(block.kind)
    if renderer is None or block.parsed is None:
        return f'<div class="std-block std-block--{esc(block.kind)}"><pre><code>{esc(block.text)}</code></pre></div>'
    return renderer(ctx, block, page_src, owner)

"""Rendering of structured blocks inside standards and courses: one entry point, one function per kind.

`render_block(block, page_src, owner)` returns HTML placed in the page at the block's position.
Renderers are registered in RENDERERS: `renderer(block, page_src, owner) -> HTML`.
Blocks without a renderer show their source text (printable, searchable, honest).
"""
from __future__ import annotations

from ..model import Block
from .common import esc
from .quiz import render_quiz
from .visual import render_checklist, render_criteria, render_dot, render_flow


def render_block(block: Block, page_src: str, owner) -> str:
    renderer = RENDERERS.get(block.kind)
    if renderer is None or block.parsed is None:
        return (f'<div class="std-block std-block--{esc(block.kind)}"><pre><code>{esc(block.text)}</code></pre></div>')
    return renderer(block, page_src, owner)


RENDERERS: dict = {"quiz": render_quiz, "flow": render_flow, "dot": render_dot,
                   "checklist": render_checklist, "criteria": render_criteria}

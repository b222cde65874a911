"""Flowcharts (`flow`) and diagrams (`dot`): the SVG drawn at build time in a box that fits a
phone (scaled to the column, a pan-and-zoom view on tap), and for a flow an ordered text version
of the same steps (screen readers, printing)."""
from __future__ import annotations

import re

from ...model import Block, Diagram, Flow, Owner
from ..common import esc
from ..context import RenderContext
from ..flowdot import flow_to_dot
from .parts import clause_link

TYPE_NAMES = {"start": "开始", "end": "结束", "decision": "判断", "document": "文档"}
_ID = re.compile(r'\bid="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)]*)\)")
_SVG_OPEN = re.compile(r'<svg width="(\d+)" height="(\d+)"')


def chart_html(svg: str | None, prefix: str, label: str) -> str:
    """The chart box: inline SVG with page-unique ids, its natural width as a CSS variable (never
    drawn larger; scaled down to fit the column, so it is whole on a phone), tap to open the
    pan-and-zoom view (flowchart.js)."""
    if svg is None:
        return '<div class="flowchart flowchart--missing">（图未能生成，请看下方文字版）</div>'
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", svg)
    m = _SVG_OPEN.search(svg)
    width = int(m.group(1)) if m else 600
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" focusable="false" ', 1)
    return (f'<div class="flowchart" data-search-exclude data-zoom-title="{esc(label)}" '
            f'style="--w:{width}px" tabindex="0" title="点按图可放大查看">{svg.strip()}</div>'
            f'<p class="std-flow__tools std-noprint" data-search-exclude><button type="button" class="md-button std-flow__zoom">'
            f'全屏查看</button></p>')


def render_flow(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    flow = block.parsed
    assert isinstance(flow, Flow)
    anchor = f"flow-{block.index + 1}"
    title = flow.title or "流程图"
    chart = chart_html(ctx.svgs.get(flow_to_dot(flow)), f"d{block.index + 1}-", f"流程图：{title}")
    return (f'<div class="std-flow" id="{anchor}"><p class="std-flow__title"><strong>{esc(title)}</strong></p>'
            f'{chart}{_text_version(flow, anchor)}</div>')


def _text_version(flow: Flow, anchor: str) -> str:
    """The steps as an ordered list: lane, text, kind, where each goes, the clause."""
    number = {step.id: i + 1 for i, step in enumerate(flow.steps)}
    items = []
    for i, step in enumerate(flow.steps):
        parts = [f'<span class="std-flow__lane">{esc(step.lane)}：</span>'] if step.lane else []
        parts.append(f'<span class="std-flow__text">{esc(step.text)}</span>')
        kind = TYPE_NAMES.get(step.type)
        if kind:
            parts.append(f' <span class="std-flow__kind">〔{kind}〕</span>')
        following = flow.steps[i + 1].id if i + 1 < len(flow.steps) else None
        if step.type == "decision":
            branches = "；".join(f"{label} → 第 {number[t]} 步" for t, label in step.targets)
            parts.append(f' <span class="std-flow__next">（{esc(branches)}）</span>')
        elif step.targets and [t for t, _ in step.targets] != [following]:
            goes = "、".join(f"第 {number[t]} 步" for t, _ in step.targets)
            parts.append(f' <span class="std-flow__next">（转{esc(goes)}）</span>')
        elif not step.targets and step.type != "end":
            parts.append(' <span class="std-flow__next">（流程结束）</span>')
        parts.append(clause_link(step.clause, " "))
        items.append(f'<li id="{anchor}-{i + 1}">{"".join(parts)}</li>')
    lanes = f'<p class="std-flow__lanes">泳道：{esc("、".join(flow.lanes))}</p>' if flow.lanes else ""
    return (f'<div class="std-flow__text-version"><p class="std-flow__caption">文字版步骤</p>{lanes}'
            f'<ol class="std-flow__steps">{"".join(items)}</ol></div>')


def render_dot(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    dia = block.parsed
    assert isinstance(dia, Diagram)
    title = dia.title or "图"
    svg = ctx.svgs.get(dia.dot)          # the Graphviz source is for editors: never shown nor indexed
    return (f'<div class="std-flow std-dot" id="diagram-{block.index + 1}">'
            f'{chart_html(svg, f"d{block.index + 1}-", title)}</div>')

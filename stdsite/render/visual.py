"""HTML for the visual blocks: flowcharts (`flow`, `dot`), checklists and criteria (达标判断).

Sits in the page renderers: registered in stdsite/render/blocks.py as
`renderer(block, page_src, owner) -> HTML`, reading the validated forms of stdsite/visual.py and
the SVG made by stdsite/diagram.py. Everything is rendered at build time (printable, searchable);
stdsite/assets/blocks.js only adds interactivity (scores, verdicts, the full-size view).
Every text and attribute goes through esc(); scripts read values from data- attributes.
"""
from __future__ import annotations

import hashlib
import re

from .. import diagram
from ..visual import Checklist, Criteria, Criterion, Diagram, Flow
from .common import esc

TYPE_NAMES = {"start": "开始", "end": "结束", "decision": "判断", "document": "文档"}
OP_TEXT = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "==": "＝"}
MIN_SCALE = 0.85       # a chart shrinks to at most 85 % on a narrow screen, then scrolls


def num(value: float) -> str:
    """8 -> "8", 2.5 -> "2.5", 250000 -> "250000" (no exponent, no trailing zeros)."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _clause_link(clause: str | None, prefix: str = "") -> str:
    if not clause:
        return ""
    return f'{prefix}<a class="std-ref" href="#{esc(clause)}">第 {esc(clause)} 条</a>'


def owner_key(owner) -> str:
    """The standard's code (or the course id) that keys browser storage."""
    return str(getattr(owner, "code", None) or getattr(owner, "id", "") or "")


# -- diagrams ----------------------------------------------------------------------------------------
_ID = re.compile(r'\bid="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)]*)\)")
_SVG_OPEN = re.compile(r'<svg width="(\d+)" height="(\d+)"')


def chart_html(svg: str | None, prefix: str, label: str) -> str:
    """The chart box: inline SVG with page-unique ids, its natural width as a CSS variable
    (the stylesheet lets it shrink to MIN_SCALE, then scroll), tap to open full size."""
    if svg is None:
        return '<div class="flowchart flowchart--missing">（图未能生成，请看下方文字版）</div>'
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", svg)
    m = _SVG_OPEN.search(svg)
    width = int(m.group(1)) if m else 600
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" focusable="false" ', 1)
    return (f'<div class="flowchart" data-search-exclude data-zoom-title="{esc(label)}" '
            f'style="--w:{width}px;--min-w:{round(width * MIN_SCALE)}px" tabindex="0" '
            f'title="点按图可全屏查看">{svg.strip()}</div>'
            f'<p class="std-flow__tools std-noprint"><button type="button" class="md-button std-flow__zoom">'
            f'全屏查看</button></p>')


def render_flow(block, page_src: str, owner) -> str:
    flow: Flow = block.parsed
    anchor = f"flow-{block.index + 1}"
    title = flow.title or "流程图"
    svg = diagram.svg_for(diagram.block_dot(block))
    number = {step.id: i + 1 for i, step in enumerate(flow.steps)}
    items = []
    for i, step in enumerate(flow.steps):
        parts = []
        if step.lane:
            parts.append(f'<span class="std-flow__lane">{esc(step.lane)}：</span>')
        parts.append(f'<span class="std-flow__text">{esc(step.text)}</span>')
        kind = TYPE_NAMES.get(step.type)
        if kind:
            parts.append(f' <span class="std-flow__kind">〔{kind}〕</span>')
        if step.type == "decision":
            branches = "；".join(f"{label} → 第 {number[t]} 步" for t, label in step.targets)
            parts.append(f' <span class="std-flow__next">（{esc(branches)}）</span>')
        elif step.targets and [t for t, _ in step.targets] != [flow.steps[i + 1].id if i + 1 < len(flow.steps) else None]:
            goes = "、".join(f"第 {number[t]} 步" for t, _ in step.targets)
            parts.append(f' <span class="std-flow__next">（转{esc(goes)}）</span>')
        elif not step.targets and step.type != "end":
            parts.append(' <span class="std-flow__next">（流程结束）</span>')
        parts.append(_clause_link(step.clause, " "))
        items.append(f'<li id="{anchor}-{i + 1}">{"".join(parts)}</li>')
    lanes = f'<p class="std-flow__lanes">泳道：{esc("、".join(flow.lanes))}</p>' if flow.lanes else ""
    return (f'<div class="std-flow" id="{anchor}">'
            f'<p class="std-flow__title"><strong>{esc(title)}</strong></p>'
            f'{chart_html(svg, f"d{block.index + 1}-", f"流程图：{title}")}'
            f'<div class="std-flow__text-version"><p class="std-flow__caption">文字版步骤</p>{lanes}'
            f'<ol class="std-flow__steps">{"".join(items)}</ol></div></div>')


def render_dot(block, page_src: str, owner) -> str:
    dia: Diagram = block.parsed
    title = dia.title or "图"
    svg = diagram.svg_for(dia.dot)
    source = (f'<details class="std-dot__source std-noprint"><summary>图的源代码</summary>'
              f'<pre><code>{esc(dia.dot.strip())}</code></pre></details>')
    return (f'<div class="std-flow std-dot" id="diagram-{block.index + 1}">'
            f'{chart_html(svg, f"d{block.index + 1}-", title)}{source}</div>')


# -- checklist ---------------------------------------------------------------------------------------
def render_checklist(block, page_src: str, owner) -> str:
    checklist: Checklist = block.parsed
    title = checklist.title or "检查表"
    key = f"stdsite:checklist:{owner_key(owner)}:{checklist.ordinal + 1}:{checklist.title or ''}"
    signature = hashlib.sha256("\n".join(f"{i.text}|{num(i.points)}" for i in checklist.items).encode()).hexdigest()[:12]
    total = num(checklist.total)
    items = []
    for i, item in enumerate(checklist.items):
        box_id = f"cl{block.index + 1}-{i + 1}"
        items.append(
            f'<li><label for="{box_id}"><input type="checkbox" id="{box_id}" data-points="{esc(num(item.points))}">'
            f'<span class="std-box" aria-hidden="true"></span><span class="std-checklist__text">{esc(item.text)}</span></label>'
            f'<span class="std-checklist__meta"><span class="std-checklist__points">{esc(num(item.points))} 分</span>'
            f'{_clause_link(item.clause, " ")}</span></li>')
    passing = ""
    pass_attr = ""
    if checklist.pass_score is not None:
        pass_attr = f' data-pass="{esc(num(checklist.pass_score))}"'
        passing = (f'<span class="std-checklist__line">合格线：得分率 ≥ {esc(num(checklist.pass_score))}%</span>'
                   f'<span class="std-checklist__verdict std-verdict" data-state="pending">未完成检查</span>')
    return (f'<div class="std-checklist" id="checklist-{checklist.ordinal + 1}" data-checklist="{esc(key)}" '
            f'data-signature="{signature}" data-total="{esc(total)}"{pass_attr}>'
            f'<p class="std-checklist__title"><strong>{esc(title)}</strong>'
            f'<span class="std-checklist__hint std-noprint">（勾选结果只保存在本机浏览器中，不会上传）</span></p>'
            f'<ol class="std-checklist__items">{"".join(items)}</ol>'
            f'<p class="std-checklist__result" aria-live="polite">得分：<output class="std-checklist__score">0</output>'
            f' / {esc(total)} 分（<output class="std-checklist__percent">0</output>%）{passing}</p>'
            f'<p class="std-checklist__tools std-noprint"><button type="button" class="md-button std-checklist__reset">'
            f'清除勾选</button></p>'
            f'<p class="std-checklist__sign std-print-only">得分：________ 检查人（签字）：______________'
            f' 日期：______年____月____日</p></div>')


# -- criteria ----------------------------------------------------------------------------------------
def requirement(item: Criterion) -> str:
    unit = item.unit or ""
    if item.op == "between":
        low, high = item.value
        return f"{num(low)}～{num(high)}{unit}（含）"
    return f"{OP_TEXT[item.op]} {num(item.value)}{unit}"


def render_criteria(block, page_src: str, owner) -> str:
    criteria: Criteria = block.parsed
    title = criteria.title or "达标判断"
    rule = "满足任一项即为达标" if criteria.rule == "any" else "各项均满足才为达标"
    rows = []
    for i, item in enumerate(criteria.items):
        field_id = f"cr{block.index + 1}-{i + 1}"
        if item.op == "between":
            data = f'data-low="{esc(num(item.value[0]))}" data-high="{esc(num(item.value[1]))}"'
        else:
            data = f'data-value="{esc(num(item.value))}"'
        unit = f'<span class="std-criteria__unit">{esc(item.unit)}</span>' if item.unit else ""
        rows.append(
            f'<li class="std-criteria__item" data-op="{esc(item.op)}" {data}>'
            f'<label for="{field_id}"><span class="std-criteria__name">{esc(item.name)}</span>'
            f'<span class="std-criteria__req">要求 {esc(requirement(item))}</span></label>'
            f'<span class="std-criteria__field"><input type="number" id="{field_id}" inputmode="decimal" step="any" '
            f'placeholder="实测值">{unit}</span>'
            f'<output class="std-criteria__verdict std-verdict" for="{field_id}" data-state="pending">待填写</output>'
            f'{_clause_link(item.clause, " ")}</li>')
    return (f'<div class="std-criteria-box" id="criteria-{block.index + 1}">'
            f'<form class="std-criteria" data-rule="{esc(criteria.rule)}" autocomplete="off">'
            f'<p class="std-criteria__title"><strong>{esc(title)}</strong>（{rule}）</p>'
            f'<ol class="std-criteria__items">{"".join(rows)}</ol>'
            f'<p class="std-criteria__overall" aria-live="polite">综合判断：'
            f'<output class="std-criteria__result std-verdict" data-state="pending">待填写</output></p>'
            f'<p class="std-noprint std-criteria__tools"><button type="reset" class="md-button">清空</button>'
            f'<span class="std-checklist__hint">（在本机计算，不会上传）</span></p></form></div>')

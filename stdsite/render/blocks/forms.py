"""Inspection forms (`checklist`) and quantified requirements (`criteria`, 达标判断): everything is
rendered at build time (printable, searchable); assets/blocks.js adds scores and verdicts."""
from __future__ import annotations

import hashlib

from ...model import Block, Checklist, Criteria, Criterion, Owner
from ..common import esc
from ..context import RenderContext
from .parts import clause_link, num, owner_key

OP_TEXT = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "==": "＝"}


def render_checklist(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    checklist = block.parsed
    assert isinstance(checklist, Checklist)
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
            f'{clause_link(item.clause, " ")}</span></li>')
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


def requirement(item: Criterion) -> str:
    unit = item.unit or ""
    if item.op == "between":
        low, high = item.value
        return f"{num(low)}～{num(high)}{unit}（含）"
    return f"{OP_TEXT[item.op]} {num(item.value)}{unit}"


def render_criteria(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    criteria = block.parsed
    assert isinstance(criteria, Criteria)
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
            f'{clause_link(item.clause, " ")}</li>')
    return (f'<div class="std-criteria-box" id="criteria-{block.index + 1}">'
            f'<form class="std-criteria" data-rule="{esc(criteria.rule)}" autocomplete="off">'
            f'<p class="std-criteria__title"><strong>{esc(title)}</strong>（{rule}）</p>'
            f'<ol class="std-criteria__items">{"".join(rows)}</ol>'
            f'<p class="std-criteria__overall" aria-live="polite">综合判断：'
            f'<output class="std-criteria__result std-verdict" data-state="pending">待填写</output></p>'
            f'<p class="std-noprint std-criteria__tools"><button type="reset" class="md-button">清空</button>'
            f'<span class="std-checklist__hint">（在本机计算，不会上传）</span></p></form></div>')

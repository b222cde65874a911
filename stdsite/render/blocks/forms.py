"""Inspection forms (`checklist`) and quantified requirements (`criteria`, 达标判断): everything is
rendered at build time (printable, searchable); assets/blocks.js adds scores and verdicts."""
from __future__ import annotations

import hashlib

from ...model import Block, CheckItem, Checklist, Criteria, Criterion, Owner
from ..common import esc
from ..context import RenderContext
from .parts import clause_link, num, owner_key

OP_TEXT = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "==": "＝"}


ANSWERS = (("yes", "符合"), ("no", "不符合"), ("na", "不适用"))
FORM_VERSION = "v2"          # saved answers of another version (the tick-box form) are never read


def render_checklist(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    """An inspection form: every item answered 符合 / 不符合 / 不适用 (radio buttons on screen, three
    empty boxes on paper), 否决项 marked; blocks.js keeps the answers in the browser and shows the
    score and the verdict (the rules are in docs/help/reference.md#checklist)."""
    checklist = block.parsed
    assert isinstance(checklist, Checklist)
    title = checklist.title or "检查表"
    key = f"stdsite:checklist:{owner_key(owner)}:{checklist.ordinal + 1}:{checklist.title or ''}"
    signature = hashlib.sha256("\n".join([FORM_VERSION] + [f"{i.text}|{num(i.points)}|{int(i.veto)}"
                                                              for i in checklist.items]).encode()).hexdigest()[:12]
    items = [_checklist_item(f"cl{block.index + 1}-{n + 1}", n + 1, item) for n, item in enumerate(checklist.items)]
    pass_attr = f' data-pass="{esc(num(checklist.pass_score))}"' if checklist.pass_score is not None else ""
    count = len(checklist.items)
    # the printed sign line: blanks to fill by hand; blocks.js writes an answered check's score,
    # verdict and date into the data-sign parts
    sign = ['得分：<span data-sign="score">________</span>%']
    if checklist.pass_score is not None or any(i.veto for i in checklist.items):
        sign.append('结论：<span data-sign="verdict">□ 合格 □ 不合格</span>')
    sign += ["检查人（签字）：______________", '日期：<span data-sign="date">______年____月____日</span>']
    return (f'<div class="std-checklist" id="checklist-{checklist.ordinal + 1}" data-checklist="{esc(key)}" '
            f'data-signature="{signature}"{pass_attr}>'
            f'<p class="std-checklist__title"><strong>{esc(title)}</strong>'
            f'<span class="std-checklist__hint std-noprint" data-search-exclude>（作答只保存在本机浏览器中，不会上传）</span></p>'
            f'{_checklist_rules(checklist)}'
            f'<ol class="std-checklist__items">{"".join(items)}</ol>'
            f'<p class="std-checklist__result std-noprint" aria-live="polite" data-search-exclude>'
            f'<span class="std-checklist__progress">已检查 0/{count} 项</span> '
            f'<span class="std-checklist__score-line">得分：<output class="std-checklist__percent">—</output></span> '
            f'<output class="std-checklist__verdict std-verdict" data-state="pending">未完成</output> '
            f'<span class="std-checklist__reason"></span></p>'
            f'<p class="std-checklist__tools std-noprint" data-search-exclude><button type="button" '
            f'class="md-button std-checklist__reset">开始新的检查</button></p>'
            f'<p class="std-checklist__sign std-print-only" data-search-exclude>'
            f'{" ".join(f"<span>{part}</span>" for part in sign)}</p></div>')


def _checklist_rules(checklist: Checklist) -> str:
    """The scoring rule in one line, on screen and on paper."""
    rules = ["“不适用”的项不计分"]
    if checklist.pass_score is not None:
        rules.insert(0, f"合格线：得分 ≥ {num(checklist.pass_score)}%")
    if any(item.veto for item in checklist.items):
        rules.append("任一否决项“不符合”即为不合格")
    return f'<p class="std-checklist__rules">{esc("；".join(rules))}。</p>'


def _checklist_item(name: str, number: int, item: CheckItem) -> str:
    """One item: its text, 否决项 mark, points and clause, then the three answers."""
    veto = ' <strong class="std-veto">否决项</strong>' if item.veto else ""
    answers = "".join(f'<label class="std-checklist__answer std-checklist__answer--{value}">'
                      f'<input type="radio" name="{name}" value="{value}"><span class="std-box" aria-hidden="true">'
                      f'</span><span>{label}</span></label>' for value, label in ANSWERS)
    return (f'<li class="std-checklist__item" data-points="{esc(num(item.points))}"{" data-veto" if item.veto else ""}>'
            f'<p class="std-checklist__q" id="{name}-q"><span class="std-checklist__no">{number}.</span> '
            f'<span class="std-checklist__text">{esc(item.text)}</span>{veto} '
            f'<span class="std-checklist__meta">{esc(num(item.points))} 分{clause_link(item.clause, " · ")}</span></p>'
            f'<div class="std-checklist__answers" role="radiogroup" aria-labelledby="{name}-q" data-search-exclude>'
            f'{answers}</div></li>')


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
    key = f"stdsite:criteria:{owner_key(owner)}:{block.index + 1}:{criteria.title or ''}"
    signature = hashlib.sha256("\n".join([FORM_VERSION] + [f"{i.name}|{i.op}|{i.value}" for i in criteria.items])
                               .encode()).hexdigest()[:12]
    rows = []
    for i, item in enumerate(criteria.items):
        field_id = f"cr{block.index + 1}-{i + 1}"
        if item.op == "between":
            data = f'data-low="{esc(num(item.value[0]))}" data-high="{esc(num(item.value[1]))}"'
        else:
            data = f'data-value="{esc(num(item.value))}"'
        unit = f'<span class="std-criteria__unit">{esc(item.unit)}</span>' if item.unit else ""
        # the field and the verdicts are for the browser: kept out of the search index (their text
        # would run into the requirement, "≥ 90%%待填写")
        rows.append(
            f'<li class="std-criteria__item" data-op="{esc(item.op)}" {data}>'
            f'<label for="{field_id}"><span class="std-criteria__name">{esc(item.name)}</span> '
            f'<span class="std-criteria__req">要求 {esc(requirement(item))}</span></label> '
            f'<span class="std-criteria__field" data-search-exclude><input type="number" id="{field_id}" '
            f'inputmode="decimal" step="any"{_lowest(item)} placeholder="实测值">{unit}</span> '
            f'<output class="std-criteria__verdict std-verdict" for="{field_id}" data-state="pending" data-search-exclude>'
            f'待填写</output>{clause_link(item.clause, " ")}</li>')
    return (f'<div class="std-criteria-box" id="criteria-{block.index + 1}">'
            f'<form class="std-criteria" data-rule="{esc(criteria.rule)}" data-criteria="{esc(key)}" '
            f'data-signature="{signature}" autocomplete="off">'
            f'<p class="std-criteria__title"><strong>{esc(title)}</strong>（{rule}）</p>'
            f'<ol class="std-criteria__items">{"".join(rows)}</ol>'
            f'<p class="std-criteria__overall" aria-live="polite" data-search-exclude>综合判断：'
            f'<output class="std-criteria__result std-verdict" data-state="pending">待填写</output></p>'
            f'<p class="std-noprint std-criteria__tools" data-search-exclude><button type="reset" class="md-button">清空</button>'
            f'<span class="std-checklist__hint">（在本机计算，填写的数值只保存在本机浏览器中）</span></p></form></div>')


def _lowest(item: Criterion) -> str:
    """` min="0"` for a measurement that cannot be negative (no bound below zero): blocks.js raises
    a negative entry (typed, pasted or stepped) to 0 and says so."""
    bounds = item.value if isinstance(item.value, tuple) else (item.value,)
    if min(bounds) < 0:
        return ""
    return ' min="0"'

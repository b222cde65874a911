"""How plan figures are written for leaders: values, targets and verdicts of every indicator kind,
the same words on the 看板 and in the printed 评估报告."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ...derive import periods as P
from ...derive.indicators import Indicator
from ...derive.plan import Measure, PeriodView
from ...model import COUNT_INDICATORS, Goal
from ..common import date, esc


def percent(value: float) -> str:
    """A ratio as a percentage with one decimal, rounded half up: 0.6667 -> 66.7%, 0.5 -> 50.0%
    (the same number of decimals everywhere, so that columns of figures line up and compare)."""
    exact = (Decimal(repr(float(value))) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{exact:f}%"


def computed_value(indicator: Indicator, value: float | None = None) -> str:
    """A ratio as a percentage, a count with thousands separators and 人次; None as 无数据."""
    value = indicator.value if value is None else value
    if value is None:
        return "无数据"
    return percent(value) if indicator.is_ratio else f"{int(value):,} 人次"


def computed_target(indicator: Indicator) -> str:
    return "未设目标" if indicator.target is None else computed_value(indicator, indicator.target)


def _amount(goal: Goal, n: int | float) -> str:
    return f"{int(n):,} {goal.unit}" if goal.unit else f"{int(n):,}"


def target_text(goal: Goal) -> str:
    """What the period asks for, in words: 90%, 5 个, 完成, 每年至少 1 次."""
    if goal.kind == "computed":
        if goal.target is None:
            return "未设目标"
        return f"{int(goal.target):,} 人次" if goal.id in COUNT_INDICATORS else percent(goal.target)
    if goal.kind == "milestone":
        return "完成"
    if goal.kind == "yearly":
        return f"每年至少 {_amount(goal, goal.target)}" if goal.unit else f"每年至少 {goal.target} 次"
    return _amount(goal, goal.target)


def value_text(m: Measure) -> str:
    """The measured value in words: 66.7%, 3 个, 2022-03-15 完成, 5 年中 4 年达到."""
    goal = m.goal
    if goal.kind == "computed":
        return "—" if m.computed is None else computed_value(m.computed)
    if goal.kind == "milestone":
        return f"{date(m.value)} 完成" if m.value else "未完成" if m.met is False else "—"
    if m.value is None:
        return "—"
    if goal.kind == "count":
        return _amount(goal, m.value)
    judged = [y for y in m.value if y.judged]
    if not judged:
        running = m.value[-1] if m.value else None
        return f"{running.year} 年进行中，已 {running.count} 次" if running else "—"
    good = sum(1 for y in judged if y.met)
    return f"{len(judged)} 年中 {good} 年达到"


def verdict(m: Measure) -> tuple[str, str]:
    """(mark, css modifier) of an indicator: ✓ 达标, ✗ 未达标, 未判断, 无数据 or 未开始."""
    if m.met is True:
        return "✓ 达标", "yes"
    if m.met is False:
        return "✗ 未达标", "no"
    if m.goal.kind == "computed" and m.computed is not None and m.computed.value is None:
        return "无数据", "none"
    return ("未开始", "none") if m.computed is None and m.value is None else ("未判断", "none")


def met_badge(met: bool | None, none_text: str = "无数据") -> str:
    if met is None:
        return f'<span class="dash-met dash-met--none">{esc(none_text)}</span>'
    if met:
        return '<span class="dash-met dash-met--yes">✓ 达标</span>'
    return '<span class="dash-met dash-met--no">✗ 未达标</span>'


def verdict_badge(m: Measure) -> str:
    mark, cls = verdict(m)
    return f'<span class="dash-met dash-met--{cls}">{esc(mark)}</span>'


def pace(m: Measure, view: PeriodView) -> str | None:
    """A count in a running period against the time elapsed: 完成 40%，时间进度 19%，快于时间进度."""
    goal = m.goal
    if view.state != P.RUNNING or goal.kind != "count" or m.value is None or not goal.target:
        return None
    done = min(1.0, m.value / goal.target)
    time = view.elapsed
    word = "已完成目标" if done >= 1 else "快于时间进度" if done >= time else "慢于时间进度"
    return f"完成 {percent(round(done, 4))}，时间进度 {percent(round(time, 4))}，{word}"


def period_title(view: PeriodView) -> str:
    p = view.period
    return f"{p.name}（{date(p.start)} 至 {date(p.end)}）"


def period_status(view: PeriodView) -> str:
    """已结束 · 总结评估（按 2025-12-31 测算）, 进行中 · 中期评估（按 … 测算，时间进度 55%）, 未开始."""
    if view.state == P.NOT_STARTED:
        return f"未开始（{date(view.period.start)} 开始），不测算"
    text = f"{view.state} · {view.assessment}（按 {date(view.measured_at)} 测算"
    if view.state == P.RUNNING:
        text += f"，时间进度 {percent(round(view.elapsed, 4))}；中期评估节点 {P.midpoint(view.period).year} 年"
    return text + "）"


def day(value: dt.date | None) -> str:
    """A date cell that does not wrap at its hyphens."""
    return f'<span class="dash-date">{date(value)}</span>'

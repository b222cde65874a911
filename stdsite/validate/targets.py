"""targets.yaml: the plan periods and their indicators.

Two forms: the simple one (`period:` plus the five computed targets) is one period measuring the
five computed indicators; the full one (`periods:`) lists any number of periods, each with the
computed indicators it sets targets for and the indicators counted from records.yaml.
"""
from __future__ import annotations

from typing import Any

from ..errors import Problems, quote
from ..load import SourceFile
from ..load.yaml import YMap
from ..model import (COMPUTED, COUNT_INDICATORS, DEFAULT_TARGETS, INDICATORS, RECORD_KINDS, TARGET_NAMES, Goal,
                     Period, Targets, computed_goals)
from ..model.plan import DEFAULT_TARGET_VALUES
from ..text import did_you_mean
from .schema import Checker, Spec

PERIOD_FIELDS = {"name": Spec("text", True), "start": Spec("date", True), "end": Spec("date", True)}
PERIODS_FIELDS = {**PERIOD_FIELDS, "indicators": Spec("any", True, label="本规划期的指标列表"), "note": Spec("text")}
GOAL_FIELDS = {"id": Spec("text", True, label="指标编号"), "name": Spec("text"), "kind": Spec("text"),
               "target": Spec("number"), "unit": Spec("text"), "group": Spec("text")}
KIND_NAMES = {"count": "计数", "milestone": "里程碑", "yearly": "逐年"}
KINDS_TEXT = " · ".join(f"{k}（{v}）" for k, v in KIND_NAMES.items())


def validate_targets(file: SourceFile, problems: Problems) -> Targets:
    """The periods of targets.yaml, in date order (defaults for what is missing or wrong)."""
    data = file.data
    check = Checker(problems, file.shown)
    if isinstance(data, YMap) and "periods" in data:
        return Targets(tuple(sorted(_periods(data, check), key=lambda p: p.start)), file.shown)
    if isinstance(data, YMap) and "period" not in data:
        check.error(data.line, "targets.yaml 缺少规划期：多个规划期写 periods（见帮助中的完整写法），一个规划期写 period")
        return DEFAULT_TARGETS
    return _single(file, check)


def _single(file: SourceFile, check: Checker) -> Targets:
    """The simple form: one period and the five computed targets."""
    data = file.data
    specs = {"period": Spec("any", True), **{name: Spec("number") for name in TARGET_NAMES}}
    v = check.mapping(data, specs, "targets.yaml")
    if not v:
        return DEFAULT_TARGETS
    p = check.mapping(v["period"], PERIOD_FIELDS, "规划期", data.line_of("period"))
    default = DEFAULT_TARGETS.periods[0]
    name, start, end = default.name, default.start, default.end
    if p and p["name"] and p["start"] and p["end"]:
        if p["end"] < p["start"]:
            check.error(v["period"].line_of("end"), "规划期结束日期早于开始日期")
        name, start, end = p["name"], p["start"], p["end"]
    for goal_id in TARGET_NAMES:
        if v[goal_id] is not None and not _target_ok(goal_id, v[goal_id], check, data.line_of(goal_id)):
            v[goal_id] = None
    values = {goal_id: (v[goal_id] if v[goal_id] is not None else DEFAULT_TARGET_VALUES[goal_id])
              for goal_id in TARGET_NAMES}
    return Targets((Period(name, start, end, computed_goals(values), data.line),), file.shown)


def _target_ok(goal_id: str, target: float, check: Checker, line: int) -> bool:
    """A computed indicator's target: a ratio between 0 and 1, or a count that is not negative."""
    if goal_id in COUNT_INDICATORS:
        if target < 0:
            check.error(line, f"指标「{goal_id}」的目标 {quote(target)} 不能为负数")
            return False
        return True
    if not 0 <= target <= 1:
        check.error(line, f"指标「{goal_id}」的目标 {quote(target)} 应为 0 到 1 之间的比例，如 90% 写作 0.90")
        return False
    return True


def _periods(data: YMap, check: Checker) -> list[Period]:
    for key in ("period", *TARGET_NAMES):
        if key in data:
            check.error(data.line_of(key), f"targets.yaml 已用 periods 写规划期，不能再写 {quote(key)}；"
                                           f"五项计算指标的目标请写在各规划期的 indicators 中")
    unknown = [k for k in data if k not in ("periods", "period", *TARGET_NAMES)]
    for key in unknown:
        check.error(data.line_of(key), f"targets.yaml 中有未知字段 {quote(key)}（可用字段：periods）")
    items = check.list_of_maps(data["periods"], "periods", data.line_of("periods"))
    if data["periods"] is None or data["periods"] == []:
        check.error(data.line_of("periods"), "periods 中至少要写一个规划期")
    out: list[Period] = []
    names: dict[str, int] = {}
    for item, _ in items:
        period = _period(item, check)
        if period is None:
            continue
        if _repeated(names, period.name, item.line, check, item.line_of("name"), f"规划期名称 {quote(period.name)} "):
            continue
        clash = next((other for other in out if period.start <= other.end and other.start <= period.end), None)
        if clash is not None:
            first, last = max(period.start, clash.start), min(period.end, clash.end)
            check.error(item.line_of("start"), f"规划期 {quote(period.name)}（{period.start} 至 {period.end}）与第 {clash.line} 行的"
                                               f"规划期 {quote(clash.name)}（{clash.start} 至 {clash.end}）重叠："
                                               f"{first} 至 {last} 同时属于两个规划期")
            continue
        out.append(period)
    return out


def _period(item: YMap, check: Checker) -> Period | None:
    p = check.mapping(item, PERIODS_FIELDS, "规划期")
    if not p or not p["name"] or not p["start"] or not p["end"]:
        return None
    if p["end"] < p["start"]:
        check.error(item.line_of("end"), f"规划期 {quote(p['name'])} 的结束日期早于开始日期")
        return None
    goals: list[Goal] = []
    ids: dict[str, int] = {}
    for goal_item, _ in check.list_of_maps(p["indicators"], "indicators", item.line_of("indicators")):
        goal = _goal(goal_item, check)
        if goal is None:
            continue
        if not _repeated(ids, goal.id, goal.line, check, goal_item.line_of("id"),
                         f"指标编号 {quote(goal.id)} 在规划期 {quote(p['name'])} 中"):
            goals.append(goal)
    return Period(p["name"], p["start"], p["end"], tuple(goals), item.line, p["note"])


def _repeated(seen: dict[str, int], key: str, line: int, check: Checker, at: int, what: str) -> bool:
    """Report `what` 重复 at line `at` when `key` was seen before; else remember its line."""
    if key in seen:
        check.error(at, f"{what}重复（第 {seen[key]} 行已有）")
        return True
    seen[key] = line
    return False


def _goal(item: YMap, check: Checker) -> Goal | None:
    g = check.mapping(item, GOAL_FIELDS, "指标")
    if not g or not g["id"]:
        return None
    goal_id, kind, target = g["id"], g["kind"], g["target"]
    if goal_id in INDICATORS:
        return _computed_goal(item, g, check)
    if g["name"] is None:
        check.error(item.line, f"指标 {quote(goal_id)} 缺少必填字段「name」（指标名称）")
    if kind is None:
        check.error(item.line, f"指标 {quote(goal_id)} 缺少必填字段「kind」，应为 {KINDS_TEXT} 之一")
        return None
    if kind not in RECORD_KINDS:
        hint = did_you_mean(kind, RECORD_KINDS) or did_you_mean(kind, KIND_NAMES.values())
        check.error(item.line_of("kind"), f"指标 {quote(goal_id)} 的种类 kind: {quote(kind)} 无效，应为 {KINDS_TEXT} 之一{hint}")
        return None
    if g["name"] is None:
        return None
    if kind == "milestone":
        if target is not None:
            check.warn(item.line_of("target"), f"里程碑指标 {quote(goal_id)} 不用写 target（有记录即达标），已忽略")
        target = None
    elif target is None and kind == "count":
        check.error(item.line, f"计数指标 {quote(goal_id)} 缺少必填字段「target」（目标数量）")
        return None
    elif target is not None and (target < 1 or not float(target).is_integer()):
        check.error(item.line_of("target"), f"指标 {quote(goal_id)} 的目标 {quote(target)} 应为不小于 1 的整数")
        return None
    if kind == "yearly" and target is None:
        target = 1
    return Goal(goal_id, kind, g["name"], _whole(target), g["unit"], g["group"], item.line)


def _computed_goal(item: YMap, g: dict[str, Any], check: Checker) -> Goal | None:
    goal_id, target = g["id"], g["target"]
    label = INDICATORS[goal_id]
    if g["kind"] not in (None, COMPUTED):
        check.error(item.line_of("kind"), f"{quote(goal_id)}（{label}）是系统计算的指标，不用写 kind")
        return None
    if g["name"] is not None:
        check.warn(item.line_of("name"), f"{quote(goal_id)} 是系统计算的指标，名称固定为「{label}」，name 不起作用")
    if target is not None and not _target_ok(goal_id, target, check, item.line_of("target")):
        target = None
    return Goal(goal_id, COMPUTED, label, target, g["unit"], g["group"], item.line)


def _whole(value: float | int | None) -> int | None:
    return None if value is None else int(value)

"""Validation of the visual blocks of a body: `flow`, `checklist`, `criteria` and `dot`.

Sits between body parsing (stdsite/body.py gives Block with parsed YAML and lines) and rendering
(stdsite/render/visual.py reads the validated forms defined here). Registered in
stdsite/blocks.py; each `check_*` returns the validated form, or None after reporting errors.
Graphviz syntax of `dot` blocks is checked later, in one batch for all blocks (blocks.check_all).
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from .errors import quote
from .fields import Checker, Spec
from .yamlio import YList, YMap

STEP_TYPES = ("start", "end", "process", "decision", "document")
OPS = (">=", "<=", ">", "<", "==", "between")
RULES = ("any", "all")
# symbols editors type for the operators (hints only; the source must use the ASCII form)
OP_HINTS = {"≥": ">=", "=>": ">=", "≤": "<=", "=<": "<=", "=": "==", "＝": "==", "大于等于": ">=",
            "小于等于": "<=", "大于": ">", "小于": "<", "等于": "==", "介于": "between", "范围": "between"}
INCLUDE = re.compile(r"^\s*include\s*:\s*(\S(?:.*\S)?)\s*$")


# -- validated forms -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    id: str
    text: str
    type: str                              # one of STEP_TYPES
    lane: str | None
    clause: str | None
    targets: tuple[tuple[str, str], ...]   # (target id, edge label: "" | "是" | "否")
    line: int
    auto_id: bool = False                  # id not written by the editor


@dataclass(frozen=True)
class Flow:
    title: str | None
    lanes: tuple[str, ...]
    steps: tuple[Step, ...]
    line: int

    def number(self, step_id: str) -> int:
        """1-based position of a step (as in the ordered text version)."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index + 1
        raise KeyError(step_id)


@dataclass(frozen=True)
class CheckItem:
    text: str
    clause: str | None
    points: float
    line: int


@dataclass(frozen=True)
class Checklist:
    title: str | None
    pass_score: float | None              # percent of the points needed to pass
    items: tuple[CheckItem, ...]
    ordinal: int                          # 0-based count among the owner's checklists
    line: int

    @property
    def total(self) -> float:
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    op: str
    value: float | tuple[float, float]
    unit: str | None
    clause: str | None
    line: int


@dataclass(frozen=True)
class Criteria:
    title: str | None
    rule: str                             # any | all
    items: tuple[Criterion, ...]
    line: int


@dataclass(frozen=True)
class Diagram:
    dot: str                              # Graphviz source to render
    include: str | None                   # diagrams/<name>.dot when used by name
    title: str | None
    line: int


# -- field specs -----------------------------------------------------------------------------------
FLOW_FIELDS = {"title": Spec("text", label="标题"), "lanes": Spec("texts", label="泳道"),
               "steps": Spec("any", required=True, label="步骤")}
STEP_FIELDS = {"id": Spec("any", label="步骤编号"), "text": Spec("text", required=True, label="步骤内容"),
               "type": Spec("choice", choices=STEP_TYPES, label="步骤类型"), "lane": Spec("text", label="泳道"),
               "next": Spec("any", label="下一步"), "yes": Spec("any", label="是"), "no": Spec("any", label="否"),
               "clause": Spec("clause", label="条款")}
CHECKLIST_FIELDS = {"title": Spec("text", label="标题"), "pass": Spec("number", label="合格分数（百分比）"),
                    "items": Spec("any", required=True, label="检查项")}
CHECK_ITEM_FIELDS = {"text": Spec("text", required=True, label="检查内容"), "clause": Spec("clause", label="条款"),
                     "points": Spec("number", label="分值")}
CRITERIA_FIELDS = {"title": Spec("text", label="标题"), "rule": Spec("choice", choices=RULES, label="判定规则"),
                   "items": Spec("any", required=True, label="指标")}
CRITERION_FIELDS = {"id": Spec("any", label="编号"), "name": Spec("text", required=True, label="指标名称"),
                    "op": Spec("any", required=True, label="比较方式"), "value": Spec("any", required=True, label="要求值"),
                    "unit": Spec("text", label="单位"), "clause": Spec("clause", label="条款")}


def _name(kind: str, title: str | None) -> str:
    return f"{kind}{quote(title)}" if title else kind


def _clause(check: Checker, owner, clause: str | None, line: int, what: str) -> str | None:
    """A clause of the block's own standard; reports one that does not exist."""
    if clause is None:
        return None
    numbers = {c.number for c in getattr(owner, "clauses", ())}
    if clause not in numbers:
        where = "本标准" if hasattr(owner, "code") else "本页"
        check.error(line, f"{what}引用的条款 {quote(clause)} 在{where}中不存在")
        return None
    return clause


def _id(check: Checker, raw: Any, field: str, line: int, what: str) -> str | None:
    """Ids may be written as words or whole numbers (`id: 3`, `next: 3`)."""
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    check.error(line, f"{what}的「{field}」应为步骤编号（文字或整数），实际是 {quote(raw)}")
    return None


def _items(check: Checker, data: YMap, field: str, what: str) -> list[tuple[Any, int]]:
    """The (item, line) pairs of a required non-empty list field; reports an empty or non-list one."""
    raw = data.get(field)
    line = data.line_of(field)
    if raw is None or raw == "":
        return []          # reported by Checker.mapping (a required field)
    if not isinstance(raw, YList):
        check.error(line, f"{what}的「{field}」应为列表（每项以「- 」开头），实际是 {quote(raw)}")
        return []
    if not raw:
        check.error(line, f"{what}的「{field}」是空的，至少要有一项")
    return [(item, raw.line_of(index)) for index, item in enumerate(raw)]


# -- flow ------------------------------------------------------------------------------------------
def check_flow(block, check: Checker, owner, project) -> Flow | None:
    """Validate a `flow` block: fields, step ids and targets, decisions, lanes, reachability."""
    errors_before = len(check.problems.errors)
    head = check.mapping(block.data, FLOW_FIELDS, "流程图", block.line + 1)
    if head is None:
        return None
    data: YMap = block.data
    what = _name("流程", head["title"])
    lanes = tuple(head["lanes"])
    for index, lane in enumerate(lanes):
        if lane in lanes[:index]:
            check.error(data.line_of("lanes"), f"{what}的泳道 {quote(lane)} 重复")

    raw_steps = []                     # (fields, item map, line)
    seen: dict[str, int] = {}
    for position, (item, line) in enumerate(_items(check, data, "steps", what)):
        fields = check.mapping(item, STEP_FIELDS, f"{what}的第 {position + 1} 步", line)
        if fields is None:
            continue
        auto = fields["id"] is None
        step_id = f"#{position + 1}" if auto else _id(check, fields["id"], "id", item.line_of("id"), f"{what}的第 {position + 1} 步")
        if step_id is None:
            continue
        if step_id in seen:
            check.error(item.line_of("id"), f"{what}的步骤编号 {quote(step_id)} 重复（第 {seen[step_id]} 行已有）")
            continue
        seen[step_id] = item.line_of("id")
        raw_steps.append((step_id, auto, fields, item, line))
    if not raw_steps:
        return None

    ids = [s[0] for s in raw_steps]
    steps: list[Step] = []
    for index, (step_id, auto, fields, item, line) in enumerate(raw_steps):
        who = f"{what}的步骤 {quote(step_id)}"
        kind = fields["type"] or "process"
        targets: list[tuple[str, str]] = []

        def target(field: str, label: str) -> None:
            raw = item[field]
            values = list(raw) if isinstance(raw, YList) else [raw]
            lines = raw.item_lines if isinstance(raw, YList) else [item.line_of(field)]
            if field != "next" and isinstance(raw, YList):
                check.error(item.line_of(field), f"{who}的「{field}」只能指向一个步骤，实际是 {quote(list(raw))}")
                return
            if not values:
                check.error(item.line_of(field), f"{who}的「{field}」是空的")
            for value, value_line in zip(values, lines):
                target_id = _id(check, value, field, value_line, who)
                if target_id is None:
                    continue
                if target_id not in seen:
                    close = difflib.get_close_matches(target_id, ids, n=1, cutoff=0.5)
                    hint = f"，是否应为「{close[0]}」？" if close else f"（已有步骤：{'、'.join(ids)}）"
                    check.error(value_line, f"{who}的「{field}」指向不存在的步骤 {quote(target_id)}{hint}")
                    continue
                targets.append((target_id, label))

        has = {f: item.get(f) not in (None, "") for f in ("next", "yes", "no")}
        if kind == "decision":
            missing = [f"「{f}」（{'是' if f == 'yes' else '否'}）" for f in ("yes", "no") if not has[f]]
            if missing:
                check.error(item.line_of("type"), f"{who}是判断步骤，缺少{'和'.join(missing)}分支")
            if has["next"]:
                check.error(item.line_of("next"), f"{who}是判断步骤，请用「yes」和「no」指定去向，不用「next」")
            for field, label in (("yes", "是"), ("no", "否")):
                if has[field]:
                    target(field, label)
        else:
            for field in ("yes", "no"):
                if has[field]:
                    check.error(item.line_of(field), f"{who}不是判断步骤（type: decision），不能有「{field}」")
            if kind == "end":
                if has["next"]:
                    check.error(item.line_of("next"), f"{who}是结束步骤（type: end），不能有「next」")
            elif has["next"]:
                target("next", "")
            elif index + 1 < len(raw_steps):
                targets.append((raw_steps[index + 1][0], ""))

        lane = fields["lane"]
        if lane is not None and lanes and lane not in lanes:
            close = difflib.get_close_matches(lane, lanes, n=1, cutoff=0.3)
            hint = f"，是否应为「{close[0]}」？" if close else ""
            check.error(item.line_of("lane"), f"{who}的泳道 {quote(lane)} 不在 lanes（{'、'.join(lanes)}）中{hint}")
            lane = None
        elif lane is None and lanes:
            check.warn(line, f"{who}没有写「lane」，将画在泳道之外")
        clause = _clause(check, owner, fields["clause"], item.line_of("clause"), who)
        steps.append(Step(step_id, fields["text"] or "", kind, lane, clause, tuple(targets), line, auto))

    # every step reachable from the first one
    by_id = {s.id: s for s in steps}
    reached, stack = {steps[0].id}, [steps[0].id]
    while stack:
        for target_id, _ in by_id[stack.pop()].targets:
            if target_id in by_id and target_id not in reached:
                reached.add(target_id)
                stack.append(target_id)
    for step in steps:
        if step.id not in reached:
            name = f"第 {steps.index(step) + 1} 步" if step.auto_id else f"步骤 {quote(step.id)}"
            check.error(step.line, f"{what}的{name}从第一步无法到达；请用 next、yes 或 no 指向它，或删去")

    if not lanes:                       # lanes may be left out: they follow the steps' order
        lanes = tuple(dict.fromkeys(s.lane for s in steps if s.lane))
    if len(check.problems.errors) > errors_before:
        return None
    return Flow(head["title"], lanes, tuple(steps), block.line)


# -- checklist -------------------------------------------------------------------------------------
def check_checklist(block, check: Checker, owner, project) -> Checklist | None:
    """Validate a `checklist` block: items (mappings or plain text), points, pass score, clauses."""
    errors_before = len(check.problems.errors)
    head = check.mapping(block.data, CHECKLIST_FIELDS, "检查表", block.line + 1)
    if head is None:
        return None
    data: YMap = block.data
    what = _name("检查表", head["title"])
    items = []
    for position, (item, line) in enumerate(_items(check, data, "items", what)):
        who = f"{what}的第 {position + 1} 项"
        if isinstance(item, str) and item.strip():
            items.append(CheckItem(item.strip(), None, 1, line))
            continue
        fields = check.mapping(item, CHECK_ITEM_FIELDS, who, line)
        if fields is None:
            continue
        points = fields["points"]
        if points is not None and points < 0:
            check.error(item.line_of("points"), f"{who}的分值 {quote(points)} 不能为负数")
        clause = _clause(check, owner, fields["clause"], item.line_of("clause"), who)
        items.append(CheckItem(fields["text"] or "", clause, 1 if points is None else points, line))
    pass_score = head["pass"]
    if pass_score is not None and not 0 <= pass_score <= 100:
        check.error(data.line_of("pass"), f"{what}的合格分数「pass」{quote(pass_score)} 应在 0 到 100 之间（得分百分比）")
    if items and sum(i.points for i in items) <= 0:
        check.error(data.line_of("items"), f"{what}的总分为 0，请给检查项设置 points")
    if len(check.problems.errors) > errors_before or not items:
        return None
    ordinal = sum(1 for b in getattr(owner, "blocks", ()) if b.kind == "checklist" and b.index < block.index)
    return Checklist(head["title"], pass_score, tuple(items), ordinal, block.line)


# -- criteria --------------------------------------------------------------------------------------
def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_criteria(block, check: Checker, owner, project) -> Criteria | None:
    """Validate a `criteria` block: operators, values (a [low, high] pair for between), clauses."""
    errors_before = len(check.problems.errors)
    head = check.mapping(block.data, CRITERIA_FIELDS, "达标判断", block.line + 1)
    if head is None:
        return None
    data: YMap = block.data
    what = _name("达标判断", head["title"])
    items: list[Criterion] = []
    seen: dict[str, int] = {}
    for position, (item, line) in enumerate(_items(check, data, "items", what)):
        who = f"{what}的第 {position + 1} 项"
        fields = check.mapping(item, CRITERION_FIELDS, who, line)
        if fields is None:
            continue
        item_id = f"#{position + 1}" if fields["id"] is None else _id(check, fields["id"], "id", item.line_of("id"), who)
        if item_id in seen:
            check.error(item.line_of("id"), f"{what}的指标编号 {quote(item_id)} 重复（第 {seen[item_id]} 行已有）")
        elif item_id is not None:
            seen[item_id] = item.line_of("id")
        op, value, value_line = fields["op"], fields["value"], item.line_of("value")
        if op is not None:
            op = op.strip() if isinstance(op, str) else op
            if op not in OPS:
                hint = f"，是否应为「{OP_HINTS[op]}」？" if isinstance(op, str) and op in OP_HINTS else ""
                check.error(item.line_of("op"), f"{who}的比较方式 {quote(op)} 无效，应为 {' · '.join(OPS)} 之一{hint}"
                                                f"（YAML 中请加引号，如 op: \">=\"）")
                op = None
        if op == "between":
            if not (isinstance(value, YList) and len(value) == 2 and all(_number(v) for v in value)):
                check.error(value_line, f"{who}用 between 时「value」应为 [下限, 上限] 两个数字，如 value: [18, 26]，"
                                        f"实际是 {quote(list(value) if isinstance(value, YList) else value)}")
                value = None
            elif value[0] > value[1]:
                check.error(value_line, f"{who}的范围 {quote(list(value))} 下限大于上限")
                value = None
            else:
                value = (value[0], value[1])
        elif value is not None and not _number(value):
            hint = "；范围请用 op: between" if isinstance(value, YList) else ""
            check.error(value_line, f"{who}的「value」应为数字，实际是 {quote(list(value) if isinstance(value, YList) else value)}{hint}")
            value = None
        clause = _clause(check, owner, fields["clause"], item.line_of("clause"), who)
        if op is not None and value is not None and item_id is not None:
            items.append(Criterion(item_id, fields["name"] or "", op, value, fields["unit"], clause, line))
    if len(check.problems.errors) > errors_before or not items:
        return None
    return Criteria(head["title"], head["rule"] or "all", tuple(items), block.line)


# -- dot -------------------------------------------------------------------------------------------
def check_dot(block, check: Checker, owner, project) -> Diagram | None:
    """A `dot` block: raw Graphviz, or `include: name` for diagrams/<name>.dot (syntax checked later)."""
    text = block.data if isinstance(block.data, str) else block.text
    if not text.strip():
        check.error(block.line, "dot 图是空的：请写 Graphviz 代码，或用 include: 文件名 引用 diagrams/ 下的图")
        return None
    m = INCLUDE.match(text.strip()) if "\n" not in text.strip() else None
    if m:
        name = m.group(1).strip().strip("\"'")
        name = name[:-4] if name.endswith(".dot") else name
        name = name[len("diagrams/"):] if name.startswith("diagrams/") else name
        diagrams = getattr(project, "diagrams", {}) or {}
        if name not in diagrams:
            close = difflib.get_close_matches(name, list(diagrams), n=1, cutoff=0.5)
            hint = f"，是否应为「{close[0]}」？" if close else \
                (f"（可用：{'、'.join(sorted(diagrams))}）" if diagrams else "（diagrams/ 文件夹中没有 .dot 文件）")
            check.error(block.line + 1, f"引用的图 {quote(name)} 不存在：应为 diagrams/{name}.dot{hint}")
            return None
        return Diagram(diagrams[name], name, name, block.line)
    return Diagram(text, None, None, block.line)

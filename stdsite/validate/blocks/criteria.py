"""`criteria` blocks (达标判断): quantified requirements with an operator and a value or range."""
from __future__ import annotations

import math
from typing import Any

from ...errors import quote
from ...load.yaml import YList, YMap
from ...model import Block, Criteria, Criterion, Owner, Project
from ..schema import Checker, Spec
from .common import block_name, list_items, own_clause, read_id

OPS = (">=", "<=", ">", "<", "==", "between")
RULES = ("any", "all")
# symbols editors type for the operators (hints only; the source must use the ASCII form)
OP_HINTS = {"≥": ">=", "=>": ">=", "≤": "<=", "=<": "<=", "=": "==", "＝": "==", "＞": ">", "＜": "<",
            "≧": ">=", "≦": "<=", "＞＝": ">=", "＜＝": "<=", "大于等于": ">=",
            "小于等于": "<=", "大于": ">", "小于": "<", "等于": "==", "介于": "between", "范围": "between"}

CRITERIA_FIELDS = {"title": Spec("text", label="标题"), "rule": Spec("choice", choices=RULES, label="判定规则"),
                   "items": Spec("any", required=True, label="指标")}
CRITERION_FIELDS = {"id": Spec("any", label="编号"), "name": Spec("text", required=True, label="指标名称"),
                    "op": Spec("any", required=True, label="比较方式"), "value": Spec("any", required=True, label="要求值"),
                    "unit": Spec("text", label="单位"), "clause": Spec("clause", label="条款")}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_criteria(block: Block, check: Checker, owner: Owner, project: Project) -> Criteria | None:
    """Validate a `criteria` block: operators, values (a [low, high] pair for between), clauses."""
    errors_before = check.problems.error_count
    head = check.mapping(block.data, CRITERIA_FIELDS, "达标判断", block.line + 1)
    if head is None:
        return None
    data: YMap = block.data
    what = block_name("达标判断", head["title"])
    items: list[Criterion] = []
    seen: dict[str, int] = {}
    for position, (item, line) in enumerate(list_items(check, data, "items", what)):
        who = f"{what}的第 {position + 1} 项"
        fields = check.mapping(item, CRITERION_FIELDS, who, line)
        if fields is None:
            continue
        item_id = f"#{position + 1}" if fields["id"] is None else read_id(check, fields["id"], "id", item.line_of("id"), who)
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
        clause = own_clause(check, owner, fields["clause"], item.line_of("clause"), who)
        if op is not None and value is not None and item_id is not None:
            items.append(Criterion(item_id, fields["name"] or "", op, value, fields["unit"], clause, line))
    if check.problems.error_count > errors_before or not items:
        return None
    return Criteria(head["title"], head["rule"] or "all", tuple(items), block.line)

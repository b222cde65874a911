"""`flow` blocks: steps with ids and targets, decisions with yes/no, lanes, reachability."""
from __future__ import annotations

from ...errors import quote
from ...load.yaml import YList, YMap
from ...model import Block, Flow, Owner, Project, Step
from ...text import did_you_mean
from ..schema import Checker, Spec
from .common import block_name, list_items, own_clause, read_id

STEP_TYPES = ("start", "end", "process", "decision", "document")

FLOW_FIELDS = {"title": Spec("text", label="标题"), "lanes": Spec("texts", label="泳道"),
               "steps": Spec("any", required=True, label="步骤")}
STEP_FIELDS = {"id": Spec("any", label="步骤编号"), "text": Spec("text", required=True, label="步骤内容"),
               "type": Spec("choice", choices=STEP_TYPES, label="步骤类型"), "lane": Spec("text", label="泳道"),
               "next": Spec("any", label="下一步"), "yes": Spec("any", label="是"), "no": Spec("any", label="否"),
               "clause": Spec("clause", label="条款")}


def check_flow(block: Block, check: Checker, owner: Owner, project: Project) -> Flow | None:
    """Validate a `flow` block: fields, step ids and targets, decisions, lanes, reachability."""
    errors_before = check.problems.error_count
    head = check.mapping(block.data, FLOW_FIELDS, "流程图", block.line + 1)
    if head is None:
        return None
    data: YMap = block.data
    what = block_name("流程", head["title"])
    lanes = tuple(head["lanes"])
    for index, lane in enumerate(lanes):
        if lane in lanes[:index]:
            check.error(data.line_of("lanes"), f"{what}的泳道 {quote(lane)} 重复")

    raw_steps = []                     # (fields, item map, line)
    seen: dict[str, int] = {}
    for position, (item, line) in enumerate(list_items(check, data, "steps", what)):
        fields = check.mapping(item, STEP_FIELDS, f"{what}的第 {position + 1} 步", line)
        if fields is None:
            continue
        auto = fields["id"] is None
        step_id = f"#{position + 1}" if auto else read_id(check, fields["id"], "id", item.line_of("id"), f"{what}的第 {position + 1} 步")
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
                target_id = read_id(check, value, field, value_line, who)
                if target_id is None:
                    continue
                if target_id not in seen:
                    hint = did_you_mean(target_id, ids, cutoff=0.5) or f"（已有步骤：{'、'.join(ids)}）"
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
            hint = did_you_mean(lane, lanes, cutoff=0.3)
            check.error(item.line_of("lane"), f"{who}的泳道 {quote(lane)} 不在 lanes（{'、'.join(lanes)}）中{hint}")
            lane = None
        elif lane is None and lanes:
            check.warn(line, f"{who}没有写「lane」，将画在泳道之外")
        clause = own_clause(check, owner, fields["clause"], item.line_of("clause"), who)
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
    if check.problems.error_count > errors_before:
        return None
    return Flow(head["title"], lanes, tuple(steps), block.line)

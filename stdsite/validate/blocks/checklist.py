"""`checklist` blocks: an inspection form's items, their points, clauses and 否决项, the pass score."""
from __future__ import annotations

from ...errors import quote
from ...load.yaml import YMap
from ...model import Block, CheckItem, Checklist, Owner, Project
from ..schema import Checker, Spec
from .common import block_name, list_items, own_clause

CHECKLIST_FIELDS = {"title": Spec("text", label="标题"), "pass": Spec("number", label="合格分数（百分比）"),
                    "items": Spec("any", required=True, label="检查项")}
CHECK_ITEM_FIELDS = {"text": Spec("text", required=True, label="检查内容"), "clause": Spec("clause", label="条款"),
                     "points": Spec("number", label="分值"), "veto": Spec("bool", label="否决项")}


def check_checklist(block: Block, check: Checker, owner: Owner, project: Project) -> Checklist | None:
    """Validate a `checklist` block: items (mappings or plain text), points, 否决项, pass score, clauses."""
    errors_before = check.problems.error_count
    head = check.mapping(block.data, CHECKLIST_FIELDS, "检查表", block.line + 1)
    if head is None:
        return None
    data: YMap = block.data
    what = block_name("检查表", head["title"])
    items = []
    for position, (item, line) in enumerate(list_items(check, data, "items", what)):
        who = f"{what}的第 {position + 1} 项"
        if isinstance(item, str) and item.strip():
            items.append(CheckItem(item.strip(), None, 1, line))
            continue
        fields = check.mapping(item, CHECK_ITEM_FIELDS, who, line)
        if fields is None:
            continue
        points = fields["points"]
        if points is not None and points < 0:
            check.error(item.line_of("points"), f"{who}的分值「points」 {quote(points)} 不能是负数：请写 0 或正数，"
                                                f"如 points: 5（不写时每项 1 分）")
            continue
        clause = own_clause(check, owner, fields["clause"], item.line_of("clause"), who)
        items.append(CheckItem(fields["text"] or "", clause, 1 if points is None else points, line, bool(fields["veto"])))
    pass_score = head["pass"]
    if pass_score is not None and not 0 <= pass_score <= 100:
        check.error(data.line_of("pass"), f"{what}的合格分数「pass」{quote(pass_score)} 应在 0 到 100 之间（得分百分比）")
    if items and sum(i.points for i in items) <= 0 and check.problems.error_count == errors_before:
        check.error(data.line_of("items"), f"{what}各项的分值都是 0，总分为 0，无法计算得分；请给至少一项写大于 0 的"
                                           f" points，或删去 points（不写时每项 1 分）")
    if check.problems.error_count > errors_before or not items:
        return None
    ordinal = sum(1 for b in getattr(owner, "blocks", ()) if b.kind == "checklist" and b.index < block.index)
    return Checklist(head["title"], pass_score, tuple(items), ordinal, block.line)

"""feedback.yaml (comments received and how each was handled) and the feedback contact of
mkdocs.yml (`extra.feedback`)."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..errors import Problems, quote
from ..load import SourceFile
from ..model import FEEDBACK_KINDS, FEEDBACK_STATUSES, Feedback, FeedbackContact, Project
from ..text import did_you_mean, normalize_code
from .lists import list_entries
from .schema import Checker, Spec, unknown_key_hint

FEEDBACK_FIELDS = {
    "date": Spec("date", True, label="收到日期"), "standard": Spec("text", True, label="标准编号"),
    "clause": Spec("clause"), "from": Spec("text", True, label="提出单位"),
    "kind": Spec("choice", choices=FEEDBACK_KINDS), "summary": Spec("text", True, label="意见摘要"),
    "status": Spec("choice", True, FEEDBACK_STATUSES, label="处理状态"), "reply": Spec("text"),
    "closed": Spec("date"),
}
CONTACT_FIELDS = ("email", "phone", "address")
EMAIL = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:]+")


def validate_feedback(file: SourceFile, problems: Problems) -> list[Feedback]:
    """Every entry of feedback.yaml (file order); `closed` is required unless 待处理."""
    check = Checker(problems, file.shown)
    out = []
    for v, item in list_entries(file, FEEDBACK_FIELDS, "意见", problems):
        if any(v.get(key) is None and item[key] not in (None, "") for key in item if key in v):
            continue                    # a written value that is wrong (reported): the entry is left out
        status, closed = v["status"], v["closed"]
        if status != "待处理" and closed is None and "closed" not in item:
            check.error(item.line, f"状态为 {quote(status)} 的意见缺少处理完毕日期「closed」（只有「待处理」的意见可以不写）")
        if status == "待处理" and closed is not None:
            check.warn(item.line_of("closed"), "状态为「待处理」的意见写了处理完毕日期「closed」；"
                                               "已处理完的，请把 status 改为 已采纳、部分采纳 或 未采纳")
        if closed is not None and closed < v["date"]:
            check.error(item.line_of("closed"),
                        f"处理完毕日期 {quote(closed.isoformat())} 早于收到日期 {quote(v['date'].isoformat())}")
        out.append(Feedback(v["date"], normalize_code(v["standard"]), v["clause"], v["from"],
                            v["kind"] or "实施反馈", v["summary"], status, v["reply"], closed, item.line,
                            dict(item.key_lines)))
    return out


def check_feedback(project: Project, path: str, problems: Problems) -> Project:
    """Each entry's `standard` is in the repository and its `clause` is one of that standard's
    clauses; entries that point nowhere are left out (and reported)."""
    by_code = {s.code: s for s in project.standards}
    keep = []
    for entry in project.feedback:
        s = by_code.get(entry.standard)
        if s is None and entry.standard in project.unusable:
            continue                     # its file has errors, reported there
        if s is None:
            hint = did_you_mean(entry.standard, by_code)
            problems.error(path, entry.lines.get("standard", entry.line), f"意见针对的标准 {quote(entry.standard)} 不存在{hint}")
            continue
        if entry.clause is not None and entry.clause not in s.clause_numbers:
            line = entry.lines.get("clause", entry.line)
            if not s.has_text:
                problems.error(path, line, f"标准 {quote(s.code)} 只登记了题录、没有正文，没有条款 {quote(entry.clause)}；"
                                           f"请删去 clause，在 summary 中写明条款号")
            else:
                problems.error(path, line, f"标准 {quote(s.code)} 没有条款 {quote(entry.clause)}")
            continue
        keep.append(entry)
    return dataclasses.replace(project, feedback=tuple(keep))


def feedback_contact(raw: Any) -> tuple[FeedbackContact | None, list[str]]:
    """mkdocs.yml `extra.feedback` as a contact (None when absent) and what is wrong with it,
    as Chinese lines `mkdocs.yml: …`."""
    if raw is None:
        return None, []
    where = "mkdocs.yml: extra.feedback"
    if not isinstance(raw, dict):
        return None, [f"{where} 应写成「字段: 值」的形式（email、phone、address），实际是 {quote(raw)}"]
    errors = [f"{where} 中有未知字段 {quote(key)}{unknown_key_hint(str(key), CONTACT_FIELDS)}"
              for key in raw if key not in CONTACT_FIELDS]
    values: dict[str, str | None] = {}
    for key in CONTACT_FIELDS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(f"{where} 的「{key}」应为文字，实际是 {quote(value)}；请加引号")
            value = None
        values[key] = value.strip() or None if isinstance(value, str) else None
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        errors.append(f"{where} 的「email」{quote(values['email'])} 不是邮箱地址，应如 bzh@example.cn")
    return FeedbackContact(**values), errors

"""A training course (`courses/**/*.md`): id (used in its URL), audience, length, modules."""
from __future__ import annotations

import re

from ..errors import Problems, quote
from ..load import SourceFile
from ..model import AUDIENCES, Course
from ..text import normalize_code
from ..urls import page_name_problem
from .body import heavy_paragraphs, modules
from .schema import Checker, Spec, item_line

COURSE_FIELDS = {
    "id": Spec("text", True, label="课程编号"), "title": Spec("text", True, label="课程名称"),
    "audience": Spec("text_or_texts"), "minutes": Spec("int"), "objectives": Spec("texts"),
    "standards": Spec("texts"),
}
RESERVED_IDS = frozenset({"index", "sessions"})     # training/index.md, training/sessions.md
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def validate_course(file: SourceFile, problems: Problems) -> Course | None:
    """The course of one file, or None when it is unusable (problems reported)."""
    data = file.data
    check = Checker(problems, file.shown)
    v = check.mapping(data, COURSE_FIELDS, "课程元数据")
    if not v or not v["id"] or not v["title"]:
        return None
    if v["id"] in RESERVED_IDS:
        check.error(data.line_of("id"), f"课程编号 {quote(v['id'])} 与系统页面同名，请换一个")
        return None
    if not COURSE_ID.match(v["id"]):
        check.error(data.line_of("id"), f"课程编号 {quote(v['id'])} 只能用小写英文字母、数字和「-」（用于网址）")
        return None
    problem = page_name_problem(v["id"])
    if problem:
        check.error(data.line_of("id"), f"课程编号 {quote(v['id'])} {problem}，请换一个")
        return None
    for index, who in enumerate(v["audience"]):
        if who not in AUDIENCES:
            check.error(item_line(data, "audience", index), f"培训对象 {quote(who)} 无效，应为 {' · '.join(AUDIENCES)} 之一")
    body = file.body or ""
    heavy_paragraphs(body, file.body_line, check)
    return Course(
        id=v["id"], title=v["title"], audience=tuple(a for a in v["audience"] if a in AUDIENCES),
        minutes=v["minutes"], objectives=tuple(v["objectives"]),
        standards=tuple(normalize_code(c) for c in v["standards"]), path=file.shown, rel=file.rel,
        line=data.line, lines=dict(data.key_lines), body=body, body_line=file.body_line,
        modules=tuple(modules(file.headings, body, file.body_line, check)), blocks=file.blocks)

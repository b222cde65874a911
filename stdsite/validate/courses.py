"""A training course (`courses/**/*.md`): id (used in its URL), audience, length, modules, and
optionally `exam` (pass mark, shuffle) and `attachments` (课件)."""
from __future__ import annotations

import re

from .. import urls
from ..errors import Problems, quote
from ..load import SourceFile
from ..load.files import SourceFolder
from ..load.markdown import admonitions
from ..load.yaml import YMap
from ..model import AUDIENCES, COURSE_ATTACHMENT_TYPES, Course, Exam
from ..text import normalize_code
from ..urls import page_name_problem
from .body import heavy_paragraphs, modules
from .schema import Checker, Spec, item_line
from .standards import attachments

COURSE_FIELDS = {
    "id": Spec("text", True, label="课程编号"), "title": Spec("text", True, label="课程名称"),
    "audience": Spec("text_or_texts"), "minutes": Spec("int"), "objectives": Spec("texts"),
    "standards": Spec("texts"), "exam": Spec("any"), "attachments": Spec("any"),
}
EXAM_FIELDS = {"pass": Spec("number", True, label="合格分数"), "shuffle": Spec("bool")}
RESERVED_IDS = frozenset({"index", "sessions"})     # training/index.md, training/sessions.md
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def validate_course(file: SourceFile, folder: SourceFolder, problems: Problems) -> Course | None:
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
    exam = _exam(v["exam"], data, file, check) if v["exam"] is not None else None
    _check_keypoints(file, check)
    course_id = v["id"]
    body = file.body or ""
    heavy_paragraphs(body, file.body_line, check)
    return Course(
        id=course_id, title=v["title"], audience=tuple(a for a in v["audience"] if a in AUDIENCES),
        minutes=v["minutes"], objectives=tuple(v["objectives"]),
        standards=tuple(normalize_code(c) for c in v["standards"]), path=file.shown, rel=file.rel,
        line=data.line, lines=dict(data.key_lines), body=body, body_line=file.body_line,
        modules=tuple(modules(file.headings, body, file.body_line, check)), blocks=file.blocks, exam=exam,
        attachments=attachments(file, folder, check, lambda name: urls.course_file(course_id, name),
                                COURSE_ATTACHMENT_TYPES, "本课程"))


def _exam(raw, data: YMap, file: SourceFile, check: Checker) -> Exam | None:
    """`exam: {pass: 60, shuffle: true}`: pass mark 0–100 (required), and the course must have questions."""
    line = data.line_of("exam")
    if not isinstance(raw, YMap):
        check.error(line, f"考试设置「exam」应写成 exam: {{pass: 60}}（合格分数，可加 shuffle: true），实际是 {quote(raw)}")
        return None
    e = check.mapping(raw, EXAM_FIELDS, "考试设置「exam」")
    if not any(block.kind == "quiz" for block in file.blocks):
        check.error(line, "考试课程的正文中没有考题：请用 ```quiz 代码块写出考题")
    if not e or e["pass"] is None:
        return None
    if not 0 <= e["pass"] <= 100:
        check.error(raw.line_of("pass"), f"考试合格分数「pass」 {quote(e['pass'])} 应在 0 到 100 之间（得分百分比，如 pass: 60）")
        return None
    return Exam(e["pass"], bool(e["shuffle"]), line)


def _check_keypoints(file: SourceFile, check: Checker) -> None:
    """A `!!! keypoints` box needs its points indented under it (an empty box is a forgotten indent)."""
    for box in admonitions(file.body or "", file.body_line):
        if box.kind == "keypoints" and not any(line.strip() for line in box.content):
            check.error(box.line, "要点框「keypoints」没有内容：要点写在它的下一行起，每行缩进 4 个空格")

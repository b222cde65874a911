"""A case write-up (`cases/**/*.md`, 典型案例): id (used in its URL), title, date, unit, and the
standards and pilot it concerns; the body is Markdown with `[[...]]` references."""
from __future__ import annotations

from ..errors import Problems
from ..load import SourceFile
from ..model import REGIONS, Case
from ..text import normalize_code
from .body import heavy_paragraphs
from .records import page_id_problem
from .schema import Checker, Spec

CASE_FIELDS = {
    "id": Spec("text", True, label="案例编号"), "title": Spec("text", True, label="案例标题"),
    "date": Spec("date", True, label="日期"), "unit": Spec("text", True, label="单位"),
    "region": Spec("choice", choices=REGIONS), "standards": Spec("texts"), "pilot": Spec("text"),
    "tags": Spec("texts"),
}


def validate_case(file: SourceFile, problems: Problems) -> Case | None:
    """The case of one file, or None when it is unusable (problems reported)."""
    data = file.data
    check = Checker(problems, file.shown)
    v = check.mapping(data, CASE_FIELDS, "案例元数据")
    if not v or not all(v[k] for k in ("id", "title", "date", "unit")):
        return None
    problem = page_id_problem(v["id"], "案例编号")
    if problem:
        check.error(data.line_of("id"), problem)
        return None
    heavy_paragraphs(file.body or "", file.body_line, check)
    return Case(id=v["id"], title=v["title"], date=v["date"], unit=v["unit"], region=v["region"],
                standards=tuple(normalize_code(c) for c in v["standards"]), pilot=v["pilot"],
                tags=tuple(v["tags"]), path=file.shown, rel=file.rel, line=data.line, lines=dict(data.key_lines),
                body=file.body or "", body_line=file.body_line)

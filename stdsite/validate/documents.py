"""A policy document (`documents/**/*.yaml`): 文号, title, issuer, dates, related standards."""
from __future__ import annotations

from ..errors import Problems, quote
from ..load import SourceFile
from ..model import DOC_KINDS, Document
from ..text import docno_bracket_problem, normalize_code
from ..urls import page_name_problem
from .schema import Checker, Spec

DOCUMENT_FIELDS = {
    "number": Spec("text", True, label="文号"), "title": Spec("text", True, label="标题"),
    "issuer": Spec("text_or_texts", True, label="发布机构"), "issued": Spec("date", True, label="成文日期"),
    "published": Spec("date"), "kind": Spec("choice", choices=DOC_KINDS), "abolished": Spec("date"),
    "related": Spec("texts"), "summary": Spec("text"), "url": Spec("text"), "tags": Spec("texts"),
}


def validate_document(file: SourceFile, problems: Problems) -> Document | None:
    """The document of one file, or None when it is unusable (problems reported)."""
    data = file.data
    check = Checker(problems, file.shown)
    problem = page_name_problem(file.path.stem)
    if problem:
        check.error(None, f"规范性文件的文件名 {quote(file.path.stem)} {problem}（文件名决定网址），请改名")
        return None
    v = check.mapping(data, DOCUMENT_FIELDS, "规范性文件")
    if not v or not v["number"] or not v["title"] or not v["issued"]:
        return None
    problem = docno_bracket_problem(v["number"])
    if problem:
        check.warn(data.line_of("number"), f"文号 {quote(v['number'])} {problem}")
    if v["abolished"] and v["abolished"] < v["issued"]:
        check.error(data.line_of("abolished"), f"废止日期 {quote(v['abolished'].isoformat())} 早于成文日期")
    return Document(
        number=v["number"], title=v["title"], issuer=tuple(v["issuer"]), issued=v["issued"],
        published=v["published"], kind=v["kind"], abolished=v["abolished"],
        related=tuple(normalize_code(c) for c in v["related"]), summary=v["summary"], url=v["url"],
        tags=tuple(v["tags"]), path=file.shown, rel=file.rel, line=data.line,
        lines=dict(data.key_lines), slug=file.path.stem)

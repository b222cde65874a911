"""records.yaml (work records counted toward the plan's indicators) and pilots.yaml (pilot
projects, demonstration sites, training bases): each entry on its own. What they point at
(indicators, pilots, documents, standards) is checked across files in plan_refs.py."""
from __future__ import annotations

import re

from .. import urls
from ..errors import Problems, quote
from ..load import SourceFile
from ..load.files import SourceFolder
from ..model import PILOT_KINDS, REGIONS, Evidence, Pilot, WorkRecord
from ..text import docno_bracket_problem, normalize_code
from .lists import list_entries
from .schema import Checker, Spec
from .standards import source_file

RECORD_FIELDS = {"date": Spec("date", True, label="日期"), "indicator": Spec("text", True, label="计入的指标编号"),
                 "title": Spec("text", True, label="事项名称"), "count": Spec("whole"), "evidence": Spec("text"),
                 "pilot": Spec("text"), "region": Spec("choice", choices=REGIONS), "note": Spec("text")}
PILOT_FIELDS = {"id": Spec("text", True, label="试点编号"), "name": Spec("text", True, label="名称"),
                "kind": Spec("choice", True, PILOT_KINDS, label="类型"), "unit": Spec("text", True, label="承担单位"),
                "region": Spec("choice", True, REGIONS, label="区域"), "start": Spec("date", True, label="开始日期"),
                "accepted": Spec("date"), "standards": Spec("texts"), "summary": Spec("text")}
PAGE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")       # ids that name a page (pilots/<id>/, cases/<id>/)
RESERVED_IDS = frozenset({"index"})


def evidence_kind(value: str) -> str:
    """url when it starts with http:// or https://, document when it holds a 文号 bracket 〔, else file."""
    if value.startswith(("http://", "https://")):
        return "url"
    return "document" if "〔" in value else "file"


def validate_records(file: SourceFile, folder: SourceFolder, problems: Problems) -> list[WorkRecord]:
    """Every well-formed record (its indicator, pilot and 文号 are checked later, across files)."""
    check = Checker(problems, file.shown)
    out = []
    for v, item in list_entries(file, RECORD_FIELDS, "工作记录", problems):
        evidence = None
        if v["evidence"]:
            evidence = _evidence(v["evidence"], file, folder, check, item.line_of("evidence"))
            if evidence is None:
                continue
        out.append(WorkRecord(v["date"], v["indicator"], v["title"], v["count"] or 1, evidence, v["pilot"],
                              v["region"], v["note"], item.line, dict(item.key_lines)))
    return out


def _evidence(value: str, file: SourceFile, folder: SourceFolder, check: Checker, line: int) -> Evidence | None:
    kind = evidence_kind(value)
    if kind != "file":
        return Evidence(kind, value)
    problem = docno_bracket_problem(value)
    if problem and not (file.path.parent / value).exists():
        check.error(line, f"佐证文号 {quote(value)} {problem}（括号不对时会被当作附件路径，找不到文件）")
        return None
    path = source_file(file.path.parent, value, folder, check, line, "佐证材料")
    if path is None:
        return None
    rel = folder.rel(path)
    return Evidence("file", value, str(path), urls.evidence_path(rel))


def page_id_problem(value: str, what: str) -> str | None:
    """Why an id cannot name a page (`pilots/<id>/`, `cases/<id>/`), or None."""
    if value in RESERVED_IDS:
        return f"{what} {quote(value)} 与系统页面同名，请换一个"
    if not PAGE_ID.match(value):
        return f"{what} {quote(value)} 只能用小写英文字母、数字和「-」（用于网址）"
    return None


def validate_pilots(file: SourceFile, problems: Problems) -> list[Pilot]:
    """Every well-formed pilot; ids unique (a repeat is reported and left out)."""
    check = Checker(problems, file.shown)
    out: list[Pilot] = []
    seen: dict[str, int] = {}
    for v, item in list_entries(file, PILOT_FIELDS, "试点", problems):
        problem = page_id_problem(v["id"], "试点编号")
        if problem:
            check.error(item.line_of("id"), problem)
            continue
        if v["id"] in seen:
            check.error(item.line_of("id"), f"试点编号 {quote(v['id'])} 重复（第 {seen[v['id']]} 行已有）")
            continue
        if v["accepted"] and v["accepted"] < v["start"]:
            check.error(item.line_of("accepted"), f"验收日期 {quote(v['accepted'].isoformat())} 早于开始日期 "
                                                  f"{quote(v['start'].isoformat())}")
        seen[v["id"]] = item.line
        out.append(Pilot(v["id"], v["name"], v["kind"], v["unit"], v["region"], v["start"], v["accepted"],
                         tuple(normalize_code(c) for c in v["standards"]), v["summary"], item.line,
                         dict(item.key_lines)))
    return out

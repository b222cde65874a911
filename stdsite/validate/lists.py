"""The small files at the top of the source folder: plan.yaml, training_sessions.yaml and
directory.yaml (the editions of the published directory); targets.yaml is in targets.py."""
from __future__ import annotations

import re

from ..errors import Problems, quote
from ..load import SourceFile
from ..load.yaml import YMap
from ..model import AUDIENCES, DEFAULT_DIRECTORY_TITLE, PLAN_KINDS, Directory, Edition, PlanItem, Session
from ..text import normalize_code
from ..urls import page_name_problem
from .schema import Checker, Spec

PLAN_FIELDS = {"title": Spec("text", True), "kind": Spec("choice", True, PLAN_KINDS),
               "framework": Spec("text", True), "due": Spec("date", True), "code": Spec("text"),
               "replaces": Spec("text")}
SESSION_FIELDS = {"date": Spec("date", True), "course": Spec("text", True), "place": Spec("text"),
                  "attendees": Spec("int", True), "hours": Spec("number"), "trainer": Spec("text"),
                  "unit": Spec("text"), "audience": Spec("choice", choices=AUDIENCES)}
EDITION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def list_entries(file: SourceFile, specs: dict[str, Spec], what: str, problems: Problems) -> list[tuple[dict, YMap]]:
    """(values, mapping) of every entry of a file that is a list of mappings with the required fields."""
    check = Checker(problems, file.shown)
    out = []
    for item, _ in check.list_of_maps(file.data, file.rel, getattr(file.data, "line", 1)):
        v = check.mapping(item, specs, what)
        if v and all(v[k] is not None for k, s in specs.items() if s.required):
            out.append((v, item))
    return out


def validate_plan(file: SourceFile, problems: Problems) -> list[PlanItem]:
    out = []
    check = Checker(problems, file.shown)
    for v, item in list_entries(file, PLAN_FIELDS, "计划项", problems):
        if v["kind"] == "修订" and not v["replaces"]:
            check.error(item.line, "「修订」计划项缺少被修订的标准编号「replaces」")
        out.append(PlanItem(v["title"], v["kind"], v["framework"], v["due"],
                            normalize_code(v["code"]) if v["code"] else None,
                            normalize_code(v["replaces"]) if v["replaces"] else None, item.line))
    return out


def validate_sessions(file: SourceFile, problems: Problems) -> list[Session]:
    check = Checker(problems, file.shown)
    out = []
    for v, item in list_entries(file, SESSION_FIELDS, "培训记录", problems):
        if v["attendees"] < 0:
            check.error(item.line_of("attendees"), f"参训人数 {quote(v['attendees'])} 不能为负数")
            continue
        if v["hours"] is not None and v["hours"] <= 0:
            check.error(item.line_of("hours"), f"学时「hours」 {quote(v['hours'])} 应为大于 0 的数字，如 hours: 1.5；"
                                               f"学时未定的不写 hours")
            continue
        out.append(Session(v["date"], v["course"], v["place"], v["attendees"], item.line, hours=v["hours"],
                           trainer=v["trainer"], unit=v["unit"], audience=v["audience"]))
    return out


def validate_directory(file: SourceFile, problems: Problems) -> Directory | None:
    """The directory's title and its editions, in date order (ids and dates unique)."""
    data = file.data
    check = Checker(problems, file.shown)
    v = check.mapping(data, {"title": Spec("text"), "editions": Spec("any", True)}, "directory.yaml")
    if not v:
        return None
    editions: list[Edition] = []
    ids: dict[str, int] = {}
    dates: dict = {}
    for item, _ in check.list_of_maps(v["editions"], "editions", data.line_of("editions")):
        e = check.mapping(item, {"id": Spec("text", True), "date": Spec("date", True)}, "目录期次")
        if not e or not e["id"] or not e["date"]:
            continue
        if not EDITION_ID.fullmatch(e["id"]) or page_name_problem(e["id"]):
            check.error(item.line_of("id"), f"期次编号 {quote(e['id'])} 只能用英文字母、数字、「-」「_」「.」（用于网址），"
                                            f"且不能是 index 或 Windows 的保留名称（如 con、nul）")
            continue
        if e["id"].casefold() in ids:
            check.error(item.line_of("id"), f"期次编号 {quote(e['id'])} 重复（第 {ids[e['id'].casefold()]} 行已有；"
                                            f"只差大小写也算重复）")
            continue
        if e["date"] in dates:
            check.error(item.line_of("date"), f"期次日期 {quote(e['date'].isoformat())} 重复（第 {dates[e['date']]} 行已有）")
            continue
        ids[e["id"].casefold()] = item.line
        dates[e["date"]] = item.line
        editions.append(Edition(e["id"], e["date"], item.line))
    for earlier, later in zip(editions, editions[1:]):
        if later.date < earlier.date:
            check.error(later.line, f"期次 {quote(later.id)} 的日期早于上一期 {quote(earlier.id)}，期次应按日期先后排列")
    title = v["title"] or DEFAULT_DIRECTORY_TITLE
    return Directory(title, tuple(sorted(editions, key=lambda e: e.date)), file.shown)

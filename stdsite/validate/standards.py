"""A standard (`standards/**/*.md` or `*.yaml`): its metadata, records, attachments and clauses."""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from .. import urls
from ..errors import Problems, quote, shown
from ..load import SourceFile
from ..load.files import SourceFolder, exists_exact_case, inside
from ..load.yaml import YMap
from ..model import (ATTACHMENT_TYPES, LEVELS, REGIONS, REVIEW_CONCLUSIONS, STAGES, UNMANAGED_LEVELS, Attachment,
                     Consultation, Evaluation, Review, Standard)
from ..text import file_name_problem, normalize_code
from .body import clauses, heavy_paragraphs
from .schema import Checker, Spec, item_line

STANDARD_FIELDS = {
    "code": Spec("text", True, label="标准编号"),
    "title": Spec("text", True, label="标准名称"),
    "level": Spec("choice", True, LEVELS, label="标准级别"),
    "framework": Spec("text", True, label="体系位置"),
    "issued": Spec("date"), "effective": Spec("date"), "abolished": Spec("date"),
    "replaces": Spec("texts"),
    "stage": Spec("choice", choices=STAGES),
    "issuer": Spec("text_or_texts"), "drafters": Spec("texts"),
    "proposer": Spec("text"), "owner": Spec("text"), "authors": Spec("texts"),
    "ics": Spec("any"), "ccs": Spec("text"), "filing": Spec("text"),
    "region": Spec("choice", choices=REGIONS),
    "tags": Spec("texts"),
    "managed": Spec("bool"),
    "source": Spec("text"), "summary": Spec("text"),
    "reviews": Spec("any"), "evaluations": Spec("any"), "attachments": Spec("any"),
    "consultation": Spec("any"),
}
REVIEW_FIELDS = {"date": Spec("date", True), "conclusion": Spec("choice", True, REVIEW_CONCLUSIONS), "note": Spec("text")}
EVALUATION_FIELDS = {"date": Spec("date", True), "by": Spec("text"), "score": Spec("number"),
                     "grade": Spec("text"), "note": Spec("text")}
ATTACHMENT_FIELDS = {"file": Spec("text", True), "title": Spec("text")}
CONSULTATION_FIELDS = {"until": Spec("date", True, label="截止日期"), "contact": Spec("text"),
                       "explanation": Spec("text")}


def validate_standard(file: SourceFile, folder: SourceFolder, problems: Problems) -> Standard | None:
    """The standard of one file, or None when it is unusable (problems reported)."""
    data = file.data
    check = Checker(problems, file.shown)
    values = check.mapping(data, STANDARD_FIELDS, "标准元数据")
    if values is None or values["code"] is None or values["title"] is None:
        return None
    code = normalize_code(values["code"])
    slug = urls.standard_slug(code)
    if not slug:
        check.error(data.line_of("code"), f"标准编号 {quote(code)} 中没有英文字母或数字，无法生成网址")
        return None
    problem = urls.page_name_problem(slug)
    if problem:
        check.error(data.line_of("code"), f"标准编号 {quote(code)} 生成的网址名称 {quote(slug)} {problem}，请检查编号")
        return None
    issued, effective, abolished = values["issued"], values["effective"], values["abolished"]
    stage = values["stage"]
    if effective is None and "effective" not in data and stage != "制定中":
        check.error(data.line, "缺少实施日期「effective」；尚未发布的标准请写 stage: 制定中")
    if effective is not None and stage == "制定中":
        check.error(data.line_of("stage"), "stage: 制定中 的标准不应有实施日期「effective」")
    if issued and effective and effective < issued:
        check.error(data.line_of("effective"), f"实施日期 {quote(effective.isoformat())} 早于发布日期 {quote(issued.isoformat())}")
    if abolished and effective and abolished < effective:
        check.error(data.line_of("abolished"), f"废止日期 {quote(abolished.isoformat())} 早于实施日期 {quote(effective.isoformat())}")
    level = values["level"] or "地方标准"
    managed = values["managed"] if values["managed"] is not None else level not in UNMANAGED_LEVELS
    if file.body is not None:
        heavy_paragraphs(file.body, file.body_line, check)
    replaces = tuple(normalize_code(c) for c in values["replaces"])
    for index, old in enumerate(replaces):
        if old == code:
            check.error(item_line(data, "replaces", index), f"标准不能代替自己 {quote(old)}")
    attached = attachments(file, folder, check, lambda name: urls.attachment_path(slug, name))
    return Standard(
        code=code, title=values["title"], level=level, framework=values["framework"] or "",
        issued=issued, effective=effective, abolished=abolished, replaces=replaces, stage=stage,
        issuer=tuple(values["issuer"]), drafters=tuple(values["drafters"]), region=values["region"] or "全市",
        tags=tuple(values["tags"]), managed=managed, source=values["source"], summary=values["summary"],
        reviews=tuple(sorted(_reviews(data, check), key=lambda r: r.date)),
        evaluations=tuple(sorted(_evaluations(data, check), key=lambda e: e.date)),
        attachments=attached,
        path=file.shown, rel=file.rel, line=data.line, lines=dict(data.key_lines), body=file.body,
        body_line=file.body_line, clauses=tuple(clauses(file.headings, check)) if file.body is not None else (),
        blocks=file.blocks, slug=slug, proposer=values["proposer"], owner=values["owner"],
        authors=tuple(values["authors"]), **_classification(values, level, data, check),
        consultation=_consultation(file, folder, check, stage, attached, slug))


# ICS 03.080 · 01.040.03; CCS A16 (a letter and two digits); 备案号 72563-2021 (J2466-2018 for some trades)
ICS = re.compile(r"\d{2}(\.\d{3}(\.\d{2})?)?")
CCS = re.compile(r"[A-Z]\d{2}")
FILING = re.compile(r"[A-Z]?\d{3,6}-\d{4}")
FILED_LEVELS = ("行业标准", "地方标准")        # GB/T 1.1: their covers carry a 备案号


def _classification(values: dict, level: str, data: YMap, check: Checker) -> dict[str, str | None]:
    """`ics`, `ccs` and `filing` as printed on a cover: checked, a typed prefix (`ICS 03.080`) and
    spaces (`A 16`) removed, full-width forms and dashes made plain."""
    out: dict[str, str | None] = {}
    rules = {"ics": (ICS, "ICS", "ICS 分类号", '"03.080" 或 "01.040.03"（要加引号）'),
             "ccs": (CCS, "CCS", "CCS 分类号", "A16"), "filing": (FILING, "备案号", "备案号", '"72563-2021"')}
    if isinstance(values["ics"], (int, float)) and not isinstance(values["ics"], bool):
        written = shown(values["ics"])
        misread = f"，会被读成 {values['ics']!s}" if written != str(values["ics"]) else ""
        check.error(data.line_of("ics"), f"ICS 分类号 {quote(written)} 没有加引号{misread}；请加引号，写成 ics: \"{written}\"")
        values = {**values, "ics": None}
    elif values["ics"] is not None:
        values = {**values, "ics": check.text(values["ics"], "ics", data.line_of("ics"))}
    for name, (pattern, prefix, label, example) in rules.items():
        raw = values[name]
        text = None if raw is None else normalize_code(raw)
        if text is not None:
            if text.upper().startswith(prefix):
                text = text[len(prefix):]
            text = re.sub(r"\s+", "", text).lstrip(":").upper()
            if not pattern.fullmatch(text):
                check.error(data.line_of(name), f"{label} {quote(raw)} 格式不对，应如 {example}")
                text = None
        out[name] = text
    if out["filing"] and level not in FILED_LEVELS:
        check.warn(data.line_of("filing"), f"{level}没有备案号（只有行业标准和地方标准备案），请确认 filing 是否写错")
    return out


def _reviews(data: YMap, check: Checker) -> list[Review]:
    out = []
    for item, _ in check.list_of_maps(data.get("reviews"), "reviews", data.line_of("reviews")):
        r = check.mapping(item, REVIEW_FIELDS, "复审记录")
        if r and r["date"] and r["conclusion"]:
            out.append(Review(r["date"], r["conclusion"], r["note"]))
    return out


def _evaluations(data: YMap, check: Checker) -> list[Evaluation]:
    out = []
    for item, _ in check.list_of_maps(data.get("evaluations"), "evaluations", data.line_of("evaluations")):
        e = check.mapping(item, EVALUATION_FIELDS, "实施效果评价")
        if e and e["date"]:
            if e["score"] is not None and not 0 <= e["score"] <= 100:
                check.error(item.line_of("score"), f"评价得分 {quote(e['score'])} 应在 0 到 100 之间")
            out.append(Evaluation(e["date"], e["by"], e["score"], e["grade"], e["note"]))
    return out


def attachments(file: SourceFile, folder: SourceFolder, check: Checker, target: Callable[[str], str],
                allowed: frozenset[str] = ATTACHMENT_TYPES, owner: str = "本标准") -> tuple[Attachment, ...]:
    """The `attachments` of a file: each must exist (exact case), stay inside the source folder,
    be of an allowed type and have a name of its own; `target(name)` is where it is published;
    `owner` names the file's record in messages (本标准, 本课程)."""
    data = file.data
    out: list[Attachment] = []
    names: dict[str, str] = {}          # case-folded published name -> name
    for item, _ in check.list_of_maps(data.get("attachments"), "attachments", data.line_of("attachments")):
        a = check.mapping(item, ATTACHMENT_FIELDS, "附件")
        if not a or not a["file"]:
            continue
        line = item.line_of("file")
        resolved = source_file(file.path.parent, a["file"], folder, check, line, "附件", allowed)
        if resolved is None:
            continue
        name = resolved.name
        if name.casefold() in names:
            same = "同名" if name in names.values() else "的文件名只差大小写（在 Windows 上会互相覆盖）"
            check.error(line, f"附件 {quote(a['file'])} 与{owner}的另一个附件{same}，请改名")
            continue
        names[name.casefold()] = name
        out.append(Attachment(a["file"], a["title"] or name, str(resolved), target(name)))
    return tuple(out)


def source_file(base: Path, written: str, folder: SourceFolder, check: Checker, line: int, what: str,
                allowed: frozenset[str] = ATTACHMENT_TYPES) -> Path | None:
    """A file named relative to `base` that is published with the site: it must exist (exact case),
    stay inside the source folder, be of an allowed type and have a name every system can hold
    (the offline bundle is unpacked on Windows); None when not (reported)."""
    resolved = Path(os.path.normpath(base / written))
    if os.path.isabs(written) or not inside(resolved, folder.root) or not inside(resolved.resolve(), folder.root):
        check.error(line, f"{what} {quote(written)} 位于 standards_src/ 之外，不能发布")
        return None
    if not exists_exact_case(resolved, folder.root):
        check.error(line, f"{what} {quote(written)} 不存在（注意文件名大小写要完全一致）")
        return None
    if not resolved.is_file():
        check.error(line, f"{what} {quote(written)} 不是文件")
        return None
    if resolved.suffix.lower().lstrip(".") not in allowed:
        check.error(line, f"{what} {quote(written)} 的类型不能发布，可用：{'、'.join(sorted(allowed))}")
        return None
    problem = file_name_problem(resolved.name)
    if problem:
        check.error(line, f"{what} {quote(written)} 的文件名{problem}，请改名")
        return None
    return resolved


def _consultation(file: SourceFile, folder: SourceFolder, check: Checker, stage: str | None,
                  attached: tuple[Attachment, ...], slug: str) -> Consultation | None:
    """`consultation: {until, contact, explanation}`, only on a standard in `stage: 制定中`."""
    data = file.data
    if data.get("consultation") is None:
        return None
    line = data.line_of("consultation")
    if stage != "制定中":
        check.error(line, "征求意见「consultation」只能用于 stage: 制定中 的标准（征求意见稿）；"
                          "标准已发布的，请删去 consultation")
    c = check.mapping(data["consultation"], CONSULTATION_FIELDS, "征求意见「consultation」", line)
    if not c:
        return None
    explanation = None
    if c["explanation"]:
        written, at = c["explanation"], data["consultation"].line_of("explanation")
        resolved = source_file(file.path.parent, written, folder, check, at, "编制说明")
        target = urls.attachment_path(slug, resolved.name) if resolved else None
        if resolved and any(a.target.casefold() == target.casefold() and a.source != str(resolved) for a in attached):
            check.error(at, f"编制说明 {quote(written)} 与本标准的一个附件同名，请改名")
        elif resolved:
            explanation = Attachment(written, "编制说明", str(resolved), target)
    if stage != "制定中" or c["until"] is None:
        return None
    return Consultation(c["until"], c["contact"], explanation, line)

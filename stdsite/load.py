"""Load and validate a whole standards_src/ folder into a Project, collecting every problem.

`load_project(src)` returns (project or None, problems). The project is None only when a file
that everything depends on (framework.yaml) is unusable; otherwise files with errors are left
out and the errors are reported, so one pass shows everything.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from . import blocks as block_checks
from . import body as bodies
from .errors import Problems, quote
from .fields import Checker, Spec, area_slug, natural_key, normalize_code, slugify
from .model import (AUDIENCES, DEFAULT_TARGETS, DOC_KINDS, LEVELS, REGIONS, REVIEW_CONCLUSIONS, STAGES,
                    UNMANAGED_LEVELS, Area, Attachment, Category, Course, Directory, Document, Edition,
                    Evaluation, Framework, Item, Module, Period, PlanItem, Project, Review, Session,
                    Standard, Targets)
from .yamlio import YamlProblem, YList, YMap, parse_cache, parse_yaml, read_text, split_front_matter

STANDARD_FIELDS = {
    "code": Spec("text", True, label="标准编号"),
    "title": Spec("text", True, label="标准名称"),
    "level": Spec("choice", True, LEVELS, label="标准级别"),
    "framework": Spec("text", True, label="体系位置"),
    "issued": Spec("date"), "effective": Spec("date"), "abolished": Spec("date"),
    "replaces": Spec("texts"),
    "stage": Spec("choice", choices=STAGES),
    "issuer": Spec("text_or_texts"), "drafters": Spec("texts"),
    "region": Spec("choice", choices=REGIONS),
    "tags": Spec("texts"),
    "managed": Spec("bool"),
    "source": Spec("text"), "summary": Spec("text"),
    "reviews": Spec("any"), "evaluations": Spec("any"), "attachments": Spec("any"),
}
REVIEW_FIELDS = {"date": Spec("date", True), "conclusion": Spec("choice", True, REVIEW_CONCLUSIONS), "note": Spec("text")}
EVALUATION_FIELDS = {"date": Spec("date", True), "by": Spec("text"), "score": Spec("number"),
                     "grade": Spec("text"), "note": Spec("text")}
ATTACHMENT_FIELDS = {"file": Spec("text", True), "title": Spec("text")}
DOCUMENT_FIELDS = {
    "number": Spec("text", True, label="文号"), "title": Spec("text", True, label="标题"),
    "issuer": Spec("text_or_texts", True, label="发布机构"), "issued": Spec("date", True, label="成文日期"),
    "published": Spec("date"), "kind": Spec("choice", choices=DOC_KINDS), "abolished": Spec("date"),
    "related": Spec("texts"), "summary": Spec("text"), "url": Spec("text"), "tags": Spec("texts"),
}
COURSE_FIELDS = {
    "id": Spec("text", True, label="课程编号"), "title": Spec("text", True, label="课程名称"),
    "audience": Spec("text_or_texts"), "minutes": Spec("int"), "objectives": Spec("texts"),
    "standards": Spec("texts"),
}
PLAN_FIELDS = {"title": Spec("text", True), "kind": Spec("choice", True, ("制定", "修订")),
               "framework": Spec("text", True), "due": Spec("date", True), "code": Spec("text"),
               "replaces": Spec("text")}
SESSION_FIELDS = {"date": Spec("date", True), "course": Spec("text", True), "place": Spec("text"),
                  "attendees": Spec("int", True)}
TARGET_NAMES = ("coverage_core_areas", "plan_completion", "evaluated_after_1y", "reviewed_after_5y",
                "training_attendance")
# published as downloads next to the standard's page: documents and pictures, never pages or scripts
ATTACHMENT_TYPES = frozenset({"pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "ppt", "pptx",
                              "txt", "jpg", "jpeg", "png", "gif", "zip", "rar", "7z"})
RESERVED_PAGE_NAMES = frozenset({"index", "sessions"})     # training/index.md, training/sessions.md
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Loader:
    """Holds the folder being read and the problems found so far."""

    def __init__(self, src: str | os.PathLike):
        self.src_given = str(src).replace(os.sep, "/").rstrip("/") or "."
        self.root = Path(src).resolve()
        self.problems = Problems()

    # -- helpers -----------------------------------------------------------------------------
    def display(self, path: Path) -> str:
        """`--src as given` + the path under it (not resolved: a link keeps its own name)."""
        rel = Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        return f"{self.src_given}/{rel}"

    def files(self, folder: str, *suffixes: str) -> list[Path]:
        base = self.root / folder
        if not base.is_dir():
            return []
        found = [p for p in base.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                 and not any(part.startswith(".") for part in p.relative_to(self.root).parts)]
        # never follow a link out of standards_src/
        safe = []
        for path in found:
            if not _inside(path.resolve(), self.root):
                self.problems.error(f"{self.src_given}/{path.relative_to(self.root).as_posix()}", None,
                                    "文件链接指向 standards_src/ 之外，已忽略")
                continue
            safe.append(path)
        return sorted(safe, key=lambda p: p.relative_to(self.root).as_posix())

    def read_yaml(self, path: Path) -> Any:
        """Whole-file YAML; reports problems and returns None on failure."""
        shown = self.display(path)
        if not _inside(path.resolve(), self.root):
            self.problems.error(shown, None, "文件是指向源文件夹之外的链接，已忽略")
            return None
        try:
            text = read_text(path)
            if not text.strip():
                self.problems.error(shown, None, "文件是空的")
                return None
            data = parse_yaml(text)
            if data is None:            # only comments (or `~`): as empty as a blank file
                self.problems.error(shown, None, "文件没有内容（只有注释）")
            return data
        except YamlProblem as problem:
            self.problems.error(shown, problem.line, problem.message)
            return None

    def read_markdown(self, path: Path) -> tuple[Any, int, str, int] | None:
        """(front matter value, its line, body, body line) or None on failure."""
        shown = self.display(path)
        if not _inside(path.resolve(), self.root):
            self.problems.error(shown, None, "文件是指向源文件夹之外的链接，已忽略")
            return None
        try:
            text = read_text(path)
            if not text.strip():
                self.problems.error(shown, None, "文件是空的")
                return None
            front, front_line, body, body_line = split_front_matter(text)
            if front is None:
                self.problems.error(shown, 1, "文件开头缺少「---」包围的元数据（编号、名称等）")
                return None
            data = parse_yaml(front, line_offset=front_line - 1)
            if data is None:
                self.problems.error(shown, front_line, "元数据是空的")
                return None
            return data, front_line, body, body_line
        except YamlProblem as problem:
            self.problems.error(shown, problem.line, problem.message)
            return None

    # -- framework ---------------------------------------------------------------------------
    def framework(self) -> Framework | None:
        path = self.root / "framework.yaml"
        if not path.is_file():
            self.problems.error(f"{self.src_given}/framework.yaml", None, "缺少标准体系框架文件 framework.yaml")
            return None
        data = self.read_yaml(path)
        if data is None:
            return None
        check = Checker(self.problems, self.display(path))
        top = check.mapping(data, {"categories": Spec("any", True)}, "framework.yaml")
        if not top or not top["categories"]:
            if top is not None and top["categories"] is not None:
                check.error(data.line_of("categories"), "framework.yaml 中没有任何类别（categories 是空的）")
            return None
        seen: dict[str, int] = {}

        def unique(node_id: str, line: int) -> None:
            if node_id in seen:
                check.error(line, f"体系节点编号 {quote(node_id)} 重复（第 {seen[node_id]} 行已有）")
            seen.setdefault(node_id, line)

        node = {"id": Spec("text", True), "name": Spec("text", True)}
        area_pages: dict[str, str] = {}
        categories = []
        for cat_map, cat_line in check.list_of_maps(top["categories"], "categories", data.line_of("categories")):
            cat = check.mapping(cat_map, {**node, "areas": Spec("any")}, "体系类别")
            if not cat or not cat["id"]:
                continue
            unique(cat["id"], cat_map.line_of("id"))
            areas = []
            for area_map, _ in check.list_of_maps(cat["areas"], "areas", cat_map.line_of("areas")):
                area = check.mapping(area_map, {**node, "core": Spec("bool"), "items": Spec("any")}, "业务领域")
                if not area or not area["id"]:
                    continue
                unique(area["id"], area_map.line_of("id"))
                page_name = area_slug(area["id"])
                if page_name in area_pages:
                    check.error(area_map.line_of("id"), f"领域编号 {quote(area['id'])} 与 {quote(area_pages[page_name])} "
                                                        f"只差大小写或符号，页面网址会相同，请改一个")
                area_pages.setdefault(page_name, area["id"])
                items = []
                for item_map, _ in check.list_of_maps(area["items"], "items", area_map.line_of("items")):
                    item = check.mapping(item_map, node, "体系条目")
                    if item and item["id"]:
                        unique(item["id"], item_map.line_of("id"))
                        items.append(Item(item["id"], item["name"] or item["id"], area["id"], item_map.line))
                areas.append(Area(area["id"], area["name"] or area["id"], cat["id"], bool(area["core"]),
                                  tuple(items), area_map.line))
            categories.append(Category(cat["id"], cat["name"] or cat["id"], tuple(areas), cat_map.line))
        return Framework(tuple(categories), self.display(path))

    # -- standards ---------------------------------------------------------------------------
    def standards(self) -> list[Standard]:
        out = []
        for path in self.files("standards", ".md", ".yaml", ".yml"):
            standard = self.standard(path)
            if standard:
                out.append(standard)
        return out

    def standard(self, path: Path) -> Standard | None:
        shown = self.display(path)
        check = Checker(self.problems, shown)
        body, body_line = None, 1
        if path.suffix.lower() == ".md":
            read = self.read_markdown(path)
            if not read:
                return None
            data, _, body, body_line = read
        else:
            data = self.read_yaml(path)
            if data is None:
                return None
        values = check.mapping(data, STANDARD_FIELDS, "标准元数据")
        if values is None:
            return None
        lines = dict(data.key_lines)
        if values["code"] is None or values["title"] is None:
            return None
        code = normalize_code(values["code"])
        if not slugify(code):
            check.error(data.line_of("code"), f"标准编号 {quote(code)} 中没有英文字母或数字，无法生成网址")
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
        replaces = tuple(normalize_code(c) for c in values["replaces"])
        for index, old in enumerate(replaces):
            if old == code:
                check.error(_item_line(data, "replaces", index), f"标准不能代替自己 {quote(old)}")
        reviews = []
        for item, _ in check.list_of_maps(data.get("reviews"), "reviews", data.line_of("reviews")):
            r = check.mapping(item, REVIEW_FIELDS, "复审记录")
            if r and r["date"] and r["conclusion"]:
                reviews.append(Review(r["date"], r["conclusion"], r["note"]))
        evaluations = []
        for item, _ in check.list_of_maps(data.get("evaluations"), "evaluations", data.line_of("evaluations")):
            e = check.mapping(item, EVALUATION_FIELDS, "实施效果评价")
            if e and e["date"]:
                if e["score"] is not None and not 0 <= e["score"] <= 100:
                    check.error(item.line_of("score"), f"评价得分 {quote(e['score'])} 应在 0 到 100 之间")
                evaluations.append(Evaluation(e["date"], e["by"], e["score"], e["grade"], e["note"]))
        attachments = self.attachments(path, data, check, slugify(code))
        clauses, blocks = (), ()
        if body is not None:
            headings, fences = bodies.scan(body, body_line)
            clauses = tuple(bodies.clauses(headings, check))
            blocks = tuple(bodies.blocks(fences, check))
        return Standard(
            code=code, title=values["title"], level=level, framework=values["framework"] or "",
            issued=issued, effective=effective, abolished=abolished, replaces=replaces, stage=stage,
            issuer=tuple(values["issuer"]), drafters=tuple(values["drafters"]), region=values["region"] or "全市",
            tags=tuple(values["tags"]), managed=managed, source=values["source"], summary=values["summary"],
            reviews=tuple(sorted(reviews, key=lambda r: r.date)),
            evaluations=tuple(sorted(evaluations, key=lambda e: e.date)),
            attachments=attachments, path=shown, rel=path.relative_to(self.root).as_posix(), line=data.line,
            lines=lines, body=body, body_line=body_line, clauses=clauses, blocks=blocks, slug=slugify(code))

    def attachments(self, path: Path, data: YMap, check: Checker, slug: str) -> tuple[Attachment, ...]:
        out = []
        for item, _ in check.list_of_maps(data.get("attachments"), "attachments", data.line_of("attachments")):
            a = check.mapping(item, ATTACHMENT_FIELDS, "附件")
            if not a or not a["file"]:
                continue
            line = item.line_of("file")
            target = (path.parent / a["file"])
            resolved = Path(os.path.normpath(target))
            if os.path.isabs(a["file"]) or not _inside(resolved, self.root) or not _inside(resolved.resolve(), self.root):
                check.error(line, f"附件 {quote(a['file'])} 位于 standards_src/ 之外，不能发布")
                continue
            if not _exists_exact_case(resolved, self.root):
                check.error(line, f"附件 {quote(a['file'])} 不存在（注意文件名大小写要完全一致）")
                continue
            if not resolved.is_file():
                check.error(line, f"附件 {quote(a['file'])} 不是文件")
                continue
            name = resolved.name
            if resolved.suffix.lower().lstrip(".") not in ATTACHMENT_TYPES:
                check.error(line, f"附件 {quote(a['file'])} 的类型不能发布，可用：{'、'.join(sorted(ATTACHMENT_TYPES))}")
                continue
            if any(existing.target.endswith("/" + name) for existing in out):
                check.error(line, f"附件 {quote(a['file'])} 与本标准的另一个附件同名，请改名")
                continue
            out.append(Attachment(a["file"], a["title"] or name, str(resolved), f"standards/{slug}/files/{name}"))
        return tuple(out)

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        out = []
        for path in self.files("documents", ".yaml", ".yml"):
            data = self.read_yaml(path)
            if data is None:
                continue
            shown = self.display(path)
            check = Checker(self.problems, shown)
            if path.stem.lower() == "index":
                check.error(None, "规范性文件的文件名不能是 index（会与文件列表页同名），请改名")
                continue
            v = check.mapping(data, DOCUMENT_FIELDS, "规范性文件")
            if not v or not v["number"] or not v["title"] or not v["issued"]:
                continue
            if v["abolished"] and v["abolished"] < v["issued"]:
                check.error(data.line_of("abolished"), f"废止日期 {quote(v['abolished'].isoformat())} 早于成文日期")
            out.append(Document(
                number=v["number"], title=v["title"], issuer=tuple(v["issuer"]), issued=v["issued"],
                published=v["published"], kind=v["kind"], abolished=v["abolished"],
                related=tuple(normalize_code(c) for c in v["related"]), summary=v["summary"], url=v["url"],
                tags=tuple(v["tags"]), path=shown, rel=path.relative_to(self.root).as_posix(), line=data.line,
                lines=dict(data.key_lines), slug=path.stem))
        return out

    # -- courses --------------------------------------------------------------------------------
    def courses(self) -> list[Course]:
        out = []
        for path in self.files("courses", ".md"):
            read = self.read_markdown(path)
            if not read:
                continue
            data, _, body, body_line = read
            shown = self.display(path)
            check = Checker(self.problems, shown)
            v = check.mapping(data, COURSE_FIELDS, "课程元数据")
            if not v or not v["id"] or not v["title"]:
                continue
            if v["id"] in RESERVED_PAGE_NAMES:
                check.error(data.line_of("id"), f"课程编号 {quote(v['id'])} 与系统页面同名，请换一个")
                continue
            if not COURSE_ID.match(v["id"]):
                check.error(data.line_of("id"), f"课程编号 {quote(v['id'])} 只能用小写英文字母、数字和「-」（用于网址）")
                continue
            for index, who in enumerate(v["audience"]):
                if who not in AUDIENCES:
                    check.error(_item_line(data, "audience", index), f"培训对象 {quote(who)} 无效，应为 {' · '.join(AUDIENCES)} 之一")
            headings, fences = bodies.scan(body, body_line)
            modules = tuple(Module(t, m, line) for t, m, line in bodies.modules(headings, body, body_line, check))
            out.append(Course(
                id=v["id"], title=v["title"], audience=tuple(a for a in v["audience"] if a in AUDIENCES),
                minutes=v["minutes"], objectives=tuple(v["objectives"]),
                standards=tuple(normalize_code(c) for c in v["standards"]), path=shown,
                rel=path.relative_to(self.root).as_posix(), line=data.line, lines=dict(data.key_lines),
                body=body, body_line=body_line, modules=modules, blocks=tuple(bodies.blocks(fences, check))))
        return out

    # -- small files ----------------------------------------------------------------------------
    def targets(self) -> Targets:
        path = self.root / "targets.yaml"
        if not path.is_file():
            return DEFAULT_TARGETS
        data = self.read_yaml(path)
        if data is None:
            return DEFAULT_TARGETS
        check = Checker(self.problems, self.display(path))
        specs = {"period": Spec("any", True), **{name: Spec("number") for name in TARGET_NAMES}}
        v = check.mapping(data, specs, "targets.yaml")
        if not v:
            return DEFAULT_TARGETS
        p = check.mapping(v["period"], {"name": Spec("text", True), "start": Spec("date", True),
                                        "end": Spec("date", True)}, "规划期", data.line_of("period"))
        period = DEFAULT_TARGETS.period
        if p and p["name"] and p["start"] and p["end"]:
            if p["end"] < p["start"]:
                check.error(v["period"].line_of("end"), "规划期结束日期早于开始日期")
            period = Period(p["name"], p["start"], p["end"])
        for name in TARGET_NAMES:
            if name != "training_attendance" and v[name] is not None and not 0 <= v[name] <= 1:
                check.error(data.line_of(name), f"指标「{name}」的目标 {quote(v[name])} 应为 0 到 1 之间的比例，如 90% 写作 0.90")
                v[name] = None
        values = {name: (v[name] if v[name] is not None else DEFAULT_TARGETS.values[name]) for name in TARGET_NAMES}
        return Targets(period, values, self.display(path))

    def list_file(self, name: str, specs: dict, what: str) -> list[tuple[dict, YMap]]:
        path = self.root / name
        if not path.is_file():
            return []
        data = self.read_yaml(path)
        if data is None:
            return []
        check = Checker(self.problems, self.display(path))
        out = []
        for item, _ in check.list_of_maps(data, name, getattr(data, "line", 1)):
            v = check.mapping(item, specs, what)
            if v and all(v[k] is not None for k, s in specs.items() if s.required):
                out.append((v, item))
        return out

    def plan(self) -> list[PlanItem]:
        out = []
        check = Checker(self.problems, f"{self.src_given}/plan.yaml")
        for v, item in self.list_file("plan.yaml", PLAN_FIELDS, "计划项"):
            if v["kind"] == "修订" and not v["replaces"]:
                check.error(item.line, "「修订」计划项缺少被修订的标准编号「replaces」")
            out.append(PlanItem(v["title"], v["kind"], v["framework"], v["due"],
                                normalize_code(v["code"]) if v["code"] else None,
                                normalize_code(v["replaces"]) if v["replaces"] else None, item.line))
        return out

    def sessions(self) -> list[Session]:
        check = Checker(self.problems, f"{self.src_given}/training_sessions.yaml")
        out = []
        for v, item in self.list_file("training_sessions.yaml", SESSION_FIELDS, "培训记录"):
            if v["attendees"] < 0:
                check.error(item.line_of("attendees"), f"参训人数 {quote(v['attendees'])} 不能为负数")
                continue
            out.append(Session(v["date"], v["course"], v["place"], v["attendees"], item.line))
        return out

    def directory(self) -> Directory | None:
        path = self.root / "directory.yaml"
        if not path.is_file():
            return None
        data = self.read_yaml(path)
        if data is None:
            return None
        check = Checker(self.problems, self.display(path))
        v = check.mapping(data, {"title": Spec("text"), "editions": Spec("any", True)}, "directory.yaml")
        if not v:
            return None
        editions, ids, dates = [], {}, {}
        for item, _ in check.list_of_maps(v["editions"], "editions", data.line_of("editions")):
            e = check.mapping(item, {"id": Spec("text", True), "date": Spec("date", True)}, "目录期次")
            if not e or not e["id"] or not e["date"]:
                continue
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", e["id"]) or e["id"].lower() == "index":
                check.error(item.line_of("id"), f"期次编号 {quote(e['id'])} 只能用英文字母、数字、「-」「_」「.」（用于网址），且不能是 index")
                continue
            if e["id"] in ids:
                check.error(item.line_of("id"), f"期次编号 {quote(e['id'])} 重复（第 {ids[e['id']]} 行已有）")
                continue
            if e["date"] in dates:
                check.error(item.line_of("date"), f"期次日期 {quote(e['date'].isoformat())} 重复（第 {dates[e['date']]} 行已有）")
                continue
            ids[e["id"]] = item.line
            dates[e["date"]] = item.line
            editions.append(Edition(e["id"], e["date"], item.line))
        for earlier, later in zip(editions, editions[1:]):
            if later.date < earlier.date:
                check.error(later.line, f"期次 {quote(later.id)} 的日期早于上一期 {quote(earlier.id)}，期次应按日期先后排列")
        title = v["title"] or "重庆市机关事务标准类规范性文件目录"
        return Directory(title, tuple(sorted(editions, key=lambda e: e.date)), self.display(path))

    def frozen_editions(self) -> dict:
        out = {}
        for path in self.files("directory", ".json"):
            shown = self.display(path)
            try:
                data = json.loads(read_text(path))
            except (YamlProblem, ValueError) as exc:
                self.problems.error(shown, getattr(exc, "lineno", None), f"已发布期次文件无法读取：{exc}")
                continue
            if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
                self.problems.error(shown, None, "已发布期次文件格式不对（应由 build.py publish 生成）")
                continue
            out[path.stem] = data
        return out


def _item_line(data: YMap, key: str, index: int) -> int:
    value = data.get(key)
    return value.line_of(index) if isinstance(value, YList) else data.line_of(key)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _exists_exact_case(path: Path, root: Path) -> bool:
    """True when every part of `path` under `root` exists with exactly this case."""
    current = root
    for part in path.relative_to(root).parts:
        try:
            names = os.listdir(current)
        except OSError:
            return False
        if part not in names:
            return False
        current = current / part
    return True


def load_project(src: str | os.PathLike, diagrams_dir: str | os.PathLike | None = None) -> tuple[Project | None, Problems]:
    """Read everything under `src`; returns the project (None if unusable) and all problems."""
    from .diagram import cache_dir
    with parse_cache(cache_dir() / "yaml-parses.pickle"):
        return _load_project(src, diagrams_dir)


def _load_project(src: str | os.PathLike, diagrams_dir: str | os.PathLike | None) -> tuple[Project | None, Problems]:
    loader = Loader(src)
    if not loader.root.is_dir():
        loader.problems.error(loader.src_given, None, "找不到源文件夹")
        return None, loader.problems
    framework = loader.framework()
    standards = loader.standards()
    documents = loader.documents()
    courses = loader.courses()
    targets = loader.targets()
    plan = loader.plan()
    sessions = loader.sessions()
    directory = loader.directory()
    frozen = loader.frozen_editions()
    diagrams = _diagrams(diagrams_dir, loader.problems)
    if not standards and not any(e for e in loader.problems.errors):
        loader.problems.error(f"{loader.src_given}/standards", None, "至少需要一个标准文件（standards/ 下的 .md 或 .yaml）")
    project = Project(
        src=loader.src_given, root=str(loader.root), framework=framework or Framework(()),
        standards=tuple(sorted(standards, key=lambda s: natural_key(s.code))), documents=tuple(documents),
        courses=tuple(courses), targets=targets, plan=tuple(plan), sessions=tuple(sessions),
        directory=directory, frozen_editions=frozen, diagrams=diagrams)
    from .crossref import check_references
    project = check_references(project, loader.problems, framework_known=framework is not None)
    if framework is None:
        return None, loader.problems
    project = block_checks.check_all(project, loader.problems)
    return project, loader.problems


# build.py has already loaded the sources to check them; the build reuses that load once
# (a `serve` rebuild after an edit finds nothing here and reads the sources again)
_preloaded: dict = {}


def preload(src, diagrams, project, problems) -> None:
    _preloaded[(os.path.abspath(src), os.path.abspath(diagrams))] = (project, problems)


def take_preloaded(src, diagrams):
    return _preloaded.pop((os.path.abspath(src), os.path.abspath(diagrams)), None)


def _diagrams(folder, problems: Problems) -> dict:
    out = {}
    if folder is None or not Path(folder).is_dir():
        return out
    for path in sorted(Path(folder).glob("*.dot")):
        try:
            out[path.stem] = read_text(path)
        except YamlProblem as problem:
            problems.error(f"diagrams/{path.name}", problem.line, problem.message)
    return out

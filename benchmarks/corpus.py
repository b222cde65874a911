"""Synthetic corpora for the benchmark: N standards plus everything around them, deterministic.

`generate(n, seed)` builds an in-memory `Corpus` (plain dicts and lists); `write_source(corpus,
folder)` writes it as a `standards_src/`-style folder in the source format (docs/help/reference.md), which
`build.py check` must accept; benchmarks/plain.py writes the *same* corpus as a hand-written
MkDocs Material project, so that the two builds process the same content.

Shape of a corpus of N standards (N >= 20):
- framework: 10 categories x 5 areas x 4 items (200 items); the full-text standards are spread
  evenly over the items, so pages group in folders (category / area) as in a real site;
- N full-text standards (`.md`): ~4 KB of Chinese clause text each (8 top-level clauses, 17
  numbered clauses), one table, one ```flow block of 6-10 steps (half with swimlanes, most with
  a decision), one ```checklist, one ```criteria, and cross-references `[[code]]`,
  `[[code#clause]]`, `[[#clause]]` to other generated standards;
- metadata-only standards (`.yaml`): national standards (GB/T) cited by the others, and the old
  editions that some standards replace (about 5 % of N in all);
- courses with modules and quizzes (N/25), policy documents (N/20), a plan (N/10 items),
  training sessions (N/5) and a directory.yaml with two editions in 2025, with real changes
  between them (standards taking effect, being abolished or replaced).

Run alone: `python benchmarks/corpus.py --n 1000 --out DIR` writes the source folder.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

AS_OF = "2026-01-01"          # the as-of date the benchmark builds with
EDITIONS = [("2025-1", "2025-06-30"), ("2025-2", "2025-12-31")]

# -- vocabulary ------------------------------------------------------------------------------------
CATEGORIES = [
    ("JC", "基础通用标准", ["标准化导则", "术语与符号", "信息化与数据", "统计与评价", "标准实施监督"]),
    ("GC", "公务用车标准", ["车辆配备", "使用与派车", "维修保养", "驾驶员管理", "新能源车辆"]),
    ("BG", "办公用房标准", ["配置标准", "调配使用", "维修改造", "租用管理", "处置利用"]),
    ("JN", "公共机构节能标准", ["能源计量", "能源审计", "节水管理", "绿色建筑", "碳排放核算"]),
    ("ZC", "国有资产标准", ["资产配置", "公物仓", "资产处置", "资产清查", "资产信息系统"]),
    ("CY", "机关餐饮标准", ["食堂管理", "食品安全", "营养配餐", "餐饮节约", "餐厨垃圾"]),
    ("WY", "物业服务标准", ["保洁服务", "绿化养护", "设施设备", "秩序维护", "服务评价"]),
    ("HW", "会务接待标准", ["会议服务", "公务接待", "礼宾服务", "会场设施", "住宿保障"]),
    ("AQ", "安全保卫标准", ["门禁管理", "消防安全", "应急处置", "安防监控", "保密管理"]),
    ("DA", "综合管理标准", ["档案管理", "文印服务", "收发服务", "后勤人员", "服务外包"]),
]
ITEM_WORDS = ["基本要求", "工作程序", "质量控制", "检查评价"]
SUFFIXES = ["管理规范", "服务规范", "工作指南", "技术要求", "评价规范"]
CORE_CATEGORIES = {"GC", "BG", "JN", "ZC", "CY", "WY", "HW"}

SUBJECTS = ["机关事务管理部门", "服务保障单位", "使用单位", "归口管理处室", "物业服务企业",
            "项目负责人", "标准化工作机构", "各责任部门", "服务人员", "监督检查人员"]
VERBS = ["应建立", "应制定", "应定期检查", "应如实记录", "应按规定落实", "宜采用", "应明确",
         "应每季度汇总", "应及时报告", "应组织开展", "应配备", "应公开"]
OBJECTS = ["工作台账", "岗位责任制度", "服务质量标准", "安全管理制度", "应急预案", "考核评价办法",
           "操作规程", "信息登记表", "检查记录", "培训计划", "费用结算凭证", "设备运行记录",
           "满意度调查结果", "整改通知单", "年度工作报告", "风险清单"]
TAILS = ["，并报分管领导审核", "，确保数据真实、准确、完整", "，发现问题及时整改", "，做到有据可查",
         "，每年至少评估一次", "，结果作为年度考核的依据", "，不得擅自降低标准", "，保存期限不少于 3 年",
         "，并在单位内部公开", "，必要时邀请第三方参与"]
FILLERS = ["本条所称{t}，是指机关事务管理部门为保障机关运行而提供的{t}相关服务和管理活动。",
           "{t}工作应坚持统一管理、分级负责、厉行节约、注重实效的原则。",
           "实施{t}时应优先采用信息化手段，实现申请、审批、执行、评价全过程留痕。",
           "对{t}中发现的问题，应分析原因，制定纠正措施，并跟踪验证措施的有效性。",
           "{t}的服务时间、服务内容和联系方式应在显著位置公示，接受监督。",
           "涉及{t}的经费支出应纳入部门预算，严格执行财务管理规定。"]
ROLES = ["申请人", "经办人", "部门负责人", "归口处室", "服务单位", "分管领导"]
CHECK_ITEMS = ["{t}台账登记完整", "{t}制度上墙公示", "岗位人员持证上岗", "安全隐患已排查", "设备运行记录齐全",
               "应急预案已演练", "服务对象满意度已调查", "费用票据与记录一致", "问题整改已闭环",
               "档案资料归档及时", "现场整洁有序", "节能措施落实到位"]
METRICS = [("满意度", ">=", 90, "%"), ("按时完成率", ">=", 95, "%"), ("差错率", "<=", 1, "%"),
           ("响应时间", "<=", 30, "分钟"), ("人均能耗", "<=", 380, "kgce/人"), ("投诉处理率", "==", 100, "%"),
           ("室内温度", "between", [18, 26], "℃"), ("培训学时", ">=", 8, "学时"), ("台账完整率", ">", 98, "%")]
ISSUERS = ["重庆市机关事务管理局", "重庆市市场监督管理局", "重庆市机关事务标准化技术委员会"]
DRAFTERS = ["重庆市机关事务管理局", "重庆市机关服务中心", "重庆市公共机构节能中心", "重庆市标准化研究院",
            "重庆市机关后勤服务集团", "重庆大学"]



@dataclass
class Standard:
    code: str
    slug: str
    title: str
    level: str
    framework: str                  # item id
    category: str                   # category id
    area: str                       # area id
    topic: str                      # the area's subject (公务用车 …), for text
    meta: dict                      # front matter, in writing order (values already YAML text)
    sections: list = field(default_factory=list)   # [(number, title, depth, [content])]
    full_text: bool = True
    path: str = ""                  # relative path under standards/


@dataclass
class Corpus:
    n: int
    seed: int
    framework: list                 # [(cat id, name, [(area id, name, core, [(item id, name)])])]
    standards: list                 # full-text and metadata-only, in generation order
    documents: list                 # [dict]
    courses: list                   # [dict]
    plan: list
    sessions: list
    as_of: str = AS_OF

    def by_code(self) -> dict:
        return {s.code: s for s in self.standards}


def slugify(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


# -- generation ------------------------------------------------------------------------------------
def generate(n: int = 1000, seed: int = 20250630) -> Corpus:
    rng = random.Random(f"{seed}:{n}")
    framework = []
    items = []                       # (cat, area, item id, topic, item name)
    for ci, (cid, cname, topics) in enumerate(CATEGORIES):
        areas = []
        for ai, topic in enumerate(topics):
            aid = f"{cid}-{ai + 1:02d}"
            its = [(f"{aid}-{k + 1}", f"{topic}{ITEM_WORDS[k]}") for k in range(4)]
            areas.append((aid, topic, cid in CORE_CATEGORIES, its))
            items.extend((cid, aid, iid, topic, iname) for iid, iname in its)
        framework.append((cid, cname, areas))

    standards: list[Standard] = []
    full: list[Standard] = []
    levels = [("组织内部标准", "Q/CQJG"), ("地方标准", "DB50/T"), ("团体标准", "T/CQJGXH")]
    national = [Standard(code=f"GB/T {30000 + k * 17}-{2015 + k % 9}", slug="", title=t, level="国家标准",
                         framework=items[(k * 37) % len(items)][2], category="", area="", topic="",
                         meta={}, full_text=False)
                for k, t in enumerate(["机关事务管理 术语", "服务业组织标准化工作指南", "标准体系构建原则和要求",
                                       "公共机构能源资源计量器具配备和管理要求", "节水型单位评价导则",
                                       "物业服务 顾客满意度测评", "会议分类和术语", "餐饮服务食品安全操作规范"][:max(3, n // 60)])]
    for s in national:
        s.slug = slugify(s.code)
        s.meta = {"code": s.code, "title": s.title, "level": "国家标准", "framework": s.framework,
                  "issued": f"{s.code[-4:]}-05-10", "effective": f"{s.code[-4:]}-12-01",
                  "issuer": "国家市场监督管理总局、国家标准化管理委员会",
                  "source": "全国标准信息公共服务平台（std.samr.gov.cn）可查询题录。"}
        s.path = f"national/{s.slug}.yaml"
    standards.extend(national)

    old_editions: list[Standard] = []
    for i in range(n):
        cid, aid, iid, topic, iname = items[i % len(items)]
        round_ = i // len(items)
        level, prefix = levels[0] if i % 20 < 12 else levels[1] if i % 20 < 17 else levels[2]
        kind = i % 50                                   # a few special cases every 50 standards
        year = 2018 + rng.randrange(7)
        year = 2025 if kind in (13, 19, 29) else 2021 if kind == 23 else year
        code = f"{prefix} {1001 + i}-{year}"
        title = f"{iname}{SUFFIXES[round_ % len(SUFFIXES)]}" + (f"（第{round_ // len(SUFFIXES) + 1}部分）" if round_ >= len(SUFFIXES) else "")
        s = Standard(code=code, slug=slugify(code), title=title, level=level, framework=iid, category=cid,
                     area=aid, topic=topic, meta={})
        s.path = f"{cid.lower()}/{aid.lower()}/{s.slug}.md"
        issued = dt.date(year, 1 + rng.randrange(10), 1 + rng.randrange(28))
        effective = issued + dt.timedelta(days=30 + rng.randrange(90))
        meta = {"code": code, "title": title, "level": level, "framework": iid}
        if kind == 7:                                    # drafting: full text, no dates
            meta["stage"] = "制定中"
        elif kind == 13:                                 # takes effect between the two editions
            meta["issued"], meta["effective"] = "2025-05-15", "2025-08-01"
        elif kind == 19:                                 # announced, not yet in force
            meta["issued"], meta["effective"] = "2025-11-20", "2026-03-01"
        else:
            meta["issued"], meta["effective"] = issued.isoformat(), effective.isoformat()
            if kind == 23:                               # abolished between the two editions
                meta["issued"], meta["effective"] = "2021-03-01", "2021-06-01"
                meta["abolished"] = "2025-09-30"
        if kind in (3, 29) and "effective" in meta:      # replaces an old, metadata-only edition
            old = Standard(code=f"{prefix} {1001 + i}-2015", slug="", title=title, level=level, framework=iid,
                           category=cid, area=aid, topic=topic, meta={}, full_text=False)
            old.slug = slugify(old.code)
            old.meta = {"code": old.code, "title": title, "level": level, "framework": iid,
                        "issued": "2015-03-01", "effective": "2015-06-01", "issuer": ISSUERS[0],
                        "source": "旧版文本可向标准化工作机构索取。"}
            old.path = f"{cid.lower()}/{aid.lower()}/old/{old.slug}.yaml"
            old_editions.append(old)
            meta["replaces"] = f"[{old.code}]"
            if kind == 29:                               # the replacement takes effect mid-2025
                meta["issued"], meta["effective"] = "2025-06-01", "2025-09-01"
        if i % 11 == 0 and "effective" in meta and "stage" not in meta:
            meta["stage"] = "修订中"
        meta["issuer"] = ISSUERS[i % len(ISSUERS)]
        meta["drafters"] = "[" + ", ".join(rng.sample(DRAFTERS, 2)) + "]"
        meta["tags"] = f"[{topic}, {iname}, {SUFFIXES[round_ % len(SUFFIXES)][:2]}]"
        meta["summary"] = (f"规定了{topic}{ITEM_WORDS[i % 4]}的管理制度、人员要求、工作程序、检查评价和记录要求，"
                           f"给出了{topic}办理流程图、日常检查表和量化指标。")
        eff = meta.get("effective")
        if eff and eff <= "2020-12-31" and i % 3 == 0:
            reviewed = f"{int(eff[:4]) + 5}-{eff[5:]}".replace("-02-29", "-02-28")      # (no 29 February then)
            meta["reviews"] = [f"{{date: {reviewed}, conclusion: 继续有效, note: 经复审，标准内容适用。}}"]
        if eff and eff <= "2024-06-30" and i % 2 == 0:
            meta["evaluations"] = [f"{{date: 2025-0{1 + i % 9}-15, by: 标准化工作机构, score: {70 + i % 29}, grade: "
                                   f"{'良好' if i % 29 < 18 else '优秀'}, note: 实施情况总体良好。}}"]
        s.meta = meta
        full.append(s)
    standards.extend(old_editions)
    standards.extend(full)

    for index, s in enumerate(full):
        s.sections = _sections(rng, s, index, full, national)

    documents = _documents(rng, n, full, national)
    courses = _courses(rng, n, full)
    plan = _plan(rng, n, full, old_editions, items)
    sessions = [{"date": (dt.date(2021, 3, 1) + dt.timedelta(days=rng.randrange(1700))).isoformat(),
                 "course": courses[k % len(courses)]["id"], "place": rng.choice(["市机关事务局", "市级机关会议中心", "各区县机关事务局"]),
                 "attendees": 20 + rng.randrange(180)} for k in range(max(5, n // 5))]
    sessions.sort(key=lambda x: (x["date"], x["course"]))
    return Corpus(n, seed, framework, standards, documents, courses, plan, sessions)


def _sentence(rng: random.Random, topic: str) -> str:
    return f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{topic}{rng.choice(OBJECTS)}{rng.choice(TAILS)}。"


def _paragraph(rng: random.Random, topic: str, sentences: int) -> str:
    parts = [_sentence(rng, topic) for _ in range(sentences)]
    parts.insert(rng.randrange(len(parts) + 1), rng.choice(FILLERS).format(t=topic))
    return "".join(parts)


def _flow(rng: random.Random, s: Standard, index: int) -> dict:
    t = s.topic
    n_steps = 6 + index % 5
    decision = index % 4 != 3
    lanes = rng.sample(ROLES, 2 + index % 2) if index % 2 == 0 else []
    main = n_steps - (1 if decision else 0)
    texts = [f"提交{t}申请", f"登记{t}事项", "核对材料并受理", f"制定{t}办理方案", "组织实施", "现场查验",
             "整理记录", "归档并反馈", "回访与评价", "形成台账"]
    steps = []
    d = 1 + index % max(1, main - 3) if decision else -1
    for k in range(main):
        step = {"id": f"s{k + 1}", "text": texts[k] if k < len(texts) - 1 else texts[-1]}
        if k == 0:
            step["type"] = "start"
        elif k == main - 1:
            step["text"] = f"{t}事项办结"
            step["type"] = "end"
        elif k == d:
            step["text"] = f"是否符合{t}规定?"
            step["type"] = "decision"
            step["yes"] = f"s{k + 2}"
            step["no"] = "back"
        elif k == 3 and index % 3 == 0:
            step["type"] = "document"
        if lanes:
            step["lane"] = lanes[min(len(lanes) - 1, k * len(lanes) // main)]
        if k in (0, 2) and index % 2 == 1:
            step["clause"] = "5.1" if k == 0 else "5.2"
        steps.append(step)
    if decision:
        back = {"id": "back", "text": "退回并一次性告知理由", "type": "end"}
        if lanes:
            back["lane"] = steps[d]["lane"]
        steps.append(back)
    return {"title": f"{t}办理流程", "lanes": lanes, "steps": steps}


def _sections(rng: random.Random, s: Standard, index: int, full: list, national: list) -> list:
    t = s.topic
    others = [o for o in rng.sample(full, min(6, len(full))) if o is not s][:4]
    ref_a, ref_b = others[0], others[1 % len(others)]
    nat = national[index % len(national)]
    sec = []

    def add(number, title, depth, *content):
        sec.append((number, title, depth, list(content)))

    add("1", "范围", 2, f"本文件规定了{s.title[:-4]}的基本要求、工作程序、检查与评价、记录与档案和监督与改进。",
        f"本文件适用于全市各级机关事务管理部门及其委托的服务单位开展{t}工作。")
    add("2", "规范性引用文件", 2, "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。",
        ("list", [f"[[{nat.code}]] {nat.title}"] + [f"[[{o.code}]] {o.title}" for o in others[:3]]))
    add("3", "术语和定义", 2, f"[[{nat.code}]] 界定的以及下列术语和定义适用于本文件。")
    add("3.1", f"{t}服务对象", 3, f"接受{t}服务或者适用{t}管理要求的机关、单位及其工作人员。")
    add("3.2", f"{t}责任人", 3, f"由单位指定、负责{t}日常管理和台账记录的工作人员。")
    add("4", "基本要求", 2, _paragraph(rng, t, 2))
    add("4.1", "管理制度", 3, _paragraph(rng, t, 4), f"管理制度的内容应符合 [[{ref_a.code}#4.1]] 的规定。")
    add("4.2", "人员要求", 3, _paragraph(rng, t, 3), f"人员培训按 [[{ref_b.code}#4.2]] 执行，每年不少于 8 学时。")
    add("4.3", "设施设备", 3, _paragraph(rng, t, 3))
    add("5", "工作程序", 2, _paragraph(rng, t, 2))
    add("5.1", "申请与受理", 3, _paragraph(rng, t, 3), "受理后应在 1 个工作日内告知办理时限，见 [[#5.3]]。")
    add("5.2", "办理流程", 3, f"{t}事项按下列流程办理，各环节的检查要求见 [[#6.1]]：", ("flow", _flow(rng, s, index)))
    rows = [[str(k + 1), f"{t}{w}", f"{rng.choice([1, 2, 3, 5, 7, 10])} 个工作日", rng.choice(SUBJECTS)]
            for k, w in enumerate(["一般事项", "紧急事项", "跨部门事项", "复杂事项", "年度事项"][:4 + index % 2])]
    add("5.3", "办理时限", 3, f"{t}事项的办理时限应符合表 1 的规定。", f"表 1 {t}事项办理时限",
        ("table", ["序号", "事项类别", "办理时限", "责任主体"], rows), _paragraph(rng, t, 2))
    add("6", "检查与评价", 2, _paragraph(rng, t, 2))
    picks = rng.sample(CHECK_ITEMS, 5 + index % 4)
    checklist = {"title": f"{t}日常检查表", "pass": 80,
                 "items": [{"text": c.format(t=t), "points": rng.choice([5, 10, 15, 20]),
                            **({"clause": rng.choice(["4.1", "4.2", "5.2"])} if k % 3 == 0 else {})}
                           for k, c in enumerate(picks)]}
    add("6.1", "日常检查", 3, "归口管理处室每月按下表检查一次，得分低于 80 分的应限期整改。", ("checklist", checklist))
    metrics = rng.sample(METRICS, 2 + index % 3)
    criteria = {"title": f"{t}量化指标", "rule": "all" if index % 3 else "any",
                "items": [{"id": f"m{k + 1}", "name": f"{t}{m[0]}", "op": m[1], "value": m[2], "unit": m[3],
                           "clause": "6.2"} for k, m in enumerate(metrics)]}
    add("6.2", "量化指标", 3, f"{t}工作的量化指标如下，全部达标的方为合格；与 [[{ref_a.code}#6.2]] 的指标口径一致。",
        ("criteria", criteria))
    add("7", "记录与档案", 2, _paragraph(rng, t, 1))
    add("7.1", "记录", 3, _paragraph(rng, t, 3))
    add("7.2", "归档", 3, _paragraph(rng, t, 2), f"电子档案的管理按 [[{ref_b.code}#7.1]] 执行。")
    add("8", "监督与改进", 2, _paragraph(rng, t, 3), "监督检查中发现不符合 [[#4.1]] 要求的，应责令限期整改。")
    return sec


def _documents(rng: random.Random, n: int, full: list, national: list) -> list:
    kinds = ["规划", "通知", "办法", "规定", "指南", "其他"]
    out = []
    for k in range(max(5, n // 20)):
        year = 2018 + k % 8
        related = sorted({full[(k * 13 + j * 7) % len(full)].code for j in range(1 + k % 3)})
        doc = {"file": f"{year}/yjgf-{year}-{k + 1}", "number": f"渝机管发〔{year}〕{k + 1}号",
               "title": f"关于加强{full[k % len(full)].topic}标准化工作的{kinds[k % 6] if kinds[k % 6] != '其他' else '意见'}",
               "issuer": ISSUERS[k % 2], "issued": f"{year}-{1 + k % 12:02d}-{1 + k % 27:02d}", "kind": kinds[k % 6],
               "related": related, "summary": f"部署{full[k % len(full)].topic}领域标准的制定、实施和评价工作。"}
        if k % 17 == 5 and doc["issued"] < "2025-08-31":          # (abolished after it was issued)
            doc["abolished"] = "2025-08-31"
        out.append(doc)
    return out


def _courses(rng: random.Random, n: int, full: list) -> list:
    out = []
    stable = [s for s in full if s.meta.get("effective", "9999") <= "2024-12-31" and "abolished" not in s.meta]
    for k in range(max(3, n // 25)):
        picks = [stable[(k * 29 + j * 11) % len(stable)] for j in range(3)]
        modules = []
        for m, s in enumerate(picks):
            quiz = [{"q": f"{s.title}规定的日常检查合格分数是多少分?", "options": ["60 分", "80 分", "90 分"],
                     "answer": "80 分", "explain": f"见 [[{s.code}#6.1]]。"},
                    {"q": f"{s.topic}事项办结后应做什么?", "options": ["整理记录并归档", "无需记录"],
                     "answer": 0, "explain": f"见 [[{s.code}#7.2]]。"}]
            modules.append({"title": f"{['一', '二', '三'][m]}、{s.title}要点", "minutes": 20 + 5 * m,
                            "text": _paragraph(rng, s.topic, 3) + f"详见 [[{s.code}#5.2]] 的办理流程。",
                            "instructor": f"结合本单位{s.topic}的实际案例讲解，控制在 5 分钟以内。",
                            "quiz": quiz})
        out.append({"id": f"course-{k + 1:03d}", "title": f"{picks[0].topic}标准化实务（第{k + 1}讲）",
                    "audience": ["领导干部", "管理人员", "一线职工"][k % 3], "minutes": sum(m["minutes"] for m in modules),
                    "objectives": [f"掌握{p.title}的主要要求" for p in picks], "standards": [p.code for p in picks],
                    "modules": modules})
    return out


def _plan(rng: random.Random, n: int, full: list, old: list, items: list) -> list:
    out = []
    for k in range(max(4, n // 10)):
        if k % 3 == 2 and old:
            o = old[k % len(old)]
            out.append({"title": o.title, "kind": "修订", "framework": o.framework, "due": f"{2022 + k % 5}-12-31",
                        "replaces": o.code})
        elif k % 3 == 1:
            item = items[(k * 7) % len(items)]
            out.append({"title": f"{item[4]}补充规范", "kind": "制定", "framework": item[2],
                        "due": f"{2023 + k % 4}-06-30", "code": f"Q/CQJG {9001 + k}-{2023 + k % 4}"})
        else:
            s = full[(k * 17) % len(full)]
            out.append({"title": s.title, "kind": "制定", "framework": s.framework,
                        "due": f"{2021 + k % 5}-12-31", "code": s.code})
    return out


# -- writing the source folder ----------------------------------------------------------------------
def _flow_map(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {_q(v)}" for k, v in d.items()) + "}"


def _q(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_q(x) for x in v) + "]"
    if isinstance(v, str) and (v in (">=", "<=", ">", "<", "==") or re.fullmatch(r"[\d.]+", v) or v[:1] in "[{#&*!|>%@`\"'"):
        return '"' + v + '"'
    return str(v)


def block_source(kind: str, data: dict) -> str:
    """The YAML inside a ```flow / ```checklist / ```criteria fence."""
    lines = [f"title: {data['title']}"]
    if kind == "flow":
        if data["lanes"]:
            lines.append(f"lanes: [{', '.join(data['lanes'])}]")
        lines.append("steps:")
        lines += [f"  - {_flow_map(step)}" for step in data["steps"]]
    elif kind == "checklist":
        lines.append(f"pass: {data['pass']}")
        lines.append("items:")
        lines += [f"  - {_flow_map(item)}" for item in data["items"]]
    elif kind == "criteria":
        lines.append(f"rule: {data['rule']}")
        lines.append("items:")
        lines += [f"  - {_flow_map(item)}" for item in data["items"]]
    return "\n".join(lines)


def standard_markdown(s: Standard) -> str:
    out = ["---"]
    for key, value in s.meta.items():
        if isinstance(value, list):
            out.append(f"{key}:")
            out += [f"  - {v}" for v in value]
        else:
            out.append(f"{key}: {value}")
    out.append("---")
    out.append("")
    for number, title, depth, content in s.sections:
        out.append(f"{'#' * depth} {number} {title}" if title else f"{'#' * depth} {number}")
        out.append("")
        for part in content:
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "list":
                out += [f"- {x}" for x in part[1]]
            elif part[0] == "table":
                head, rows = part[1], part[2]
                out.append("| " + " | ".join(head) + " |")
                out.append("|" + "---|" * len(head))
                out += ["| " + " | ".join(r) + " |" for r in rows]
            else:
                out += [f"```{part[0]}", block_source(part[0], part[1]), "```"]
            out.append("")
    return "\n".join(out)


def _meta_yaml(meta: dict) -> str:
    return "\n".join(f"{k}: {v}" for k, v in meta.items()) + "\n"


def course_markdown(c: dict) -> str:
    out = ["---", f"id: {c['id']}", f"title: {c['title']}", f"audience: {c['audience']}", f"minutes: {c['minutes']}",
           "objectives:"] + [f"  - {o}" for o in c["objectives"]] + [f"standards: [{', '.join(c['standards'])}]", "---", ""]
    out.append("本课程结合标准条文和办理流程讲解，每个模块后附测验。")
    out.append("")
    for m in c["modules"]:
        out += [f"## {m['title']}", f"<!-- minutes: {m['minutes']} -->", "", m["text"], "",
                '!!! instructor "讲师提示"', f"    {m['instructor']}", "", "```quiz"]
        for q in m["quiz"]:
            out += [f"- q: {q['q']}", f"  options: [{', '.join(q['options'])}]", f"  answer: {q['answer']}",
                    f"  explain: {q['explain']}"]
        out += ["```", ""]
    return "\n".join(out)


def write_source(corpus: Corpus, folder: Path) -> Path:
    """Write the corpus as a standards_src/ folder (replacing `folder`)."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "standards").mkdir(parents=True)
    fw = ["# Synthetic framework: 10 categories x 5 areas x 4 items", "categories:"]
    for cid, cname, areas in corpus.framework:
        fw += [f"  - id: {cid}", f"    name: {cname}", "    areas:"]
        for aid, aname, core, its in areas:
            fw += [f"      - id: {aid}", f"        name: {aname}", f"        core: {'true' if core else 'false'}",
                   "        items:"]
            fw += [f"          - {{id: {iid}, name: {iname}}}" for iid, iname in its]
    _write(folder / "framework.yaml", "\n".join(fw) + "\n")
    for s in corpus.standards:
        path = folder / "standards" / s.path
        _write(path, standard_markdown(s) if s.full_text else _meta_yaml(s.meta))
    for d in corpus.documents:
        meta = {k: v for k, v in d.items() if k != "file"}
        meta["related"] = "[" + ", ".join(d["related"]) + "]"
        _write(folder / "documents" / f"{d['file']}.yaml", _meta_yaml(meta))
    for c in corpus.courses:
        _write(folder / "courses" / f"{c['id']}.md", course_markdown(c))
    _write(folder / "plan.yaml", "".join(f"- {_flow_map(p)}\n" for p in corpus.plan))
    _write(folder / "training_sessions.yaml", "".join(f"- {_flow_map(x)}\n" for x in corpus.sessions))
    _write(folder / "targets.yaml", "period: {name: “十四五”, start: 2021-01-01, end: 2025-12-31}\n"
           "coverage_core_areas: 0.90\nplan_completion: 0.95\nevaluated_after_1y: 0.30\n"
           "reviewed_after_5y: 1.00\ntraining_attendance: 5000\n")
    _write(folder / "directory.yaml", "title: 重庆市机关事务标准类规范性文件目录（基准测试）\neditions:\n"
           + "".join(f"  - {{id: {i}, date: {d}}}\n" for i, d in EDITIONS))
    return folder


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic standards_src/ corpus.")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20250630)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    corpus = generate(args.n, args.seed)
    write_source(corpus, Path(args.out))
    print(f"{len(corpus.standards)} standards ({args.n} with full text), {len(corpus.courses)} courses, "
          f"{len(corpus.documents)} documents -> {args.out}")


if __name__ == "__main__":
    main()

"""Every mistake in targets.yaml (periods), records.yaml, pilots.yaml and cases/ is reported in one
pass, each as `path:line: 中文说明`, quoting the value; the Part 1 form keeps its messages."""
from __future__ import annotations

from support import load_project

TARGETS = """\
periods:
  - name: 甲期
    start: 2021-01-01
    end: 2025-12-31
    indicators:
      - {id: coverage_core_areas, target: 1.5}
      - {id: pilots, name: 完成试点, kind: count, target: 5}
      - {id: pilots, name: 重复的试点, kind: count, target: 1}
      - {id: committee, name: 成立委员会}
      - {id: meeting, name: 每年开会, kind: yealy}
      - {id: sites, name: 示范点, kind: count}
      - {id: articles, name: 文章, kind: count, target: 2.5}
      - {id: plan_completion, kind: count}
      - {kind: milestone, name: 没有编号}
      - {id: exam, kind: milestone}
  - name: 乙期
    start: 2025-07-01
    end: 2030-12-31
    indicators: []
  - name: 甲期
    start: 2031-01-01
    end: 2031-12-31
    indicators: []
  - name: 丙期
    start: 2035-01-01
    end: 2034-12-31
    indicators: []
"""
RECORDS = """\
- {date: 2022-01-01, indicator: pilot, title: 拼错的指标}
- {date: 2022-01-01, indicator: training_attendance, title: 计算指标不能记}
- {date: 2020-06-01, indicator: pilots, title: 规划期之前}
- {date: 2022-01-01, indicator: pilots, title: 没有的试点, pilot: nowhere}
- {date: 2022-01-01, indicator: pilots, title: 小数, count: 2.0}
- {date: 2022-01-01, indicator: pilots, title: 零, count: 0}
- {date: 2022-01-01, indicator: pilots, title: 找不到的文号, evidence: 渝机管发〔2099〕1号}
- {date: 2022-01-01, indicator: pilots, title: 找不到的附件, evidence: 佐证/纪要.pdf}
- {date: 2022-01-01, indicator: pilots, title: 源文件夹外, evidence: ../secret.pdf}
- {date: 2022-01-01, indicator: pilots, title: 全部正确, evidence: 渝机管发〔2021〕108号, pilot: good-1}
- {indicator: pilots, title: 缺日期}
- {date: 2022-01-01, indicator: pilots, title: 未知区域, region: 北京}
"""
PILOTS = """\
- {id: good-1, name: 试点一, kind: 市级试点, unit: 某区, region: 主城都市区, start: 2021-01-01}
- {id: good-1, name: 重复, kind: 市级试点, unit: 某区, region: 主城都市区, start: 2021-01-01}
- {id: Bad_Id, name: 大写, kind: 市级试点, unit: 某区, region: 主城都市区, start: 2021-01-01}
- {id: kind-x, name: 类型错, kind: 省级试点, unit: 某区, region: 主城都市区, start: 2021-01-01}
- {id: late, name: 验收早于开始, kind: 示范点, unit: 某区, region: 全市, start: 2022-01-01, accepted: 2021-12-31}
- {id: std-x, name: 标准不存在, kind: 示范点, unit: 某区, region: 全市, start: 2022-01-01, standards: [Q/T 404-2024]}
- {id: index, name: 系统页面, kind: 示范点, unit: 某区, region: 全市, start: 2022-01-01}
"""
DOCUMENT = "number: 渝机管发〔2021〕108号\ntitle: 规划\nissuer: 重庆市机关事务管理局\nissued: 2021-11-25\n"
CASE = """\
---
id: case-a
title: 案例甲
date: 2024-01-01
unit: 某单位
standards: [Q/CQJG 101-2023, Q/T 9-2024]
pilot: good-2
---

按 [[Q/CQJG 101-2023#5.1]] 执行，另见 [[Q/CQJG 101-2023#9.9]]。
"""
CASE_DUPLICATE = "---\nid: case-a\ntitle: 重复的案例\ndate: 2024-01-01\nunit: 某单位\n---\n\n正文。\n"
CASE_MISSING = "---\nid: case-b\ntitle: 缺单位\ndate: 2024-01-01\n---\n\n正文。\n"


def test_every_mistake_in_one_pass(make_project):
    src = make_project({"targets.yaml": TARGETS, "records.yaml": RECORDS, "pilots.yaml": PILOTS,
                        "documents/plan.yaml": DOCUMENT, "cases/a.md": CASE, "cases/b/a.md": CASE_DUPLICATE,
                        "cases/c.md": CASE_MISSING})
    _, problems = load_project(src)
    got = [str(e).removeprefix(f"{src}/") for e in problems.errors]
    assert got == [
        "cases/a.md:6: 案例引用的标准 「Q/T 9-2024」 不存在",
        "cases/a.md:7: 试点 「good-2」 在 pilots.yaml 中不存在，是否应为「good-1」？",
        "cases/a.md:10: 引用的标准 「Q/CQJG 101-2023」 没有条款 「9.9」",
        "cases/b/a.md:2: 案例编号 「case-a」 与 " + f"{src}/cases/a.md（第 2 行）重复；同一案例编号只能出现一次，请改正本文件或删除多余的一份",
        "cases/c.md:2: 案例元数据缺少必填字段「unit」（单位）",
        "pilots.yaml:2: 试点编号 「good-1」 重复（第 1 行已有）",
        "pilots.yaml:3: 试点编号 「Bad_Id」 只能用小写英文字母、数字和「-」（用于网址）",
        "pilots.yaml:4: 字段「kind」的值 「省级试点」 无效，应为 国家级试点 · 市级试点 · 示范点 · 实训基地 之一，是否应为「市级试点」？",
        "pilots.yaml:5: 验收日期 「2021-12-31」 早于开始日期 「2022-01-01」",
        "pilots.yaml:6: 试点实施的标准 「Q/T 404-2024」 不存在",
        "pilots.yaml:7: 试点编号 「index」 与系统页面同名，请换一个",
        "records.yaml:1: 指标 「pilot」 在 targets.yaml 的各规划期中都不存在，是否应为「pilots」？",
        "records.yaml:2: 「training_attendance」（培训覆盖人次）由系统根据源文件计算，不能用工作记录计入",
        "records.yaml:4: 试点 「nowhere」 在 pilots.yaml 中不存在",
        "records.yaml:5: 字段「count」应为不小于 1 的整数，实际是 「2.0」",
        "records.yaml:6: 字段「count」应为不小于 1 的整数，实际是 「0」",
        "records.yaml:7: 佐证文号 「渝机管发〔2099〕1号」 在 documents/ 中找不到（规范性文件的 number 要与之完全一致）",
        "records.yaml:8: 佐证材料 「佐证/纪要.pdf」 不存在（注意文件名大小写要完全一致）",
        "records.yaml:9: 佐证材料 「../secret.pdf」 位于 standards_src/ 之外，不能发布",
        "records.yaml:11: 工作记录缺少必填字段「date」（日期）",
        "records.yaml:12: 字段「region」的值 「北京」 无效，应为 全市 · 主城都市区 · 渝东北三峡库区城镇群 · 渝东南武陵山区城镇群 · 川渝 之一",
        "targets.yaml:6: 指标「coverage_core_areas」的目标 「1.5」 应为 0 到 1 之间的比例，如 90% 写作 0.90",
        "targets.yaml:8: 指标编号 「pilots」 在规划期 「甲期」 中重复（第 7 行已有）",
        "targets.yaml:9: 指标 「committee」 缺少必填字段「kind」，应为 count（计数） · milestone（里程碑） · yearly（逐年） 之一",
        "targets.yaml:10: 指标 「meeting」 的种类 kind: 「yealy」 无效，应为 count（计数） · milestone（里程碑） · yearly（逐年） 之一，是否应为「yearly」？",
        "targets.yaml:11: 计数指标 「sites」 缺少必填字段「target」（目标数量）",
        "targets.yaml:12: 指标 「articles」 的目标 「2.5」 应为不小于 1 的整数",
        "targets.yaml:13: 「plan_completion」（体系内标准制修订完成率）是系统计算的指标，不用写 kind",
        "targets.yaml:14: 指标缺少必填字段「id」（指标编号）",
        "targets.yaml:15: 指标 「exam」 缺少必填字段「name」（指标名称）",
        "targets.yaml:17: 规划期 「乙期」（2025-07-01 至 2030-12-31）与第 2 行的规划期 「甲期」（2021-01-01 至 2025-12-31）重叠："
        "2025-07-01 至 2025-12-31 同时属于两个规划期",
        "targets.yaml:20: 规划期名称 「甲期」 重复（第 2 行已有）",
        "targets.yaml:26: 规划期 「丙期」 的结束日期早于开始日期",
    ]
    warnings = [str(w).removeprefix(f"{src}/") for w in problems.warnings]
    assert warnings == ["records.yaml:3: 警告：记录日期 2020-06-01 不在使用指标 「pilots」 的规划期内（甲期 2021-01-01 至 2025-12-31），不计入"]


def test_a_record_for_an_indicator_no_period_uses_is_a_warning(make_project):
    targets = ("periods:\n  - {name: 甲期, start: 2021-01-01, end: 2025-12-31, indicators: [{id: m, name: 开会, kind: yearly}]}\n"
               "  - {name: 乙期, start: 2026-01-01, end: 2030-12-31, indicators: []}\n")
    src = make_project({"targets.yaml": targets, "records.yaml": "- {date: 2026-03-01, indicator: m, title: 乙期不统计}\n"})
    _, problems = load_project(src)
    assert not problems.errors
    assert [str(w) for w in problems.warnings] == [
        f"{src}/records.yaml:1: 警告：记录日期 2026-03-01 不在使用指标 「m」 的规划期内（甲期 2021-01-01 至 2025-12-31），不计入"]


def test_periods_and_period_together(make_project):
    targets = ("period: {name: 十四五, start: 2021-01-01, end: 2025-12-31}\ncoverage_core_areas: 0.9\n"
               "periods:\n  - {name: 甲期, start: 2021-01-01, end: 2025-12-31, indicators: []}\n")
    _, problems = load_project(make_project({"targets.yaml": targets}))
    assert [str(e).split("targets.yaml:")[1] for e in problems.errors] == [
        "1: targets.yaml 已用 periods 写规划期，不能再写 「period」；五项计算指标的目标请写在各规划期的 indicators 中",
        "2: targets.yaml 已用 periods 写规划期，不能再写 「coverage_core_areas」；五项计算指标的目标请写在各规划期的 indicators 中"]


def test_records_without_record_indicators(make_project):
    src = make_project({"records.yaml": "- {date: 2022-01-01, indicator: meeting, title: 会议}\n"})
    _, problems = load_project(src)
    assert [str(e) for e in problems.errors] == [
        f"{src}/records.yaml:1: 指标 「meeting」 在 targets.yaml 的各规划期中都不存在；"
        "targets.yaml 中还没有按记录统计的指标（用 periods 写法添加）"]


def test_attachment_evidence_is_published(make_project):
    targets = "periods:\n  - {name: 甲期, start: 2021-01-01, end: 2025-12-31, indicators: [{id: m, name: 开会, kind: yearly}]}\n"
    src = make_project({"targets.yaml": targets, "佐证/纪要（示例）.pdf": b"%PDF-1.4",
                        "records.yaml": "- {date: 2022-03-01, indicator: m, title: 会议, evidence: 佐证/纪要（示例）.pdf}\n"
                                        "- {date: 2023-03-01, indicator: m, title: 会议, evidence: \"https://example.org/a\"}\n"})
    project, problems = load_project(src)
    assert not problems.errors
    first, second = project.records
    assert (first.evidence.kind, first.evidence.target) == ("file", "evidence/佐证/纪要（示例）.pdf")
    assert (second.evidence.kind, second.evidence.value) == ("url", "https://example.org/a")

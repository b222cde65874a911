"""Plan periods and every indicator kind, measured from source files at boundary dates: the last day
of a year, the last day of a period, a record dated the day after; which period is current for an
as-of date inside, between and after periods; indicators.json's shape.

The fixture: “甲期” 2021-01-01..2023-06-30, a gap, “乙期” 2024-01-01..2025-12-31, “丙期” 2026-01-01..2030-12-31.
"""
from __future__ import annotations

import datetime as dt

import pytest

from stdsite.derive import periods as P
from stdsite.derive import plan
from stdsite.derive.catalog import Catalog
from support import load_project

FRAMEWORK = """\
categories:
  - id: YX
    name: 运行保障
    areas:
      - {id: YX-GC, name: 公务用车管理, core: true, items: [{id: YX-GC-01, name: 使用}, {id: YX-GC-02, name: 更新}]}
"""
STANDARDS = {
    # covers YX-GC-01 from 2021; YX-GC-02 only from 2023-07-01 (the day after 甲期 ends)
    "standards/a.yaml": "code: Q/T 1-2021\ntitle: 使用规范\nlevel: 组织内部标准\nframework: YX-GC-01\neffective: 2021-03-01\n",
    "standards/b.yaml": "code: Q/T 2-2023\ntitle: 更新规范\nlevel: 组织内部标准\nframework: YX-GC-02\n"
                        "issued: 2023-05-01\neffective: 2023-07-01\n",
}
TARGETS = """\
periods:
  - name: 甲期
    start: 2021-01-01
    end: 2023-06-30
    indicators:
      - {id: coverage_core_areas, target: 0.9}
      - {id: training_attendance, target: 100}
      - {id: pilots, name: 完成试点, kind: count, target: 3, unit: 个}
      - {id: committee, name: 成立委员会, kind: milestone}
      - {id: meeting, name: 每年开会, kind: yearly}
  - name: 乙期
    start: 2024-01-01
    end: 2025-12-31
    indicators:
      - {id: coverage_core_areas, target: 1.0}
      - {id: training_attendance}
      - {id: pilots, name: 完成试点, kind: count, target: 1}
      - {id: meeting, name: 每年开会, kind: yearly, target: 2}
  - name: 丙期
    start: 2026-01-01
    end: 2030-12-31
    indicators:
      - {id: pilots, name: 完成试点, kind: count, target: 5}
"""
RECORDS = """\
- {date: 2021-05-01, indicator: pilots, title: 一号试点, count: 2}
- {date: 2023-06-30, indicator: pilots, title: 二号试点（甲期最后一天）}
- {date: 2023-07-01, indicator: pilots, title: 三号试点（甲期结束后一天，不在任何规划期）}
- {date: 2025-12-31, indicator: pilots, title: 四号试点（乙期最后一天）}
- {date: 2026-01-01, indicator: pilots, title: 五号试点（丙期第一天）}
- {date: 2023-06-30, indicator: committee, title: 委员会成立（甲期最后一天）}
- {date: 2021-12-31, indicator: meeting, title: 2021年会（年末最后一天）}
- {date: 2022-01-01, indicator: meeting, title: 2022年会（年初第一天）}
- {date: 2024-12-31, indicator: meeting, title: 2024年会, count: 2}
- {date: 2025-03-01, indicator: meeting, title: 2025年会}
"""
SESSIONS = """\
- {date: 2023-06-30, course: basics, attendees: 60}
- {date: 2023-07-01, course: basics, attendees: 7}
- {date: 2024-01-01, course: basics, attendees: 30}
"""
COURSE = "---\nid: basics\ntitle: 标准化基础\n---\n\n## 概述\n\n内容。\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from support import write_tree
    src = write_tree(tmp_path_factory.mktemp("plan") / "src", {
        "framework.yaml": FRAMEWORK, **STANDARDS, "targets.yaml": TARGETS, "records.yaml": RECORDS,
        "training_sessions.yaml": SESSIONS, "courses/basics.md": COURSE})
    project, problems = load_project(src)
    assert not problems.errors, "\n".join(map(str, problems.errors))
    warnings = [str(w) for w in problems.warnings]
    # the record dated the day after 甲期 is in no period that uses `pilots`: a warning, not counted
    assert warnings == [f"{src}/records.yaml:3: 警告：记录日期 2023-07-01 不在使用指标 「pilots」 的规划期内"
                        f"（甲期 2021-01-01 至 2023-06-30、乙期 2024-01-01 至 2025-12-31、丙期 2026-01-01 至 2030-12-31），不计入"]
    return project


def view(project, as_of: str) -> plan.PlanView:
    return plan.build(Catalog(project, dt.date.fromisoformat(as_of)))


def measures(v: plan.PlanView, name: str) -> dict[str, plan.Measure]:
    period = next(p for p in v.periods if p.period.name == name)
    return {m.id: m for m in period.measures}


# -- which period is current, and how each is measured ------------------------------------------------
@pytest.mark.parametrize("as_of, current, states", [
    ("2020-12-31", None, ["未开始", "未开始", "未开始"]),            # before every period
    ("2021-01-01", "甲期", ["进行中", "未开始", "未开始"]),          # first day
    ("2023-06-30", "甲期", ["进行中", "未开始", "未开始"]),          # last day: still running
    ("2023-07-01", "甲期", ["已结束", "未开始", "未开始"]),          # between periods: the latest started
    ("2023-12-31", "甲期", ["已结束", "未开始", "未开始"]),
    ("2024-01-01", "乙期", ["已结束", "进行中", "未开始"]),          # inside
    ("2031-01-01", "丙期", ["已结束", "已结束", "已结束"]),          # after every period
])
def test_current_period_and_states(project, as_of, current, states):
    v = view(project, as_of)
    assert (v.current.period.name if v.current else None) == current
    assert [p.state for p in v.periods] == states
    day = dt.date.fromisoformat(as_of)
    for p in v.periods:
        expected = {"已结束": p.period.end, "进行中": day, "未开始": None}[p.state]
        assert p.measured_at == expected


def test_assessment_is_midterm_in_the_middle_year():
    period = plan.Period("丙期", dt.date(2026, 1, 1), dt.date(2030, 12, 31))
    assert P.midpoint(period) == dt.date(2028, 7, 1)
    assert P.assessment(period, dt.date(2027, 12, 31)) == "进度评估"
    assert P.assessment(period, dt.date(2028, 1, 1)) == "中期评估"
    assert P.assessment(period, dt.date(2030, 12, 31)) == "进度评估"
    assert P.assessment(period, dt.date(2031, 1, 1)) == "总结评估"
    assert P.assessment(period, dt.date(2025, 12, 31)) is None
    assert P.elapsed(period, dt.date(2026, 1, 1)) == pytest.approx(1 / 1826)
    assert P.elapsed(period, dt.date(2031, 1, 1)) == 1.0


# -- count ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("as_of, first, second, third", [
    ("2023-06-29", 2, None, None),     # the record of 甲期's last day is not yet counted
    ("2023-06-30", 3, None, None),     # counted on the period's last day: met (target 3)
    ("2023-07-01", 3, None, None),     # the day after: 甲期 ended, final result; 三号 is in no period
    ("2025-12-30", 3, 0, None),
    ("2025-12-31", 3, 1, None),        # 乙期's last day
    ("2026-01-01", 3, 1, 1),           # 丙期's first day: 五号 counts there only
])
def test_count_at_boundaries(project, as_of, first, second, third):
    v = view(project, as_of)
    got = [measures(v, name)["pilots"].value for name in ("甲期", "乙期", "丙期")]
    assert got == [first, second, third]
    assert measures(v, "甲期")["pilots"].met is (first >= 3)


def test_count_lists_the_records_behind_it(project):
    m = measures(view(project, "2026-06-30"), "甲期")["pilots"]
    assert [r.title for r in m.records] == ["一号试点", "二号试点（甲期最后一天）"]
    assert [(y.year, y.count) for y in m.years] == [(2021, 2), (2022, 0), (2023, 1)]     # by year


# -- milestone --------------------------------------------------------------------------------------
def test_milestone_on_the_last_day_of_the_period(project):
    assert measures(view(project, "2023-06-29"), "甲期")["committee"].value is None
    assert measures(view(project, "2023-06-29"), "甲期")["committee"].met is False
    done = measures(view(project, "2023-06-30"), "甲期")["committee"]
    assert (done.value, done.met) == (dt.date(2023, 6, 30), True)
    assert measures(view(project, "2030-01-01"), "甲期")["committee"].json()["value"] == "2023-06-30"


# -- yearly -----------------------------------------------------------------------------------------
def test_yearly_judges_a_year_on_its_31_december(project):
    before = measures(view(project, "2021-12-30"), "甲期")["meeting"]
    assert [(y.year, y.count, y.judged) for y in before.value] == [(2021, 0, False)]
    assert before.met is None                                       # no year judged yet
    on = measures(view(project, "2021-12-31"), "甲期")["meeting"]
    assert [(y.year, y.count, y.judged, y.met) for y in on.value] == [(2021, 1, True, True)]
    assert on.met is True
    after = measures(view(project, "2022-01-01"), "甲期")["meeting"]
    assert [(y.year, y.count, y.judged) for y in after.value] == [(2021, 1, True), (2022, 1, False)]


def test_yearly_judges_the_last_partial_year_once_the_period_ended(project):
    running = measures(view(project, "2023-06-30"), "甲期")["meeting"]
    assert [(y.year, y.judged) for y in running.value] == [(2021, True), (2022, True), (2023, False)]
    assert running.met is True
    ended = measures(view(project, "2023-07-01"), "甲期")["meeting"]
    assert [(y.year, y.count, y.judged) for y in ended.value] == [(2021, 1, True), (2022, 1, True), (2023, 0, True)]
    assert ended.met is False                                       # 2023 had no meeting
    assert ended.json()["value"] == [{"year": 2021, "count": 1}, {"year": 2022, "count": 1}, {"year": 2023, "count": 0}]


def test_yearly_sums_count_against_its_target(project):
    m = measures(view(project, "2026-02-01"), "乙期")["meeting"]             # target 2 a year
    assert [(y.year, y.count, y.met) for y in m.value] == [(2024, 2, True), (2025, 1, False)]
    assert m.met is False


# -- computed indicators at the measuring date ------------------------------------------------------------
def test_computed_measured_at_the_period_end(project):
    # 甲期 ends 2023-06-30: B (effective 2023-07-01) does not cover YX-GC-02 in its final result
    v = view(project, "2026-06-30")
    first, second = measures(v, "甲期"), measures(v, "乙期")
    assert (first["coverage_core_areas"].value, first["coverage_core_areas"].met) == (0.5, False)
    assert (second["coverage_core_areas"].value, second["coverage_core_areas"].met) == (1.0, True)
    # training: the session on 甲期's last day counts there, the one the day after in no period
    assert (first["training_attendance"].value, first["training_attendance"].met) == (60, False)
    assert (second["training_attendance"].value, second["training_attendance"].met) == (30, None)   # no target
    assert first["coverage_core_areas"].json() == {"name": "主干业务领域标准覆盖率", "kind": "computed",
                                                   "value": 0.5, "target": 0.9, "met": False}


def test_ratio_met_compares_rounded_to_4_decimals(project):
    from stdsite.derive.indicators import Indicator
    assert Indicator("coverage_core_areas", 0.9, 0.90).met is True
    assert Indicator("coverage_core_areas", 0.8999, 0.9).met is False
    assert Indicator("coverage_core_areas", 0.90004, 0.9).met is True
    assert Indicator("coverage_core_areas", None, 0.9).met is None


# -- indicators.json ----------------------------------------------------------------------------------
def test_json_between_periods(project):
    doc = view(project, "2023-12-01").json()
    assert list(doc) == ["as_of", "period", "indicators", "periods"]
    # the current period is the one that ended (between periods); the Part 1 keys are measured at D
    assert doc["period"] == {"name": "甲期", "start": "2021-01-01", "end": "2023-06-30"}
    assert doc["indicators"]["coverage_core_areas"]["value"] == 1.0              # at D, B is in force
    assert doc["indicators"]["coverage_core_areas"]["target"] == 0.9
    assert doc["indicators"]["plan_completion"]["target"] is None                # 甲期 sets none
    assert doc["indicators"]["training_attendance"]["value"] == 60                 # 甲期's sessions only
    first, second, third = doc["periods"]
    assert first["state"] == "已结束" and first["measured_at"] == "2023-06-30"
    assert first["indicators"]["coverage_core_areas"]["value"] == 0.5              # at the period end
    assert list(first["indicators"]) == ["coverage_core_areas", "training_attendance", "pilots", "committee", "meeting"]
    assert first["indicators"]["pilots"] == {"name": "完成试点", "kind": "count", "value": 3, "target": 3, "met": True}
    assert first["indicators"]["committee"]["target"] is None
    assert first["indicators"]["meeting"]["target"] == 1                            # yearly default
    assert second == {"name": "乙期", "start": "2024-01-01", "end": "2025-12-31", "state": "未开始", "measured_at": None,
                      "indicators": {i: {"name": n, "kind": k, "value": None, "target": t, "met": None}
                                     for i, n, k, t in [("coverage_core_areas", "主干业务领域标准覆盖率", "computed", 1.0),
                                                        ("training_attendance", "培训覆盖人次", "computed", None),
                                                        ("pilots", "完成试点", "count", 1),
                                                        ("meeting", "每年开会", "yearly", 2)]}}
    assert third["state"] == "未开始"


def test_json_before_every_period(project):
    doc = view(project, "2020-06-30").json()
    assert doc["period"] is None
    assert doc["indicators"]["training_attendance"]["value"] is None
    assert all(record["target"] is None for record in doc["indicators"].values())
    assert [p["state"] for p in doc["periods"]] == ["未开始"] * 3


def test_part_1_form_is_one_period_of_the_five(make_project):
    src = make_project({"targets.yaml": "period: {name: “十四五”, start: 2021-01-01, end: 2025-12-31}\n"
                                        "coverage_core_areas: 0.8\n"})
    project, problems = load_project(src)
    assert not problems.errors
    (period,) = project.targets.periods
    assert [(g.id, g.kind, g.target) for g in period.goals] == [
        ("coverage_core_areas", "computed", 0.8), ("plan_completion", "computed", 0.95),
        ("evaluated_after_1y", "computed", 0.3), ("reviewed_after_5y", "computed", 1.0),
        ("training_attendance", "computed", 5000)]
    doc = plan.build(Catalog(project, dt.date(2026, 12, 2))).json()
    assert doc["period"] == {"name": "“十四五”", "start": "2021-01-01", "end": "2025-12-31"}
    assert doc["periods"][0]["state"] == "已结束" and doc["periods"][0]["measured_at"] == "2025-12-31"

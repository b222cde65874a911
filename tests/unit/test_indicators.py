"""The dashboard's five indicators on a fixture, against hand-computed values, edge rules included.

The fixture (D = 2025-06-30, period “十四五” 2021-01-01..2025-12-31) is loaded from source files,
so the loader's defaults (managed by level) take part as they do in a real build.
"""
from __future__ import annotations

import datetime as dt

import pytest

from stdsite.derive import indicators as ind
from stdsite.derive import plan
from stdsite.derive.catalog import Catalog
from support import load_project

D = dt.date(2025, 6, 30)

FRAMEWORK = """\
categories:
  - id: JC
    name: 基础通用
    areas:
      - {id: JC-TY, name: 通用基础, core: false, items: [{id: JC-TY-01, name: 标准化导则}]}
  - id: YX
    name: 运行保障
    areas:
      - id: YX-GC
        name: 公务用车管理
        core: true
        items: [{id: YX-GC-01, name: 使用管理}, {id: YX-GC-02, name: 更新管理}, {id: YX-GC-03, name: 维修管理}]
      - {id: YX-GW, name: 公物仓管理, core: true}
      - {id: YX-JN, name: 节能管理, core: true}
"""


def std(code, level, framework, effective=None, issued=None, extra=""):
    lines = [f"code: {code}", f"title: 标准{code}", f"level: {level}", f"framework: {framework}"]
    if issued:
        lines.append(f"issued: {issued}")
    lines.append(f"effective: {effective}" if effective else "stage: 制定中")
    return "\n".join(lines) + "\n" + extra


STANDARDS = {
    # A: covers YX-GC-01, evaluated, replaces I
    "standards/a.yaml": std("Q/CQJG 101-2023", "组织内部标准", "YX-GC-01", "2023-04-01", "2023-03-01",
                            "replaces: [Q/CQJG 90-2015]\nevaluations: [{date: 2024-05-01, score: 90}]\n"),
    # B: effective exactly D - 5 years, never reviewed (a review after D does not count): 复审 due
    "standards/b.yaml": std("Q/CQJG 102-2020", "组织内部标准", "YX-GC-02", "2020-06-30",
                            extra="reviews: [{date: 2025-07-15, conclusion: 继续有效}]\n"),
    # C: national standard covering the area without items; never reviewed nor evaluated but not managed
    "standards/c.yaml": std("GB/T 9-2018", "国家标准", "YX-GW", "2018-01-01"),
    # D: reviewed in 2023 (not due); its only evaluation is after D (does not count)
    "standards/d.yaml": std("DB50/T 200-2019", "地方标准", "YX-GC-03", "2019-03-01",
                            extra="reviews: [{date: 2023-01-01, conclusion: 继续有效}]\n"
                                  "evaluations: [{date: 2025-07-01}]\n"),
    # E: in force for less than one year (effective D - 1 year + 1 day)
    "standards/e.yaml": "code: DB50/T 300-2024\ntitle: 机关事务标准体系表\nlevel: 地方标准\nframework: JC-TY-01\n"
                        "issued: 2024-05-01\neffective: 2024-07-01\n",
    # F: industry standard made managed; reviewed 2021, evaluated 2022
    "standards/f.yaml": std("HY/T 5-2015", "行业标准", "JC-TY-01", "2015-01-01",
                            extra="managed: true\nreviews: [{date: 2021-01-01, conclusion: 继续有效}]\n"
                                  "evaluations: [{date: 2022-01-01}]\n"),
    # G: local standard made unmanaged: old, never reviewed nor evaluated, yet excluded
    "standards/g.yaml": std("DB50/T 400-2017", "地方标准", "JC-TY-01", "2017-01-01", extra="managed: false\n"),
    # H: issued before D, in force after D (即将实施): does not cover YX-JN, but completes its plan item
    "standards/h.yaml": std("Q/CQJG 103-2026", "组织内部标准", "YX-JN", "2026-01-01", "2025-06-01"),
    # I: replaced by A (被代替)
    "standards/i.yaml": std("Q/CQJG 90-2015", "组织内部标准", "YX-GC-01", "2015-01-01"),
    # J: abolished (废止) under YX-JN
    "standards/j.yaml": std("Q/CQJG 80-2016", "组织内部标准", "YX-JN", "2016-01-01", extra="abolished: 2024-01-01\n"),
    # K: issued after D: its plan item is late
    "standards/k.yaml": std("Q/CQJG 104-2025", "组织内部标准", "JC-TY-01", "2025-09-01", "2025-07-10"),
}

PLAN = """\
- {title: 使用管理规范, kind: 制定, framework: YX-GC-01, due: 2023-12-31, code: Q/CQJG 101-2023}
- {title: 公物仓管理规范, kind: 制定, framework: YX-GW, due: 2024-12-31}
- {title: 节能规范, kind: 制定, framework: YX-JN, due: 2025-06-30, code: Q/CQJG 103-2026}
- {title: 使用管理规范修订, kind: 修订, framework: YX-GC-01, due: 2025-03-31, replaces: Q/CQJG 90-2015}
- {title: 维修管理规范修订, kind: 修订, framework: YX-GC-03, due: 2025-12-31, replaces: DB50/T 200-2019}
- {title: 机关事务标准体系表, kind: 制定, framework: JC-TY-01, due: 2024-12-31}
- {title: 导则, kind: 制定, framework: JC-TY-01, due: 2025-01-31, code: Q/CQJG 104-2025}
"""

SESSIONS = """\
- {date: 2020-12-31, course: basics, attendees: 500}
- {date: 2021-01-01, course: basics, attendees: 100}
- {date: 2024-03-01, course: basics, attendees: 200}
- {date: 2025-06-30, course: basics, attendees: 50}
- {date: 2025-07-01, course: basics, attendees: 1000}
"""

COURSE = "---\nid: basics\ntitle: 标准化基础\n---\n\n## 概述\n\n内容。\n"


def current(catalog: Catalog) -> ind.Indicators:
    """The five computed indicators at the catalog's date, against the current period of targets.yaml."""
    return plan.build(catalog).at_as_of


@pytest.fixture
def load(make_project):
    """load(files, as_of) -> Catalog of a fresh project made only of `files` (must load cleanly)."""
    def do(files: dict, as_of: dt.date = D) -> Catalog:
        src = make_project(files, base_files=False)
        project, problems = load_project(src)
        assert not problems.errors, "\n".join(map(str, problems.errors))
        return Catalog(project, as_of)
    return do


@pytest.fixture
def fixture_files() -> dict:
    return {"framework.yaml": FRAMEWORK, **STANDARDS, "plan.yaml": PLAN, "training_sessions.yaml": SESSIONS,
            "courses/basics.md": COURSE}


@pytest.fixture
def data(load, fixture_files) -> ind.Indicators:
    return current(load(fixture_files))


def codes(standards) -> list[str]:
    return [s.code for s in standards]


def test_coverage_counts_area_without_items_as_one_item(data):
    c = data["coverage_core_areas"]
    # core slots: YX-GC-01, -02, -03, YX-GW (area without items), YX-JN (area without items) = 5;
    # covered: GC-01 (A), GC-02 (B), GC-03 (D), GW (C, a national standard still covers) = 4
    assert (c.numerator, c.denominator, c.value) == (4, 5, 0.8)
    assert [s.id for s in c.gaps] == ["YX-JN"]          # H is 即将实施, J is 废止: not 现行
    assert c.target == 0.90 and c.met is False


def test_plan_completion(data):
    p = data["plan_completion"]
    # due on or before D: items 1, 2, 3 (due == D), 4, 6, 7 = 6; item 5 is due after D.
    # complete: 1 (code, issued 2023), 3 (issued 2025-06-01, though in force only in 2026),
    # 4 (A replaces Q/CQJG 90-2015), 6 (no code: exact title of E) = 4
    assert (p.numerator, p.denominator, p.value) == (4, 6, 0.6667)
    assert [g.item.title for g in p.gaps] == ["公物仓管理规范", "导则"]   # 7: K exists but is issued after D
    assert p.gaps[1].by.code == "Q/CQJG 104-2025" and not p.gaps[1].complete
    assert [g.item.title for g in ind.plan_late(data.catalog)] == ["公物仓管理规范", "导则"]


def test_evaluated_after_1y_managed_only(data):
    e = data["evaluated_after_1y"]
    # managed 现行 with effective <= 2024-06-30: A, B, D, F (managed: true); not C (national),
    # G (managed: false), E (effective 2024-07-01). Evaluated by D: A, F (D's evaluation is after D)
    assert codes(e.population) == ["DB50/T 200-2019", "HY/T 5-2015", "Q/CQJG 101-2023", "Q/CQJG 102-2020"]
    assert (e.numerator, e.denominator, e.value) == (2, 4, 0.5)
    assert codes(e.gaps) == ["DB50/T 200-2019", "Q/CQJG 102-2020"]
    assert e.met is True                                     # target 0.30
    assert codes(ind.evaluations_missing(data.catalog)) == codes(e.gaps)


def test_reviewed_after_5y_managed_only(data):
    r = data["reviewed_after_5y"]
    # managed 现行 with effective <= 2020-06-30: B (exactly D - 5y), D, F; not C, G (unmanaged)
    # not due: D (reviewed 2023), F (reviewed 2021); B's review is dated after D
    assert codes(r.population) == ["DB50/T 200-2019", "HY/T 5-2015", "Q/CQJG 102-2020"]
    assert (r.numerator, r.denominator, r.value) == (2, 3, 0.6667)
    assert [g.standard.code for g in r.gaps] == ["Q/CQJG 102-2020"]
    assert r.gaps[0].due == D and r.met is False
    assert [g.standard.code for g in ind.reviews_overdue(data.catalog)] == ["Q/CQJG 102-2020"]


def test_training_attendance_within_period_and_by_d(data):
    t = data["training_attendance"]
    # 2020-12-31 before the period, 2025-07-01 after D: 100 + 200 + 50
    assert t.value == 350 and t.target == 5000 and t.met is False
    assert [s.date.isoformat() for s in t.counted] == ["2021-01-01", "2024-03-01", "2025-06-30"]


def test_period_limits_attendance_only(load, fixture_files):
    fixture_files["targets.yaml"] = ("period: {name: 2025年度, start: 2025-01-01, end: 2025-12-31}\n"
                                     "evaluated_after_1y: 0.6\ntraining_attendance: 40\n")
    data = current(load(fixture_files))
    assert data["training_attendance"].value == 50 and data["training_attendance"].met is True
    # evaluations and reviews made before the period still count
    assert data["evaluated_after_1y"].value == 0.5 and data["evaluated_after_1y"].target == 0.6
    assert data["reviewed_after_5y"].value == 0.6667
    assert data["coverage_core_areas"].target == 0.90          # absent targets keep the defaults
    assert plan.build(data.catalog).json()["period"] == {"name": "2025年度", "start": "2025-01-01", "end": "2025-12-31"}


def test_null_when_denominator_is_zero(load):
    framework = "categories:\n  - {id: JC, name: 基础通用, areas: [{id: JC-TY, name: 通用基础, core: false}]}\n"
    files = {"framework.yaml": framework,
             # recent managed standard, and an old national one (excluded): no population for either ratio
             "standards/a.yaml": std("Q/CQJG 1-2025", "组织内部标准", "JC-TY", "2025-01-01"),
             "standards/b.yaml": std("GB/T 1-2010", "国家标准", "JC-TY", "2010-01-01"),
             "plan.yaml": "- {title: 未来标准, kind: 制定, framework: JC-TY, due: 2026-12-31}\n"}
    data = current(load(files))
    for name in ("coverage_core_areas", "plan_completion", "evaluated_after_1y", "reviewed_after_5y"):
        assert data[name].value is None and data[name].denominator == 0 and data[name].met is None, name
    assert data["training_attendance"].value == 0                # a count, never null
    assert plan.build(data.catalog).json()["indicators"]["coverage_core_areas"]["value"] is None


def test_json_shape(data):
    doc = plan.build(data.catalog).json()
    assert list(doc) == ["as_of", "period", "indicators", "periods"] and doc["as_of"] == "2025-06-30"
    assert doc["period"] == {"name": "“十四五”", "start": "2021-01-01", "end": "2025-12-31"}
    assert list(doc["indicators"]) == list(ind.NAMES)
    assert doc["indicators"]["plan_completion"]["value"] == 0.6667
    assert doc["indicators"]["training_attendance"] == {"value": 350, "target": 5000, "met": False,
                                                        "numerator": None, "denominator": None}
    for record in doc["indicators"].values():
        assert {"value", "target"} <= set(record)


def test_ratio_rounding():
    assert ind.ratio(2, 3) == 0.6667 and ind.ratio(1, 3) == 0.3333
    assert ind.ratio(1, 32) == 0.0313                          # half-up, not half-even (0.03125)
    assert ind.ratio(0, 5) == 0.0 and ind.ratio(5, 5) == 1.0 and ind.ratio(0, 0) is None


def test_29_february(load):
    framework = "categories:\n  - {id: JC, name: 基础通用, areas: [{id: JC-TY, name: 通用基础, core: true}]}\n"
    files = {"framework.yaml": framework,
             "standards/a.yaml": std("Q/T 1-2023", "组织内部标准", "JC-TY", "2023-02-28"),   # = D - 1y
             "standards/b.yaml": std("Q/T 2-2023", "组织内部标准", "JC-TY", "2023-03-01"),
             "standards/c.yaml": std("Q/T 3-2019", "组织内部标准", "JC-TY", "2019-02-28"),   # = D - 5y
             "standards/d.yaml": std("Q/T 4-2019", "组织内部标准", "JC-TY", "2019-03-01")}
    data = current(load(files, dt.date(2024, 2, 29)))
    # D - 1 year = 2023-02-28, D - 5 years = 2019-02-28
    assert codes(data["evaluated_after_1y"].population) == ["Q/T 1-2023", "Q/T 3-2019", "Q/T 4-2019"]
    assert codes(data["reviewed_after_5y"].population) == ["Q/T 3-2019"]
    assert data["reviewed_after_5y"].value == 0.0


def test_review_due_from_29_february(load):
    framework = "categories:\n  - {id: JC, name: 基础通用, areas: [{id: JC-TY, name: 通用基础, core: true}]}\n"
    files = {"framework.yaml": framework, "standards/a.yaml": std("Q/T 1-2020", "组织内部标准", "JC-TY", "2020-02-29")}
    before = current(load(files, dt.date(2025, 2, 28)))
    assert before["reviewed_after_5y"].denominator == 0         # D - 5y = 2020-02-28 < effective
    soon = ind.reviews_upcoming(before.catalog)
    assert [(r.due, r.proposal) for r in soon] == [(dt.date(2025, 3, 1), dt.date(2024, 9, 1))]
    after = current(load(files, dt.date(2025, 3, 1)))
    assert after["reviewed_after_5y"].value == 0.0 and not ind.reviews_upcoming(after.catalog)
    assert [r.due for r in ind.reviews_overdue(after.catalog)] == [dt.date(2025, 3, 1)]


def test_reviews_upcoming_six_months(load, fixture_files):
    # at D = 2025-06-30: C (national) is excluded; D (base 2023) and F (base 2021-01-01, due 2026-01-01,
    # proposal 2025-07-01) are not yet in their proposal window; F enters it the next day
    assert ind.reviews_upcoming(load(fixture_files)) == []
    upcoming = ind.reviews_upcoming(load(fixture_files, dt.date(2025, 7, 1)))
    assert [(r.standard.code, r.proposal, r.due) for r in upcoming] == [
        ("HY/T 5-2015", dt.date(2025, 7, 1), dt.date(2026, 1, 1))]


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2026, 1, 1), 6, dt.date(2025, 7, 1)),
    (dt.date(2026, 8, 31), 6, dt.date(2026, 2, 28)),
    (dt.date(2024, 8, 31), 6, dt.date(2024, 2, 29)),
    (dt.date(2025, 3, 15), 3, dt.date(2024, 12, 15)),
])
def test_months_before(day, months, expected):
    assert ind.months_before(day, months) == expected


def test_coverage_matrix_slots(data):
    slots = ind.slots(data.catalog)
    assert [(s.id, len(s.current)) for s in slots] == [
        ("JC-TY-01", 3), ("YX-GC-01", 1), ("YX-GC-02", 1), ("YX-GC-03", 1), ("YX-GW", 1), ("YX-JN", 0)]


def test_exam_sittings_are_not_training(load, fixture_files):
    """A session of an exam course is the same people sitting the exam after the course: not counted
    in 培训覆盖人次, listed apart (exams_held)."""
    fixture_files["courses/basics-exam.md"] = ("---\nid: basics-exam\ntitle: 标准化基础考试\nexam: {pass: 60}\n---\n\n"
                                               "## 试题\n\n```quiz\n- q: 题目?\n  options: [甲, 乙]\n  answer: 0\n```\n")
    fixture_files["training_sessions.yaml"] = SESSIONS + "- {date: 2024-03-01, course: basics-exam, attendees: 190}\n"
    data = current(load(fixture_files))
    t = data["training_attendance"]
    assert t.value == 350
    assert all(s.course == "basics" for s in t.counted)
    assert [(s.course, s.attendees) for s in ind.exams_held(data.catalog, data.period)] == [("basics-exam", 190)]

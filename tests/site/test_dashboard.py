"""The dashboard page and data/indicators.json on a small built site (one build for the module)."""
from __future__ import annotations

import html
import json
import re

import pytest

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, plain_tables, run_build, write_tree

AS_OF = "2025-06-30"

FILES = {
    # the area without items gets a name that needs escaping everywhere it is shown
    "framework.yaml": FRAMEWORK.replace("{id: YX-GW, name: 公物仓管理, core: true}",
                                        '{id: YX-GW, name: "公物仓<管理> & 调剂", core: true}'),
    "standards/q101.md": STANDARD_MD,          # Q/CQJG 101-2023, YX-GC-01, effective 2023-04-01
    "standards/db1016.yaml": STANDARD_YAML,    # DB50/T 1016-2020, JC-TY-01, effective 2020-12-30
    "standards/old.yaml": """\
        code: Q/CQJG 50-2019
        title: 公务用车更新管理规范
        level: 组织内部标准
        framework: YX-GC-02
        effective: 2019-05-01
        evaluations: [{date: 2021-01-01, score: 85}]
        """,
    "standards/gb.yaml": """\
        code: GB/T 1-2010
        title: 一项国家标准
        level: 国家标准
        framework: JC-TY-02
        effective: 2010-01-01
        """,
    "plan.yaml": """\
        - {title: 公务用车使用管理规范, kind: 制定, framework: YX-GC-01, due: 2024-12-31, code: Q/CQJG 101-2023}
        - {title: 公物仓管理规范, kind: 制定, framework: YX-GW, due: 2025-03-31}
        """,
    "courses/basics.md": "---\nid: basics\ntitle: 标准化基础\n---\n\n## 概述\n\n内容。\n",
    "training_sessions.yaml": """\
        - {date: 2024-05-20, course: basics, place: 市机关事务局, attendees: 120}
        - {date: 2025-07-01, course: basics, attendees: 80}
        """,
}

# hand-computed for D = 2025-06-30 with the default (十四五) targets
EXPECTED = {
    "coverage_core_areas": (0.6667, "66.7%"),   # YX-GC-01, YX-GC-02 covered; YX-GW (no items) empty
    "plan_completion": (0.5, "50.0%"),             # the second item is late
    "evaluated_after_1y": (0.3333, "33.3%"),    # q101, db1016, old: only old evaluated; GB excluded
    "reviewed_after_5y": (0.0, "0.0%"),            # old (2019-05-01) is due; GB excluded
    "training_attendance": (120, "120 人次"),      # the 2025-07-01 session is after D
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("dash")
    src = write_tree(base / "src", FILES)
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def page(site) -> str:
    return plain_tables((site / "dashboard" / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def exported(site) -> dict:
    return json.loads((site / "data" / "indicators.json").read_text(encoding="utf-8"))


def test_indicators_json(exported):
    assert exported["as_of"] == AS_OF
    assert exported["period"] == {"name": "“十四五”", "start": "2021-01-01", "end": "2025-12-31"}
    assert list(exported["indicators"]) == list(EXPECTED)
    for name, (value, _) in EXPECTED.items():
        assert exported["indicators"][name]["value"] == value, name
    targets = {name: record["target"] for name, record in exported["indicators"].items()}
    assert targets == {"coverage_core_areas": 0.9, "plan_completion": 0.95, "evaluated_after_1y": 0.3,
                       "reviewed_after_5y": 1.0, "training_attendance": 5000}
    assert exported["indicators"]["evaluated_after_1y"]["met"] is True
    # the Part 1 form is one period measuring the five computed indicators, named as in Part 1
    (period,) = exported["periods"]
    assert (period["name"], period["state"], period["measured_at"]) == ("“十四五”", "进行中", AS_OF)
    assert list(period["indicators"]) == list(EXPECTED)
    assert period["indicators"]["coverage_core_areas"] == {"name": "主干业务领域标准覆盖率", "kind": "computed",
                                                           "value": 0.6667, "target": 0.9, "met": False}


def test_page_shows_the_same_numbers_as_the_json(page, exported):
    rows = re.findall(r'<tr class="dash-row" data-indicator="(\w+)" data-value="([^"]*)" data-target="([^"]*)">'
                      r'.*?<strong class="dash-value">([^<]*)</strong>.*?<span class="dash-target">([^<]*)</span>',
                      page, re.S)
    assert [r[0] for r in rows] == list(EXPECTED)
    for name, value, target, shown, shown_target in rows:
        record = exported["indicators"][name]
        assert json.loads(html.unescape(value)) == record["value"], name
        assert json.loads(html.unescape(target)) == record["target"], name
        assert shown == EXPECTED[name][1], name
    # each indicator's own card repeats the same value, and says whether the target is met
    for name, (_, text) in EXPECTED.items():
        card = re.search(rf'<div class="dash-card" data-indicator="{name}">(.*?)</div>', page, re.S).group(1)
        assert f'<strong class="dash-value">{text}</strong>' in card
        met = exported["indicators"][name]["met"]
        assert ("✓ 达标" if met else "✗ 未达标") in card, name


def test_lists_behind_the_numbers(page):
    # the empty core slot is listed, its name escaped; the late plan item; overdue review; missing evaluations
    assert "公物仓&lt;管理&gt; &amp; 调剂" in page and "公物仓<管理>" not in page
    late = re.search(r'class="std-table dash-table dash-plan-late[^"]*">(.*?)</table>', page, re.S).group(1)
    assert "公物仓管理规范" in late and "公务用车使用管理规范" not in late
    gaps = re.search(r'class="std-table dash-table dash-review-gaps[^"]*">(.*?)</table>', page, re.S).group(1)
    assert 'href="../standards/q-cqjg-50-2019/"' in gaps and "GB/T 1-2010" not in gaps
    missing = re.search(r'class="std-table dash-table dash-due-evaluation[^"]*">(.*?)</table>', page, re.S).group(1)
    assert "Q/CQJG 101-2023" in missing and "DB50/T 1016-2020" in missing and "Q/CQJG 50-2019" not in missing
    # DB50/T 1016-2020 (effective 2020-12-30) is due for review on 2025-12-30: its proposal is due now
    soon = re.search(r'class="std-table dash-table dash-due-soon[^"]*">(.*?)</table>', page, re.S).group(1)
    assert "DB50/T 1016-2020" in soon and "2025-12-30" in soon


def test_coverage_matrix_highlights_empty_items(page):
    matrix = re.search(r'<table class="std-table dash-table dash-matrix">(.*?)</table>', page, re.S).group(1)
    slots = re.findall(r'<tr( class="dash-empty")? data-slot="([^"]+)">', matrix)
    assert [(bool(empty), slot) for empty, slot in slots] == [
        (False, "JC-TY-01"), (False, "JC-TY-02"), (False, "YX-GC-01"), (False, "YX-GC-02"), (True, "YX-GW")]
    assert matrix.count("无现行标准") == 1 and "空缺" not in matrix     # not 空缺: it may have a 制定中 standard
    # every row names its category and area (a row read alone, e.g. as a card on a phone, is complete)
    rows = re.findall(r"<tr[^>]*data-slot=[^>]*>(.*?)</tr>", matrix, re.S)
    assert all(("基础通用" in row) != ("运行保障" in row) for row in rows) and "rowspan" not in matrix


def test_charts_are_static_svg(page):
    svgs = re.findall(r"<svg [^>]*class=\"dash-chart[^\"]*\"[^>]*>.*?</svg>", page, re.S)
    assert len(svgs) >= 7                      # overview, five gauges, areas, training per year
    assert all('viewBox="0 0 ' in s and 'width="100%"' in s and "<script" not in s for s in svgs)
    assert any("公物仓&lt;管理&gt; &amp; 调剂" in s for s in svgs)
    assert re.search(r"assets/stdsite/dashboard\.[0-9a-f]{10}\.css", page)

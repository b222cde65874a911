"""The whole plan on a built site (one build for the module): periods on the 看板, the 评估报告 pages,
indicators.json, work records with their evidence, pilots and cases linked both ways with standards."""
from __future__ import annotations

import html
import json
import re

import pytest

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, plain_tables, run_build, write_tree

AS_OF = "2026-06-30"
FILES = {
    "framework.yaml": FRAMEWORK,
    "standards/q101.md": STANDARD_MD,             # Q/CQJG 101-2023 (YX-GC-01), clause 5.1
    "standards/db1016.yaml": STANDARD_YAML,       # DB50/T 1016-2020 (JC-TY-01)
    "documents/plan.yaml": "number: 渝机管发〔2021〕108号\ntitle: 重庆市机关事务标准化工作“十四五”规划\n"
                           "issuer: 重庆市机关事务管理局\nissued: 2021-11-25\n",
    "佐证/2024年会议纪要.pdf": b"%PDF-1.4 minutes",
    "targets.yaml": """\
        periods:
          - name: 甲期
            start: 2021-01-01
            end: 2025-12-31
            indicators:
              - {id: coverage_core_areas, target: 0.5, group: 体系建设}
              - {id: training_attendance, target: 100, group: 人才培养}
              - {id: committee, name: 成立技术委员会, kind: milestone, group: 工作机制}
              - {id: meeting, name: 每年召开推进会, kind: yearly, group: 工作机制}
              - {id: pilots, name: 完成区县试点, kind: count, target: 2, unit: 个, group: 试点示范}
          - name: 乙期
            start: 2026-01-01
            end: 2030-12-31
            note: 目标值为示例。
            indicators:
              - {id: pilots, name: 完成区县试点, kind: count, target: 5, unit: 个}
              - {id: meeting, name: 每年召开推进会, kind: yearly}
              - {id: training_attendance, target: 1000}
          - name: 丙期
            start: 2031-01-01
            end: 2035-12-31
            indicators:
              - {id: meeting, name: 每年召开推进会, kind: yearly}
        """,
    "records.yaml": """\
        - {date: 2022-03-15, indicator: committee, title: 技术委员会成立, evidence: 渝机管发〔2021〕108号}
        - {date: 2021-03-01, indicator: meeting, title: 2021年推进会, region: 全市}
        - {date: 2022-03-01, indicator: meeting, title: 2022年推进会, region: 全市}
        - {date: 2023-03-01, indicator: meeting, title: 2023年推进会, region: 川渝}
        - {date: 2024-03-08, indicator: meeting, title: 2024年推进会, evidence: 佐证/2024年会议纪要.pdf}
        - {date: 2025-03-01, indicator: meeting, title: 2025年推进会, evidence: "https://jgswj.cq.gov.cn/a/b.html"}
        - {date: 2026-03-01, indicator: meeting, title: 2026年推进会}
        - {date: 2023-11-20, indicator: pilots, title: 渝中区试点通过验收, pilot: yuzhong, region: 主城都市区}
        - {date: 2025-12-31, indicator: pilots, title: 万州区试点通过验收, pilot: wanzhou, region: 渝东北三峡库区城镇群}
        """,
    "pilots.yaml": """\
        - {id: yuzhong, name: 渝中区市级试点, kind: 市级试点, unit: 渝中区机关事务管理局, region: 主城都市区, start: 2022-06-01, accepted: 2023-11-20, standards: [Q/CQJG 101-2023]}
        - {id: wanzhou, name: 万州区市级试点, kind: 市级试点, unit: 万州区机关事务管理局, region: 渝东北三峡库区城镇群, start: 2024-01-01, accepted: 2026-07-01}
        """,
    "cases/yuzhong-dispatch.md": """\
        ---
        id: yuzhong-dispatch
        title: 渝中区一键派车实践
        date: 2025-06-18
        unit: 渝中区机关事务管理局
        region: 主城都市区
        standards: [Q/CQJG 101-2023]
        pilot: yuzhong
        tags: [公务用车]
        ---

        ## 做法

        按 [[Q/CQJG 101-2023#5.1]] 登记派车，参照 [[DB50/T 1016-2020]] 建立台账，做到车辆去向随时可查。
        """,
    "courses/basics.md": "---\nid: basics\ntitle: 标准化基础\n---\n\n## 概述\n\n内容。\n",
    "training_sessions.yaml": """\
        - {date: 2025-12-31, course: basics, attendees: 80}
        - {date: 2026-01-01, course: basics, attendees: 30}
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("plan-site")
    src = write_tree(base / "src", FILES)
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read(site, rel: str) -> str:
    return plain_tables((site / rel).read_text(encoding="utf-8"))


def text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_indicators_json(site):
    doc = json.loads(read(site, "data/indicators.json"))
    assert doc["as_of"] == AS_OF
    assert doc["period"] == {"name": "乙期", "start": "2026-01-01", "end": "2030-12-31"}
    assert doc["indicators"]["training_attendance"] == {"value": 30, "target": 1000, "met": False,
                                                        "numerator": None, "denominator": None}
    first, second, third = doc["periods"]
    assert (first["state"], first["measured_at"]) == ("已结束", "2025-12-31")
    assert first["indicators"]["committee"] == {"name": "成立技术委员会", "kind": "milestone", "value": "2022-03-15",
                                                "target": None, "met": True}
    assert first["indicators"]["pilots"]["value"] == 2 and first["indicators"]["pilots"]["met"] is True
    assert first["indicators"]["meeting"]["value"] == [{"year": y, "count": 1} for y in range(2021, 2026)]
    assert first["indicators"]["meeting"]["met"] is True
    assert first["indicators"]["training_attendance"]["value"] == 80
    assert (second["state"], second["measured_at"]) == ("进行中", AS_OF)
    assert second["indicators"]["pilots"]["value"] == 0 and second["indicators"]["meeting"]["met"] is None
    assert (third["state"], third["measured_at"], third["indicators"]["meeting"]["value"]) == ("未开始", None, None)


def test_dashboard_opens_on_the_current_period_with_every_period(site):
    page = read(site, "dashboard/index.html")
    assert '<div class="dash-periods" data-current="2026-2030">' in page
    tabs = re.findall(r'<a class="dash-switch__tab" href="#period-([\d-]+)"', page)
    assert tabs == ["2021-2025", "2026-2030", "2031-2035"]
    sections = re.findall(r'<section class="dash-period" id="period-([\d-]+)"', page)
    assert sections == tabs
    running = page.split('id="period-2026-2030"')[1].split("</section>")[0]
    assert "进行中 · 进度评估（按 2026-06-30 测算" in running and "目标值为示例。" in running
    ended = page.split('id="period-2021-2025"')[1].split("</section>")[0]
    assert "已结束 · 总结评估（按 2025-12-31 测算）" in ended
    # one summary table per group, in the order the groups first appear
    assert re.findall(r'<h3 class="dash-group">([^<]+)</h3>', ended) == ["体系建设", "人才培养", "工作机制", "试点示范"]
    assert 'href="report-2021-2025/"' in ended and 'href="report-2026-2030/"' in running
    future = page.split('id="period-2031-2035"')[1].split("</section>")[0]
    assert "未开始（2031-01-01 开始），不测算" in future and "report-2031-2035" not in future


def test_records_behind_the_numbers_with_their_evidence(site):
    page = read(site, "dashboard/index.html")
    ended = page.split('id="period-2021-2025"')[1].split("</section>")[0]
    assert 'href="../documents/plan/">渝机管发〔2021〕108号</a>' in ended                 # a 文号: the document
    assert 'href="../evidence/%E4%BD%90%E8%AF%81/2024%E5%B9%B4%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf" download' \
        in ended or 'href="../evidence/佐证/2024年会议纪要.pdf" download' in ended
    assert (site / "evidence/佐证/2024年会议纪要.pdf").read_bytes() == b"%PDF-1.4 minutes"
    assert 'href="https://jgswj.cq.gov.cn/a/b.html"' in ended and "网页（jgswj.cq.gov.cn）" in ended
    assert 'href="../pilots/yuzhong/">渝中区市级试点</a>' in ended
    # breakdowns: by year and by region for the records of an indicator
    meeting = ended.split('id="p2021-2025-meeting"')[1].split("<h4")[0]
    years = re.search(r'<table class="std-table dash-table dash-by-year">(.*?)</table>', meeting, re.S).group(1)
    assert re.findall(r"<td>(\d{4})年</td><td>(\d+)</td>", years) == [(str(y), "1") for y in range(2021, 2026)]
    regions = re.search(r'<table class="std-table dash-table dash-by-region">(.*?)</table>', meeting, re.S).group(1)
    assert re.findall(r"<td>([^<]+)</td><td>(\d+)</td>", regions) == [("全市", "2"), ("川渝", "1"), ("未注明", "2")]


def test_dashboard_speaks_plain_chinese(site):
    page = text(read(site, "dashboard/index.html"))
    for developer_word in ("managed", "indicators.json", "true", "targets.yaml", "records.yaml"):
        assert developer_word not in page, developer_word
    # which sessions 培训覆盖人次 counts, and why the 参训记录 page total differs
    assert "只统计本规划期（2026-01-01 至 2030-12-31）内、截至 2026-06-30 举办的培训：共 1 场，30 人次" in page
    assert "参训记录页面列出历年全部培训和考试（截至 2026-06-30 共 2 场、110 人次）" in page


def test_report_pages(site):
    report = read(site, "dashboard/report-2021-2025/index.html")
    assert "“甲期”" not in report and "甲期规划指标总结评估报告" in report
    assert "测算日期 2025-12-31" in report and "统计日期 2026-06-30" in report
    assert len(re.findall(r'<table class="std-table dash-table dash-report-table">', report)) == 4
    assert re.findall(r'<span class="dash-mark dash-mark--(\w+)">', report) == ["no", "no", "yes", "yes", "yes"]
    assert "附：计入指标的工作记录（8 条）" in report
    running = read(site, "dashboard/report-2026-2030/index.html")
    assert "乙期规划指标进度评估报告" in running and "以下按 2026-06-30 测算，表示目前的进度" in running
    assert not (site / "dashboard/report-2031-2035").exists()


def test_pilot_pages(site):
    listing = read(site, "pilots/index.html")
    rows = re.findall(r'<a href="([\w-]+)/">([^<]+)</a></td><td>([^<]+)</td><td>([^<]+)</td><td><span class="std-badge[^"]*">(\S+)</span>',
                      listing)
    assert rows == [("yuzhong", "渝中区市级试点", "渝中区机关事务管理局", "主城都市区", "已验收"),
                    ("wanzhou", "万州区市级试点", "万州区机关事务管理局", "渝东北三峡库区城镇群", "建设中")]
    page = read(site, "pilots/yuzhong/index.html")
    assert 'href="../../standards/q-cqjg-101-2023/"' in page
    assert "渝中区试点通过验收" in page and 'href="../../cases/yuzhong-dispatch/">渝中区一键派车实践</a>' in page


def test_case_pages_link_both_ways(site):
    listing = read(site, "cases/index.html")
    assert 'href="yuzhong-dispatch/">渝中区一键派车实践</a>' in listing and "data-case-filter" in listing
    page = read(site, "cases/yuzhong-dispatch/index.html")
    assert 'href="../../pilots/yuzhong/">渝中区市级试点</a>' in page
    assert 'href="../../standards/q-cqjg-101-2023/#5.1"' in page and 'href="../../standards/db50-t-1016-2020/"' in page
    for slug in ("q-cqjg-101-2023", "db50-t-1016-2020"):      # named in `standards`, referenced in the body
        standard = read(site, f"standards/{slug}/index.html")
        section = standard.split('id="practice"')[1]
        assert 'href="../../cases/yuzhong-dispatch/">渝中区一键派车实践</a>' in section, slug
    assert 'href="../../pilots/yuzhong/">渝中区市级试点</a>' in read(site, "standards/q-cqjg-101-2023/index.html")


def test_cases_are_searchable(site):
    index = read(site, "search/stdsearch.js")
    assert "cases/yuzhong-dispatch/" in index and "车辆去向随时可查" in index

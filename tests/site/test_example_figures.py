"""The figures leaders, trainers and the publishing office read on the example site (看板, 参训记录,
exports), checked on the real example build as of the review date."""
from __future__ import annotations

import html
import re

import pytest

AS_OF = "2026-12-02"


def text(path) -> str:
    """A page's visible article text, tags removed, whitespace collapsed."""
    page = path.read_text(encoding="utf-8")
    found = re.search(r"<article.*?</article>", page, re.S)
    body = found.group(0) if found else page
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def site(example_build):
    return example_build(AS_OF)[0]


def test_exam_sittings_do_not_count_as_training(site):
    """十四五: 4,950 人次 of training (the 1,521 人次 of exam sittings are the same learners) — short of 5,000."""
    dash = (site / "dashboard" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'data-indicator="training_attendance".*?</tr>', dash, re.S).group(0)
    assert "4,950 人次" in row and "未达标" in row
    assert "同期另有考试 3 场、1,521 人次" in text(site / "dashboard" / "index.html")
    sessions = text(site / "training" / "sessions" / "index.html")
    assert "其中考试课程 5 场、1,892 人次" in sessions
    assert "合计 7,671 学时" in sessions                 # 学时 thousands-separated like 人次


def test_yearly_training_indicator_says_what_it_counts(site):
    """每年开展标准化培训和宣传活动 counts work records, not the sessions of 参训记录: the page says so."""
    dash = (site / "dashboard" / "index.html").read_text(encoding="utf-8")
    section = dash[dash.index('id="p2021-2025-training_publicity"'):]
    section = section[:section.index("<h4", 10)]
    assert "统计的是登记的工作记录" in section and "参训记录中的培训场次不会自动计入本项" in section


def test_report_writes_evidence_out(site):
    """Paper has no links: the printed report writes each evidence address in full (from site_url),
    and says 未附佐证 where a record has none."""
    report = text(site / "dashboard" / "report-2021-2025" / "index.html")
    records = report[report.index("附：计入指标的工作记录"):]
    assert "http://jgswj.cq.gov.cn/sy_244/bmdt/202106/t20210607_9377324_wap.html" in records
    assert "http://biaozhun.jgswj.local/evidence/佐证材料/2024年推进会纪要（示例）.txt" in records
    assert "http://biaozhun.jgswj.local/documents/example-2025-8/" in records
    assert "未附佐证" in records and "网页（" not in records


def test_evaluation_workbooks_are_named_after_their_course(site):
    """Each course's 评估汇总 downloads under its own name, has 培训日期 and 讲师 columns, and its
    totals show 0 (not nothing) in a viewer that does not recalculate."""
    from openpyxl import load_workbook
    found = sorted(p.name for p in (site / "training" / "managers-201").glob("*.xlsx"))
    assert found == ["标准的编写、实施、评价与复审实务（管理人员）-评估汇总.xlsx"]
    page = (site / "training" / "managers-201" / "evaluation" / "index.html").read_text(encoding="utf-8")
    assert "%E8%AF%84%E4%BC%B0%E6%B1%87%E6%80%BB.xlsx" in page or "评估汇总.xlsx" in page
    wb = load_workbook(site / "training" / "managers-201" / found[0], data_only=True)
    assert [c.value for c in wb["录入"][2]][:3] == ["表号", "培训日期", "讲师"]
    assert wb["汇总"]["C3"].value == 0


def test_every_workbook_has_one_cjk_font_and_no_program_author(site):
    import zipfile
    books = list(site.rglob("*.xlsx"))
    assert len(books) >= 5
    for book in books:
        with zipfile.ZipFile(book) as z:
            core = z.read("docProps/core.xml").decode()
            styles = z.read("xl/styles.xml").decode()
        assert "stdsite" not in core, book
        assert set(re.findall(r'<name val="([^"]*)"', styles)) == {"宋体"}, book
        assert styles.count("<font>") == styles.count("<name "), book


def test_dashboard_words_and_number_formats(site):
    """One word per thing (条目; 无现行标准, not 空缺 where the 体系 page may say 制定中), why 十五五's
    completion rate holds items due earlier, what 复审率 divides, and figures written one way:
    percentages with one decimal, counts with thousands separators."""
    page = text(site / "dashboard" / "index.html")
    assert "标准项" not in page and "空缺" not in page
    assert "体系共 23 个条目，其中 6 个无现行标准" in page
    assert "计划完成日期在本规划期开始（2026-01-01）之前的 8 项也计入（其中已完成 7 项）" in page
    assert "其中 1 项复审未到期（最近一次复审距测算日期不满 5 年）， 7 项已满 5 年未复审" in page
    assert "复审率 = 复审未到期的项数 ÷ 实施满 5 年的项数" in page
    percents = re.findall(r"\d+(?:\.\d+)?%", page)
    assert percents and all(re.fullmatch(r"\d+\.\d%", p) for p in percents), set(percents)
    assert not re.search(r"(?<![\d,.])\d{4,}(?= 人次)", page)           # 4,950 人次, never 4950 人次


def test_directory_history_is_published(site, example_build):
    """The example's past editions are frozen (history), each downloads under an edition name that
    works offline too, and 现行目录 tags what no edition lists yet."""
    out = example_build(AS_OF)[1]
    assert "还没有发布" not in out.stdout + out.stderr
    index = text(site / "directory" / "index.html")
    history = index[index.index("历次目录"):index.index("现行目录")]
    assert history.count("已发布") == 4 and "未发布" not in history
    for edition, label in (("2024-1", "2024年第1期"), ("2026-1", "2026年第1期")):
        for ext in ("xlsx", "csv"):
            copy = site / "directory" / edition / f"规范性文件目录-{label}.{ext}"
            assert copy.read_bytes() == (site / "directory" / edition / f"目录.{ext}").read_bytes()
    current = index[index.index("现行目录"):]
    assert "其中 1 项尚未列入任何一期目录" in current
    row = re.search(r"Q/CQJG 303-2026 公共机构碳排放核算规范（示例） (\S+)", current).group(1)
    assert row == "未入目录"


def test_pages_for_readers_carry_no_file_names_or_field_names(site):
    """Readers see words, not source files or fields: no feedback.yaml, targets.yaml, evaluations…;
    the 编制说明 link names the document; ICS codes come with the name of their field."""
    jargon = ("feedback.yaml", "targets.yaml", "records.yaml", "plan.yaml", "training_sessions", "evaluations",
              "standards_src")
    for page in site.rglob("index.html"):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("help/") or "/answers/" in rel:
            continue
        body = text(page)
        if "讲师提示" in body:                      # trainer-only notes may name source fields for editors
            body = body.split("讲师提示")[0]
        assert not [w for w in jargon if w in body], rel
    drafting = text(site / "standards" / "q-cqjg-402-2026" / "index.html")
    assert "编制说明 《国有资产处置管理规范（示例）》（征求意见稿）编制说明（PDF）" in drafting
    assert "q-cqjg-402-2026.pdf" not in drafting
    national = text(site / "standards" / "gb-t-1-1-2020" / "index.html")
    assert "国际标准分类号（ICS） 01.120 （01 综合、术语学、标准化、文献）" in national


def test_issuers_read_the_same_in_every_export(site):
    """目录.xlsx, 目录.csv and catalog.json name each issuer the same way, and the example's own
    standards and documents come from one example office."""
    import csv
    import io
    import json
    from openpyxl import load_workbook
    folder = site / "directory" / "2026-1"
    sheet = load_workbook(folder / "目录.xlsx").active
    from_xlsx = {r[2]: r[4] or "" for r in sheet.iter_rows(min_row=3, values_only=True)}
    rows = list(csv.reader(io.StringIO((folder / "目录.csv").read_text("utf-8-sig"))))[1:]
    assert {r[2]: r[4] for r in rows} == from_xlsx
    catalog = json.loads((site / "data" / "catalog.json").read_text("utf-8"))
    for record in catalog["standards"] + catalog["documents"]:
        key = record.get("code") or record.get("number")
        issuer = record["issuer"]
        joined = "、".join(issuer) if isinstance(issuer, list) else (issuer or "")
        if key in from_xlsx:
            assert from_xlsx[key] == joined, key
        if key.startswith(("Q/CQJG", "示例")):
            assert joined == "示例机关事务管理局", key

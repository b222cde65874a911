"""The 标准体系表 (明细表, 统计表) against a repository computed by hand, and its spreadsheets."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from stdsite.derive.catalog import Catalog
from stdsite.derive.system_table import DETAIL_COLUMNS, STATS_COLUMNS, system_table
from stdsite.output.system_sheets import detail_csv, system_xlsx
from support import load_project, write_tree
from system_fixture import AS_OF, DETAIL, FILES, STATS


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    src = write_tree(tmp_path_factory.mktemp("system") / "src", FILES)
    project, problems = load_project(src)
    assert not problems.errors, [str(e) for e in problems.errors]
    return system_table(Catalog(project, AS_OF))


def test_detail_rows_as_computed_by_hand(table):
    assert [tuple(r.cells()) for r in table.detail] == DETAIL


def test_stats_rows_as_computed_by_hand(table):
    assert [tuple(r.cells()) for r in table.stats] == STATS
    # the level columns split 合计, and 合计 counts exactly the 现行 and 即将实施 rows of the 明细表
    listed = [r for r in table.detail if r.status in ("现行", "即将实施")]
    assert table.stats[-1].total == len(listed) == sum(table.stats[-1].by_level)


def test_a_later_date_moves_rows(tmp_path):
    """At 2026-01-02: Q/CQJG 102-2025 replaces 102-2021 (现行, the old one gone), Q/CQJG 103-2026 is in force."""
    project, _ = load_project(write_tree(tmp_path / "src", FILES))
    later = system_table(Catalog(project, dt.date(2026, 1, 2)))
    rows = [(r.slot, r.code, r.status) for r in later.detail]
    assert ("YX-GC-02", "Q/CQJG 102-2021", "现行") not in rows
    assert ("YX-GC-02", "Q/CQJG 102-2025", "现行") in rows and ("YX-GC-03", "Q/CQJG 103-2026", "现行") in rows
    assert later.stats[1].cells() == ["运行保障", 0, 0, 0, 0, 0, 3, 3, 4, 3]


def test_overdue_plan_rows_are_marked(tmp_path):
    """At 2026-09-01 the plan item due 2026-06-30 is overdue: 备注 says so in every export, the page
    marks it 已逾期; the one due 2026-12-31 is not yet."""
    from stdsite.render import system
    from stdsite.render.context import RenderContext
    from stdsite.urls import Links
    project, _ = load_project(write_tree(tmp_path / "src", FILES))
    catalog = Catalog(project, dt.date(2026, 9, 1))
    later = system_table(catalog)
    plans = {r.title: (r.note, r.overdue) for r in later.detail if r.status == "计划"}
    assert plans == {"机关事务术语规范": ("2026-06-30（已逾期）", True), "标准实施评价指南": ("2026-12-31", False)}
    page = system.detail_table(RenderContext(catalog, Links(True)), later)
    assert page.count('data-overdue="true"') == 1 and page.count(">已逾期</span>") == 1


def test_xlsx_sheets_and_print_setup(table):
    data = system_xlsx(table, AS_OF)
    assert data == system_xlsx(table, AS_OF)                                 # reproducible bytes
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["明细表", "统计表"]
    detail, stats = wb["明细表"], wb["统计表"]
    assert detail["A1"].value == "标准体系表 明细表（截至 2025-06-30）"
    assert [c.value for c in detail[2]] == list(DETAIL_COLUMNS)
    assert [c.value for c in stats[2]] == list(STATS_COLUMNS)
    rows = [tuple(c.value for c in row) for row in detail.iter_rows(min_row=3)]
    expected = [tuple(None if v in ("", None) else (dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v)
                      for v in r) for r in DETAIL]
    assert rows == expected
    effective = detail["F3"]
    assert effective.is_date and effective.number_format == "yyyy-mm-dd"      # a real date, shown as a date
    assert [tuple(c.value for c in row) for row in stats.iter_rows(min_row=3)] == STATS
    for ws in (detail, stats):
        assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert all(cell.font.b for cell in ws[2])
    assert wb.properties.modified == dt.datetime(2025, 6, 30)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 6, 30, 0, 0, 0)}


def test_csv_has_bom_and_the_same_rows(table):
    data = detail_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0] == list(DETAIL_COLUMNS)
    assert rows[1:] == [[str(v) if isinstance(v, int) else v.isoformat() if isinstance(v, dt.date) else v or ""
                         for v in r] for r in DETAIL]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    files = dict(FILES)
    files["plan.yaml"] = FILES["plan.yaml"] + '- {title: "=HYPERLINK(\\"http://x\\")", kind: 制定, framework: YX-GC-03, due: 2026-01-01}\n'
    project, problems = load_project(write_tree(tmp_path / "src", files))
    assert not problems.errors
    table = system_table(Catalog(project, AS_OF))
    ws = load_workbook(io.BytesIO(system_xlsx(table, AS_OF)))["明细表"]
    cell = next(row[3] for row in ws.iter_rows(min_row=3) if row[3].value and "HYPERLINK" in str(row[3].value))
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'     # the same rule as CSV
    text = detail_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text

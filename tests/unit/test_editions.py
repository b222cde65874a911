"""Directory editions: entries as of each edition's date, changes, exports, publish and freeze."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from directory_fixture import ADDED_2, AS_OF, EDITION_1, EDITION_2, FILES, REMOVED_2
from stdsite.derive import editions as ed
from stdsite.derive.warnings import edition_warnings
from stdsite.output import exports, spreadsheets
from stdsite.output.cache import BuildCache
from stdsite.derive.catalog import Catalog
from stdsite.errors import UsageError
from stdsite.errors import BuildFailed
from support import load_project
from stdsite.cli.publish import publish

DAY = dt.date.fromisoformat(AS_OF)
HEADER = "序号,类别,编号,名称,发布机构,发布日期,实施日期,状态"


def load(src):
    project, problems = load_project(src)
    assert not problems.errors, [str(e) for e in problems.errors]
    return project


@pytest.fixture
def src(make_project):
    return make_project(FILES)


@pytest.fixture
def views(src):
    return {v.id: v for v in ed.views(load(src), DAY)}


def keys(view):
    return [(e.kind, e.id, e.status) for e in view.entries]


def test_each_edition_lists_its_entries_as_of_its_date(views):
    assert list(views) == ["2024-1", "2024-2"]          # 2025-1 is after the as-of date
    assert keys(views["2024-1"]) == EDITION_1
    assert keys(views["2024-2"]) == EDITION_2


def test_entries_grouped_by_category_and_area_documents_last(views):
    groups = [e.group for e in views["2024-1"].entries]
    assert groups == [("基础通用", "通用基础")] * 2 + [("运行保障", "公务用车管理")] * 3 + \
        [("运行保障", "公物仓管理")] + [("规范性文件", "")] * 3


def test_first_edition_has_no_changes_second_has_added_and_removed_with_reasons(views):
    first = ed.edition_json(views["2024-1"])
    assert first["added"] == [] and first["removed"] == []
    second = ed.edition_json(views["2024-2"])
    assert second["id"] == "2024-2" and second["date"] == "2024-12-31"
    assert second["added"] == ADDED_2
    assert second["removed"] == REMOVED_2
    assert set(second) == {"id", "date", "entries", "added", "removed"}
    assert second["entries"][0] == {"kind": "标准", "id": "DB50/T 1016-2024", "title": "机关事务标准化工作指南",
                                    "status": "现行"}


def test_current_view_compares_with_latest_edition(src):
    project = load(src)
    current = ed.current_view(project, dt.date(2025, 1, 15), ed.views(project, DAY))
    assert current.previous.id == "2024-2" and current.added == () and current.removed == ()
    assert keys(current) == EDITION_2


def test_no_directory_yaml_means_no_editions(make_project):
    project = load(make_project())
    assert ed.views(project, DAY) == []
    assert ed.current_view(project, DAY, []).previous is None


def test_csv_bytes_bom_header_rows(views):
    data = spreadsheets.csv_bytes(views["2024-2"])
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    assert lines[1] == "1,地方标准,DB50/T 1016-2024,机关事务标准化工作指南,重庆市市场监督管理局、重庆市机关事务管理局,2024-08-01,2024-10-01,现行"
    assert lines[6] == "6,组织内部标准,Q/CQJG 202-2024,公物仓资产处置规范,,,2024-08-01,现行"
    assert lines[8] == "8,规范性文件,渝机管发〔2021〕108号,关于推进机关事务标准化工作的通知,重庆市机关事务管理局,2021-05-20,,现行有效"
    assert lines[-1] == "" and len(lines) == 11
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r[2], r[7]) for r in parsed[1:]] == [(i, s) for _, i, s in EDITION_2]


def test_xlsx_reads_back_and_prints_as_is(views):
    data = spreadsheets.xlsx_bytes(views["2024-1"], "测试目录")
    assert data == spreadsheets.xlsx_bytes(views["2024-1"], "测试目录")        # reproducible bytes
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "测试目录（2024-1 期，截至 2024-06-30）"
    assert list(rows[1]) == HEADER.split(",")
    assert rows[2] == (1, "地方标准", "DB50/T 1016-2020", "机关事务标准化工作指南", None, dt.datetime(2020, 9, 30),
                       dt.datetime(2020, 12, 30), "现行")
    assert ws["F3"].number_format == ws["G3"].number_format == "yyyy-mm-dd"
    assert rows[7] == (6, "组织内部标准", "Q/CQJG 201-2024", "公物仓运行管理规范", None, dt.datetime(2024, 6, 1),
                       dt.datetime(2024, 7, 1), "即将实施")
    assert [(r[2], r[7]) for r in rows[2:]] == [(i, s) for _, i, s in EDITION_1]
    assert all(cell.font.b for cell in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.column_dimensions["D"].width > ws.column_dimensions["A"].width
    assert wb.properties.modified == dt.datetime(2024, 6, 30)      # no build time in the file


def test_xlsx_bytes_do_not_depend_on_the_time_of_the_build(views, monkeypatch):
    first = spreadsheets.xlsx_bytes(views["2024-2"], "测试目录")

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 1, 2, 3, 4, 5, tzinfo=tz)

    import openpyxl.writer.excel
    monkeypatch.setattr(openpyxl.writer.excel.datetime, "datetime", Later)
    monkeypatch.setattr(spreadsheets.zipfile.time, "time", lambda: 1924300000.0)
    assert spreadsheets.xlsx_bytes(views["2024-2"], "测试目录") == first


def test_write_edition_writes_three_files(views, tmp_path):
    from stdsite.output.sitefiles import SiteWriter
    written = exports.write_edition(views["2024-2"], SiteWriter(tmp_path), "测试目录", BuildCache(None))
    assert sorted(written) == ["directory/2024-2/edition.json", "directory/2024-2/目录.csv", "directory/2024-2/目录.xlsx",
                               "directory/2024-2/规范性文件目录-2024年第2期.csv", "directory/2024-2/规范性文件目录-2024年第2期.xlsx"]
    assert (tmp_path / "directory/2024-2/规范性文件目录-2024年第2期.xlsx").read_bytes() == \
        (tmp_path / "directory/2024-2/目录.xlsx").read_bytes()
    assert json.loads((tmp_path / "directory/2024-2/edition.json").read_text("utf-8"))["added"] == ADDED_2


# -- publish and freeze --------------------------------------------------------------------------

def test_publish_freezes_and_frozen_edition_is_rendered_from_its_file(src):
    project = load(src)
    shown = publish(project, "2024-1", DAY)
    assert shown.endswith("/directory/2024-1.json")
    frozen = json.loads((src / "directory" / "2024-1.json").read_text("utf-8"))
    assert [(e["kind"], e["id"], e["status"]) for e in frozen["entries"]] == EDITION_1
    assert frozen["details"][0]["issued"] == "2020-09-30"

    # unchanged sources: frozen, no differences, no warning; publishing again is harmless
    project = load(src)
    view = ed.views(project, DAY)[0]
    assert view.frozen and view.differences == ()
    assert frozen_warnings(Catalog(project, DAY)) == []
    assert publish(project, "2024-1", DAY) == shown

    # the sources change afterwards: the page keeps the published list, the build warns
    (src / "standards/q9.yaml").write_text((src / "standards/q9.yaml").read_text("utf-8")
                                           .replace("公务用车标识管理规范", "公务用车标识规范"), "utf-8")
    (src / "standards/q5.yaml").write_text("code: Q/CQJG 5-2022\ntitle: 新补录标准\nlevel: 组织内部标准\n"
                                           "framework: YX-GC-01\neffective: 2022-01-01\n", "utf-8")
    project = load(src)
    views = {v.id: v for v in ed.views(project, DAY)}
    first = views["2024-1"]
    assert keys(first) == EDITION_1
    assert [e.title for e in first.entries if e.id == "Q/CQJG 9-2023"] == ["公务用车标识管理规范"]
    assert any("Q/CQJG 5-2022" in d and "新增" in d for d in first.differences)
    assert any("公务用车标识规范" in d for d in first.differences)
    # the next edition is compared with the edition as published
    assert "Q/CQJG 5-2022" in views["2024-2"].added
    warnings = frozen_warnings(Catalog(project, DAY))
    assert len(warnings) == 1 and warnings[0].warning
    assert warnings[0].path.endswith("/directory/2024-1.json")
    assert "Q/CQJG 5-2022" in warnings[0].message and "公务用车标识规范" in warnings[0].message
    with pytest.raises(BuildFailed):
        publish(project, "2024-1", DAY)


def test_frozen_second_edition_keeps_its_published_changes(src):
    project = load(src)
    publish(project, "2024-1", DAY)
    publish(load(src), "2024-2", DAY)
    frozen = json.loads((src / "directory" / "2024-2.json").read_text("utf-8"))
    assert frozen["added"] == ADDED_2 and frozen["removed"] == REMOVED_2
    view = ed.views(load(src), DAY)[1]
    assert view.frozen and ed.edition_json(view)["removed"] == REMOVED_2
    assert [r.title for r in view.removed][0] == "机关事务标准化工作指南"


def test_hand_written_frozen_file_in_edition_json_form(make_project):
    data = {"id": "2024-1", "date": "2024-06-30",
            "entries": [{"kind": "标准", "id": "Q/CQJG 101-2023", "title": "公务用车使用管理规范", "status": "现行"},
                        {"kind": "标准", "id": "Q/CQJG 999-2020", "title": "已删除的标准", "status": "现行"}],
            "added": [], "removed": []}
    src = make_project({**FILES, "directory/2024-1.json": json.dumps(data, ensure_ascii=False)})
    project = load(src)
    view = ed.views(project, DAY)[0]
    assert [e.id for e in view.entries] == ["Q/CQJG 101-2023", "Q/CQJG 999-2020"]
    assert view.entries[0].group == ("运行保障", "公务用车管理") and view.entries[0].effective == dt.date(2023, 4, 1)
    assert view.entries[1].group == ed.ORPHAN_GROUP and view.entries[1].page is None
    assert any("Q/CQJG 999-2020" in d for d in view.differences)


def frozen_warnings(catalog) -> list:
    """The warnings about frozen files (not those about editions never published)."""
    return [w for w in edition_warnings(catalog) if w.path.endswith(".json")]


def test_past_edition_never_published_warns(src):
    """An edition whose date has passed but that was never frozen: a warning on its line of
    directory.yaml, and the page says 未发布."""
    project = load(src)
    publish(project, "2024-1", DAY)
    project = load(src)
    unpublished = [w for w in edition_warnings(Catalog(project, DAY)) if w.path.endswith("directory.yaml")]
    assert [(w.line, w.warning) for w in unpublished] == [(4, True)]
    assert "「2024-2」" in unpublished[0].message and "python build.py publish 2024-2" in unpublished[0].message
    from stdsite.render import directory
    from stdsite.render.context import RenderContext
    from stdsite.urls import Links
    pages = directory.pages(RenderContext(Catalog(project, DAY), Links(True)))
    assert "本期尚未发布" in pages["directory/2024-2.md"] and "本期尚未发布" not in pages["directory/2024-1.md"]
    index = pages["directory/index.md"]
    assert index.count(">未发布</span>") == 1 and index.count(">已发布</span>") == 1


def test_frozen_file_without_edition_warns(make_project):
    src = make_project({**FILES, "directory/2019-9.json": '{"id": "2019-9", "entries": []}'})
    warnings = frozen_warnings(Catalog(load(src), DAY))
    assert [w.path.rsplit("/", 2)[-2:] for w in warnings] == [["directory", "2019-9.json"]]
    assert "2019-9" in warnings[0].message


def test_publish_usage_errors(src, make_project):
    project = load(src)
    with pytest.raises(UsageError, match="未找到期次「2030-1」.*2024-1、2024-2、2025-1"):
        publish(project, "2030-1", DAY)
    with pytest.raises(UsageError, match="晚于"):
        publish(project, "2025-1", DAY)
    with pytest.raises(UsageError, match="directory.yaml"):
        publish(load(make_project()), "2024-1", DAY)
    assert not (src / "directory").exists()

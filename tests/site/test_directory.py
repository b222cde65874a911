"""The directory in a built site: edition pages, index, exports, offline links, publish/freeze, print."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, run_build, serve_directory, write_tree
from directory_fixture import ADDED_2, AS_OF, EDITION_1, EDITION_2, FILES, REMOVED_2

BASE = {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD, "standards/db1016.yaml": STANDARD_YAML}


def make_src(folder: Path) -> Path:
    return write_tree(folder, {**BASE, **FILES})


def do_build(src: Path, out: Path, *extra: str):
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", AS_OF, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("directory")
    out = base / "site"
    do_build(make_src(base / "src"), out)
    return out


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_edition_pages_and_exports_land_in_their_folder(site):
    for edition in ("2024-1", "2024-2"):
        folder = site / "directory" / edition
        names = sorted(p.name for p in folder.iterdir())
        label = edition.replace("-", "年第") + "期"
        assert [n for n in names if not n.endswith(".gz")] == ["edition.json", "index.html", "目录.csv", "目录.xlsx",
                                                               f"规范性文件目录-{label}.csv", f"规范性文件目录-{label}.xlsx"]
        assert [n for n in names if n.endswith(".gz")] == ["edition.json.gz", "index.html.gz", "目录.csv.gz",
                                                           f"规范性文件目录-{label}.csv.gz"]
    assert not (site / "directory" / "2025-1").exists()          # dated after the as-of date


def test_edition_json(site):
    first = json.loads(text(site / "directory/2024-1/edition.json"))
    second = json.loads(text(site / "directory/2024-2/edition.json"))
    assert [(e["kind"], e["id"], e["status"]) for e in first["entries"]] == EDITION_1
    assert [(e["kind"], e["id"], e["status"]) for e in second["entries"]] == EDITION_2
    assert first["added"] == [] and first["removed"] == []
    assert second["added"] == ADDED_2 and second["removed"] == REMOVED_2
    assert list(second) == ["id", "date", "entries", "added", "removed"]


def test_csv_export_bytes(site):
    data = (site / "directory/2024-1/目录.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + "序号,类别,编号,名称,发布机构,发布日期,实施日期,状态\r\n".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == "1,地方标准,DB50/T 1016-2020,机关事务标准化工作指南,,2020-09-30,2020-12-30,现行"
    assert lines[6] == "6,组织内部标准,Q/CQJG 201-2024,公物仓运行管理规范,,2024-06-01,2024-07-01,即将实施"
    assert lines[7] == "7,规范性文件,渝机管发〔2021〕9号,机关事务标准化“十四五”规划,重庆市机关事务管理局、重庆市市场监督管理局,2021-05-10,,现行有效"
    assert [line.split(",")[2] for line in lines[1:]] == [i for _, i, _ in EDITION_1]


def test_xlsx_export_rows(site):
    ws = load_workbook(io.BytesIO((site / "directory/2024-2/目录.xlsx").read_bytes())).active
    rows = list(ws.iter_rows(values_only=True))
    assert "2024-2" in rows[0][0]
    assert rows[1] == ("序号", "类别", "编号", "名称", "发布机构", "发布日期", "实施日期", "状态")
    assert [(r[0], r[2], r[7]) for r in rows[2:]] == [(n, i, s) for n, (_, i, s) in enumerate(EDITION_2, 1)]
    assert rows[-1] == (9, "规范性文件", "渝机管发〔2024〕30号", "公物仓标准化管理指南", "重庆市机关事务管理局",
                        dt.datetime(2024, 9, 20), None, "现行有效")


def test_xlsx_dates_are_real_dates(site):
    """A clerk sorts and filters by date: 发布日期 and 实施日期 are date cells shown as yyyy-mm-dd."""
    ws = load_workbook(io.BytesIO((site / "directory/2024-2/目录.xlsx").read_bytes())).active
    dated = [cell for row in ws.iter_rows(min_row=3, min_col=6, max_col=7) for cell in row if cell.value is not None]
    assert len(dated) >= 10
    assert all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in dated), \
        [(cell.coordinate, cell.value, cell.number_format) for cell in dated]
    assert ws["F3"].value == dt.datetime(2024, 8, 1)
    assert not any(isinstance(cell.value, str) for row in ws.iter_rows(min_row=3, min_col=6, max_col=7) for cell in row)


def test_edition_page_table_links_and_changes(site):
    page_dir = site / "directory/2024-2"
    html = text(page_dir / "index.html")
    assert 'class="std-dir"' in html and "测试机关事务标准类规范性文件目录" in html
    assert "<strong>2024-2</strong> 期" in html and "截至 2024-12-31" in html
    heads = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert heads == ["序号", "类别", "编号", "名称", "发布机构", "发布日期", "实施日期", "状态"]
    groups = re.findall(r'<tr class="std-dir-(?:cat|area)">\s*<th[^>]*>(.*?)</th>', html)
    assert groups == ["基础通用", "通用基础", "运行保障", "公务用车管理", "公物仓管理", "规范性文件"]
    # every entry linked to a page that exists
    for href in re.findall(r'<a href="([^"]+)" class="std-code">', html):
        assert (page_dir / href / "index.html").resolve().is_file(), href
    changes = html[html.index('id="changes"'):]
    assert "新增（3 项）" in changes and "移除（3 项）" in changes
    assert re.search(r'data-reason="被代替">.*DB50/T 1016-2020.*被代替，由 <a href="../../standards/db50-t-1016-2024/" '
                     r'class="std-code">DB50/T 1016-2024</a> 代替', changes)
    assert re.search(r'data-reason="废止">.*渝机管发〔2022〕12号.*— 废止', changes)
    downloads = html[html.index('class="std-dir-downloads"'):]
    downloads = downloads[:downloads.index("</p>")]
    assert re.findall(r'<a href="([^"]+)" download="([^"]+)">([^<]+)</a>', downloads) == [
        ("规范性文件目录-2024年第2期.xlsx", "规范性文件目录-2024年第2期.xlsx", "Excel 表格"),
        ("规范性文件目录-2024年第2期.csv", "规范性文件目录-2024年第2期.csv", "CSV 表格")]
    assert "edition.json" not in html and "JSON 数据" not in html     # the file stays (a contract) but is not for clerks
    first = text(site / "directory/2024-1/index.html")
    assert "本期为首期" in first
    assert 'download="规范性文件目录-2024年第1期.xlsx"' in first


def test_directory_index_newest_first_and_current_state(site):
    html = text(site / "directory/index.html")
    editions = html[html.index('id="editions"'):html.index('id="current"')]
    assert editions.index("2024-2 期") < editions.index("2024-1 期")
    assert "2025-1" not in editions
    assert 'href="2024-2/规范性文件目录-2024年第2期.xlsx" download="规范性文件目录-2024年第2期.xlsx"' in editions
    assert "JSON 格式" not in html and "edition.json" not in html
    rows = re.findall(r"<tr>(.*?)</tr>", editions)
    cells = [re.findall(r'<td data-label="(新增|移除)">(.*?)</td>', row) for row in rows[1:]]
    assert cells == [[("新增", "3"), ("移除", "3")], [("新增", "首期"), ("移除", "—")]]   # never 新增 0 移除 0 for the first
    current = html[html.index('id="current"'):]
    assert "截至 2025-01-15" in html
    assert "与 <a href=\"2024-2/\">2024-2 期</a> 相比无变化" in current


def test_document_page_shows_status_and_related(site):
    html = text(site / "documents/2022-12/index.html")
    assert "已废止" in html and "渝机管发〔2022〕12号" in html
    html = text(site / "documents/2024-30/index.html")
    assert "现行有效" in html and "Q/CQJG 201-2024" in html


def test_offline_links_point_into_the_edition_folder(tmp_path):
    from stdsite.derive.catalog import Catalog
    from support import load_project
    from stdsite.render import directory
    from stdsite.urls import Links
    from stdsite.render.context import RenderContext

    project, problems = load_project(make_src(tmp_path / "src"))
    ctx = RenderContext(Catalog(project, dt.date.fromisoformat(AS_OF)), Links(directory_urls=False))
    pages = directory.pages(ctx)
    assert sorted(pages) == ["directory/2024-1.md", "directory/2024-2.md", "directory/index.md"]
    edition = pages["directory/2024-2.md"]
    assert 'href="2024-2/规范性文件目录-2024年第2期.xlsx"' in edition and 'href="2024-2/规范性文件目录-2024年第2期.csv"' in edition
    assert 'href="../standards/db50-t-1016-2024.html"' in edition
    assert 'href="2024-1.html"' in edition
    assert 'href="2024-2/规范性文件目录-2024年第2期.csv"' in pages["directory/index.md"]
    assert directory.nav(ctx) == ["directory/index.md", {"2024-2 期": "directory/2024-2.md"},
                                  {"2024-1 期": "directory/2024-1.md"}]


def test_values_are_escaped(tmp_path):
    from stdsite.derive.catalog import Catalog
    from support import load_project
    from stdsite.render import directory
    from stdsite.urls import Links
    from stdsite.render.context import RenderContext

    src = make_src(tmp_path / "src")
    (src / "standards/q9.yaml").write_text(text(src / "standards/q9.yaml").replace(
        "公务用车标识管理规范", "<script>alert(1)</script> & 规范"), "utf-8")
    project, _ = load_project(src)
    ctx = RenderContext(Catalog(project, dt.date.fromisoformat(AS_OF)), Links())
    html = directory.pages(ctx)["directory/2024-1.md"]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 规范" in html


def test_publish_then_change_sources_keeps_published_edition(tmp_path):
    src = make_src(tmp_path / "src")
    result = run_build("publish", "2024-1", "--src", str(src), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert "2024-1" in result.stdout and (src / "directory/2024-1.json").is_file()
    # a later correction to the sources: the published edition keeps its title, the build warns
    q9 = src / "standards/q9.yaml"
    q9.write_text(text(q9).replace("公务用车标识管理规范", "公务用车标识规范"), "utf-8")
    out = tmp_path / "site"
    result = do_build(src, out)
    assert "directory/2024-1.json" in result.stderr and "公务用车标识规范" in result.stderr and "警告" in result.stderr
    first = text(out / "directory/2024-1/index.html")
    assert "公务用车标识管理规范" in first and "本期目录已发布" in first
    second = text(out / "directory/2024-2/index.html")
    assert "公务用车标识规范" in second
    assert json.loads(text(out / "directory/2024-1/edition.json"))["entries"][2]["title"] == "公务用车标识管理规范"


def test_publish_unknown_edition_is_a_usage_error(tmp_path):
    src = make_src(tmp_path / "src")
    result = run_build("publish", "2099-1", "--src", str(src), "--as-of", AS_OF)
    assert result.returncode == 2
    assert "未找到期次「2099-1」" in result.stderr
    assert not (src / "directory").exists()


def test_edition_prints_as_a_clean_table(site, page):
    with serve_directory(site) as url:
        page.goto(url + "directory/2024-2/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.std-dir-downloads', '.md-footer']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
        assert hidden and set(hidden) == {"none"}
        assert page.evaluate("getComputedStyle(document.querySelector('.std-dir-table thead')).display") \
            == "table-header-group"
        assert page.evaluate("getComputedStyle(document.body).page") == "std-directory"
        pdf = page.pdf(prefer_css_page_size=True)
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
        assert boxes and all(float(w) > float(h) for w, h in boxes)       # A4 landscape

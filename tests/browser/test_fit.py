"""The example site at the point of use: tables at 1366/1920 px and as cards on a 375 px phone, a
visible hint where a table scrolls, the standards-list filter in the URL, flowcharts that fit a
phone, and printouts (directory edition, standard pages, poster) compared with the page's text."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from printing import page_of, pdf_pages, printed
from support import serve_directory

AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def built(example_build):
    """The example site (path) and what the build printed."""
    return example_build(AS_OF)


@pytest.fixture(scope="module")
def example(built):
    with serve_directory(built[0]) as url:
        yield url


EDITION = "directory/2025-2/"
# the tables of these pages are generated (render.common.table or the directory's own)
CARD_PAGES = {"directory edition": EDITION, "directory index": "directory/", "standards list": "standards/",
              "documents list": "documents/", "area": "system/yx-zc/", "home": ""}

# lines a cell's text takes (a Range's client rects, one per line box)
LINES = """el => { const r = document.createRange(); r.selectNodeContents(el);
  return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size; }"""


# -- tables on a desktop ------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [1366, 1920])
@pytest.mark.parametrize("path", [EDITION, "directory/"])
def test_directory_shows_all_eight_columns_without_scrolling(desk, example, path, width):
    desk.set_viewport_size({"width": width, "height": 900})
    desk.goto(example + path)
    table = desk.locator("table.std-dir-table").first
    box = table.evaluate("t => { const b = t.parentElement; return [b.scrollWidth, b.clientWidth]; }")
    assert box[0] <= box[1], f"the table scrolls: {box}"
    heads = table.locator("thead th")
    assert heads.all_text_contents() == ["序号", "类别", "编号", "名称", "发布机构", "发布日期", "实施日期", "状态"]
    right = table.evaluate("t => t.parentElement.getBoundingClientRect().right")
    for th in heads.all():
        rect = th.bounding_box()
        assert rect["width"] > 20 and rect["x"] + rect["width"] <= right + 1, (th.text_content(), rect)
    # the columns a reader needs are whole: dates on one line, names on at most three
    assert max(c.evaluate(LINES) for c in table.locator("td[data-label=实施日期]").all()) == 1
    assert max(c.evaluate(LINES) for c in table.locator("td[data-label=发布日期]").all()) == 1
    assert max(c.evaluate(LINES) for c in table.locator("td[data-label=名称]").all()) <= 3
    assert max(c.evaluate(LINES) for c in table.locator("td[data-label=编号]").all()) <= 2
    # a long national issuer is shortened, the full name kept as a tooltip
    short = table.locator(".std-issuer[title^=中华人民共和国]").first
    assert not short.text_content().startswith("中华人民共和国")
    assert desk.evaluate("document.documentElement.scrollWidth") <= width


# -- tables on a phone: cards -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(CARD_PAGES))
def test_tables_become_cards_on_a_phone(mobile, example, name):
    mobile.goto(example + CARD_PAGES[name])
    tables = mobile.locator("table.std-cards")
    assert tables.count() >= 1, name
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 375, name
    for table in tables.all():
        labels = [label.strip() for label in table.locator("thead th").all_text_contents()]
        assert not table.locator("thead").is_visible() or table.locator("thead").bounding_box()["height"] <= 1
        width = table.evaluate("t => [t.getBoundingClientRect().width, t.parentElement.clientWidth]")
        assert width[0] <= width[1] + 1, (name, width)
        rows = table.locator("tbody tr:has(td[data-label]):visible")
        for row in rows.all()[:6]:
            cells = row.locator("td")
            assert cells.count() == len(labels)
            shown = cells.evaluate_all("""tds => tds.map(td => { const r = td.getBoundingClientRect();
                return [td.dataset.label, getComputedStyle(td, '::before').content, r.left >= 0 && r.right <= 376 && r.height > 0]; })""")
            assert [s[0] for s in shown] == labels
            assert all(before == f'"{label}"' and visible for label, before, visible in shown), (name, shown)


def test_standards_list_shows_name_and_status_on_a_phone(mobile, example):
    mobile.goto(example + "standards/")
    first = mobile.locator("#standards tbody tr").first
    for label in ("名称", "状态"):
        cell = first.locator(f"td[data-label={label}]")
        assert cell.is_visible() and cell.bounding_box()["x"] + cell.bounding_box()["width"] <= 375
    assert first.locator("td[data-label=状态] .std-badge").text_content() in ("现行", "即将实施", "被代替", "废止", "制定中")


def test_a_table_that_scrolls_says_so(mobile, example):
    """Tables written in a page's Markdown keep their columns and scroll; the reader is told."""
    mobile.goto(example + "help/reference/")
    mobile.wait_for_load_state("load")
    boxes = mobile.locator(".md-typeset__scrollwrap, .std-scroll")
    wide = [b for b in boxes.all() if b.evaluate("b => b.scrollWidth > b.clientWidth + 1")]
    assert wide, "expected at least one wide table on the reference page"
    for box in wide:
        assert "is-scrollable" in box.get_attribute("class")
        hint = box.locator("xpath=following-sibling::*[1]")
        assert "std-scroll-hint" in hint.get_attribute("class") and hint.is_visible()
        assert "左右滑动" in hint.text_content()
    mobile.set_viewport_size({"width": 1366, "height": 900})
    mobile.wait_for_timeout(100)
    assert all(not b.evaluate("b => b.classList.contains('is-scrollable') && b.scrollWidth <= b.clientWidth + 1")
               for b in boxes.all())


# -- Chinese throughout ---------------------------------------------------------------------------------
def site_pages(site):
    return [p for p in sorted(site.rglob("*.html"))]


def test_no_english_or_developer_chrome(built):
    site = built[0]
    for path in site_pages(site):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        for english in ("Made with", "Material for MkDocs", "squidfunk", "Permanent link", "404 - Not found"):
            assert english not in html, (rel, english)
        assert "std-dot__source" not in html and "图的源代码" not in html, rel        # no Graphviz source box
    page = (site / "standards/q-cqjg-001-2023/index.html").read_text(encoding="utf-8")
    assert 'class="headerlink" href="#1" title="本节链接"' in page
    assert "页面不存在" in (site / "404.html").read_text(encoding="utf-8")


def test_search_index_holds_readers_text_only(built, page, example):
    """No Graphviz source, no form widgets glued to the text ("≥ 90%%待填写") outside the editors' help."""
    import json
    raw = (built[0] / "search/stdsearch.js").read_text(encoding="utf-8")
    data = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    for url, _boost, sections, *_ in data["pages"]:
        if url.startswith("help/"):
            continue                       # the format reference shows editors how to write a dot block
        for anchor, title, text in sections:
            for bad in ("digraph", "rankdir", "%%", "待填写", "全屏查看", "清除作答"):
                assert bad not in text, (url, anchor, bad, text[:200])
    criteria = [text for url, _b, sections, *_ in data["pages"] if url == "standards/q-cqjg-001-2023/"
                for _a, _t, text in sections if "执行率" in text]
    assert criteria and "要求 ≥ 90% 第" in criteria[0], criteria
    page.goto(example)
    found = page.evaluate("window.__stdsearch.search('复审').then(r => r.items.flat().map(i => i.text + ' ' + i.title))")
    assert found and not any("digraph" in text or "rankdir" in text for text in found)


def test_placeholder_site_url_warns_once_in_chinese(built):
    """mkdocs.yml still has the example address: the build succeeds and says once, in Chinese, that
    printed QR codes will not work."""
    _site, result = built
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "二维码" in line]
    assert len(lines) == 1, lines
    assert "http://biaozhun.jgswj.local/" in lines[0] and "二维码" in lines[0] and lines[0].startswith("警告：")


# -- status in search results ---------------------------------------------------------------------------
def test_search_results_show_each_standards_status(desk, example):
    desk.goto(example)
    desk.locator("input[data-md-component=search-query]").click()
    desk.keyboard.type("公务用车使用管理规范", delay=15)
    desk.wait_for_selector(".md-search-result__item")
    heads = desk.locator(".md-search-result__item > a article h1")
    shown = {}
    for head in heads.all():
        badge = head.locator(".std-badge")
        if badge.count():
            shown[head.inner_text().replace(badge.inner_text(), "").strip()] = badge.inner_text()
    assert shown.get("Q/CQJG 101-2025 公务用车使用管理规范（示例）") == "现行", shown
    assert shown.get("Q/CQJG 101-2020 公务用车使用管理规范（示例）") == "被代替", shown
    badge = heads.first.locator(".std-badge")           # the standard in force ranks first
    assert "std-badge--current" in badge.get_attribute("class")
    assert badge.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"


# -- the standards-list filter keeps its state in the address ---------------------------------------------
def visible_statuses(page) -> set[str]:
    return set(page.locator("#standards tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.status)"))


def test_standards_filter_lives_in_the_url(desk, example):
    desk.goto(example + "standards/?status=现行")             # the home page's links look like this
    assert desk.locator("select[data-filter=status]").input_value() == "现行"
    assert visible_statuses(desk) == {"现行"}
    levels = desk.locator("#standards tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.level)")
    level = sorted(set(levels))[0]
    desk.locator("select[data-filter=level]").select_option(level)
    query = parse_qs(urlparse(desk.url).query)
    assert query == {"status": ["现行"], "level": [level]}
    shown = desk.locator("#standards tbody tr:visible").count()
    assert shown == levels.count(level)
    assert desk.locator(".std-filter-count").text_content() == f"显示 {shown} 项"
    desk.reload()                                               # reload keeps it
    assert desk.locator("select[data-filter=level]").input_value() == level
    assert desk.locator("#standards tbody tr:visible").count() == shown
    desk.locator("#standards tbody tr:visible a").nth(1).click()     # open a standard, then Back
    desk.wait_for_url("**/standards/*/")
    desk.go_back()
    desk.wait_for_url("**/standards/?*")
    assert parse_qs(urlparse(desk.url).query) == {"status": ["现行"], "level": [level]}
    assert desk.locator("select[data-filter=status]").input_value() == "现行"
    assert desk.locator("#standards tbody tr:visible").count() == shown


def test_no_match_says_so_and_clears(desk, example):
    desk.goto(example + "standards/")
    rows = desk.locator("#standards tbody tr").evaluate_all("rs => rs.map(r => [r.dataset.status, r.dataset.level])")
    statuses = desk.locator("select[data-filter=status] option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    levels = desk.locator("select[data-filter=level] option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    status, level = next((s, lv) for s in statuses for lv in levels if [s, lv] not in rows)
    empty = desk.locator(".std-filter-empty")
    assert not empty.is_visible()
    desk.locator("select[data-filter=status]").select_option(status)
    desk.locator("select[data-filter=level]").select_option(level)
    assert empty.is_visible() and "没有符合条件的标准" in empty.text_content()
    assert not desk.locator("#standards").is_visible()
    empty.get_by_role("button", name="清除筛选").click()
    assert not empty.is_visible()
    assert desk.locator("#standards tbody tr:visible").count() == len(rows)
    assert urlparse(desk.url).query == ""
    assert desk.locator("select[data-filter=status]").input_value() == ""


# -- printing ----------------------------------------------------------------------------------------
POSTERS = ["q-cqjg-101-2025", "q-cqjg-201-2022", "q-cqjg-202-2024", "q-cqjg-602-2021", "q-cqjg-501-2022",
           "q-cqjg-001-2023", "q-cqjg-701-2024", "q-cqjg-401-2021", "q-cqjg-302-2023", "db50-t-1016-2020"]


@pytest.mark.parametrize("slug", POSTERS)
def test_poster_prints_on_one_a4_page(desk, example, slug):
    desk.goto(example + f"standards/{slug}/poster/")
    expected = desk.locator(".std-poster__code").first.inner_text().split()[0]
    items = desk.locator(".std-poster__items li").all_inner_texts()
    flows = desk.locator(".std-flow__title").all_inner_texts()
    pages = pdf_pages(desk)
    assert len(pages) == 1, f"{slug}: {len(pages)} pages"
    assert expected in pages[0]
    for text in items + flows:                       # every checklist item and flow title is on the sheet
        assert page_of(pages, text) == 0, (slug, text)
    if flows:                                       # the chart fills the sheet: its lanes are printed
        lanes = desk.locator(".flowchart svg g.cluster > text").all_text_contents()
        assert all(page_of(pages, lane) == 0 for lane in lanes), lanes


def test_directory_edition_prints_every_column_and_whole_rows(desk, example):
    desk.goto(example + EDITION)
    rows = desk.locator("table.std-dir-table tbody tr[data-kind]").evaluate_all(
        "rs => rs.map(r => [...r.cells].map(c => c.innerText.trim()))")
    pages = pdf_pages(desk)
    assert len(pages) >= 2
    with_rows = {page_of(pages, f"{number}{category}{code}") for number, category, code, *_ in rows}
    for index in with_rows - {None}:                 # the header row is repeated on every page of the table
        assert printed("序号类别编号名称发布机构发布日期实施日期状态").search(pages[index]), pages[index][:200]
    for row in rows:               # the whole row, cell after cell, on one page: nothing cut, nothing split
        assert page_of(pages, "".join(row)) is not None, row


STANDARD_PAGES = ["q-cqjg-001-2023", "q-cqjg-101-2025", "q-cqjg-102-2021", "q-cqjg-302-2023", "q-cqjg-601-2023"]


@pytest.mark.parametrize("slug", STANDARD_PAGES)
def test_standard_page_tables_print_whole(desk, example, slug):
    """Every cell of every table on a standard's page is in the PDF (nothing cut at the right edge),
    and each row's first and last cells are on the same page (no row split across pages)."""
    desk.goto(example + f"standards/{slug}/")
    desk.wait_for_load_state("load")
    pages = pdf_pages(desk)
    desk.emulate_media(media="print")                # the tables that print (not the records after the text)
    tables = desk.locator(".md-content table").evaluate_all(
        "ts => ts.filter(t => t.offsetParent).map(t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim())))")
    assert tables, slug
    for table in tables:
        for row in table:          # the whole row, cell after cell, on one page: nothing cut, nothing split
            assert page_of(pages, "".join(row)) is not None, (slug, row)


# -- flowcharts on a phone ------------------------------------------------------------------------------
def test_three_lane_flowchart_is_whole_on_a_phone(mobile, example):
    """办公用房调配流程 was cut at "集体研" on a 375 px phone, and 全屏查看 pushed a lane off screen."""
    mobile.goto(example + "standards/q-cqjg-201-2022/")
    box = mobile.locator(".flowchart").first
    edge = box.bounding_box()
    for node in box.locator("g.node, g.cluster").all():
        rect = node.bounding_box()
        assert edge["x"] - 1 <= rect["x"] and rect["x"] + rect["width"] <= edge["x"] + edge["width"] + 1
    assert "集体研究审定" in box.locator("svg").text_content()
    mobile.locator(".std-flow__zoom").first.click()
    lanes = mobile.locator("dialog.std-zoom svg g.cluster")
    assert lanes.count() == 3
    for lane in lanes.all():
        rect = lane.bounding_box()
        assert rect["x"] >= -1 and rect["x"] + rect["width"] <= 376, rect

"""What readers see of issue 15 and the status part of issue 13, in headless Chromium: the system
page (diagram at 375 px, 明细表, downloads), status banners at 375 and 1366 px, the metadata in
platform order, the list filters, and a standard printed through page.pdf() — cover on page 1, the
code and page number on every page, nothing cut at the right edge. One fixture site per module."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from support import plain_tables, run_build, serve_directory, write_tree
from system_fixture import D, DETAIL, FILES, STATS, WIDE_CELL

# pypdf reads some CJK as radical look-alikes that NFKC leaves alone (车 → ⻋, 页 → ⻚, 门 → ⻔…)
RADICALS = str.maketrans({"⻋": "车", "⻚": "页", "⻔": "门", "⻓": "长", "⻅": "见", "⻆": "角", "⻘": "青",
                          "⻝": "食", "⻢": "马", "⻄": "西", "⻛": "风", "⻜": "飞", "⻰": "龙", "⻬": "齐"})


def pdf_text(page) -> str:
    return unicodedata.normalize("NFKC", page.extract_text()).translate(RADICALS)


def flat(text: str) -> str:
    """Text without spaces and line breaks, NFKC-normalised (as pdf_text is)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def has(text: str, part: str) -> bool:
    return flat(part) in flat(text)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("system-site")
    src = write_tree(root / "src", FILES)
    result = run_build("build", "--src", str(src), "--out", str(root / "site"), "--as-of", D)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_directory(root / "site") as url:
        yield url, root / "site"


@pytest.fixture(scope="module")
def printed(base, browser):
    """The full-text standard Q/CQJG 101-2024 printed to A4 by Chromium, as pypdf pages (`.pages`;
    each page's text is extracted once for the module's tests)."""
    from types import SimpleNamespace
    from printing import read_pdf
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(base[0] + "standards/q-cqjg-101-2024/")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()
    return SimpleNamespace(pages=read_pdf(pdf))


# -- the system page -------------------------------------------------------------------------------
def test_system_page_tables_and_downloads(base):
    site = base[1]
    html = plain_tables((site / "system/index.html").read_text(encoding="utf-8"))
    detail = html.split('class="std-table std-system-detail"')[1].split("</table>")[0]
    rows = re.findall(r"<tr data-status=\"([^\"]+)\" data-slot=\"([^\"]+)\">", detail)
    assert rows == [(r[7], r[1]) for r in DETAIL]
    stats = html.split('class="std-table std-system-stats"')[1].split("</table>")[0]
    cells = [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", stats.split("<tbody>")[1])]
    assert cells == [[str(v) for v in row] for row in STATS]
    wb = load_workbook(io.BytesIO((site / "system/标准体系表.xlsx").read_bytes()))
    assert wb.sheetnames == ["明细表", "统计表"] and wb["明细表"].max_row == 2 + len(DETAIL)
    assert (site / "system/明细表.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_items_say_what_is_there_instead_of_nothing(base):
    site = base[1]
    gc = (site / "system/yx-gc/index.html").read_text(encoding="utf-8")
    section = gc.split('id="yx-gc-03"')[1]
    assert "暂无现行标准" in section and "即将实施 1" in section and "暂无标准" not in section.split("<table")[0]
    gw = (site / "system/yx-gw/index.html").read_text(encoding="utf-8")
    assert "制定中 1" in gw and "暂无标准" not in gw


def test_structure_diagram_readable_on_a_phone(base, phone):
    phone.goto(base[0] + "system/")
    box = phone.locator(".flowchart").first
    svg = box.locator("svg")
    text = svg.text_content()
    assert "空缺" in text and "即将实施 1" in text and "制定中 1" in text and "运行保障" in text
    # like a flowchart, the diagram is scaled to the screen and whole (docs/help/reference.md says so);
    # the full-screen view is there to zoom in
    edge = box.bounding_box()
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    for node in svg.locator("g.node, g.cluster").all():
        rect = node.bounding_box()
        assert edge["x"] - 1 <= rect["x"] and rect["x"] + rect["width"] <= edge["x"] + edge["width"] + 1, rect
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375   # the page itself does not scroll
    phone.locator(".std-flow__zoom").first.click()
    assert phone.locator("dialog.std-zoom[open] svg").count() == 1


# -- status banners and metadata -------------------------------------------------------------------
BANNERS = [
    ("q-cqjg-101-2020", "被代替", "本标准已被 Q/CQJG 101-2024 公务用车使用管理规范 代替", "q-cqjg-101-2024"),
    ("db50-t-1016-2020", "废止", "本标准已于 2024-12-31 废止", None),
    ("q-cqjg-102-2025", "即将实施", "将于 2025-09-01 起实施", "q-cqjg-102-2021"),
    ("q-cqjg-201-2026", "制定中", "本标准正在制定中，尚未发布", None),
]


@pytest.mark.parametrize("width", [375, 1366])
def test_status_banners(base, browser, width):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
    page = context.new_page()
    for slug, status, sentence, link in BANNERS:
        page.goto(base[0] + f"standards/{slug}/")
        banner = page.locator(".std-banner")
        assert banner.count() == 1 and banner.is_visible(), slug
        assert banner.locator(".std-banner__status").inner_text() == status
        assert sentence in banner.inner_text(), slug
        box = banner.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] < 700, slug   # first screen, whole
        assert "下次复审" not in page.locator(".std-meta").inner_text(), slug            # no due dates unless 现行
        if link:
            banner.locator("a").first.click()
            page.wait_for_url(re.compile(f"/standards/{link}/$"))
    context.close()


def test_current_standard_has_no_banner_and_platform_order(base, page):
    page.goto(base[0] + "standards/q-cqjg-101-2024/")
    assert page.locator(".std-banner").count() == 0
    labels = page.locator(".std-meta dt").all_inner_texts()
    assert labels == ["标准编号", "标准名称", "标准级别", "状态", "中国标准分类号（CCS）", "国际标准分类号（ICS）", "发布日期",
                      "实施日期", "提出单位", "归口单位", "发布机构", "起草单位", "主要起草人", "适用区域", "体系位置", "下次复审"]
    assert page.locator(".std-meta dd").nth(4).inner_text() == "A16"
    latest = page.locator("a.std-ref", has_text="GB/T 1.1")
    assert latest.get_attribute("href") == "../gb-t-1-1-2020/"
    assert page.locator(".std-ref-latest").first.inner_text() == "（最新版 GB/T 1.1-2020）"
    assert page.locator("h2#A.std-annex").count() == 1 and page.locator("h3[id='A.1']").count() == 1
    page.locator("a.std-ref", has_text="第 A.1 条").click()
    assert page.evaluate("location.hash") == "#A.1"
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="打印 / 下载 PDF").click()
    assert page.evaluate("window.__printed") is True


def test_list_filters_by_ics_and_owner(base, page):
    page.goto(base[0] + "standards/")
    shown = "document.querySelectorAll('#standards tbody tr:not([hidden])').length"
    page.select_option("select[data-filter='ics']", "03")
    assert page.evaluate(shown) == 2                                      # 03.080 and 03.160
    page.select_option("select[data-filter='ics']", "")
    page.select_option("select[data-filter='owner']", "示例机关事务管理研究会")
    assert page.evaluate(shown) == 1
    assert page.locator("#standards tbody tr:not([hidden]) .std-code").inner_text() == "T/CQJG 1-2023"


# -- the printed standard --------------------------------------------------------------------------
def test_cover_is_page_one(printed):
    cover = pdf_text(printed.pages[0])
    for part in ("ICS 03.160", "CCS A16", "Q/CQJG", "组织内部标准", "Q/CQJG 101-2024", "代替 Q/CQJG 101-2020、Q/CQJG 9-2010",
                 "公务用车使用管理规范", "2024-01-15 发布", "2024-03-01 实施", "示例机关事务管理局"):
        assert has(cover, part), part
    assert "1 范围" not in cover and "重庆市机关事务标准化信息平台" not in cover


def test_every_page_has_the_code_and_its_number(printed):
    assert len(printed.pages) >= 4
    for number, page in enumerate(printed.pages, 1):
        text = pdf_text(page)
        assert "Q/CQJG 101-2024" in text, number
        assert f"第 {number} 页" in text, number
        for chrome in ("打印 / 下载 PDF", "搜索", "Made with", "状态截至"):
            assert chrome not in text, (number, chrome)


def test_foreword_clauses_and_annexes_on_their_pages(printed):
    texts = [pdf_text(p) for p in printed.pages]
    assert has(texts[1], "前言") and not has(texts[1], "1 范围")
    clauses = next(i for i, t in enumerate(texts) if "1 范围" in t)
    assert clauses >= 2 and "公务用车使用管理规范" in texts[clauses].split("1 范围")[0]
    annex = next(i for i, t in enumerate(texts) if "附录 A" in t and "A.1 派车单内容" in t)
    assert annex > clauses and "4 回场" not in texts[annex]
    body = "".join(texts[clauses:])
    for clause in ("3.1 派车单", "3.2 出车前检查", "A.2 派车单保存"):
        assert clause in body
    assert "派车流程" in body and "轮胎气压正常" in body and "灯光工作正常" in body


def test_nothing_cut_at_the_right_edge(base, browser, printed):
    body = flat("".join(pdf_text(p) for p in printed.pages))
    assert flat(WIDE_CELL) in body                                        # the long cell is printed whole
    assert "回场后登记里程" in body and "派车单保存3年" in body
    # laid out at the printed width (A4 less the margins: 165 mm), nothing sticks out of the text column
    context = browser.new_context(locale="zh-CN", viewport={"width": 624, "height": 900})
    page = context.new_page()
    page.goto(base[0] + "standards/q-cqjg-101-2024/")
    page.emulate_media(media="print")
    sticking = page.evaluate("""() => {
      const column = document.querySelector('.md-content__inner').getBoundingClientRect();
      return [...document.querySelectorAll('.md-content__inner *')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > column.right + 1)
        .map(e => e.tagName + '.' + e.className);
    }""")
    context.close()
    assert sticking == []


def test_local_standard_cover_has_its_filing_number(base, browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(base[0] + "standards/db50-t-1016-2020/")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    context.close()
    cover = pdf_text(reader.pages[0])
    for part in ("ICS 03.080", "CCS A16", "备案号：12345-2020", "重庆市地方标准", "DB50/T 1016-2020", "2020-09-30 发布",
                 "2020-12-30 实施", "重庆市市场监督管理局", "【废止】本标准已于 2024-12-31 废止"):
        assert has(cover, part), part

"""The plan pages of the example site (as of 2026-12-02, 十四五 ended, 十五五 running) in Chromium:
the 看板's period switch opened from file:// with every other request blocked, the pilot and case
pages at 375 px, and the printed 评估报告 and 看板 on A4 through page.pdf(): no table cut at the
right edge (the layout and the PDF's text against the page's), a sensible page count."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from support import serve_directory

AS_OF = "2026-12-02"
# pypdf returns CJK radical-supplement look-alikes that NFKC leaves alone
RADICALS = str.maketrans({"⻚": "页", "⻋": "车", "⻓": "长", "⻅": "见", "⻔": "门", "⻛": "风", "⻢": "马", "⻆": "角",
                          "⻉": "贝", "⻝": "食", "⻜": "飞", "⻰": "龙", "⻬": "齐", "⻩": "黄", "⻘": "青", "⻥": "鱼",
                          "⻦": "鸟", "⻄": "西", "⻓": "长", "⻢": "马"})


@pytest.fixture(scope="module")
def example(example_build):
    return example_build(AS_OF)[0]


@pytest.fixture(scope="module")
def served(example):
    with serve_directory(example) as url:
        yield url


def normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(RADICALS))


def shown_period(page) -> str:
    return page.eval_on_selector_all(".dash-period", "els => els.filter(e => !e.hidden).map(e => e.dataset.period).join()")


# -- the period switch ----------------------------------------------------------------------------------
def test_period_switch_works_offline(browser, example):
    context = browser.new_context(locale="zh-CN")
    blocked: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto((example / "dashboard" / "index.html").as_uri())
    assert shown_period(page) == "2026-2030"                     # opens on the current period
    assert page.locator("#period-2026-2030 .dash-period__status").inner_text().startswith("进行中 · 进度评估")
    page.click('.dash-switch__tab[data-period="2021-2025"]')
    assert shown_period(page) == "2021-2025"
    status = page.locator("#period-2021-2025 .dash-period__status").inner_text()
    assert status == "已结束 · 总结评估（按 2025-12-31 测算）"
    assert page.locator('.dash-switch__tab[data-period="2021-2025"]').get_attribute("aria-pressed") == "true"
    page.click('.dash-switch__tab[data-period="2026-2030"]')
    assert shown_period(page) == "2026-2030"
    # an address into a period opens that period (a link from the report back to the 看板)
    page.goto((example / "dashboard" / "index.html").as_uri() + "#p2021-2025-pilot_districts")
    assert shown_period(page) == "2021-2025"
    assert page.locator("#p2021-2025-pilot_districts").is_visible()
    assert blocked == []
    context.close()


# -- pilots and cases on a phone ------------------------------------------------------------------------------
@pytest.mark.parametrize("path, heading", [
    ("pilots/", "试点示范"),
    ("pilots/shapingba-2021/", "沙坪坝区机关事务标准化市级试点"),
    ("cases/", "典型案例"),
    ("cases/fleet-one-click-dispatch/", "公务用车“一键派车”实践（示例）"),
])
def test_pilot_and_case_pages_fit_a_phone(phone, served, path, heading):
    assert phone.goto(served + path).ok
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    h1 = phone.locator("h1").first
    assert h1.inner_text().rstrip("¶") == heading and h1.is_visible()
    box = h1.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375


def test_case_list_filter_on_a_phone(phone, served):
    phone.goto(served + "cases/")
    rows = phone.locator("#cases tbody tr")
    assert rows.count() == 3
    phone.fill("input[data-case-filter]", "食堂")
    visible = phone.eval_on_selector_all("#cases tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.innerText)")
    assert len(visible) == 1 and "机关食堂" in visible[0]
    assert phone.locator(".std-case-filter output").inner_text() == "显示 1 个"
    phone.fill("input[data-case-filter]", "Q/CQJG 101-2025")               # by a standard's code
    visible = phone.eval_on_selector_all("#cases tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.innerText)")
    assert len(visible) == 1 and "一键派车" in visible[0]


def test_case_links_to_its_standard_and_back(page, served):
    page.goto(served + "cases/fleet-one-click-dispatch/")
    page.click("a.std-ref >> nth=0")
    assert page.url.endswith("/standards/q-cqjg-101-2025/#5.1")
    section = page.locator("ul.std-practice")
    assert "公务用车“一键派车”实践（示例）" in section.inner_text() and "一键派车”示范点" in section.inner_text()


# -- printing ----------------------------------------------------------------------------------------
def print_checks(page, url: str) -> tuple[int, str]:
    """Print `url` on A4; assert that no table is wider than the page and that every table's header
    and every number, date and code in its cells is in the PDF's text. Returns (pages, PDF text)."""
    page.set_viewport_size({"width": 688, "height": 1000})            # A4's width less 2 × 14 mm margins
    page.emulate_media(media="print")
    page.goto(url)
    page.wait_for_load_state("load")
    overflow = page.evaluate("""() => [...document.querySelectorAll('table')].filter(t => t.offsetParent)
        .map(t => [t.className, t.getBoundingClientRect().right, document.querySelector('.md-content').getBoundingClientRect().right,
                   t.parentElement.scrollWidth - t.parentElement.clientWidth])
        .filter(([c, right, edge, scroll]) => right > edge + 1 || scroll > 1)""")
    assert overflow == [], overflow
    tables = page.evaluate("""() => [...document.querySelectorAll('table')].filter(t => t.offsetParent).map(t => ({
        head: [...t.querySelectorAll('thead th')].map(th => th.innerText),
        cells: [...t.querySelectorAll('tbody td')].map(td => td.innerText)}))""")
    assert tables
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = normal("".join(p.extract_text() for p in reader.pages))
    for table in tables:
        for head in table["head"]:
            assert normal(head) in text, head
        for cell in table["cells"]:
            for token in re.findall(r"[0-9A-Za-z][0-9A-Za-z./%:,-]*", unicodedata.normalize("NFKC", cell)):
                assert token in text, (token, cell)
    return len(reader.pages), text


def test_report_prints_on_a4(page, served):
    pages, text = print_checks(page, served + "dashboard/report-2021-2025/")
    assert 2 <= pages <= 5, pages
    assert normal("“十四五”规划指标总结评估报告") in text
    assert "测算日期2025-12-31" in text and "统计日期2026-12-02" in text
    assert f"第1页/共{pages}页" in text                                   # page numbers in the footer
    assert text.count("✓达标") + text.count("✗未达标") == 20              # a mark for each of the 20 indicators
    running, text = print_checks(page, served + "dashboard/report-2026-2030/")
    assert 1 <= running <= 4, running
    assert normal("“十五五”规划指标进度评估报告") in text


def test_dashboard_prints_on_a4(page, served):
    pages, text = print_checks(page, served + "dashboard/")
    assert pages <= 30, pages
    assert normal("“十五五”（2026-01-01至2030-12-31）") in text
    assert normal("“十四五”（2021-01-01至2025-12-31）") not in text       # only the period shown is printed

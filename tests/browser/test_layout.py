"""How the example site looks on a 375 px phone and a 1366 px desk: card tables whose cells hold
several things, tables that fit a desk, the scroll hint only where a table really scrolls, the
看板 tabs readable in every state, diagrams and tap targets on a phone."""
from __future__ import annotations

import re

import pytest

from support import serve_directory

AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def example(example_build):
    with serve_directory(example_build(AS_OF)[0]) as url:
        yield url


# -- cards on a phone: a cell holding several things stacks them beside its label ----------------------
# the left edge of every line of a cell's content (a Range's client rects, one per line box)
LINE_STARTS = """td => { const r = document.createRange(); r.selectNodeContents(td); const lines = {};
  for (const x of r.getClientRects()) { if (x.width > 0) { const top = Math.round(x.bottom);
    lines[top] = Math.min(lines[top] ?? 1e9, Math.round(x.left)); } }
  return Object.values(lines); }"""

MIXED_CELLS = {   # page -> cells with several children: issuers joined by 、, links, badge + note, <br>
    "directory/2025-2/": "td[data-label=发布机构]:has(.std-issuer__sep)",
    "training/sessions/": "td[data-label*=地点]:has(br)",
    "training/staff-driver-302/": "td[data-label=涉及条款]",
    "directory/": "td[data-label=下载]",
    "pilots/bishan-2021/": "td[data-label=事项]:has(br)",
}


@pytest.mark.parametrize("path", list(MIXED_CELLS))
def test_card_cells_with_several_children_stack_beside_their_label(mobile, example, path):
    mobile.goto(example + path)
    cells = mobile.locator(f"table.std-cards {MIXED_CELLS[path]}")
    assert cells.count() >= 1, path
    for cell in cells.all()[:8]:
        starts = cell.evaluate(LINE_STARTS)
        label_right = cell.evaluate("td => td.getBoundingClientRect().left") + 40
        assert starts and min(starts) >= label_right, (path, cell.inner_text(), starts)
        # every line of the content starts at the same edge: nothing slips under the label column
        assert max(starts) - min(starts) <= 1, (path, cell.inner_text(), starts)
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375


# -- tables on a desk: every column shows, nothing cut at the right edge -----------------------------
WIDE_TABLES = {
    "dashboard/": ["dash-plan-all", "dash-plan-late"],
    "training/managers-201/": ["std-table"],          # the course's 相关标准 table
    "training/sessions/": ["std-table"],              # 参训记录
    "documents/": ["std-table"],
    "system/": ["std-system-detail"],
}


@pytest.mark.parametrize("path", list(WIDE_TABLES))
def test_tables_fit_a_laptop_without_scrolling(desk, example, path):
    desk.goto(example + path)
    desk.wait_for_load_state("load")
    for cls in WIDE_TABLES[path]:
        boxes = desk.locator(f".std-scroll:has(> table.{cls})")
        assert boxes.count() >= 1, (path, cls)
        for box in boxes.all():
            if not box.is_visible():
                continue
            sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
            assert sizes[0] <= sizes[1], (path, cls, sizes)
    # codes and dates stay whole while the cells wrap
    for cell in desk.locator(".std-scroll:visible table .std-code, .std-scroll:visible table .dash-date").all()[:30]:
        lines = cell.evaluate("e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size")
        assert lines == 1, cell.inner_text()
    assert desk.evaluate("document.documentElement.scrollWidth") <= 1366


# -- the scroll hint: only under a table that hides columns -----------------------------------------------
def visible_hints(page) -> list:
    return page.locator(".std-scroll-hint").evaluate_all("hs => hs.filter(h => h.offsetParent).map(h => h.previousElementSibling.className)")


def test_no_scroll_hint_under_a_table_that_fits(desk, example):
    """The Markdown table on 公务用车 fits a desk; Material's wrapper pads it, which made the
    box 'scroll' by its padding and showed the hint."""
    desk.goto(example + "standards/q-cqjg-101-2025/")
    desk.wait_for_load_state("load")
    desk.wait_for_timeout(100)
    tables = desk.locator(".md-typeset__scrollwrap table").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().right <= t.closest('.md-typeset__scrollwrap').getBoundingClientRect().right)")
    assert tables and all(tables)
    assert visible_hints(desk) == []


def test_scroll_hint_under_a_table_that_scrolls_on_a_phone(mobile, example):
    mobile.goto(example + "standards/q-cqjg-101-2025/")
    mobile.wait_for_load_state("load")
    mobile.wait_for_timeout(100)
    wide = mobile.locator(".md-typeset__scrollwrap").evaluate_all(
        "bs => bs.filter(b => b.querySelector('table').getBoundingClientRect().right > b.getBoundingClientRect().right + 1).length")
    assert wide >= 1
    assert len(visible_hints(mobile)) == wide


# -- the 看板 period tabs: readable after a click, on hover and with keyboard focus ----------------------
def luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


COLOURS = """async t => { await Promise.all(t.getAnimations({subtree: true}).map(a => a.finished));  // colour transitions
  let bg = 'rgb(255, 255, 255)';
  for (let e = t; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; } }
  return [getComputedStyle(t).color, bg]; }"""


def test_dashboard_tabs_stay_readable_after_a_click(desk, example):
    desk.goto(example + "dashboard/")
    tabs = desk.locator(".dash-switch__tab")
    assert tabs.count() >= 2
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        tab.click()                                   # focused, hovered and active at once
        assert "dash-switch__tab--on" in tab.get_attribute("class")
        fg, bg = tab.evaluate(COLOURS)
        assert contrast(fg, bg) >= 4.5, (tab.inner_text(), fg, bg)
        other = tabs.nth(1 - index) if tabs.count() == 2 else tabs.nth((index + 1) % tabs.count())
        other.hover()
        for t in (tab, other):                        # the other tab hovered, this one still focused
            fg, bg = t.evaluate(COLOURS)
            assert contrast(fg, bg) >= 4.5, (t.inner_text(), fg, bg)


# -- tap targets and the case filter on a phone ---------------------------------------------------------
def test_filter_controls_are_big_enough_to_tap(mobile, example):
    mobile.goto(example + "standards/")
    selects = mobile.locator(".std-filters select")
    assert selects.count() >= 2
    for select in selects.all():
        box = select.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= 375, box
    first = selects.first
    first.select_option(index=1)
    clear = mobile.locator(".std-filters .std-filter-clear")
    assert clear.is_visible() and clear.bounding_box()["height"] >= 44
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 375


def test_case_filter_placeholder_is_whole_on_a_phone(mobile, example):
    mobile.goto(example + "cases/")
    box = mobile.locator("input[data-case-filter]")
    assert box.bounding_box()["height"] >= 44
    room, needed = box.evaluate("""i => { const s = getComputedStyle(i); const c = document.createElement('canvas').getContext('2d');
        c.font = s.font; return [i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight),
        c.measureText(i.placeholder).width]; }""")
    assert needed <= room, (needed, room)


# -- printing -----------------------------------------------------------------------------------------
def pdf(page) -> list:
    """Chromium's A4 printout of the page, read with pypdf: its pages (with mediabox and text,
    each page's text extracted once however often a test reads it)."""
    from printing import read_pdf
    page.wait_for_load_state("load")
    return read_pdf(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))


FOOTER = re.compile(r"第\s*(\d+)\s*[页⻚]\s*/\s*共\s*(\d+)\s*[页⻚]")


def test_system_table_prints_landscape_with_whole_dates(desk, example):
    desk.goto(example + "system/")
    dates = [d.strip() for d in desk.locator("table.std-system-detail td[data-label=实施日期]").all_inner_texts() if d.strip()]
    assert len(dates) >= 10
    pages = pdf(desk)
    assert len(pages) <= 3, len(pages)
    assert all(p.mediabox.width > p.mediabox.height for p in pages)          # A4 landscape
    text = "\n".join(p.extract_text() for p in pages)
    whole = re.findall(r"\d{4}-\d{2}-\d{2}", text)
    for date in dates:                                                       # no date split over two lines
        assert date in whole, date
    for number, page in enumerate(pages, 1):
        assert FOOTER.search(page.extract_text()).groups() == (str(number), str(len(pages)))


# what follows each heading on the printed page: [heading text, the start of the next thing printed]
FOLLOWERS = """() => [...document.querySelectorAll('.md-content h2, .md-content h3, .std-module-minutes, .std-quiz__title')]
  .filter(h => h.offsetParent && !h.closest('.std-exam, .std-course-qr'))
  .map(h => { let next = h.nextElementSibling;
    while (next && !(next.offsetParent && next.innerText.trim())) next = next.nextElementSibling;
    return [h.innerText.replace('¶', '').trim(), next ? next.innerText.trim().split('\\n')[0].slice(0, 14) : null]; })
  .filter(pair => pair[1])"""


@pytest.mark.parametrize("path, view", [("training/leaders-exam/", ""), ("training/leaders-exam/", "?view=trainer"),
                                        ("training/managers-201/", ""), ("training/managers-201/", "?view=trainer"),
                                        ("dashboard/report-2021-2025/", "")])
def test_handouts_keep_headings_with_their_text_and_number_pages(desk, example, path, view):
    from printing import printed
    desk.goto(example + path + view)
    pages = pdf(desk)
    texts = ["".join(p.extract_text().split()) for p in pages]
    desk.emulate_media(media="print")
    pairs = desk.evaluate(FOLLOWERS)
    desk.emulate_media(media="screen")
    assert len(pairs) >= 4
    for heading, following in pairs:     # a heading never ends a page: the text after it is on the same page
        together = re.compile(printed(heading).pattern + ".{0,4}" + printed(following).pattern)
        assert any(together.search(t) for t in texts), (heading, following)
    for number, page in enumerate(pages, 1):
        found = FOOTER.search(page.extract_text())
        assert found and found.groups() == (str(number), str(len(pages))), page.extract_text()[:80]
    assert not any("交卷" in t for t in texts)     # the on-screen 交卷 panel and its heading are not printed


# -- the 评估报告 and standalone pages ----------------------------------------------------------------------
@pytest.mark.parametrize("years", ["2021-2025"])
def test_report_buttons_on_top_and_amounts_whole_in_print(desk, example, years):
    desk.goto(example + f"dashboard/report-{years}/")
    button = desk.get_by_role("button", name="打印报告")
    title = desk.locator("h1.dash-report__title")
    assert button.is_visible() and button.bounding_box()["y"] < title.bounding_box()["y"]
    assert button.bounding_box()["y"] + button.bounding_box()["height"] <= 900          # seen without scrolling
    amounts = [t.strip() for t in desk.locator("table.dash-report-table td:nth-child(3), table.dash-report-table td:nth-child(4)")
               .all_inner_texts() if re.fullmatch(r"[\d,.]+ \S{1,2}", t.strip())]
    assert any("人次" in a for a in amounts), amounts
    lines = {line.strip() for p in pdf(desk) for line in p.extract_text().splitlines()}
    text = "\n".join(lines)
    for amount in amounts:                          # "8,000 人次" never split over two lines
        number, unit = amount.split(" ")
        assert re.search(re.escape(number) + r"\s*" + "".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" for c in unit), text), amount


@pytest.mark.parametrize("page_path", ["standards/q-cqjg-101-2025/poster/", "standards/q-cqjg-101-2025/feedback/"])
def test_standalone_pages_have_the_site_icon(desk, example, page_path):
    desk.goto(example + page_path)
    href = desk.locator("link[rel=icon]").evaluate("l => l.href")
    assert desk.request.get(href).status == 200


# -- printed standards ----------------------------------------------------------------------------------
@pytest.mark.parametrize("slug", ["q-cqjg-201-2022", "q-cqjg-301-2020"])
def test_no_mostly_blank_page_before_a_figure(desk, example, slug):
    """The chart has to fit on the page, not the chart with its text version: the figure follows
    the text before it instead of leaving a nearly empty page."""
    from printing import page_of
    desk.goto(example + f"standards/{slug}/")
    before, title = desk.locator(".std-flow").first.evaluate("""f => { let e = f.previousElementSibling;
        while (e && /^H[2-6]$/.test(e.tagName)) e = e.previousElementSibling;
        return [e.innerText.trim().slice(-12), f.querySelector('.std-flow__title').innerText.trim()]; }""")
    pages = ["".join(p.extract_text().split()) for p in pdf(desk)]
    assert page_of(pages, title) is not None
    assert page_of(pages, before) == page_of(pages, title), (before, title)


@pytest.mark.parametrize("status", ["被代替", "废止", "即将实施"])
def test_status_in_the_header_of_every_printed_page(desk, example, status):
    desk.goto(example + "standards/")
    slugs = desk.locator(f"#standards tbody tr[data-status={status}] a").evaluate_all(
        "as => as.map(a => a.getAttribute('href')).filter(h => !h.startsWith('http'))")
    assert slugs, status
    desk.goto(example + "standards/" + slugs[0])
    pages = pdf(desk)
    assert len(pages) >= 2
    for page in pages:
        assert f"【{status}】" in "".join(page.extract_text().split()).replace("⾏", "行").replace("⽌", "止"), page.extract_text()[:80]


def test_a_standard_in_force_has_no_status_header(desk, example):
    desk.goto(example + "standards/q-cqjg-201-2022/")
    assert not any("【" in p.extract_text() for p in pdf(desk))


# -- the poster ---------------------------------------------------------------------------------------
def test_poster_has_a_print_button(desk, example):
    desk.goto(example + "standards/q-cqjg-101-2025/poster/")
    button = desk.get_by_role("button", name="打印张贴版")
    assert button.is_visible() and button.bounding_box()["height"] >= 44
    desk.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert desk.evaluate("window.__printed") == 1
    pages = pdf(desk)
    assert len(pages) == 1 and "打印张贴版" not in pages[0].extract_text()


@pytest.mark.parametrize("status", ["被代替", "废止"])
def test_poster_of_a_standard_not_in_force_says_so_on_paper(desk, example, status):
    desk.goto(example + "standards/")
    hrefs = desk.locator(f"#standards tbody tr[data-status={status}] a").evaluate_all(
        "as => as.map(a => a.getAttribute('href')).filter(h => !h.startsWith('http'))")
    assert hrefs, status
    desk.goto(example + "standards/" + hrefs[0] + "poster/")
    notice = desk.locator(".std-poster__status")
    assert notice.is_visible() and status in notice.inner_text()
    assert notice.evaluate("n => parseFloat(getComputedStyle(n).fontSize)") >= 18
    pages = pdf(desk)
    assert f"【{status}】" in "".join(pages[0].extract_text().split()).replace("⾏", "行").replace("⽌", "止")


def test_poster_with_only_a_short_checklist_uses_the_sheet(desk, example):
    """No flowchart and eight items: larger type instead of two thirds of the A4 sheet left blank."""
    desk.goto(example + "standards/q-cqjg-501-2022/poster/")
    assert desk.locator(".std-poster__flows").count() == 0
    desk.emulate_media(media="print")
    size = desk.locator(".std-poster__items li").first.evaluate("li => parseFloat(getComputedStyle(li).fontSize)")
    desk.emulate_media(media="screen")
    assert size >= 22, size                          # 18 pt
    pages = pdf(desk)
    assert len(pages) == 1

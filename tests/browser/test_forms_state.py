"""Checklists and criteria forms as staff use them on phones: answers kept for the day they were
given (a new day starts blank and offers the older check), 开始新的检查, a 否决项 that waits for
the last answer, one marker per answer, printed answers, no negative measurements."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from printing import page_of, pdf_pages
from support import serve_directory
from browser.test_blocks import answer, result, site  # noqa: F401 (site is a fixture)

CAR = "standards/q-cqjg-301-2024/"
CST = timezone(timedelta(hours=8))
MONDAY = datetime(2025, 6, 30, 9, 30, tzinfo=CST)
TUESDAY = datetime(2025, 7, 1, 8, 0, tzinfo=CST)


@pytest.fixture(scope="module")
def base_url(site):
    """test_blocks' site (built once per run), served for this module."""
    with serve_directory(site) as url:
        yield url


@pytest.fixture
def staff(browser):
    """A phone in Chongqing's time zone whose clock the test sets."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    pg = context.new_page()
    yield pg
    context.close()


def session_text(page, form: str = ".std-checklist") -> str:
    line = page.locator(f"{form} .std-session").first
    return line.locator("span").text_content() if line.is_visible() else ""


def test_answers_are_kept_for_the_day_and_a_new_day_starts_blank(staff, base_url):
    page = staff
    page.clock.set_fixed_time(MONDAY)
    page.goto(base_url + CAR)
    for item in range(4):
        answer(page, item, "yes")
    assert result(page) == ("已检查 4/4 项", "100%", "合格")
    assert session_text(page) == "检查日期：2025年6月30日"
    page.reload()
    assert result(page) == ("已检查 4/4 项", "100%", "合格")          # the same day: kept

    page.clock.set_fixed_time(TUESDAY)
    page.reload()
    assert result(page) == ("已检查 0/4 项", "—", "未完成")             # never yesterday's 合格 as today's
    assert page.locator(".std-checklist input:checked").count() == 0
    resume = page.get_by_role("button", name="继续上次的检查（2025年6月30日）")
    assert resume.is_visible()
    resume.click()
    assert result(page) == ("已检查 4/4 项", "100%", "合格")
    assert session_text(page) == "检查日期：2025年6月30日（上次的检查，不是今天）"

    page.get_by_role("button", name="开始新的检查").first.click()
    assert result(page) == ("已检查 0/4 项", "—", "未完成")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('stdsite:checklist'))") == []
    page.reload()
    assert not page.locator(".std-session__continue").first.is_visible()

    answer(page, 0, "no")                                            # a new check begins today
    page.reload()
    assert result(page) == ("已检查 1/4 项", "0%", "未完成")
    assert session_text(page) == "检查日期：2025年7月1日"


def test_a_save_without_a_day_is_not_shown_as_today(staff, base_url):
    """Answers saved before days were kept ({signature, answers}) are offered, not restored."""
    page = staff
    page.clock.set_fixed_time(MONDAY)
    page.goto(base_url + CAR)
    key = page.locator(".std-checklist").get_attribute("data-checklist")
    signature = page.locator(".std-checklist").get_attribute("data-signature")
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [key, {"signature": signature, "answers": ["yes", "yes", "yes", "yes"]}])
    page.reload()
    assert result(page) == ("已检查 0/4 项", "—", "未完成")
    assert page.get_by_role("button", name="继续上次的检查（日期不详）").is_visible()


def test_a_failed_veto_item_waits_for_the_last_answer(staff, base_url):
    page = staff
    page.goto(base_url + CAR)
    answer(page, 3, "no")                                            # the 否决项 first
    assert result(page) == ("已检查 1/4 项", "0%", "未完成")
    # the verdict waits, but the reader learns at once that the result will be 不合格
    reason = page.locator(".std-checklist__reason").text_content()
    assert reason.startswith("否决项不符合：") and reason.endswith("（无论其余各项结果如何，检查完后均判为不合格）"), reason
    answer(page, 0, "yes")
    answer(page, 1, "yes")
    assert result(page)[2] == "未完成"
    answer(page, 2, "yes")
    assert result(page) == ("已检查 4/4 项", "80%", "不合格")


def test_one_marker_per_answer_on_screen(staff, base_url):
    """The printouts' box style must not reach a checklist: a radio button and no second box."""
    page = staff
    page.goto(base_url + CAR)
    shown = page.locator(".std-checklist .std-box").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').length")
    assert shown == 0
    assert page.locator(".std-checklist input[type=radio]").first.is_visible()


def test_an_answered_checklist_prints_its_answers(browser, base_url):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.clock.set_fixed_time(MONDAY)
    page.goto(base_url + CAR)
    pages = pdf_pages(page)
    assert page_of(pages, "得分：________%") is not None                 # unanswered: blanks to fill by hand
    for item, value in enumerate(["yes", "no", "yes", "yes"]):
        answer(page, item, value)
    page.emulate_media(media="print")
    ticks = page.locator(".std-checklist .std-box").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content)")
    assert ticks == ['"✓"', "none", "none", "none", '"✓"', "none", '"✓"', "none", "none", '"✓"', "none", "none"]
    pages = pdf_pages(page)
    assert page_of(pages, "得分：80%") is not None
    assert page_of(pages, "结论：合格") is not None                       # 20 / 25 = 80 % reaches pass 80
    assert page_of(pages, "日期：2025年6月30日") is not None
    assert page_of(pages, "得分：________%") is None
    context.close()


def test_criteria_values_kept_for_the_day_and_never_negative(staff, base_url):
    page = staff
    page.clock.set_fixed_time(MONDAY)
    page.goto(base_url + CAR)
    form = page.locator("form.std-criteria").nth(0)
    years = form.locator("input").nth(0)
    assert years.get_attribute("min") == "0" and years.get_attribute("inputmode") == "decimal"
    years.fill("-9")
    assert years.input_value() == "0"
    assert form.locator(".std-criteria__verdict").nth(0).text_content() == "不达标"
    years.fill("9")
    page.reload()
    form = page.locator("form.std-criteria").nth(0)
    assert form.locator("input").nth(0).input_value() == "9"
    assert form.locator(".std-criteria__result").text_content() == "达标"

    page.clock.set_fixed_time(TUESDAY)
    page.reload()
    form = page.locator("form.std-criteria").nth(0)
    assert form.locator("input").nth(0).input_value() == ""
    assert form.locator(".std-criteria__result").text_content() == "待填写"
    form.get_by_role("button", name="继续上次的检查（2025年6月30日）").click()
    assert form.locator("input").nth(0).input_value() == "9"
    assert form.locator(".std-criteria__result").text_content() == "达标"


# -- the flowchart viewer --------------------------------------------------------------------------
def test_back_closes_the_flowchart_view_not_the_page(staff, base_url):
    page = staff
    page.goto(base_url)
    page.goto(base_url + CAR)
    dialog = page.locator("dialog.std-zoom")
    page.locator(".std-flow__zoom").first.click()
    assert dialog.is_visible()
    page.go_back()                                                   # a phone's back gesture
    assert not dialog.is_visible()
    assert page.url == base_url + CAR
    page.locator(".std-flow__zoom").first.click()
    dialog.get_by_role("button", name="关闭").click()                   # closed by hand: no entry left behind
    assert not dialog.is_visible()
    page.locator(".std-flow__zoom").first.click()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    page.go_back()
    page.wait_for_url(base_url)                                      # one Back leaves the page, as before


WHOLE = """d => { const s = d.querySelector('svg').getBoundingClientRect(), b = d.querySelector('.std-zoom__body').getBoundingClientRect();
  return s.width > 0 && s.left >= b.left - 1 && s.right <= b.right + 1 && s.top >= b.top - 1 && s.bottom <= b.bottom + 1; }"""


def test_desktop_view_opens_with_the_whole_chart(browser, base_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 420})
    page = context.new_page()
    page.goto(base_url + CAR)
    page.locator(".std-flow__zoom").first.click()
    dialog = page.locator("dialog.std-zoom")
    assert dialog.evaluate(WHOLE)                                     # fitted: nothing beyond the screen
    dialog.get_by_role("button", name="放大").click()
    dialog.get_by_role("button", name="放大").click()
    assert not dialog.evaluate(WHOLE)
    dialog.get_by_role("button", name="查看全图").click()
    assert dialog.evaluate(WHOLE)
    context.close()


def test_phone_whole_chart_button(staff, base_url):
    page = staff
    page.goto(base_url + CAR)
    page.locator(".std-flow__zoom").first.click()
    dialog = page.locator("dialog.std-zoom")
    dialog.get_by_role("button", name="放大").click()
    dialog.get_by_role("button", name="查看全图").click()
    assert dialog.evaluate(WHOLE)

"""A shuffled exam as learners and trainers use it (offline bundle, file://): printed copies in
source order, 判断题 never shuffled, explanation links that keep the exam, 未作答 on the result sheet.
Math.random is fixed to 0, so the shuffle is known: options [a, b, c, d] show as [b, c, d, a]."""
from __future__ import annotations

import pytest

from browser.test_exam import ALL_RIGHT, answer, bundle, offline, option_order, submit  # noqa: F401 (fixtures)
from support import printed

PRINCIPLES = ["先审后派", "就近派车", "合并出行", "先到先派"]


@pytest.fixture(scope="module")
def exam(bundle, offline):  # noqa: F811
    page = offline[0]
    page.add_init_script("Math.random = () => 0;")

    def go():
        page.emulate_media(media="screen")
        page.goto((bundle / "training/exam-1.html").as_uri())
        return page
    return go


def letters(page, question: str) -> list[str]:
    return page.locator(".std-quiz__item", has_text=question).locator(".std-quiz__letter").all_inner_texts()


def test_printed_exam_is_in_source_order_every_time(exam):
    page = exam()
    assert option_order(page, "哪些原则") == ["就近派车", "合并出行", "先到先派", "先审后派"]      # shuffled on screen
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")     # what the browser sends before printing
    assert option_order(page, "哪些原则") == PRINCIPLES and letters(page, "哪些原则") == ["A", "B", "C", "D"]
    texts, _ = printed(page)
    assert "A先审后派B就近派车C合并出行D先到先派" in "".join(texts)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert option_order(page, "哪些原则") == ["就近派车", "合并出行", "先到先派", "先审后派"]      # this attempt's order back
    key = page.locator(".std-quiz__item", has_text="哪些原则").locator("[data-std-key]").inner_text()
    assert key == "A. 就近派车；B. 合并出行；D. 先审后派"
    for question, options in ALL_RIGHT:
        answer(page, question, *options)
    assert submit(page) == ("100 分", "通过")


def test_true_false_options_are_never_shuffled(exam):
    page = exam()
    assert option_order(page, "个人事务") == ["正确", "错误"]
    assert option_order(page, "使用年限") == ["8年", "10年", "5年"]         # single choice: shuffled


def test_explanation_links_open_in_a_new_tab_and_keep_the_exam(exam):
    page = exam()
    for question, options in ALL_RIGHT:
        answer(page, question, *options)
    submit(page)
    links = page.locator(".std-quiz__answer a[href]")
    assert links.count() >= 2
    assert set(links.evaluate_all("els => els.map(a => a.target + ' ' + a.rel)")) == {"_blank noopener"}
    with page.context.expect_page() as opened:
        links.first.click()
    opened.value.close()
    assert page.locator("[data-std-exam-score]").inner_text() == "100 分"     # the result is still there


def test_result_sheet_says_unanswered(exam):
    page = exam()
    answer(page, "个人事务", "错误")
    answer(page, "使用年限", "5年")
    page.click("[data-std-exam-submit]")
    assert submit(page) == ("20 分", "未通过")
    rows = page.locator("[data-std-exam-rows] tr").evaluate_all(
        "rows => rows.map(r => r.lastElementChild.textContent)")
    assert rows == ["✗ 未作答", "✗ 未作答", "✓ 正确", "✗ 错误"]
    assert "未作答 2 题" in page.locator("[data-std-exam-detail]").inner_text()
    assert page.locator(".std-quiz__item", has_text="多长时间").locator(".std-quiz__feedback").inner_text() == "✗ 未作答，不得分"

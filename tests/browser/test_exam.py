"""Exams and training printouts, as learners and trainers use them: the offline bundle opened from
file:// (every other request blocked), exams taken by clicking, and every printout printed with
Chromium's page.pdf() and read back with pypdf."""
from __future__ import annotations

import json
import zipfile

import pytest

from exam_fixture import files
from support import block_network, printed, run_build, write_tree


@pytest.fixture(scope="module")
def bundle(built_once):
    """The exam fixture's offline bundle, unpacked (made once per run: test_exam_state reads it too)."""
    def make(base):
        src = write_tree(base / "src", files())
        result = run_build("bundle", "--src", str(src), "--dist", str(base / "dist"), "--as-of", "2025-06-30")
        assert result.returncode == 0, result.stdout + result.stderr
        (archive,) = (base / "dist").glob("*.zip")
        with zipfile.ZipFile(archive) as z:
            z.extractall(base / "site")
    return built_once("exam-bundle", make) / "site"


@pytest.fixture(scope="module")
def offline(browser):
    """One desktop context for the module, blocking (and recording) every request but file://."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    attempted = block_network(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, attempted, errors
    assert attempted == [], attempted
    assert errors == [], errors
    context.close()


@pytest.fixture(scope="module")
def open_page(bundle, offline):
    page = offline[0]

    def go(path: str):
        page.emulate_media(media="screen")
        page.goto((bundle / path).as_uri() if "?" not in path else
                  (bundle / path.split("?")[0]).as_uri() + "?" + path.split("?")[1])
        return page
    return go


def answer(page, question: str, *options: str) -> None:
    item = page.locator(".std-quiz__item", has_text=question)
    for option in options:
        item.locator("label", has_text=option).click()


def submit(page) -> tuple[str, str]:
    page.click("[data-std-exam-submit]")
    return (page.locator("[data-std-exam-score]").inner_text(), page.locator("[data-std-exam-verdict]").inner_text())


def feedback(page, question: str) -> str:
    return page.locator(".std-quiz__item", has_text=question).locator(".std-quiz__feedback").inner_text()


ALL_RIGHT = [("多长时间内通知", ["30 分钟内"]), ("哪些原则", ["先审后派", "就近派车", "合并出行"]),
             ("个人事务", ["错误"]), ("使用年限", ["8年"])]


# -- taking an exam ------------------------------------------------------------------------------
def test_all_right_scores_100_and_passes(open_page):
    page = open_page("training/exam-1.html")
    assert page.locator(".std-quiz__answer").first.is_hidden()        # no answers before 交卷
    for question, options in ALL_RIGHT:
        answer(page, question, *options)
    assert submit(page) == ("100 分", "通过")
    assert "答对 4 题，共 4 题" in page.locator("[data-std-exam-detail]").inner_text()
    box = page.locator(".std-quiz__item", has_text="哪些原则").locator(".std-quiz__answer")
    assert box.is_visible() and "解析：三项原则" in box.inner_text()
    assert page.locator(".std-quiz__item input:enabled").count() == 0


def test_a_half_right_multiple_choice_is_wrong(open_page):
    page = open_page("training/exam-1.html")
    for question, options in ALL_RIGHT:
        answer(page, question, *(options[:2] if question == "哪些原则" else options))
    score, verdict = submit(page)
    assert feedback(page, "哪些原则") == "✗ 错误，不得分"
    assert feedback(page, "多长时间内通知") == "✓ 正确，得 1 分"
    assert (score, verdict) == ("60 分", "通过")          # 3 of 5 points: exactly the pass line


def test_below_the_pass_line_fails(open_page):
    page = open_page("training/exam-1.html")
    answer(page, "多长时间内通知", "10 分钟内")
    answer(page, "哪些原则", "先审后派", "就近派车", "合并出行", "先到先派")     # one too many: wrong
    answer(page, "个人事务", "错误")
    answer(page, "使用年限", "8年")
    assert submit(page) == ("40 分", "未通过")


def test_the_exact_score_decides_not_the_rounded_one(open_page):
    page = open_page("training/exam-round.html")
    answer(page, "第一题", "甲")
    answer(page, "第二题", "错误")
    assert submit(page) == ("60 分", "未通过")            # 119 of 200 points = 59.5%: shown 60, not passed


def test_unanswered_questions_need_a_second_click(open_page):
    page = open_page("training/exam-1.html")
    answer(page, "个人事务", "错误")
    page.click("[data-std-exam-submit]")
    notice = page.locator("[data-std-exam-notice]")
    assert notice.is_visible() and "还有 3 题未作答（第 1、2、4 题）" in notice.inner_text()
    assert page.locator("[data-std-exam-result]").is_hidden()
    assert submit(page) == ("20 分", "未通过")
    assert feedback(page, "使用年限") == "✗ 未作答，不得分"


def option_order(page, question: str) -> list[str]:
    return page.locator(".std-quiz__item", has_text=question).locator(".std-quiz__text").all_inner_texts()


def test_shuffled_options_keep_the_scoring_right(open_page):
    orders = set()
    for _ in range(5):
        page = open_page("training/exam-1.html")
        order = option_order(page, "哪些原则")
        orders.add(tuple(order))
        letters = page.locator(".std-quiz__item", has_text="哪些原则").locator(".std-quiz__letter").all_inner_texts()
        assert letters == ["A", "B", "C", "D"]
        for question, options in ALL_RIGHT:
            answer(page, question, *options)
        assert submit(page) == ("100 分", "通过")
        key = page.locator(".std-quiz__item", has_text="哪些原则").locator("[data-std-key]").inner_text()
        expected = "；".join(f"{'ABCD'[order.index(o)]}. {o}" for o in order if o != "先到先派")
        assert key == expected                       # the key names the letters as shown
    assert len(orders) > 1, orders                   # 5 attempts, 24 orders: the same every time would be a bug
    # 重新作答 starts again (and shuffles again)
    page.click("[data-std-exam-retry]")
    assert page.locator("[data-std-exam-result]").is_hidden()
    assert page.locator(".std-quiz__item input:checked").count() == 0
    for question, options in ALL_RIGHT:
        answer(page, question, *options)
    assert submit(page) == ("100 分", "通过")


def test_result_sheet_prints_what_the_learner_typed_and_keeps_nothing(open_page):
    page = open_page("training/exam-1.html")
    for question, options in ALL_RIGHT:
        answer(page, question, *options)
    submit(page)
    sheet = page.locator("[data-std-exam-sheet]")
    sheet.get_by_label("姓名（只在本页填写，不保存）").fill("张三丰")
    sheet.get_by_label("单位（只在本页填写，不保存）").fill("示例服务中心")
    page.evaluate("window.print = () => { window.__printed = document.documentElement.className; }")
    sheet.get_by_role("button", name="打印成绩单").click()
    assert "std-print-result" in page.evaluate("window.__printed")
    assert "std-print-result" not in page.evaluate("document.documentElement.className")
    page.evaluate("document.documentElement.classList.add('std-print-result')")
    texts, _ = printed(page)
    page.evaluate("document.documentElement.classList.remove('std-print-result')")
    assert len(texts) == 1, texts
    assert all(s in texts[0] for s in ("考试成绩单", "公务用车管理考试", "100分", "通过"))
    # typed text prints from the input boxes (pypdf may not read form widgets: check the page)
    assert page.locator(".std-typed").first.input_value() == "张三丰"
    assert "派车结果应在多长时间内通知" not in texts[0]          # only the sheet, not the questions
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]


# -- printouts -----------------------------------------------------------------------------------
def test_paper_has_no_answers_in_its_source_or_print(bundle, open_page):
    source = (bundle / "training/exam-long/paper.html").read_text(encoding="utf-8")
    for leak in ("data-answer", "解析标记", "正确答案", "std-box--key", "✓", "std-quiz__answer", "data-weight"):
        assert leak not in source, leak
    page = open_page("training/exam-long/paper.html")
    texts, _ = printed(page)
    joined = "".join(texts)
    assert len(texts) >= 2
    assert all(f"第{n}题" in joined for n in range(1, 41))
    assert "解析" not in joined and "答案" not in joined and "讲师版" not in joined
    assert "姓名:" in joined or "姓名：" in joined


def test_answers_and_printouts_stay_out_of_search(bundle):
    index = (bundle / "search/stdsearch.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1: index.rindex(")")])
    training = {p[0]: json.dumps(p, ensure_ascii=False) for p in data["pages"] if p[0].startswith("training/")}
    assert "第1题，车辆回场后" in training["training/exam-long.html"]      # the exam's questions are searchable…
    text = "".join(training.values())
    assert "解析标记" not in text and "请勿发给学员" not in text             # …its answers and the printouts are not
    assert not any(url.split("/")[-1] in ("paper.html", "answers.html", "certificate.html", "evaluation.html")
                   for url in training), sorted(training)


def test_answers_are_marked_trainer_on_every_printed_page(open_page):
    page = open_page("training/exam-long/answers.html")
    texts, _ = printed(page)
    assert len(texts) >= 2, "the 40 answers fit one page: the test proves nothing"
    assert all("讲师版" in t for t in texts), [i for i, t in enumerate(texts) if "讲师版" not in t]
    joined = "".join(texts)
    assert "解析标记40" in joined and "答案速查" in joined


def test_certificate_is_one_landscape_page(open_page):
    page = open_page("training/exam-1/certificate.html")
    page.get_by_label("姓名（可在此输入，也可打印后手写）").fill("李四")
    texts, sizes = printed(page)
    assert len(texts) == 1, texts
    width, height = sizes[0]
    assert width > height                                      # A4 landscape
    assert "结业证书" in texts[0] and "公务用车管理考试" in texts[0] and "经考试合格" in texts[0]
    assert "返回课程页" not in texts[0] and "状态截至" not in texts[0]


def test_certificate_prints_long_entries_whole_in_one_font(open_page):
    """A long name and issuer wrap instead of being cut at a fixed-width field; dates read
    2025年5月1日; every line of the certificate is set in the same (CJK) font."""
    page = open_page("training/exam-1/certificate.html")
    name = "欧阳诸葛慕容司马上官东方皇甫尉迟公孙长孙宇文"
    issuer = "重庆市机关事务管理局机关事务标准化培训中心示例分中心"
    page.get_by_label("姓名（可在此输入，也可打印后手写）").fill(name)
    page.get_by_label("发证单位（可在此输入，也可打印后手写）").fill(issuer)
    texts, sizes = printed(page)
    assert len(texts) == 1 and sizes[0][0] > sizes[0][1], texts
    assert name in texts[0] and issuer in texts[0]
    assert "2025年5月1日" in texts[0] and "2025-05-01" not in texts[0]
    assert "同志于" in texts[0] and "经考试合格" in texts[0] and "特发此证" in texts[0]
    page.emulate_media(media="print")
    fonts = page.evaluate("""() => [...document.querySelectorAll(
        '.std-cert__title, .std-cert__text, .std-cert__sign p, .std-cert__blank')]
        .map(e => getComputedStyle(e).fontFamily)""")
    page.emulate_media(media="screen")
    assert len(set(fonts)) == 1 and "CJK" in fonts[0], set(fonts)


@pytest.mark.parametrize("course", ["exam-1", "plain-1", "exam-long"])
def test_signin_sheet_is_one_page(open_page, course):
    page = open_page(f"training/{course}/signin.html")
    texts, _ = printed(page)
    assert len(texts) == 1, texts
    assert "培训签到表" in texts[0] and "应到人数" in texts[0] and "实到人数" in texts[0] and "20" in texts[0]


def test_evaluation_form_is_one_page(open_page):
    page = open_page("training/plain-1/evaluation.html")
    texts, _ = printed(page)
    assert len(texts) == 1, texts
    assert "培训效果评估表" in texts[0] and "对本次培训的总体评价" in texts[0] and "对今后的培训有哪些建议" in texts[0]


@pytest.fixture(scope="module")
def handout(open_page):
    """The learner handout of plain-1 as printed, and each table's right edge beside its article's
    when laid out for print."""
    page = open_page("training/plain-1.html")
    texts = printed(page)[0]
    page.emulate_media(media="print")
    edges = page.evaluate("[...document.querySelectorAll('article table')].map(t => "
                          "[t.getBoundingClientRect().right, t.closest('article').getBoundingClientRect().right])")
    page.emulate_media(media="screen")
    return texts, edges


def test_trainer_printout_is_marked_on_every_page_and_the_handout_is_not(open_page, handout):
    page = open_page("training/plain-1.html?view=trainer")
    trainer, _ = printed(page)
    assert len(trainer) >= 2
    assert all("讲师版" in t for t in trainer)
    assert "请学员先说说本单位的派车流程" in "".join(trainer) and "正确答案:A.先审后派;B.就近派车" in "".join(trainer)
    learner, _ = handout
    assert not any("讲师版" in t for t in learner)
    assert "学员讲义" in learner[0]
    joined = "".join(learner)
    assert "要点回顾" in joined and joined.count("回场后登记里程") == 2     # the box and 要点回顾 are printed
    assert "请学员先说说本单位的派车流程" not in "".join(learner) and "正确答案" not in "".join(learner)


def test_handout_table_rows_are_never_split_nor_cut(handout):
    texts, edges = handout
    assert len(texts) >= 2
    for n in range(1, 46):
        first = [i for i, t in enumerate(texts) if f"行{n}甲" in t]
        last = [i for i, t in enumerate(texts) if f"行{n}丙" in t]
        assert first and first == last, (n, first, last)                        # right column printed…
        assert f"行{n}乙:一段较长的说明文字" in texts[first[0]] or f"行{n}乙：一段较长的说明文字" in texts[first[0]]
    assert edges and all(right <= edge + 1 for right, edge in edges), edges      # …and inside the paper


# -- the course page -----------------------------------------------------------------------------
def test_multiple_choice_in_an_ordinary_quiz(open_page):
    page = open_page("training/plain-1.html")
    item = page.locator(".std-quiz__item", has_text="哪些原则")
    item.locator("label", has_text="先审后派").click()
    item.get_by_role("button", name="确定").click()
    assert "回答错误" in item.locator(".std-quiz__feedback").inner_text()
    item.locator("label", has_text="就近派车").click()
    item.get_by_role("button", name="确定").click()
    assert item.locator(".std-quiz__feedback").inner_text() == "✓ 回答正确！"


def test_keypoints_are_gathered_and_attachments_linked(bundle, open_page):
    page = open_page("training/plain-1.html")
    review = page.locator("h2#keypoints + *").locator("xpath=..").locator(".std-keypoints")
    assert review.count() == 2
    assert "先审后派" in review.nth(0).inner_text() and "回场后登记里程" in review.nth(1).inner_text()
    assert review.nth(0).locator("a.std-ref").count() == 1                     # [[refs]] stay links
    links = page.locator(".std-attachments a")
    assert links.all_inner_texts() == ["课件（PPT）", "讲义（PDF）", "派车演示视频"]
    for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        from urllib.parse import unquote
        assert (bundle / "training" / unquote(href)).is_file(), href
    assert (bundle / "training/plain-1/派车实务-评估汇总.xlsx").is_file()


def test_the_trainer_view_does_not_reveal_an_exams_answers(open_page):
    """The 讲师视图 switch on the exam page showed every answer and explanation before 交卷."""
    page = open_page("training/exam-1.html")
    page.get_by_role("button", name="讲师视图").click()
    assert page.locator("html.std-trainer-view").count() == 1
    boxes = page.locator(".std-quiz--exam .std-quiz__answer")
    assert boxes.count() == 4 and all(boxes.nth(i).is_hidden() for i in range(4))
    assert page.get_by_role("link", name="答案（讲师版）").count() == 0        # the key is not one click away
    # the view's label says where the trainer finds the answers (not "显示测验答案")
    assert "答案（讲师版）在本课程的签到表页" in page.locator("[data-std-view-label]").first.inner_text()
    texts, _ = printed(page)                                # the trainer printout of the exam page
    assert "解析" not in "".join(texts) and "正确答案" not in "".join(texts)
    for question, options in ALL_RIGHT:                     # after 交卷 the answers are shown
        answer(page, question, *options)
    submit(page)
    assert all(boxes.nth(i).is_visible() for i in range(4))


def test_the_trainer_url_does_not_reveal_an_exams_answers(open_page):
    page = open_page("training/exam-1.html?view=trainer")
    boxes = page.locator(".std-quiz--exam .std-quiz__answer")
    assert all(boxes.nth(i).is_hidden() for i in range(boxes.count()))


def test_the_answer_key_is_linked_from_the_signin_sheet_not_the_exam(open_page):
    page = open_page("training/exam-1/signin.html")
    page.get_by_role("link", name="答案（讲师版）").click()
    assert page.url.endswith("training/exam-1/answers.html")
    assert "讲师版" in page.locator(".std-trainer-banner").inner_text()


def test_the_qr_code_is_for_desktop_and_print_not_the_phone(bundle, browser, open_page):
    page = open_page("training/plain-1.html")
    qr = page.locator(".std-course-qr svg")
    assert qr.is_visible()
    page.emulate_media(media="print")
    assert qr.is_visible()
    page.emulate_media(media="screen")
    phone = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        p = phone.new_page()
        p.goto((bundle / "training/plain-1.html").as_uri())
        assert p.locator(".std-course-qr svg").count() == 1 and p.locator(".std-course-qr svg").is_hidden()
        assert p.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        phone.close()

"""Course pages in headless Chromium: the 讲师视图 switch and quizzes answered on the page.

One small project is built once for the module; the built site is also checked for the build's
warnings and for trainer notes and quiz answers kept out of the search index.
"""
from __future__ import annotations

import json

import pytest

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, run_build, serve_directory, write_tree

COURSE = """\
---
id: cars-101
title: 公务用车管理
audience: [领导干部]
minutes: 60
objectives: [掌握派车要求]
standards: [Q/CQJG 101-2023, Q/CQJG 100-2019]
---

## 派车
<!-- minutes: 20 -->

派车见 [[Q/CQJG 101-2023#5.1]]。

!!! instructor "讲师提示"
    请先请学员谈谈本单位的派车流程。

## 更新
<!-- minutes: 30 -->

```quiz
- q: 公务用车更新的使用年限条件是多少年?
  options: [5年, 8年, 10年]
  answer: 8年
  explain: 见 [[Q/CQJG 101-2023#6.1]]
```
"""

OLD = """\
code: Q/CQJG 100-2019
title: 旧版公务用车规范
level: 组织内部标准
framework: YX-GC-01
effective: 2019-01-01
abolished: 2023-01-01
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("training")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                    "standards/db1016.yaml": STANDARD_YAML, "standards/old.yaml": OLD,
                                    "courses/cars.md": COURSE})
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result


@pytest.fixture(scope="module")
def site_url(built):
    with serve_directory(built[0]) as url:
        yield url


@pytest.fixture(scope="module")
def shared(browser):
    """One browser context for the module (its cache keeps page loads fast); every test reloads."""
    context = browser.new_context(locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.fixture
def page(shared):
    shared.emulate_media(media="screen")
    return shared


def test_build_warns_but_succeeds(built):
    _, result = built
    assert "courses/cars.md:5: 警告：各模块时长合计 50 分钟，与课程总时长 minutes: 60 不一致" in result.stderr
    assert "courses/cars.md:7: 警告：课程「公务用车管理」引用的标准 「Q/CQJG 100-2019」 当前状态为「废止」" in result.stderr


def test_trainer_notes_and_answers_stay_out_of_search(built):
    site, _ = built
    index = (site / "search" / "stdsearch.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1: index.rindex(")")])
    course = [p for p in data["pages"] if p[0].startswith("training/cars-101/")]
    assert course and not any(p[0].startswith("training/cars-101/signin") for p in data["pages"])
    text = json.dumps(course, ensure_ascii=False)
    assert "公务用车更新的使用年限条件是多少年" in text          # questions are searchable
    assert "派车流程" not in text and "正确答案" not in text and "解析" not in text


def test_trainer_note_hidden_for_learners_and_shown_by_the_switch(page, site_url):
    page.goto(site_url + "training/cars-101/", wait_until="domcontentloaded")
    note = page.get_by_text("请先请学员谈谈本单位的派车流程。")
    switch = page.get_by_role("button", name="讲师视图")
    assert switch.is_visible()
    assert note.is_hidden()
    switch.click()
    assert note.is_visible()
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.locator(".std-quiz__answer").first.is_visible()      # the trainer sees the answers
    switch.click()
    assert note.is_hidden()
    assert page.locator(".std-quiz__answer").first.is_hidden()


def test_trainer_url_opens_the_trainer_view(page, site_url):
    page.goto(site_url + "training/cars-101/?view=trainer", wait_until="domcontentloaded")
    assert page.get_by_text("请先请学员谈谈本单位的派车流程。").is_visible()


def test_learner_handout_prints_without_notes_or_answers(page, site_url):
    page.goto(site_url + "training/cars-101/", wait_until="domcontentloaded")
    page.locator(".std-quiz__choice", has_text="8年").click()      # answered on screen…
    page.emulate_media(media="print")
    assert page.locator(".std-quiz__answer").first.is_hidden()     # …but not on the handout
    assert page.get_by_text("请先请学员谈谈本单位的派车流程。").is_hidden()
    page.evaluate("document.documentElement.classList.add('std-trainer-view')")
    assert page.locator(".std-quiz__answer").first.is_visible()    # the trainer printout has both
    assert page.get_by_text("请先请学员谈谈本单位的派车流程。").is_visible()


def test_quiz_answer_gives_feedback(page, site_url):
    page.goto(site_url + "training/cars-101/", wait_until="domcontentloaded")
    item = page.locator(".std-quiz__item").first
    feedback = item.locator(".std-quiz__feedback")
    answer = item.locator(".std-quiz__answer")
    assert feedback.is_hidden() and answer.is_hidden()
    assert "8年" not in page.locator("article").inner_text().split("10年")[1]   # no answer text shown yet
    item.locator(".std-quiz__choice", has_text="5年").click()
    assert feedback.is_visible() and "回答错误" in feedback.inner_text()
    assert answer.is_visible()
    assert "正确答案：B. 8年" in answer.inner_text() and "Q/CQJG 101-2023 第 6.1 条" in answer.inner_text()
    item.locator(".std-quiz__choice", has_text="8年").click()
    assert "回答正确" in feedback.inner_text()
    assert "is-right" in item.locator(".std-quiz__choice", has_text="8年").get_attribute("class")
    assert "is-wrong" not in (item.locator(".std-quiz__choice", has_text="5年").get_attribute("class") or "")


def test_signin_sheet_and_warning_box(page, site_url):
    page.goto(site_url + "training/cars-101/", wait_until="domcontentloaded")
    assert "不是现行标准" in page.locator(".std-course-warning").inner_text()
    page.get_by_role("link", name="签到表").click()
    page.wait_for_url("**/training/cars-101/signin/")
    assert page.locator(".std-signin__table tbody tr").count() == 20
    assert "课程：公务用车管理" in page.locator(".std-signin").inner_text()

"""Courses: loader, quiz validator (one case per rule, with file, line and message), course
warnings, quiz rendering and the training pages' Markdown."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import markdown
import pytest

from stdsite.derive.warnings import catalog_warnings
from stdsite.derive.catalog import Catalog
from stdsite.derive.warnings import course_warnings
from support import load_project
from stdsite.render import printouts, training
from stdsite.urls import Links
from stdsite.render.context import RenderContext
from stdsite.render.blocks.quiz import render_quiz

AS_OF = dt.date(2025, 6, 30)

COURSE = """\
---
id: cars-101
title: 公务用车管理
audience: [领导干部, 管理人员]
minutes: 50
objectives: [掌握派车要求]
standards: [Q/CQJG 101-2023]
---

## 派车
<!-- minutes: 20 -->

派车见 [[Q/CQJG 101-2023#5.1]]。

!!! instructor "讲师提示：开场"
    讲师备注文字。

## 更新
<!-- minutes: 30 -->

```quiz
- q: 公务用车更新的使用年限条件是多少年?
  options: [5年, 8年, 10年]
  answer: 8年
  explain: 见 [[Q/CQJG 101-2023#6.1]]
- q: 派车是否需要登记?
  options: [需要, 不需要]
  answer: 0
```

```text
!!! instructor "这是示例代码"
    不是讲师提示
```
"""

OLD_STANDARD = """\
code: Q/CQJG 100-2019
title: 旧版公务用车规范
level: 组织内部标准
framework: YX-GC-01
effective: 2019-01-01
abolished: 2023-01-01
"""


def load(make_project, files: dict):
    src = make_project(files)
    project, problems = load_project(src)
    return src, project, problems


def messages(problems, src, name="courses/c.md") -> list[tuple[int | None, str]]:
    """(line, message) of every error reported on one file."""
    path = f"{str(src).rstrip('/')}/{name}"
    return [(e.line, e.message) for e in problems.errors if e.path == path]


def quiz_course(quiz: str) -> str:
    """A course whose quiz YAML starts on line 7 (quiz line k is file line 6 + k)."""
    return "---\nid: q\ntitle: 测验\n---\n\n```quiz\n" + quiz + "```\n"


# -- loader ---------------------------------------------------------------------------------------
def test_course_loads_with_modules_and_quiz(make_project):
    src, project, problems = load(make_project, {"courses/c.md": COURSE})
    assert not problems.errors, problems.errors
    (course,) = project.courses
    assert course.id == "cars-101" and course.audience == ("领导干部", "管理人员")
    assert [(m.title, m.minutes, m.line) for m in course.modules] == [("派车", 20, 10), ("更新", 30, 18)]
    quiz = course.blocks[0].parsed
    first, second = quiz.questions
    assert (first.q, first.options, first.answers, first.line) == ("公务用车更新的使用年限条件是多少年?", ("5年", "8年", "10年"), (1,), 22)
    assert first.explain == "见 [[Q/CQJG 101-2023#6.1]]"
    assert (second.answers, second.explain, second.multi, second.points) == ((0,), None, False, 1)


def test_answer_text_is_compared_after_normalising_full_width(make_project):
    src, project, problems = load(make_project, {"courses/c.md": quiz_course(
        "- q: 题\n  options: [ＡＢ, 乙]\n  answer: AB\n")})
    assert not problems.errors
    assert project.courses[0].blocks[0].parsed.questions[0].answers == (0,)


@pytest.mark.parametrize("quiz, line, message", [
    ("q: 题\noptions: [甲, 乙]\nanswer: 甲\n", 7, "「quiz」块应为题目列表，每道题以「- q:」开头"),
    ("[]\n", 6, "「quiz」块应为题目列表"),
    ("- 题目文字\n", 7, "第 1 题应写成「字段: 值」的形式"),
    ("- options: [甲, 乙]\n  answer: 甲\n", 7, "第 1 题缺少必填字段「q」（题目）"),
    ("- q: 题\n  answer: 甲\n", 7, "第 1 题缺少必填字段「options」（选项）"),
    ("- q: 题\n  options: [甲, 乙]\n", 7, "第 1 题缺少必填字段「answer」（答案）"),
    ("- q: 123\n  options: [甲, 乙]\n  answer: 0\n", 7, "字段「q」应为文字，实际是数字 「123」；请加引号"),
    ("- q: 题\n  options: 甲\n  answer: 甲\n", 8, "第 1 题的选项「options」应为列表，如 options: [5年, 8年, 10年]"),
    ("- q: 题\n  options: [甲]\n  answer: 0\n", 8, "第 1 题至少需要 2 个选项，实际只有 1 个"),
    ("- q: 题\n  options: [甲, 乙, 甲]\n  answer: 0\n", 8, "第 1 题的选项 「甲」 重复（第 1 个选项已有）"),
    ("- q: 题\n  options:\n    - 甲\n    - 乙\n    - 甲\n  answer: 0\n", 11, "第 1 题的选项 「甲」 重复"),
    ("- q: 题\n  options: [5, 8]\n  answer: 0\n", 8, "字段「options」应为文字，实际是数字 「5」；请加引号"),
    ("- q: 题\n  options: [5年, 8年]\n  answer: 9年\n", 9, "第 1 题的答案 「9年」 不是任何一个选项（选项：5年、8年）"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: '1'\n", 9, "请不要加引号（answer: 1）"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 2\n", 9, "第 1 题的答案序号 「2」 超出范围：共 2 个选项，序号从 0 数起，应为 0 到 1"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: -1\n", 9, "答案序号 「-1」 超出范围"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: {a: 1}\n", 9, "第 1 题的答案 「{a: …}」 无效：应为正确选项的文字，或它的序号（从 0 数起）；多选题写成列表"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: true\n", 9, "第 1 题的答案 「true」 无效"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 1.5\n", 9, "第 1 题的答案 「1.5」 无效"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  answr: 甲\n", 10, "第 1 题中有未知字段 「answr」，是否应为「answer」？"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  explain: 见 [[GB/T 9999-2000]]\n", 10,
     "解析中引用的标准 「GB/T 9999-2000」 不存在"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  explain: 见 [[Q/CQJG 101-2023#9.9]]\n", 10,
     "解析中引用的标准 「Q/CQJG 101-2023」 没有条款 「9.9」"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  explain: 见 [[#5.1]]\n", 10, "解析中引用 「[[#5.1]]」 缺少标准编号"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n- q: 题二\n  options: [甲, 乙]\n  answer: 丙\n", 12,
     "第 2 题的答案 「丙」 不是任何一个选项"),
])
def test_quiz_rule(make_project, quiz, line, message):
    src, project, problems = load(make_project, {"courses/c.md": quiz_course(quiz)})
    found = messages(problems, src)
    assert any(l == line and message in m for l, m in found), found


def test_every_quiz_problem_is_reported_in_one_pass(make_project):
    quiz = "- q: 题\n  options: [甲, 甲]\n  answer: 0\n- q: 题二\n  options: [甲, 乙]\n  answer: 5\n"
    src, project, problems = load(make_project, {"courses/c.md": quiz_course(quiz)})
    assert [l for l, _ in messages(problems, src)] == [8, 12]



# -- warnings ---------------------------------------------------------------------------------------
def test_module_minutes_that_disagree_are_a_warning(make_project):
    course = COURSE.replace("minutes: 50", "minutes: 45")
    src, project, problems = load(make_project, {"courses/c.md": course})
    assert not problems.errors
    warnings = course_warnings(Catalog(project, AS_OF))
    assert [(w.line, w.message, w.warning) for w in warnings] == [
        (5, "各模块时长合计 50 分钟，与课程总时长 minutes: 45 不一致", True)]


def test_module_without_minutes_is_named(make_project):
    course = COURSE.replace("minutes: 50", "minutes: 45").replace("<!-- minutes: 30 -->\n", "")
    src, project, problems = load(make_project, {"courses/c.md": course})
    (warning,) = course_warnings(Catalog(project, AS_OF))
    assert warning.message == "各模块时长合计 20 分钟，与课程总时长 minutes: 45 不一致（模块 「更新」 未标注时长）"


def test_citing_a_standard_that_is_not_current_is_a_warning(make_project):
    course = COURSE.replace("standards: [Q/CQJG 101-2023]", "standards: [Q/CQJG 101-2023, Q/CQJG 100-2019]")
    course = course.replace("讲师备注文字。", "讲师备注文字，旧规定见 [[Q/CQJG 100-2019]]。")
    src, project, problems = load(make_project, {"courses/c.md": course, "standards/old.yaml": OLD_STANDARD})
    assert not problems.errors
    warnings = catalog_warnings(Catalog(project, AS_OF))
    mine = [w for w in warnings if w.path.endswith("courses/c.md")]
    assert [(w.line, w.message) for w in mine] == [
        (7, "课程「公务用车管理」引用的标准 「Q/CQJG 100-2019」 当前状态为「废止」，请核对课程内容")]
    # as of 2022 the old one was in force and the new one not yet: 即将实施 is a warning too
    earlier = course_warnings(Catalog(project, dt.date(2022, 6, 30)))
    assert [w.message for w in earlier] == ["课程「公务用车管理」引用的标准 「Q/CQJG 101-2023」 当前状态为「即将实施」，请核对课程内容"]


def test_body_reference_to_a_replaced_standard_names_the_replacement(make_project):
    new = OLD_STANDARD.replace("Q/CQJG 100-2019", "Q/CQJG 100-2024").replace("abolished: 2023-01-01", "replaces: [Q/CQJG 100-2019]")
    old = OLD_STANDARD.replace("abolished: 2023-01-01\n", "")
    course = COURSE.replace("派车见 [[Q/CQJG 101-2023#5.1]]。", "旧规定见 [[Q/CQJG 100-2019]]。")
    src, project, problems = load(make_project, {"courses/c.md": course, "standards/old.yaml": old,
                                                 "standards/new.yaml": new.replace("2019-01-01", "2024-01-01")})
    assert not problems.errors
    (warning,) = course_warnings(Catalog(project, AS_OF))
    assert warning.line == 13
    assert "当前状态为「被代替」，已被 Q/CQJG 100-2024 代替" in warning.message


# -- quiz rendering ----------------------------------------------------------------------------------
class VisibleText(HTMLParser):
    """Text a reader sees: everything outside elements with the `hidden` attribute."""

    VOID = {"br", "img", "input", "hr", "meta", "link"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(any(k == "hidden" for k, _ in attrs) or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "".join(parser.parts)


def context(project, directory_urls=True) -> RenderContext:
    return RenderContext(Catalog(project, AS_OF), Links(directory_urls))


def test_quiz_renders_questions_with_answers_hidden(make_project):
    src, project, _ = load(make_project, {"courses/c.md": COURSE})
    course = project.courses[0]
    html = render_quiz(context(project), course.blocks[0], "training/cars-101.md", course)
    assert html.count('class="std-quiz__item"') == 2
    assert 'data-answer="1"' in html and 'data-answer="0"' in html
    assert '<button type="button" class="std-quiz__choice" data-index="2"><span class="std-quiz__letter">C</span>' in html
    shown = visible(html)
    assert "5年" in shown and "8年" in shown and "派车是否需要登记?" in shown
    assert "正确答案" not in shown and "解析" not in shown
    assert re.search(r'<div class="std-quiz__answer" data-search-exclude hidden><p class="std-quiz__key">'
                     r'<strong>正确答案：</strong><span data-std-key>B\. 8年</span></p><p class="std-quiz__explain"><strong>解析：</strong>见 '
                     r'<a class="std-ref" href="\.\./\.\./standards/q-cqjg-101-2023/#6\.1" title="公务用车使用管理规范">'
                     r'Q/CQJG 101-2023 第 6\.1 条</a></p></div>', html)


def test_quiz_links_follow_the_offline_bundle_layout(make_project):
    src, project, _ = load(make_project, {"courses/c.md": COURSE})
    course = project.courses[0]
    html = render_quiz(context(project, directory_urls=False), course.blocks[0], "training/cars-101.md", course)
    assert 'href="../standards/q-cqjg-101-2023.html#6.1"' in html


def test_quiz_text_is_escaped(make_project):
    quiz = ('- q: "<script>alert(1)</script>"\n  options: ["a&b", "\\"x\\" <i>"]\n  answer: 0\n'
            '  explain: "<b>粗</b> 见 [[Q/CQJG 101-2023]]"\n')
    src, project, problems = load(make_project, {"courses/c.md": quiz_course(quiz)})
    assert not problems.errors
    course = project.courses[0]
    html = render_quiz(context(project), course.blocks[0], "training/q.md", course)
    assert "<script>" not in html and "<i>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "a&amp;b" in html and "&quot;x&quot; &lt;i&gt;" in html
    assert "&lt;b&gt;粗&lt;/b&gt; 见 <a class=\"std-ref\"" in html


# -- pages -----------------------------------------------------------------------------------------
def to_html(page: str) -> str:
    body = page.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "admonition", "toc", "tables",
                                               "pymdownx.superfences"])


def test_course_page(make_project):
    src, project, _ = load(make_project, {"courses/c.md": COURSE})
    ctx = context(project)
    page = training.course_page(ctx, project.courses[0])
    assert '<div class="std-instructor" data-search-exclude="true" markdown="1">\n\n!!! instructor "讲师提示：开场"' in page
    assert "minutes:" not in page.split("---\n", 2)[2]
    html = to_html(page)
    assert re.search(r'<div class="std-instructor" data-search-exclude="true">\s*<div class="admonition instructor">\s*'
                     r'<p class="admonition-title">讲师提示：开场</p>\s*<p>讲师备注文字。</p>', html)
    assert '<h2 id="module-1">派车</h2>\n<p class="std-module-minutes">本模块 20 分钟</p>' in html
    assert '<a href="#module-2">更新</a>' in html
    assert '<button type="button" class="std-viewswitch" data-std-view-switch aria-pressed="false"' in html
    assert ">讲师视图</button>" in html
    assert 'href="signin/"' in html
    assert 'href="../../standards/q-cqjg-101-2023/#5.1">5.1 派车</a>' in html        # clauses the course cites
    # the sample inside a code fence is left alone
    assert '<code>!!! instructor "这是示例代码"' in html
    assert html.count('class="std-instructor"') == 1
    assert "std-course-warning" not in html


def test_course_page_warns_about_a_standard_that_is_not_current(make_project):
    course = COURSE.replace("standards: [Q/CQJG 101-2023]", "standards: [Q/CQJG 101-2023, Q/CQJG 100-2019]")
    src, project, _ = load(make_project, {"courses/c.md": course, "standards/old.yaml": OLD_STANDARD})
    html = to_html(training.course_page(context(project), project.courses[0]))
    warning = re.search(r'<div class="std-course-warning".*?</div>', html, re.S).group(0)
    assert "不是现行标准" in warning and "Q/CQJG 100-2019 旧版公务用车规范" in warning and "废止" in warning


def test_instructor_admonition_without_title_gets_a_chinese_one(make_project):
    course = COURSE.replace('!!! instructor "讲师提示：开场"', "??? instructor")
    src, project, _ = load(make_project, {"courses/c.md": course})
    page = training.course_page(context(project), project.courses[0])
    assert '??? instructor "讲师提示"\n    讲师备注文字。\n\n</div>' in page


def test_index_groups_courses_by_audience(make_project):
    other = COURSE.replace("id: cars-101", "id: staff-1").replace("title: 公务用车管理", "title: 驾驶员培训") \
        .replace("audience: [领导干部, 管理人员]", "audience: 一线职工")
    src, project, _ = load(make_project, {"courses/c.md": COURSE, "courses/d.md": other})
    page = training.index_page(context(project))
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    assert [s.split(" ")[0] for s in sections] == ["领导干部", "管理人员", "一线职工"]
    assert "公务用车管理" in sections[0] and "公务用车管理" in sections[1] and "驾驶员培训" in sections[2]
    assert "驾驶员培训" not in sections[0]
    assert "时长：50 分钟" in sections[0] and "<li>掌握派车要求</li>" in sections[0]
    assert 'href="../standards/q-cqjg-101-2023/">Q/CQJG 101-2023 公务用车使用管理规范</a>' in sections[0]
    assert [list(e.values())[0] if isinstance(e, dict) else e for e in training.nav(context(project))] == [
        "training/index.md", "training/cars-101.md", "training/staff-1.md", "training/sessions.md"]


def test_sessions_page_totals(make_project):
    sessions = """\
    - {date: 2024-12-20, course: cars-101, place: 市机关事务局, attendees: 10, hours: 0.5, audience: 管理人员}
    - {date: 2025-05-20, course: cars-101, place: 市机关事务局, attendees: 120, hours: 1.5, trainer: 王老师, audience: 领导干部}
    - {date: 2025-06-01, course: cars-101, place: 渝中区, attendees: 30}
    - {date: 2025-09-01, course: cars-101, place: 江北区, attendees: 50, hours: 2, audience: 领导干部}
    """
    src, project, problems = load(make_project, {"courses/c.md": COURSE, "training_sessions.yaml": sessions})
    assert not problems.errors
    page = training.sessions_page(context(project))
    assert "截至 2025-06-30，共举办培训 3 场，参训 160 人次，合计 185 学时" in page
    assert '2025-09-01 <span class="std-tag">待举行</span>' in page
    # cells carry their column's name for phones (data-label) and a space between them: compare the values
    page = re.sub(r'</td> <td| data-label="[^"]*"', lambda m: "</td><td" if m.group().startswith("</") else "", page)
    listing = page.split("培训场次")[1].split("按年度统计")[0]
    assert ('<td>领导干部</td><td>王老师</td><td>市机关事务局</td><td>120</td>'
            '<td>180<br><span class="std-muted">每人 1.5</span></td>') in listing
    assert '<td>未注明</td><td>—</td><td>渝中区</td><td>30</td><td><span class="std-muted">学时未填</span></td>' in listing
    by_year = page.split("按年度统计")[1].split("按培训对象统计")[0]
    assert "<tr><td>2024</td><td>1</td><td>10</td><td>5</td></tr>" in by_year
    assert '<tr><td>2025</td><td>2</td><td>150</td><td>180<span class="std-muted">（1 场学时未填）</span></td></tr>' in by_year
    assert "2026" not in by_year and "<strong>160</strong>" in by_year
    by_audience = page.split("按培训对象统计")[1].split("按课程统计")[0]
    assert "<tr><td>领导干部</td><td>1</td><td>120</td><td>180</td></tr>" in by_audience   # the session's own audience
    assert "<tr><td>管理人员</td><td>1</td><td>10</td><td>5</td></tr>" in by_audience
    assert "<tr><td>一线职工</td><td>0</td><td>0</td><td>0</td></tr>" in by_audience
    assert '<tr><td>未注明</td><td>1</td><td>30</td><td>0<span class="std-muted">（1 场学时未填）</span></td></tr>' in by_audience
    by_course = page.split("按课程统计")[1]
    assert '公务用车管理</a></td><td>3</td><td>160</td><td>185' in by_course
    # the 看板 counts the plan period only (Part 1 default: 十四五, 2021–2025): said in plain words
    assert ("“培训覆盖人次”只统计当前规划期（“十四五”，2021-01-01 至 2025-12-31）内、截至 2025-06-30 "
            "已举办的培训，为 160 人次") in page


def test_sessions_page_says_the_dashboard_counts_only_the_period(make_project):
    targets = "period: {name: 试点期, start: 2025-01-01, end: 2025-12-31}\n"
    sessions = "- {date: 2024-12-20, course: cars-101, attendees: 10}\n- {date: 2025-05-20, course: cars-101, attendees: 120}\n"
    src, project, problems = load(make_project, {"courses/c.md": COURSE, "training_sessions.yaml": sessions,
                                                 "targets.yaml": targets})
    assert not problems.errors
    page = training.sessions_page(context(project))
    assert "参训 130 人次" in page
    assert "只统计当前规划期（试点期，2025-01-01 至 2025-12-31）内、截至 2025-06-30 已举办的培训，为 120 人次" in page
    assert "targets.yaml" not in page and "training_sessions" not in page


def test_sessions_page_without_sessions(make_project):
    src, project, _ = load(make_project, {"courses/c.md": COURSE})
    assert "暂无培训记录" in training.sessions_page(context(project))


def test_signin_sheet(make_project):
    src, project, _ = load(make_project, {"courses/c.md": COURSE})
    page = printouts.signin_page(context(project), project.courses[0])
    assert page.startswith('---\ntitle: "签到表：公务用车管理"\nsearch: {"exclude": true}\n---')
    assert "课程：公务用车管理" in page and "培训日期：" in page and "培训地点：" in page and "授课讲师：" in page
    assert "<th>姓名</th><th>单位</th><th>签名</th>" in page
    assert page.count('<td class="std-signin__no">') == printouts.SIGNIN_ROWS == 20
    assert "应到人数" in page and "实到人数" in page
    assert training.pages(context(project)).keys() >= {"training/cars-101.md", "training/cars-101/signin.md"}

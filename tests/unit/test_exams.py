"""Exams, 学时 and the training printouts: every new validation rule with its exact `path:line:`
message (all found in one pass), exact scoring weights, the 试卷 without answers, the 答案 and
certificate pages, key points, 课件, and 评估汇总.xlsx (reproducible, formula-safe)."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from fractions import Fraction

import pytest

from stdsite.derive import exams
from stdsite.derive.catalog import Catalog
from stdsite.derive.courses import keypoints
from stdsite.derive.warnings import catalog_warnings
from stdsite.output.evaluation import evaluation_xlsx_bytes
from stdsite.render import exam, printouts, training
from stdsite.render.context import RenderContext
from stdsite.urls import Links
from support import load_project, run_build

AS_OF = dt.date(2025, 6, 30)


def exam_course(quiz: str, exam_line: str = "exam: {pass: 60}", extra: str = "") -> str:
    """An exam course: `exam` on line 4, the quiz YAML from line 8 (quiz line k is file line 7 + k)."""
    return f"---\nid: e\ntitle: 考试\n{exam_line}\n{extra}---\n\n```quiz\n{quiz}```\n"


def errors(make_project, files: dict) -> list[str]:
    src = make_project(files)
    _, problems = load_project(src)
    return [str(e).replace(str(src), "SRC") for e in problems.errors]


QUIZ = "- q: 题\n  options: [甲, 乙, 丁]\n  answer: 甲\n"


@pytest.mark.parametrize("exam_line, expected", [
    ("exam: {pass: 120}", "SRC/courses/c.md:4: 考试合格分数「pass」 「120」 应在 0 到 100 之间（得分百分比，如 pass: 60）"),
    ("exam: {pass: -1}", "SRC/courses/c.md:4: 考试合格分数「pass」 「-1」 应在 0 到 100 之间（得分百分比，如 pass: 60）"),
    ("exam: {shuffle: true}", "SRC/courses/c.md:4: 考试设置「exam」缺少必填字段「pass」（合格分数）"),
    ("exam: 60", "SRC/courses/c.md:4: 考试设置「exam」应写成 exam: {pass: 60}（合格分数，可加 shuffle: true），实际是 「60」"),
    ("exam: {pass: 六十}", "SRC/courses/c.md:4: 字段「pass」应为数字，实际是 「六十」"),
    ("exam: {pass: 60, shuffle: yes}", "SRC/courses/c.md:4: 字段「shuffle」应为 true 或 false，实际是 「yes」"),
    ("exam: {pass: 60, shufle: true}", "SRC/courses/c.md:4: 考试设置「exam」中有未知字段 「shufle」，是否应为「shuffle」？"),
])
def test_exam_settings(make_project, exam_line, expected):
    assert errors(make_project, {"courses/c.md": exam_course(QUIZ, exam_line)}) == [expected]


def test_an_exam_needs_questions(make_project):
    course = "---\nid: e\ntitle: 考试\nexam: {pass: 60}\n---\n\n## 一\n"
    assert errors(make_project, {"courses/c.md": course}) == [
        "SRC/courses/c.md:4: 考试课程的正文中没有考题：请用 ```quiz 代码块写出考题"]


@pytest.mark.parametrize("quiz, expected", [
    ("- q: 题\n  options: [甲, 乙, 丁]\n  answer: [甲, 丙]\n",
     "SRC/courses/c.md:10: 第 1 题的答案 「丙」 不是任何一个选项（选项：甲、乙、丁）"),
    ("- q: 题\n  options: [甲, 乙, 丁]\n  answer:\n    - 甲\n    - 3\n",
     "SRC/courses/c.md:12: 第 1 题的答案序号 「3」 超出范围：共 3 个选项，序号从 0 数起，应为 0 到 2"),
    ("- q: 题\n  options: [甲, 乙, 丁]\n  answer: [甲, 0]\n", "SRC/courses/c.md:10: 第 1 题的答案中选项 「甲」 写了两次"),
    ("- q: 题\n  options: [甲, 乙, 丁]\n  answer: []\n",
     "SRC/courses/c.md:10: 第 1 题的答案列表是空的：多选题至少写一个正确选项，如 answer: [0, 2]"),
    ("- q: 题\n  options: [甲, 乙, 丁]\n  answer: [[0, 1]]\n",
     "SRC/courses/c.md:10: 第 1 题的答案 「[0, 1]」 无效：多选题的答案列表中每项写一个选项的文字或序号"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  points: 0\n", "SRC/courses/c.md:11: 第 1 题的分值「points」 「0」 不能是 0 或负数：请写大于 0 的数字，如 points: 2（不写时每题 1 分）"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  points: -2\n", "SRC/courses/c.md:11: 第 1 题的分值「points」 「-2」 不能是 0 或负数：请写大于 0 的数字，如 points: 2（不写时每题 1 分）"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  points: 两分\n", "SRC/courses/c.md:11: 第 1 题的分值「points」 「两分」 不是数字：请写大于 0 的数字，如 points: 2（不写时每题 1 分）"),
    ("- q: 题\n  options: [甲, 乙]\n  answer: 0\n  points: true\n", "SRC/courses/c.md:11: 第 1 题的分值「points」 「true」 不是数字：请写大于 0 的数字，如 points: 2（不写时每题 1 分）"),
])
def test_question_rules(make_project, quiz, expected):
    assert errors(make_project, {"courses/c.md": exam_course(quiz)}) == [expected]


def test_points_are_allowed_in_an_ordinary_quiz(make_project):
    course = "---\nid: q\ntitle: 测验\n---\n\n```quiz\n- q: 题\n  options: [甲, 乙]\n  answer: [0]\n  points: 2.5\n```\n"
    src = make_project({"courses/c.md": course})
    project, problems = load_project(src)
    assert not problems.errors
    question = project.courses[0].blocks[0].parsed.questions[0]
    assert (question.answers, question.multi, question.points, question.kind) == ((0,), True, 2.5, "多选题")


def test_attachment_rules(make_project):
    course = ("---\nid: c\ntitle: 课程\nattachments:\n  - {file: 课件/a.mov, title: 视频}\n  - {file: 课件/缺.pptx}\n"
              "  - {file: ../../secret.pdf}\n  - {file: 课件/a.mp4}\n  - {file: 其他/a.mp4}\n---\n\n正文\n")
    found = errors(make_project, {"courses/c.md": course, "courses/课件/a.mov": b"x", "courses/课件/a.mp4": b"x",
                                  "courses/其他/a.mp4": b"x"})
    allowed = "7z、csv、doc、docx、et、gif、jpeg、jpg、mp4、ofd、pdf、png、ppt、pptx、rar、txt、wps、xls、xlsx、zip"
    assert found == [
        f"SRC/courses/c.md:5: 附件 「课件/a.mov」 的类型不能发布，可用：{allowed}",
        "SRC/courses/c.md:6: 附件 「课件/缺.pptx」 不存在（注意文件名大小写要完全一致）",
        "SRC/courses/c.md:7: 附件 「../../secret.pdf」 位于 standards_src/ 之外，不能发布",
        "SRC/courses/c.md:9: 附件 「其他/a.mp4」 与本课程的另一个附件同名，请改名",
    ]


def test_session_rules(make_project):
    sessions = ("- {date: 2025-01-01, course: c, attendees: 10, hours: 0}\n"
                "- {date: 2025-01-02, course: c, attendees: 10, hours: 两小时}\n"
                "- {date: 2025-01-03, course: c, attendees: 10, audience: 全体}\n"
                "- {date: 2025-01-04, course: c, attendees: 10, trainer: 3}\n"
                "- {date: 2025-01-05, course: c, attendees: 10, hours: 1.5, trainer: 王老师, unit: 示例局, audience: 一线职工}\n")
    course = "---\nid: c\ntitle: 课程\n---\n"
    assert errors(make_project, {"courses/c.md": course, "training_sessions.yaml": sessions}) == [
        "SRC/training_sessions.yaml:1: 学时「hours」 「0」 应为大于 0 的数字，如 hours: 1.5；学时未定的不写 hours",
        "SRC/training_sessions.yaml:2: 字段「hours」应为数字，实际是 「两小时」",
        "SRC/training_sessions.yaml:3: 字段「audience」的值 「全体」 无效，应为 领导干部 · 管理人员 · 一线职工 之一",
        "SRC/training_sessions.yaml:4: 字段「trainer」应为文字，实际是数字 「3」；请加引号，如 trainer: \"3\"",
    ]


def test_an_empty_keypoints_box_is_an_error(make_project):
    course = "---\nid: c\ntitle: 课程\n---\n\n## 一\n\n!!! keypoints \"要点\"\n- 没有缩进\n"
    assert errors(make_project, {"courses/c.md": course}) == [
        "SRC/courses/c.md:8: 要点框「keypoints」没有内容：要点写在它的下一行起，每行缩进 4 个空格"]


def test_every_new_problem_is_reported_in_one_check(make_project):
    quiz = ("- q: 题一\n  options: [甲, 乙]\n  answer: [甲, 丙]\n"
            "- q: 题二\n  options: [正确, 错误]\n  answer: 正确\n  points: 0\n")
    course = exam_course(quiz, "exam: {pass: 150}", "attachments: [{file: a.exe}]\n")
    src = make_project({"courses/c.md": course, "courses/a.exe": b"MZ",
                        "training_sessions.yaml": "- {date: 2025-01-01, course: e, attendees: 1, hours: -1}\n"})
    result = run_build("check", "--src", str(src), "--as-of", "2025-06-30")
    assert result.returncode == 1
    lines = [line.replace(str(src), "SRC") for line in result.stderr.splitlines() if line.startswith(str(src))]
    assert [line.split(": ", 1)[0] for line in lines] == [
        "SRC/courses/c.md:4", "SRC/courses/c.md:5", "SRC/courses/c.md:11", "SRC/courses/c.md:15",
        "SRC/training_sessions.yaml:1"]
    assert "「150」 应在 0 到 100 之间" in lines[0] and "「a.exe」 的类型不能发布" in lines[1]
    assert "「丙」 不是任何一个选项" in lines[2] and "分值「points」 「0」 不能是 0 或负数" in lines[3] and "「-1」" in lines[4]
    assert "Traceback" not in result.stderr


# -- scoring and pages -----------------------------------------------------------------------------
def test_weights_keep_the_ratios_exactly():
    assert exams.weights([1, 2, 1]) == [1, 2, 1]
    assert exams.weights([0.5, 1, 1.5]) == [1, 2, 3]
    assert exams.weights([0.1, 0.2]) == [1, 2]            # not 0.1's binary float
    assert exams.weights([119, 81]) == [119, 81]
    assert exams.exact(0.1) == Fraction(1, 10)


def test_pass_mark_is_the_least_score_that_can_be_scored(make_project):
    """60% of 13 points is 7.8, which no set of questions worth 1, 1.5 or 2 gives: the page names 8,
    the score a learner must really reach, and check warns on the exam line."""
    quiz = "".join(f"- q: 题{n}\n  options: [甲, 乙]\n  answer: 甲\n  points: {p}\n"
                   for n, p in enumerate([1, 2, 1, 1, 1, 2, 1, 1.5, 1.5, 1], 1))
    src = make_project({"courses/c.md": exam_course(quiz)})
    project, problems = load_project(src)
    assert not problems.errors
    course = project.courses[0]
    assert exams.pass_points(course) == Fraction(39, 5) and exams.reachable_pass_points(course) == 8
    assert "（合计的 60% 为 7.8 分，按各题分值实际须答对 8 分）" in exam.exam_summary(course)
    found = [str(w).replace(str(src), "SRC") for w in catalog_warnings(Catalog(project, AS_OF))]
    assert found == ["SRC/courses/c.md:4: 警告：考试合格线是各题分值合计 13 分的 60%，即 7.8 分，但按各题的分值（points）"
                     "凑不出这个分数，实际至少要答对 8 分才能通过；请调整各题的 points 或合格分数 pass，使合格线正好能达到"]


def test_a_reachable_pass_mark_gives_no_warning(make_project):
    quiz = "".join(f"- q: 题{n}\n  options: [甲, 乙]\n  answer: 甲\n  points: {p}\n" for n, p in enumerate([1, 2, 2], 1))
    project, _ = load_project(make_project({"courses/c.md": exam_course(quiz)}))
    course = project.courses[0]
    assert exams.reachable_pass_points(course) == 3 == exams.pass_points(course)
    assert catalog_warnings(Catalog(project, AS_OF)) == []
    assert "（答对的分值须达到 3 分）" in exam.exam_summary(course)


EXAM = """\
---
id: cars-exam
title: 公务用车考试
audience: 管理人员
exam: {pass: 60, shuffle: true}
---

## 派车
<!-- minutes: 10 -->

```quiz
- q: 派车结果多久通知?
  options: [10 分钟, 30 分钟]
  answer: 1
  explain: 见 [[Q/CQJG 101-2023#5.1]] 的秘密解析。
- q: 派车原则有哪些?
  options: [先审后派, 就近派车, 先到先派]
  answer: [0, 1]
  points: 1.5
```

!!! keypoints "要点"
    - 先审后派，见 [[Q/CQJG 101-2023#5.1]]；

!!! instructor "讲师提示"
    讲师备注。

## 判断
<!-- minutes: 5 -->

```quiz
- q: 公务用车可以私用。
  options: [正确, 错误]
  answer: 错误
  points: 0.5
```

!!! keypoints "要点"
    - 公车不私用。

```text
!!! keypoints "代码示例"
    - 这不是要点
```
"""


@pytest.fixture
def exam_project(make_project):
    src = make_project({"courses/e.md": EXAM, "training_sessions.yaml":
                        "- {date: 2025-03-01, course: cars-exam, attendees: 12, hours: 0.5}\n"
                        "- {date: 2025-09-01, course: cars-exam, attendees: 12, hours: 2}\n"})
    project, problems = load_project(src)
    assert not problems.errors, problems.errors
    return project


def context(project) -> RenderContext:
    return RenderContext(Catalog(project, AS_OF), Links(True))


def test_exam_questions_are_numbered_across_blocks_and_weighted(exam_project):
    course = exam_project.courses[0]
    assert [q.kind for q in exams.questions(course)] == ["单选题", "多选题", "判断题"]
    assert exams.total_points(course) == 3 and exams.pass_points(course) == Fraction(9, 5)
    page = training.course_page(context(exam_project), course)
    assert '<ol class="std-quiz__list" start="3">' in page
    assert 'data-answer="0,1" data-multi data-weight="3" data-points="1.5"' in page
    assert 'data-answer="1" data-weight="1" data-points="0.5"' in page
    assert 'type="checkbox" name="q2" value="2"' in page and 'type="radio" name="q3" value="1"' in page
    ctx = context(exam_project)
    panel = exam.exam_panel(ctx, course)
    assert 'data-pass-num="60" data-pass-den="1" data-shuffle="1"' in panel
    assert "本考试共 3 题，各题分值合计 3 分，按百分制计分，60 分及以上为通过（合计的 60% 为 1.8 分，按各题分值实际须答对 2 分）。" in panel


def test_paper_holds_no_answer(exam_project):
    course = exam_project.courses[0]
    page = exam.paper_page(context(exam_project), course)
    assert page.startswith('---\ntitle: "试卷：公务用车考试"\nsearch: {"exclude": true}\n---')
    assert "派车结果多久通知?" in page and "B. 30 分钟" in page and "（1.5 分）" in page
    for leak in ("秘密解析", "data-answer", "std-box--key", "✓", "正确答案", "答案", "讲师"):
        assert leak not in page, leak
    assert page.count('<span class="std-box"></span>') == 7


def test_answers_page_is_for_the_trainer(exam_project):
    page = exam.answers_page(context(exam_project), exam_project.courses[0])
    assert 'class="std-printout std-printout--trainer std-answers"' in page and "讲师版：本页含考试答案" in page
    assert "<tr><td>2</td><td>多选题</td><td>1.5</td><td>A、B</td></tr>" in page
    assert "秘密解析" in page and '<a class="std-ref" href="../../../standards/q-cqjg-101-2023/#5.1"' in page
    assert page.count('<span class="std-box std-box--key">✓</span>') == 4 and page.count('class="std-box"') == 3


def test_certificate_holds_no_personal_data(exam_project):
    course = exam_project.courses[0]
    page = printouts.certificate_page(context(exam_project), course)
    assert "经考试合格" in page and "《公务用车考试》" in page
    assert 'aria-label="学时（可在此输入，也可打印后手写）">0.5</span>' in page   # the latest session held by D
    assert 'aria-label="姓名（可在此输入，也可打印后手写）"></span>' in page
    assert "<form" not in page and "localStorage" not in page


def test_certificate_dates_are_written_the_chinese_way(exam_project):
    """Dates on a certificate read 2025年3月1日 (the latest session held by D), never 2025-03-01."""
    page = printouts.certificate_page(context(exam_project), exam_project.courses[0])
    assert 'aria-label="培训日期（可在此输入，也可打印后手写）">2025年3月1日</span>' in page
    assert 'aria-label="发证日期（可在此输入，也可打印后手写）">2025年3月1日</span>' in page
    assert "2025-03-01" not in page and "年　　月　　日" not in page


def test_keypoints_are_gathered_by_module(exam_project):
    course = exam_project.courses[0]
    assert [(k.module, k.title, k.lines) for k in keypoints(course)] == [
        (1, "派车", ("- 先审后派，见 [[Q/CQJG 101-2023#5.1]]；",)), (2, "判断", ("- 公车不私用。",))]
    page = training.course_page(context(exam_project), course)
    review = page.split("## 要点回顾 {#keypoints}")[1]
    assert '<a href="#module-1">派车</a>' in review and '<a href="#module-2">判断</a>' in review
    assert 'href="../../standards/q-cqjg-101-2023/#5.1"' in review and "这不是要点" not in review
    assert review.index("派车") < review.index("判断")


def test_course_page_lists_printouts_and_has_no_developer_text(exam_project):
    ctx = context(exam_project)
    pages = training.pages(ctx)
    assert {"training/cars-exam/paper.md", "training/cars-exam/answers.md", "training/cars-exam/certificate.md",
            "training/cars-exam/evaluation.md", "training/cars-exam/signin.md"} <= pages.keys()
    page = pages["training/cars-exam.md"]
    for href in ('href="signin/"', 'href="paper/"', 'href="answers/"', 'href="certificate/"', 'href="evaluation/"',
                 'href="公务用车考试-评估汇总.xlsx"'):
        assert href in page, href
    for text in pages.values():
        assert ".yaml" not in text and "standards_src" not in text


def test_evaluation_spreadsheet_is_reproducible_and_formula_safe(exam_project):
    import dataclasses
    from openpyxl import load_workbook
    course = dataclasses.replace(exam_project.courses[0], title="=HYPERLINK(\"http://x\")")
    data = evaluation_xlsx_bytes(course)
    assert data == evaluation_xlsx_bytes(course)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["录入", "汇总"]
    entry, summary = wb["录入"], wb["汇总"]
    assert entry["A1"].data_type == "s" and entry["A1"].value.startswith("《=HYPERLINK")
    assert [entry.cell(2, n).value for n in (1, 2, 3)] == ["表号", "培训日期", "讲师"]    # which session, which trainer
    assert entry["D2"].value == "1. 培训内容符合本职工作需要" and entry["O2"].value.startswith("问3. ")
    assert entry.tables["评估表"].ref == "A2:O52"                      # an Excel table that grows as rows are typed
    assert str(entry.data_validations.dataValidation[0].sqref) == "D3:L2002"
    assert summary["C3"].value == "=COUNT(录入!D:D)"                  # whole columns: any number of forms counts
    assert summary["E11"].value == '=IF(COUNT(录入!L:L)=0,"",COUNTIF(录入!L:L,">=4")/COUNT(录入!L:L))'
    # the results for an empty table are stored with the formulas (viewers that do not recalculate)
    shown = load_workbook(io.BytesIO(data), data_only=True)["汇总"]
    assert [shown.cell(r, 3).value for r in range(3, 12)] == [0] * 9
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
        core = z.read("docProps/core.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert sheet.count("<v></v>") == sheet.count('t="str"') == 18 and "<v>0</v>" in sheet
    assert "stdsite" not in core and "<dc:creator" not in core            # no program name as the author
    assert set(re.findall(r'<name val="([^"]*)"', styles)) == {"宋体"}
    assert styles.count("<font>") == styles.count("<name ")
    texts = [c.value for row in wb["汇总"].iter_rows() for c in row if isinstance(c.value, str) and not c.value.startswith("=")]
    assert "对本次培训的总体评价" in texts

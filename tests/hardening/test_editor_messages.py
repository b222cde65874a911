"""What `build.py check` tells an editor about the slips editors make: one exact Chinese line per
problem, naming the file and line, in one run — and nothing `check` can see is left for the build
to find (in English, from MkDocs)."""
from __future__ import annotations

from support import STANDARD_MD, STANDARD_YAML, run_build
from hardening_support import cli, line_of

Q = "standards/q101.md"


def check(src) -> tuple[int, list[str]]:
    """(exit code, the problem lines with the source folder left out) of `build.py check`."""
    code, out, err = cli("check", "--src", str(src))
    lines = [line.replace(f"{src}/", "") for line in (out + err).splitlines() if line.startswith(str(src))]
    assert "Traceback" not in out + err and "内部错误" not in out + err, out + err
    return code, lines


def with_body(old: str, new: str) -> str:
    assert old in STANDARD_MD
    return STANDARD_MD.replace(old, new)


# -- 1: links and images -----------------------------------------------------------------------------

def test_links_that_would_break_the_build_are_reported_by_check(make_project, tmp_path):
    text = with_body("派车应登记。", "派车应登记，见[登记表](files/登记表.pdf)和![示意图](pic.png)，"
                                   "[市政府](www.cq.gov.cn)，[本条](#5.1)，[无](#9.9)，[网](https://www.cq.gov.cn/)。")
    src = make_project({Q: text})
    code, lines = check(src)
    n = line_of(text, "登记表.pdf")
    assert code == 1
    assert lines == [
        f"{Q}:{n}: 图片 「pic.png」 指向的文件不存在：正文中不能直接插入文件夹里的图片；"
        "图片请写在 attachments 中作为附件发布，流程和示意图可用 flow 或 dot 代码块绘制",
        f"{Q}:{n}: 链接 「#9.9」 指向的条款 「9.9」 在本标准中不存在；引用本标准的条款请写成 [[#5.1]] 的形式",
        f"{Q}:{n}: 链接 「files/登记表.pdf」 指向的文件不存在：正文中的链接只能是网址（https://…）；"
        "引用标准请写 [[标准编号]]，文件请写在 attachments 中作为附件发布",
        f"{Q}:{n}: 链接 「www.cq.gov.cn」 缺少「https://」，请写完整的网址，如 https://www.cq.gov.cn",
    ]
    result = run_build("build", "--src", str(src), "--out", str(tmp_path / "site"))
    assert result.returncode == 1 and "WARNING" not in result.stderr and "指向的文件不存在" in result.stderr


def test_links_in_code_and_to_web_pages_pass_and_build(make_project, tmp_path):
    text = with_body("派车应登记。", "派车应登记，见[本条](#5.1)、`[x](y.md)`、[邮件](mailto:a@b.cn)、"
                                   "[网](https://www.cq.gov.cn/) 和 [[#5.1]]。")
    src = make_project({Q: text})
    assert check(src) == (0, [])
    result = run_build("build", "--src", str(src), "--out", str(tmp_path / "site"), "--as-of", "2025-06-30")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def test_a_course_may_not_link_to_places_on_its_own_page(make_project):
    course = "---\nid: c1\ntitle: 课程\n---\n\n## 1 派车规定\n\n见[上文](#1)。\n"
    code, lines = check(make_project({"courses/c.md": course}))
    assert (code, lines) == (1, ["courses/c.md:8: 链接 「#1」 指向本页中的位置，本页不支持这种链接；"
                                 "引用标准的条款请写成 [[Q/CQJG 101-2023#5.1]] 的形式"])


# -- 2: one pass: a front matter error does not hide the body's problems -----------------------------

def test_front_matter_slip_does_not_hide_body_problems(make_project):
    text = with_body("level: 组织内部标准", "level：组织内部标准").replace("### 5.1 派车", "### 5.3 派车\n\n### 5.2 登记")
    text = text.replace("派车应登记。", "派车应登记，见[表](a.pdf)。")
    course = "---\nid: c1\ntitle: 课程\naudience：一线职工\n---\n\n##1 派车规定\n"
    code, lines = check(make_project({Q: text, "courses/c.md": course}))
    assert code == 1
    assert lines == [
        "courses/c.md:4: 字段 「audience」 后面用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格",
        f"{Q}:4: 字段 「level」 后面用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格",
        f"{Q}:{line_of(text, '5.2 登记')}: 条款号 「5.2」 顺序不对，应排在 「5.3」 之前",
        f"{Q}:{line_of(text, 'a.pdf')}: 链接 「a.pdf」 指向的文件不存在：正文中的链接只能是网址（https://…）；"
        "引用标准请写 [[标准编号]]，文件请写在 attachments 中作为附件发布",
        "courses/c.md:7: 警告：标题的「##」后面缺少空格，不会显示为标题；请写成「## 1 派车规定」",
    ]


# -- 3: no cascade from a standard whose file is broken ----------------------------------------------

def test_references_to_a_broken_standard_are_not_reported_again(make_project):
    broken = STANDARD_YAML.replace("title: ", "title：")
    course = ("---\nid: c1\ntitle: 课程\nstandards: [DB50/T 1016-2020]\n---\n\n## 1 派车\n\n"
              "见 [[DB50/T 1016-2020#5.2]] 和 [[DB50/T 1016]]。\n")
    code, lines = check(make_project({"standards/db1016.yaml": broken, "courses/c.md": course}))
    assert (code, lines) == (1, ["standards/db1016.yaml:2: 字段 「title」 后面用了全角冒号「：」，"
                                 "请改为半角冒号「:」并在后面加一个空格"])


def test_references_to_a_standard_whose_file_is_empty_are_not_reported_again(make_project):
    # nothing in an empty file names its code: its name does (the code's page name)
    course = ("---\nid: c1\ntitle: 课程\nstandards: [DB50/T 1016-2020]\n---\n\n## 1 派车\n\n"
              "见 [[DB50/T 1016-2020#5.2]] 和 [[DB50/T 1016]]。\n")
    code, lines = check(make_project({"standards/db1016.yaml": None, "standards/db50-t-1016-2020.yaml": "",
                                      "courses/c.md": course}))
    assert (code, lines) == (1, ["standards/db50-t-1016-2020.yaml: 文件是空的"])


def test_references_to_a_gbk_standard_are_not_reported_again(make_project):
    code, lines = check(make_project({"standards/db1016.yaml": STANDARD_YAML.encode("gb18030")}))
    assert code == 1 and len(lines) == 1 and lines[0].startswith("standards/db1016.yaml:2: 文件似乎是 GBK/GB2312 编码"), lines


def test_references_to_a_standard_left_out_for_a_missing_title_are_not_reported_again(make_project):
    code, lines = check(make_project({"standards/db1016.yaml": STANDARD_YAML.replace("title: 机关事务标准化工作指南\n", "")}))
    assert (code, lines) == (1, ["standards/db1016.yaml:1: 标准元数据缺少必填字段「title」（标准名称）"])


# -- 6 and 5: headings that are not clauses ------------------------------------------------------------

def test_malformed_clause_headings_are_warned(make_project):
    text = (with_body("### 5.1 派车", "###5.1 派车").replace("## 6 车辆更新", "## 6车辆更新")
            .replace("## 1 范围", "＃＃ 1 范围") + "\n## 五、其他\n\n##\u30007 附则\n")
    code, lines = check(make_project({Q: text}))
    assert code == 1          # [[#5.1]] now points nowhere
    assert lines == [
        f"{Q}:{line_of(text, '[[#5.1]]')}: 本标准没有条款 「5.1」（引用 「[[#5.1]]」）",
        f"{Q}:{line_of(text, '1 范围')}: 警告：标题用了全角井号「＃」，请改为半角「#」，写成「## 1 范围」",
        f"{Q}:{line_of(text, '5.1 派车')}: 警告：标题的「###」后面缺少空格，不会显示为标题；请写成「### 5.1 派车」",
        f"{Q}:{line_of(text, '6车辆更新')}: 警告：标题 「6车辆更新」 的编号「6」后面缺少空格，不会作为条款"
        "（无法链接和引用）；请写成「## 6 车辆更新」",
        f"{Q}:{line_of(text, '五、其他')}: 警告：标题 「五、其他」 用了中文编号，不会作为条款（无法链接和引用）；"
        "标准的条款请用阿拉伯数字编号，如「## 5 管理要求」「### 5.1 派车」",
        f"{Q}:{line_of(text, '7 附则')}: 警告：标题的「##」后面是全角空格，不会显示为标题；请改为半角空格，写成「## 7 附则」",
    ]


# -- 7: block kinds and file names -------------------------------------------------------------------

def test_misspelt_and_unknown_block_kinds(make_project):
    text = STANDARD_MD + "\n```flwo\ntitle: 派车\n```\n\n```检查表\nitems: []\n```\n\n```json\n{}\n```\n"
    code, lines = check(make_project({Q: text}))
    kinds = "flow、checklist、criteria、dot、quiz"
    assert (code, lines) == (1, [
        f"{Q}:{line_of(text, 'flwo')}: 代码块类型 「flwo」 写错了，是否应为「flow」？（可用：{kinds}，要用小写英文）；"
        "写错时整块会按原样显示为代码",
        f"{Q}:{line_of(text, '```检查表')}: 代码块类型 「检查表」 写错了，是否应为「checklist」？（可用：{kinds}，要用小写英文）；"
        "写错时整块会按原样显示为代码",
        f"{Q}:{line_of(text, '```json')}: 警告：代码块类型 「json」 不认识，整块将按原样显示为代码；结构化内容可用：{kinds}",
    ])


def test_misnamed_source_files_are_reported(make_project):
    yml = STANDARD_YAML.replace("1016-2020", "1017-2020")
    code, lines = check(make_project({"standards/a.md.txt": STANDARD_MD, "standards/b.markdown": STANDARD_MD,
                                      "standards/c.yml": yml, "courses/d.yml": "id: x\n", "plan.yml": "[]\n"}))
    assert (code, lines) == (1, [
        "courses/d.yml: courses/ 中的源文件应为 .md 文件，本文件不会被读取；请改名为 d.md",
        "plan.yml: 扩展名应为 .yaml：请改名为 plan.yaml，否则不会被读取",
        "standards/a.md.txt: 扩展名是「.md.txt」，不会被读取：请改名为 a.md（记事本另存时请把“保存类型”选为“所有文件”）",
        "standards/b.markdown: 扩展名是「.markdown」，不会被读取：请改名为 b.md（记事本另存时请把“保存类型”选为“所有文件”）",
        "standards/c.yml: 警告：扩展名请用 .yaml（改名为 c.yaml）；.yml 目前也能读取",
    ])


# -- 4, 5, 9: values quoted as written, full-width slips named ------------------------------------

def test_decimal_clause_is_quoted_as_written(make_project):
    text = STANDARD_MD + "\n```checklist\ntitle: 检查\nitems:\n  - {text: 甲, clause: 5.10}\n```\n"
    code, lines = check(make_project({Q: text}))
    assert (code, lines) == (1, [f"{Q}:{line_of(text, 'clause: 5.10')}: 条款号 「5.10」 没有加引号，会被读成 5.1；"
                                 "请加引号，写成 clause: \"5.10\""])


def test_full_width_slips_in_yaml_are_named(make_project):
    a = STANDARD_YAML.replace("1016-2020", "1-2020").replace("title: ", "title:\u3000")
    b = STANDARD_YAML.replace("1016-2020", "2-2020").replace("level:", "\u3000level:")   # read as `level`
    c = STANDARD_MD.replace("101-2023", "103-2023") + "\n```flow\nsteps:\n  - {id: a，text: 申请}\n```\n"
    code, lines = check(make_project({"standards/a.yaml": a, "standards/b.yaml": b, "standards/c.md": c}))
    assert (code, lines) == (1, [
        "standards/a.yaml:2: 字段 「title」 的冒号后面是全角空格「　」，请改为半角空格",
        f"standards/c.md:{line_of(c, 'a，text')}: 「flow」块的 字段 「text」 前面用了全角逗号「，」，请改为半角逗号「,」",
    ])


def test_a_paragraph_indented_with_full_width_spaces_is_fine(make_project):
    text = STANDARD_YAML + "summary: |\n  \u3000\u3000本标准规定了机关事务标准化工作的要求，text: 示例。\n"
    assert check(make_project({"standards/db1016.yaml": text})) == (0, [])


def test_messages_show_values_as_the_editor_wrote_them(make_project):
    text = STANDARD_MD.replace("title: 公务用车使用管理规范", "title:\n  - 甲\n  - 乙").replace("tags: [公务用车, 派车]", "tags: {a: 1}")
    code, lines = check(make_project({Q: text, "standards/z.yaml": "- 甲\n- 乙\n", "standards/e.yaml": STANDARD_YAML.replace(
        "1016-2020", "3-2020") + "reviews:\n  - 2024-01-01\n"}))
    assert (code, lines) == (1, [
        "standards/e.yaml:8: 字段「reviews」的第 1 项应写成「字段: 值」的形式，如 - {date: 2024-01-01, note: 说明}，"
        "实际是 「2024-01-01」",
        f"{Q}:3: 字段「title」应为文字，实际是 「[甲, 乙]」",
        f"{Q}:{line_of(text, 'tags')}: 字段「tags」应为文字，实际是 「{{a: …}}」",
        "standards/z.yaml:1: 标准元数据应写成「字段: 值」的形式（每行一个字段），实际是 「[甲, 乙]」",
    ])
    for line in lines:
        assert not any(word in line for word in ("映射", "空值", "None", "null", "['", "{'"))


# -- 8: 文号 brackets ------------------------------------------------------------------------------------

def test_document_number_brackets_name_the_right_character(make_project):
    doc = "number: 渝机管发{}1号\ntitle: 关于测试的通知\nissuer: 重庆市机关事务管理局\nissued: 2024-01-01\n"
    records = "- {date: 2024-03-01, indicator: milestones, title: 推进会, evidence: 示例(2022)12号}\n"
    targets = ("periods:\n  - {name: 十四五, start: 2021-01-01, end: 2025-12-31,\n"
               "     indicators: [{id: milestones, name: 里程碑, kind: count, target: 1}]}\n")
    src = make_project({"documents/a.yaml": doc.format("[2024]"), "documents/b.yaml": doc.format("【2024】").replace("1号", "2号"),
                        "records.yaml": records, "targets.yaml": targets})
    code, lines = check(src)
    assert lines[0] == ("records.yaml:1: 佐证文号 「示例(2022)12号」 的年份括号用了「()」，应为六角括号「〔〕」，写成 示例〔2022〕12号"
                        "（括号不对时会被当作附件路径，找不到文件）")
    assert lines[1:] == [
        "documents/a.yaml:1: 警告：文号 「渝机管发[2024]1号」 的年份括号用了「[]」，应为六角括号「〔〕」，写成 渝机管发〔2024〕1号",
        "documents/b.yaml:1: 警告：文号 「渝机管发【2024】2号」 的年份括号用了「【】」，应为六角括号「〔〕」，写成 渝机管发〔2024〕2号",
    ]
    assert code == 1


# -- 10, 14: duplicates and replacing itself ----------------------------------------------------------

def test_a_duplicate_code_is_reported_on_the_copy_naming_the_first(make_project):
    """Files are taken in the order a file manager shows them (a9 before a10): the copy is a10."""
    first = STANDARD_YAML.replace("1016-2020", "9-2020")
    src = make_project({"standards/a9.yaml": first, "standards/a10.yaml": first})
    assert check(src) == (1, ["standards/a10.yaml:1: 标准编号 「DB50/T 9-2020」 与 standards/a9.yaml（第 1 行）重复；"
                              "同一标准编号只能出现一次，请改正本文件或删除多余的一份"])


def test_replacing_itself_is_one_message(make_project):
    text = STANDARD_YAML + "replaces: [DB50/T 1016-2020]\n"
    code, lines = check(make_project({"standards/db1016.yaml": text}))
    assert (code, lines) == (1, ["standards/db1016.yaml:7: 标准不能代替自己 「DB50/T 1016-2020」"])


# -- 11, 12, 13: hints that suggest only valid values ---------------------------------------------------

def test_level_hint_suggests_what_was_meant(make_project):
    code, lines = check(make_project({"standards/db1016.yaml": STANDARD_YAML.replace("地方标准", "省标准")}))
    assert (code, lines) == (1, ["standards/db1016.yaml:3: 字段「level」的值 「省标准」 无效，应为 国家标准 · 行业标准 · "
                                 "地方标准 · 团体标准 · 企业标准 · 组织内部标准 之一，是否应为「地方标准」？"])


def test_date_hints_give_the_corrected_value(make_project):
    text = STANDARD_YAML.replace("2020-09-30", "2020-2-30").replace("2020-12-30", "2020/03/01")
    code, lines = check(make_project({"standards/db1016.yaml": text}))
    assert (code, lines) == (1, ["standards/db1016.yaml:5: 字段「issued」的日期 「2020-2-30」 不存在：2020 年 2 月没有 30 日（只有 29 天）",
                                 "standards/db1016.yaml:6: 字段「effective」的日期 「2020/03/01」 格式不对，请写成 2020-03-01"])


QUIZ_COURSE = "---\nid: c1\ntitle: 课程\n---\n\n## 1 派车\n\n```quiz\n{}```\n"


def test_quiz_slips_get_hints_that_name_only_real_options(make_project):
    quiz = ("- q: 甲\n  type: 判断\n  options: [正确, 错误]\n  answer: 对\n"
            "- q: 乙\n  options: [5年, 8年]\n  answer: B\n"
            "- q: 丙\n  options: [5年, 8年]\n  answer: 9年\n  points: 0\n")
    text = QUIZ_COURSE.format(quiz)
    code, lines = check(make_project({"courses/c.md": text}))
    assert (code, lines) == (1, [
        "courses/c.md:10: 第 1 题不用写题型 「type: 判断」，请删去这一行：题型由答案决定——单选题写一个答案（answer: 8年），"
        "多选题把答案写成列表（answer: [0, 2]），判断题的选项写 [正确, 错误]",
        "courses/c.md:12: 第 1 题的答案 「对」 不是任何一个选项（选项：正确、错误），是否应为 「正确」？（答案要与选项的文字完全一致）",
        "courses/c.md:15: 第 2 题的答案 「B」 不是任何一个选项（选项：5年、8年）；答案不能写字母：选第 2 个选项请写 answer: 8年"
        "（或写序号 answer: 1，序号从 0 数起）",
        "courses/c.md:18: 第 3 题的答案 「9年」 不是任何一个选项（选项：5年、8年）",
        "courses/c.md:19: 第 3 题的分值「points」 「0」 不能是 0 或负数：请写大于 0 的数字，如 points: 2（不写时每题 1 分）",
    ])


def test_checklist_points_and_a_quiz_in_a_standard(make_project):
    text = (STANDARD_MD + "\n```checklist\ntitle: 检查\nitems:\n  - {text: 甲, points: -2}\n  - {text: 乙, points: 0}\n```\n"
            "\n```checklist\ntitle: 复查\nitems:\n  - {text: 丙, points: 0}\n```\n"
            "\n```quiz\n- q: 题\n  options: [甲, 乙]\n  answer: 甲\n```\n")
    code, lines = check(make_project({Q: text}))
    assert (code, lines) == (1, [
        f"{Q}:{line_of(text, 'points: -2')}: 检查表「检查」的第 1 项的分值「points」 「-2」 不能是负数：请写 0 或正数，"
        "如 points: 5（不写时每项 1 分）",
        f"{Q}:{line_of(text, 'title: 复查') + 1}: 检查表「复查」各项的分值都是 0，总分为 0，无法计算得分；"
        "请给至少一项写大于 0 的 points，或删去 points（不写时每项 1 分）",
        f"{Q}:{line_of(text, '```quiz')}: 警告：标准正文中不宜放测验「quiz」：测验和考试写在 courses/ 下的课程文件中"
        "（课程的 standards 字段写明所讲的标准）；请把这一块移到相关课程",
    ])


def test_reference_style_link_definitions_are_checked(make_project):
    text = with_body("派车应登记。", "派车应登记，见[表][1]。\n\n[1]: files/a.pdf\n[2]: https://www.cq.gov.cn/")
    code, lines = check(make_project({Q: text}))
    assert (code, lines) == (1, [f"{Q}:{line_of(text, '[1]: files')}: 链接 「files/a.pdf」 指向的文件不存在：正文中的链接只能是网址"
                                 "（https://…）；引用标准请写 [[标准编号]]，文件请写在 attachments 中作为附件发布"])


def test_blocks_of_a_file_with_a_front_matter_slip_are_checked_too(make_project):
    text = (with_body("level: 组织内部标准", "level：组织内部标准")
            + "\n```flow\nsteps:\n  - {id: a, text: 甲, next: zz}\n  - {id: b, text: 乙, type: end}\n```\n")
    course = "---\nid: c1\ntitle: 课\naudience：一线职工\n---\n\n## 1 派车\n\n```checklist\nitems:\n  - {text: 甲, points: -1}\n```\n"
    code, lines = check(make_project({Q: text, "courses/c.md": course}))
    assert (code, lines) == (1, [
        "courses/c.md:4: 字段 「audience」 后面用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格",
        "courses/c.md:11: 检查表的第 1 项的分值「points」 「-1」 不能是负数：请写 0 或正数，如 points: 5（不写时每项 1 分）",
        f"{Q}:4: 字段 「level」 后面用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格",
        f"{Q}:{line_of(text, 'next: zz')}: 流程的步骤 「a」的「next」指向不存在的步骤 「zz」（已有步骤：a、b）",
        f"{Q}:{line_of(text, 'id: b')}: 流程的步骤 「b」从第一步无法到达；请用 next、yes 或 no 指向它，或删去",
    ])


def test_a_link_to_a_file_beside_the_standard_says_to_attach_it(make_project):
    text = with_body("派车应登记。", "派车应登记，见[登记表](files/登记表.pdf)。")
    code, lines = check(make_project({Q: text, "standards/files/登记表.pdf": b"%PDF-1.4\n"}))
    assert (code, lines) == (1, [f"{Q}:{line_of(text, '登记表.pdf')}: 链接 「files/登记表.pdf」 指向文件夹中的文件，正文中不能这样链接，"
                                 "网站上打不开；请把它写在 attachments 中作为附件发布（页面末尾会列出下载链接）"])


def test_full_width_clause_numbers_in_headings_and_references_are_read_as_half_width(make_project, tmp_path):
    text = (with_body("### 5.1 派车", "### ５．１ 派车").replace("[[#5.1]]", "[[#５.１]]")
            + "\n```flow\nsteps:\n  - {id: a, text: 甲, clause: \"５.１\"}\n```\n")
    src = make_project({Q: text})
    assert check(src) == (0, [])
    result = run_build("build", "--src", str(src), "--out", str(tmp_path / "site"), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/standards/q-cqjg-101-2023/index.html").read_text(encoding="utf-8")
    assert 'id="5.1"' in page and 'href="#5.1"' in page


def test_an_unusable_framework_does_not_hide_the_blocks_problems(make_project):
    text = STANDARD_MD + "\n```flow\nsteps:\n  - {id: a, text: 甲, next: zz}\n  - {id: zz, text: 乙, type: end}\n  - {id: c, text: 丙}\n```\n"
    code, lines = check(make_project({"framework.yaml": "categories: [\n", Q: text}))
    assert code == 1
    assert lines == ["framework.yaml:2: YAML 格式错误：请检查这一行及上一行的缩进、冒号「:」、括号和引号是否成对",
                     f"{Q}:{line_of(text, 'id: c')}: 流程的步骤 「c」从第一步无法到达；请用 next、yes 或 no 指向它，或删去"]


def test_a_number_where_text_belongs_is_quoted_back_as_written(make_project):
    text = STANDARD_YAML + "summary: 1.10\n"
    code, lines = check(make_project({"standards/db1016.yaml": text}))
    assert (code, lines) == (1, ['standards/db1016.yaml:7: 字段「summary」应为文字，实际是数字 「1.10」；请加引号，如 summary: "1.10"'])

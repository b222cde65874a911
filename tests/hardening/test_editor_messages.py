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

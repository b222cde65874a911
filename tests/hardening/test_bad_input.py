"""Every bad input gets a clear answer: `build.py check` exits 1 with `path:line: 中文说明「值」`
and never a traceback. Accepted oddities (BOM, CRLF, Jinja-looking text, markup characters) build
and render as text.

Each case is (files to add to the minimal project, the file the error is reported on, where in it
— a text whose first line is the expected line, an explicit line number, or None when no line
applies — and fragments the message must contain). Only cases not already covered by
tests/unit/test_load.py (which calls the loader in-process) are here, and all go through the CLI.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import traceback

import pytest

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, TEST_CACHE, run_build, write_tree
from hardening_support import CJK, COURSE, block, course, line_of, md, std

S = "standards/a.yaml"
M = "standards/a.md"
D = "documents/d.yaml"
C = "courses/c.md"
DOC = "number: 渝机管发〔2024〕1号\ntitle: 关于测试的通知\nissuer: 重庆市机关事务管理局\nissued: 2024-01-01\n"
FLOW_OK = "title: 派车流程\nsteps:\n  - {id: a, text: 申请}\n  - {id: b, text: 审批, type: end}\n"


def bomb(levels: int, width: int) -> str:
    """Nested aliases: `width ** levels` nodes from `levels * width` alias references."""
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


CASES = [
    # -- YAML syntax ------------------------------------------------------------------------------
    ("fullwidth-colon-yaml", {S: "code: Q/T 1-2024\ntitle：测试标准\n"}, S, "title：", ["全角冒号", "「title」"]),
    ("fullwidth-colon-front-matter", {M: "---\ncode: Q/T 1-2024\nlevel：地方标准\n---\n"}, M, "level：",
     ["全角冒号", "「level」"]),
    ("fullwidth-colon-course", {C: COURSE.replace("title: 驾驶员培训", "title：驾驶员培训")}, C, "title：",
     ["全角冒号", "「title」"]),
    ("fullwidth-colon-flow-block", {M: block("flow", "title: 派车\nsteps：\n  - {text: 申请}\n")}, M, "steps：",
     ["全角冒号", "「steps」"]),
    ("unclosed-bracket-document", {D: DOC + "related: [DB50/T 1016-2020\nkind: 通知\n"}, D, None, ["YAML 格式错误"]),
    ("tab-indent-framework", {"framework.yaml": "categories:\n\t- id: JC\n"}, "framework.yaml", "\t- id",
     ["YAML 格式错误", "Tab"]),
    ("colon-inside-plain-value", {S: std(title="说明: 内容")}, S, "title:", ["YAML 格式错误", "冒号"]),
    ("duplicate-key", {S: std() + "title: 又一个标题\n"}, S, "又一个标题", ["「title」", "重复"]),
    ("front-matter-not-closed", {M: "---\ncode: Q/T 1-2024\n\n## 1 范围\n"}, M, 1, ["「---」"]),
    ("front-matter-missing", {M: "## 1 范围\n\n正文\n"}, M, 1, ["「---」"]),
    ("yaml-syntax-in-quiz-block", {C: COURSE + "\n```quiz\n- q: 题目\n  options: [甲, 乙\n```\n"}, C, None,
     ["「quiz」块", "YAML 格式错误"]),
    ("python-tag", {S: std(title="!!python/object:os.system 测试")}, S, "title:", ["不支持的 YAML 标记", "「!!python/object:os.system」"]),
    ("local-tag-on-list", {D: DOC + "related: !codes [DB50/T 1016-2020]\n"}, D, "related", ["「!codes」"]),
    ("merge-key", {D: "base: &b {title: x}\n<<: *b\n" + DOC}, D, "<<:", ["合并键", "「<<」"]),
    # -- encodings ------------------------------------------------------------------------------
    ("gbk-standard-md", {M: md("\n## 1 范围\n\n公务用车。\n").encode("gbk")}, M, "title", ["GBK", "UTF-8", "另存为"]),
    ("gbk-framework", {"framework.yaml": FRAMEWORK.encode("gbk")}, "framework.yaml", 3, ["GBK", "UTF-8"]),
    ("utf16-document", {D: DOC.encode("utf-16")}, D, None, ["UTF-16", "UTF-8"]),
    ("utf16-be-course-no-bom", {C: COURSE.encode("utf-16-be")}, C, None, ["UTF-16", "UTF-8"]),
    # -- missing, unknown and misspelled fields --------------------------------------------------
    ("md-missing-level", {M: md("\n正文\n", level=None)}, M, "code:", ["缺少必填字段「level」", "标准级别"]),
    ("document-missing-issuer", {D: DOC.replace("issuer: 重庆市机关事务管理局\n", "")}, D, "number:",
     ["缺少必填字段「issuer」"]),
    ("course-missing-id", {C: course(id=None)}, C, "title:", ["缺少必填字段「id」"]),
    ("plan-missing-due", {"plan.yaml": "- {title: 新标准, kind: 制定, framework: JC-TY-01}\n"}, "plan.yaml", 1,
     ["缺少必填字段「due」"]),
    ("document-misspelled-title", {D: DOC.replace("title:", "tittle:")}, D, "tittle", ["「tittle」", "是否应为「title」"]),
    ("course-unknown-field", {C: course(duration=30)}, C, "duration", ["未知字段", "「duration」"]),
    ("framework-unknown-field", {"framework.yaml": FRAMEWORK.replace("core: false", "core: false\n        code: x")},
     "framework.yaml", "code: x", ["未知字段", "「code」"]),
    ("targets-misspelled", {"targets.yaml": "period: {name: 十四五, start: 2021-01-01, end: 2025-12-31}\ncoverage_core_area: 0.9\n"},
     "targets.yaml", "coverage_core_area", ["「coverage_core_area」", "是否应为「coverage_core_areas」"]),
    ("session-unknown-field", {"training_sessions.yaml": "- {date: 2025-05-20, course: x, attendees: 3, people: 3}\n"},
     "training_sessions.yaml", 1, ["「people」"]),
    ("directory-date-misspelled", {"directory.yaml": "editions:\n  - {id: 2025-1, data: 2025-06-30}\n"},
     "directory.yaml", "data:", ["「data」", "是否应为「date」"]),
    ("review-unknown-field", {S: std() + "reviews:\n  - {date: 2024-06-01, conclusion: 继续有效, by: 某局}\n"}, S,
     "by: 某局", ["「by」"]),
    ("flow-step-misspelled", {M: block("flow", "steps:\n  - {id: a, txt: 申请}\n")}, M, "txt:", ["「txt」", "「text」"]),
    ("criteria-unknown-field", {M: block("criteria", "items:\n  - {name: 年限, op: '>=', value: 8, limit: 9}\n")}, M,
     "limit", ["「limit」"]),
    # -- wrong types --------------------------------------------------------------------------------
    ("managed-yes-is-text", {S: std(managed="yes")}, S, "managed", ["「yes」", "true 或 false"]),
    ("title-is-number-md", {M: md("\n正文\n", title="2024")}, M, "title:", ["「2024」", "请加引号"]),
    ("attendees-not-number", {"training_sessions.yaml": "- {date: 2025-05-20, course: x, attendees: 一百}\n"},
     "training_sessions.yaml", 1, ["「一百」", "数字"]),
    ("course-minutes-text", {C: course(minutes="半小时")}, C, "minutes", ["「半小时」", "数字"]),
    ("tags-mapping", {S: std(tags="{a: 1}")}, S, "tags", ["「tags」", "文字"]),
    ("flow-clause-decimal", {M: block("flow", "steps:\n  - {id: a, text: 申请, clause: 5.10}\n")}, M, "clause: 5.10",
     ["「5.10」", "请加引号"]),
    ("criteria-value-text", {M: block("criteria", "items:\n  - {name: 年限, op: '>=', value: 八}\n")}, M, "value: 八",
     ["「八」"]),
    ("checklist-negative-points", {M: block("checklist", "items:\n  - {text: 轮胎, points: -5}\n")}, M, "points: -5",
     ["「-5」", "负数"]),
    ("target-not-number", {"targets.yaml": "period: {name: 十四五, start: 2021-01-01, end: 2025-12-31}\nplan_completion: 九成\n"},
     "targets.yaml", "九成", ["「九成」", "数字"]),
    ("evaluation-score-out-of-range", {S: std() + "evaluations:\n  - {date: 2025-01-01, score: 120}\n"}, S, "score",
     ["「120」", "0 到 100"]),
    ("quiz-answer-not-option", {C: COURSE + "\n```quiz\n- q: 几年?\n  options: [5年, 8年]\n  answer: 9年\n```\n"}, C,
     "answer: 9年", ["「9年」"]),
    ("quiz-answer-index-out-of-range", {C: COURSE + "\n```quiz\n- q: 几年?\n  options: [5年, 8年]\n  answer: 2\n```\n"}, C,
     "answer: 2", ["「2」", "超出范围"]),
    # -- impossible dates and other forms ----------------------------------------------------------
    ("md-effective-feb-30", {M: md("\n正文\n", effective="2023-02-30")}, M, "effective", ["「2023-02-30」", "不存在"]),
    ("document-month-13", {D: DOC.replace("2024-01-01", "2021-13-01")}, D, "issued", ["「2021-13-01」", "不存在"]),
    ("session-feb-29-non-leap", {"training_sessions.yaml": "- {date: 2025-02-29, course: x, attendees: 3}\n"},
     "training_sessions.yaml", 1, ["「2025-02-29」"]),
    ("edition-slashes", {"directory.yaml": "editions:\n  - {id: 2025-1, date: 2025/06/30}\n"}, "directory.yaml",
     "2025/06/30", ["「2025/06/30」", "请写成 2025-06-30"]),
    ("plan-april-31", {"plan.yaml": "- {title: 新标准, kind: 制定, framework: JC-TY-01, due: 2025-04-31}\n"}, "plan.yaml",
     1, ["「2025-04-31」"]),
    ("review-month-00", {S: std() + "reviews:\n  - {date: 2024-00-10, conclusion: 继续有效}\n"}, S, "2024-00-10",
     ["「2024-00-10」"]),
    ("targets-chinese-date", {"targets.yaml": "period: {name: 十四五, start: 2021年1月1日, end: 2025-12-31}\n"},
     "targets.yaml", "2021年1月1日", ["「2021年1月1日」", "请写成 2021-01-01"]),
    ("abolished-before-effective", {S: std(abolished="2023-01-01")}, S, "abolished", ["「2023-01-01」", "早于"]),
    # -- duplicates -------------------------------------------------------------------------------
    ("duplicate-document-number", {D: DOC, "documents/e.yaml": DOC}, "documents/e.yaml", "number",
     ["「渝机管发〔2024〕1号」", "documents/d.yaml"]),
    ("duplicate-course-id", {C: COURSE, "courses/d.md": COURSE}, "courses/d.md", "id:", ["「drivers-101」", "courses/c.md"]),
    ("duplicate-framework-id", {"framework.yaml": FRAMEWORK.replace("{id: JC-TY-02,", "{id: JC-TY-01,")},
     "framework.yaml", "术语与图形符号", ["「JC-TY-01」", "重复"]),
    ("duplicate-edition-id", {"directory.yaml": "editions:\n  - {id: 2025-1, date: 2025-06-30}\n  - {id: 2025-1, date: 2025-12-31}\n"},
     "directory.yaml", "2025-12-31", ["「2025-1」", "重复"]),
    ("duplicate-edition-date", {"directory.yaml": "editions:\n  - {id: 2025-1, date: 2025-06-30}\n  - {id: 2025-2, date: 2025-06-30}\n"},
     "directory.yaml", "2025-2", ["「2025-06-30」", "重复"]),
    ("duplicate-subclause", {M: md("\n## 5 要求\n\n### 5.1 甲\n\n#### 5.1.1 乙\n\n#### 5.1.1 丙\n")}, M, "5.1.1 丙",
     ["「5.1.1」", "重复"]),
    ("duplicate-flow-step-id", {M: block("flow", "steps:\n  - {id: a, text: 申请}\n  - {id: a, text: 审批}\n")}, M,
     "审批", ["「a」", "重复"]),
    ("duplicate-criteria-id", {M: block("criteria", "items:\n  - {id: y, name: 年限, op: '>=', value: 8}\n"
                                                   "  - {id: y, name: 里程, op: '>=', value: 9}\n")}, M, "里程", ["「y」", "重复"]),
    ("duplicate-quiz-option", {C: COURSE + "\n```quiz\n- q: 几年?\n  options: [5年, 5年]\n  answer: 0\n```\n"}, C,
     "options", ["「5年」", "重复"]),
    ("duplicate-document-file-name", {D: DOC, "documents/sub/d.yaml": DOC.replace("1号", "2号")}, "documents/sub/d.yaml",
     None, ["「d」", "documents/d.yaml"]),
    # -- dangling references ----------------------------------------------------------------------
    ("document-related-missing", {D: DOC + "related: [GB/T 0-0000]\n"}, D, "related", ["「GB/T 0-0000」", "不存在"]),
    ("course-standards-missing", {C: course(standards="[Q/T 404-2024]")}, C, "standards", ["「Q/T 404-2024」", "不存在"]),
    ("course-body-clause-missing", {C: COURSE.replace("#5.1]]", "#9.9]]")}, C, "#9.9", ["「9.9」"]),
    ("course-body-no-code", {C: COURSE.replace("[[Q/CQJG 101-2023#5.1]]", "[[#5.1]]")}, C, "[[#5.1]]", ["「[[#5.1]]」"]),
    ("plan-framework-missing", {"plan.yaml": "- {title: 新标准, kind: 制定, framework: ZZ-99, due: 2025-12-31}\n"},
     "plan.yaml", 1, ["「ZZ-99」"]),
    ("framework-is-category", {S: std(framework="YX")}, S, "framework", ["「YX」", "具体条目"]),
    ("flow-next-missing", {M: block("flow", "steps:\n  - {id: a, text: 申请, next: zz}\n  - {id: b, text: 结束}\n")}, M,
     "next: zz", ["「zz」", "不存在"]),
    ("flow-decision-missing-no", {M: block("flow", "steps:\n  - {id: a, text: 是否同意?, type: decision, yes: b}\n"
                                                   "  - {id: b, text: 结束, type: end}\n")}, M, "decision", ["「a」", "「no」"]),
    ("flow-unreachable-step", {M: block("flow", "steps:\n  - {id: a, text: 申请, type: end}\n  - {id: b, text: 孤立}\n")},
     M, "孤立", ["「b」", "无法到达"]),
    ("flow-clause-missing", {M: block("flow", "steps:\n  - {id: a, text: 申请, clause: '9.9'}\n")}, M, "9.9", ["「9.9」"]),
    ("checklist-clause-missing", {M: block("checklist", "items:\n  - {text: 轮胎, clause: '7.1'}\n")}, M, "7.1", ["「7.1」"]),
    ("criteria-clause-missing", {M: block("criteria", "items:\n  - {name: 年限, op: '>=', value: 8, clause: '8.2'}\n")},
     M, "8.2", ["「8.2」"]),
    ("quiz-explain-reference-missing", {C: COURSE + "\n```quiz\n- q: 几年?\n  options: [5年, 8年]\n  answer: 1\n"
                                                    "  explain: 见 [[Q/T 404-2024]]\n```\n"}, C, "explain", ["「Q/T 404-2024」"]),
    ("dot-include-missing", {M: block("dot", "include: 不存在的图\n")}, M, "include", ["「不存在的图」"]),
    ("dot-syntax-error", {M: block("dot", "digraph { a -> }\n")}, M, "```dot", []),
    ("criteria-bad-op", {M: block("criteria", "items:\n  - {name: 年限, op: '=>', value: 8}\n")}, M, "=>", ["「=>」"]),
    # -- cycles in replaces -------------------------------------------------------------------------
    ("replaces-three-cycle", {"standards/a.yaml": std(code="Q/T 1-2024", replaces="[Q/T 2-2024]"),
                              "standards/b.yaml": std(code="Q/T 2-2024", replaces="[Q/T 3-2024]"),
                              "standards/c.yaml": std(code="Q/T 3-2024", replaces="[Q/T 1-2024]")},
     "standards/a.yaml", "replaces", ["循环", "Q/T 1-2024 → Q/T 2-2024 → Q/T 3-2024 → Q/T 1-2024"]),
    ("replaces-itself", {S: std(replaces="[Q/T 1—2024]")}, S, "replaces", ["「Q/T 1-2024」", "代替自己"]),
    # -- attachments ------------------------------------------------------------------------------
    ("attachment-dotdot", {S: std() + "attachments:\n  - {file: ../../../etc/passwd}\n"}, S, "passwd",
     ["「../../../etc/passwd」", "之外"]),
    ("attachment-absolute", {S: std() + "attachments:\n  - {file: /etc/hostname}\n"}, S, "hostname",
     ["「/etc/hostname」", "之外"]),
    ("attachment-missing", {S: std() + "attachments:\n  - {file: files/登记表.xlsx, title: 登记表}\n"}, S, "登记表",
     ["「files/登记表.xlsx」", "不存在"]),
    ("attachment-is-folder", {S: std() + "attachments:\n  - {file: files}\n", "standards/files/x.txt": "x"}, S,
     "file: files", ["「files」", "不是文件"]),
    # -- alias bombs, empty and very large files ----------------------------------------------------
    ("alias-bomb-many-aliases", {D: bomb(9, 9)}, D, None, ["「*名称」", "50"]),
    ("alias-bomb-few-aliases-many-nodes", {D: bomb(6, 8)}, D, None, ["内容过多"]),
    ("yaml-nesting-too-deep", {S: std() + "tags: " + "[" * 3000 + "]" * 3000 + "\n"}, S, "tags", ["嵌套"]),
    ("empty-standard", {M: ""}, M, None, ["空"]),
    ("blank-document", {D: "\n   \n\n"}, D, None, ["空"]),
    ("empty-front-matter", {M: "---\n---\n\n## 1 范围\n"}, M, None, ["元数据是空的"]),
    ("empty-framework", {"framework.yaml": ""}, "framework.yaml", None, ["空"]),
    ("comment-only-plan", {"plan.yaml": "# 待定\n# - {title: x}\n"}, "plan.yaml", None, ["只有注释"]),
    ("comment-only-standard", {S: "# code: Q/T 1-2024\n"}, S, None, ["只有注释"]),
    ("very-large-file", {M: md("\n## 1 范围\n\n" + "公务用车管理规范正文。" * 200_000 + "\n")}, M, None,
     ["过大", "MB"]),
]

# cases that do not reach the `path:line:` form yet: (reason) — reported in the hardening notes
def _params():
    for case in CASES:
        yield pytest.param(*case[1:], id=case[0])


def check(src, through_build_py: bool = False) -> tuple[int, str]:
    """`build.py check --src SRC` -> (exit code, stdout + stderr).

    In-process by default: `stdsite.cli.main` is exactly what build.py runs (same broad-exception
    guard, same printing), minus 0.3 s of interpreter start per case; `test_cases_through_build_py`
    runs a sample of the cases as real `python build.py check` processes."""
    if through_build_py or os.environ.get("HARDENING_SUBPROCESS"):
        result = run_build("check", "--src", str(src))
        return result.returncode, result.stdout + result.stderr
    from stdsite.cli.main import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["check", "--src", str(src), "--cache", str(TEST_CACHE)])
        except BaseException as exc:        # noqa: BLE001 - anything escaping main() is a failure
            code = f"raised {exc!r}"
            traceback.print_exc(file=err)
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("files, rel, where, fragments", list(_params()))
def test_bad_input_is_reported(make_project, files, rel, where, fragments):
    assert_reported(make_project(files), files, rel, where, fragments)


SAMPLE = ("fullwidth-colon-yaml", "gbk-standard-md", "utf16-document", "alias-bomb-many-aliases", "dot-syntax-error",
          "very-large-file", "flow-next-missing", "replaces-three-cycle")


@pytest.mark.parametrize("name", SAMPLE)
def test_cases_through_build_py(make_project, name):
    """A sample of the cases as an editor runs them: a separate `python build.py check` process."""
    case = next(c for c in CASES if c[0] == name)
    files, rel, where, fragments = case[1:]
    assert_reported(make_project(files), files, rel, where, fragments, through_build_py=True)


def assert_reported(src, files, rel, where, fragments, through_build_py: bool = False) -> None:
    code, out = check(src, through_build_py)
    assert "Traceback" not in out and "内部错误" not in out, out
    assert code == 1, out
    path = f"{src}/{rel}"
    if where is None:
        prefix = re.compile(re.escape(path) + r"(:\d+)?: ")
    else:
        line = where if isinstance(where, int) else line_of(files[rel], where)
        prefix = re.compile(re.escape(f"{path}:{line}: "))
    lines = [text for text in out.splitlines() if prefix.match(text) and "警告：" not in text]
    assert lines, f"no error at {prefix.pattern}:\n{out}"
    message = lines[0] if len(lines) == 1 else next((t for t in lines if all(f in t for f in fragments)), lines[0])
    assert CJK.search(prefix.sub("", message)), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}\n{out}"
    assert re.search(r"共 \d+ 个错误", out), out


def test_at_least_forty_cases():
    assert len(CASES) >= 40
    kinds = {rel.split("/")[0] for _, _, rel, _, _ in CASES}
    assert {"standards", "documents", "courses", "framework.yaml", "targets.yaml", "plan.yaml",
            "training_sessions.yaml", "directory.yaml"} <= kinds


def test_every_problem_of_many_files_in_one_pass(make_project):
    """One run reports problems of every file kind at once, sorted by path then line."""
    files = {}
    for case in CASES:
        name = case[0]
        if name in ("fullwidth-colon-flow-block", "very-large-file", "empty-framework", "gbk-framework",
                    "tab-indent-framework") or "framework" in case[2]:
            continue
        for rel, content in case[1].items():
            if rel.startswith(("standards/", "documents/", "courses/")) and rel not in ("standards/files/x.txt",):
                stem, dot, ext = rel.rpartition(".")
                files[f"{stem}-{name}.{ext}"] = content
    src = make_project(files)
    code, out = check(src)
    assert code == 1 and "Traceback" not in out
    errors = [line for line in out.splitlines() if line.startswith(str(src)) and "警告：" not in line]
    assert len(errors) >= 50
    keys = [(line.split(":")[0], int(line.split(":")[1]) if line.split(":")[1].isdigit() else 0) for line in errors]
    assert keys == sorted(keys)


def test_symlink_pointing_out_of_src(make_project, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(std(code="Q/T 9-2024"), encoding="utf-8")
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF")
    text = std() + "attachments:\n  - {file: files/link.pdf}\n"
    src = make_project({S: text, "standards/files/.keep": ""})
    os.symlink(secret, src / "standards/files/link.pdf")
    os.symlink(outside, src / "standards/link.yaml")
    code, out = check(src)
    assert code == 1 and "Traceback" not in out
    assert f"{src}/{S}:{line_of(text, 'link.pdf')}: " in out
    assert "「files/link.pdf」" in out and "之外" in out
    assert f"{src}/standards/link.yaml: " in out and "之外" in out


def test_attachment_in_sibling_folder_with_same_prefix(make_project, tmp_path):
    """`src1-evil/` starts with `src1` but is outside it (a path prefix is not a parent folder)."""
    (tmp_path / "src1-evil").mkdir()
    (tmp_path / "src1-evil/x.pdf").write_bytes(b"%PDF")
    text = std() + "attachments:\n  - {file: ../../src1-evil/x.pdf}\n"
    src = make_project({S: text})
    assert src.name == "src1"
    code, out = check(src)
    assert code == 1 and f"{src}/{S}:{line_of(text, 'x.pdf')}: 附件 「../../src1-evil/x.pdf」 位于 standards_src/ 之外" in out


def test_explicit_str_tag_is_honoured(make_project):
    """`code: !!str 20220415` is YAML's own way to say "this is text": accepted."""
    src = make_project({S: std(code="!!str 20220415")})
    code, out = check(src)
    assert code == 0, out


def test_unreadable_source_folder_is_usage_like_error(tmp_path):
    code, out = check(tmp_path / "does-not-exist")
    assert code == 2 and "找不到源文件夹" in out and "Traceback" not in out


# -- accepted oddities: they build, and their text renders as text --------------------------------
ODD_MD = """\
---
code: Q/CQJG 777-2024
title: 标题<script>alert("x")</script> & "引号" 'single' {{ title }}
level: 组织内部标准
framework: YX-GC-01
issued: 2024-01-01
effective: 2024-02-01
summary: "摘要 <b>粗</b> & {% raw %} 与 \\"引号\\""
tags: ["<i>标签</i>", "A&B"]
---

## 1 范围

正文里的 {{ config.site_name }} 和 {% include 'x' %} 以及 {# 注释 #} 都是文字，<script>alert(1)</script> 也是。

## 5 流程

```flow
title: 派车 <流程> & "审批"
steps:
  - {id: a, text: "提交 <b>申请</b> & \\"单据\\"", clause: "1"}
  - {id: b, text: "是否同意? {{ x }}", type: decision, yes: c, no: d}
  - {id: c, text: "派车 & 登记 <script>", next: e}
  - {id: d, text: "退回 'x' \\\\ \\\\n", next: e}
  - {id: e, text: 结束, type: end}
```

```checklist
title: 检查 <表> & "单"
items:
  - {text: "轮胎 <b>气压</b> & \\"正常\\"", points: 1}
```
"""

ODD_DOC = """\
number: 渝机管发〔2024〕"9"号 & <x>
title: 关于“<标准>”的通知 & "引号"
issuer: 某局 <办公室>
issued: 2024-01-01
related: [Q/CQJG 777-2024]
"""

ODD_COURSE = """\
---
id: odd-101
title: 课程 <b>标题</b> & "引号"
audience: 一线职工
minutes: 10
standards: [Q/CQJG 777-2024]
---

## 1 模块 <一> & {{ x }}
<!-- minutes: 10 -->

文字 {% if %} <script>alert(1)</script>

```quiz
- q: "问题 <b>粗</b> & \\"引号\\"?"
  options: ["<i>甲</i>", "乙 & 丙"]
  answer: 0
  explain: 见 [[Q/CQJG 777-2024#1]] & <b>
```
"""


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("odd")
    crlf_bom = b"\xef\xbb\xbf" + STANDARD_MD.replace("\n", "\r\n").encode("utf-8")
    src = write_tree(base / "src", {
        "framework.yaml": b"\xef\xbb\xbf" + FRAMEWORK.replace("\n", "\r\n").encode("utf-8"),
        "standards/q101.md": crlf_bom,
        "standards/db1016.yaml": STANDARD_YAML.replace("\n", "\r\n").encode("utf-8"),
        "standards/odd.md": ODD_MD,
        "documents/odd.yaml": ODD_DOC,
        "courses/odd.md": ODD_COURSE,
    })
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_bom_and_crlf_standard_builds_with_clauses(odd_site):
    html = page(odd_site, "standards/q-cqjg-101-2023/index.html")
    assert 'id="5.1"' in html and 'id="6.1"' in html
    assert "\r" not in html and "\ufeff" not in html
    assert 'href="#5.1"' in html                    # [[#5.1]] across CRLF lines


def test_jinja_syntax_in_standard_text_is_text(odd_site):
    html = page(odd_site, "standards/q-cqjg-777-2024/index.html")
    for text in ("config.site_name }}", "include 'x' %}", "注释 #}"):
        assert text in html, text
    assert "重庆市机关事务标准化信息平台 和" not in html       # not evaluated by the macros plugin
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_markup_in_titles_renders_as_text(odd_site):
    html = page(odd_site, "standards/q-cqjg-777-2024/index.html")
    assert "<script>alert(\"x\")</script>" not in html and "<script>alert(&quot;x&quot;)" not in html
    assert "标题&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;引号&quot;" in html
    assert "<b>粗</b>" not in html and "<i>标签</i>" not in html
    doc = page(odd_site, "documents/odd/index.html")
    assert "关于“&lt;标准&gt;”的通知 &amp; &quot;引号&quot;" in doc and "<标准>" not in doc
    assert "某局 &lt;办公室&gt;" in doc


def test_markup_in_flow_and_checklist_texts_renders_as_text(odd_site):
    html = page(odd_site, "standards/q-cqjg-777-2024/index.html")
    assert "<b>申请</b>" not in html and "<b>气压</b>" not in html
    assert "提交 &lt;b&gt;申请&lt;/b&gt; &amp; &quot;单据&quot;" in html
    assert "派车 &amp; 登记 &lt;script&gt;" in html
    assert "轮胎 &lt;b&gt;气压&lt;/b&gt; &amp; &quot;正常&quot;" in html
    assert "<svg" in html                                   # the flowchart was drawn


def test_markup_in_course_and_quiz_renders_as_text(odd_site):
    html = page(odd_site, "training/odd-101/index.html")
    assert "<b>标题</b>" not in html and "<b>粗</b>" not in html and "<i>甲</i>" not in html
    assert "课程 &lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;" in html
    assert "<script>alert(1)</script>" not in html

"""Validation rules of the loader: each case asserts the file, the line and the Chinese message."""
from __future__ import annotations


import pytest

from support import load_project


def errors_of(src) -> list[str]:
    project, problems = load_project(src)
    return [str(e) for e in problems.errors]


def warnings_of(src) -> list[str]:
    project, problems = load_project(src)
    return [str(e) for e in problems.warnings]


def one_error(src, where: str, *fragments: str) -> str:
    errors = errors_of(src)
    matching = [e for e in errors if e.startswith(where)]
    assert matching, f"no error at {where}; got {errors}"
    for fragment in fragments:
        assert any(fragment in e for e in matching), f"{fragment!r} not in {matching}"
    return matching[0]


def std(**fields) -> str:
    base = {"code": "Q/T 1-2024", "title": "测试标准", "level": "组织内部标准", "framework": "JC-TY-01",
            "effective": "2024-01-01"}
    base.update(fields)
    lines = [f"{k}: {v}" for k, v in base.items() if v is not None]
    return "\n".join(lines) + "\n"


def test_minimal_project_is_valid(make_project):
    assert errors_of(make_project()) == []


def test_unknown_field_with_did_you_mean(make_project):
    src = make_project({"standards/a.yaml": std(efective="2024-01-01")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:6:", "未知字段", "「efective」", "是否应为「effective」")


def test_chinese_field_name_hint(make_project):
    src = make_project({"standards/a.yaml": std() + "标准编号: x\n"})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:6:", "是否应为「code」")


def test_missing_required_field_reports_mapping_line(make_project):
    src = make_project({"standards/a.yaml": std(title=None)})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:1:", "缺少必填字段「title」")


def test_code_written_as_number_needs_quotes(make_project):
    src = make_project({"standards/a.yaml": std(code="20220415")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:1:", "「20220415」", "请加引号")


@pytest.mark.parametrize("value, fragment", [
    ("2023-02-30", "不存在：2023 年 2 月没有 30 日（只有 28 天）"),
    ("2024-2-30", "不存在：2024 年 2 月没有 30 日（只有 29 天）"),
    ("2023-13-01", "不存在：月份应为 1 到 12，这里是 13"),
    ("2023.3.1", "格式不对，请写成 2023-03-01"),
    ("2023/03/01", "格式不对，请写成 2023-03-01"),
    ("2023年3月1日", "格式不对，请写成 2023-03-01"),
    ("20230301", "格式不对，请写成 2023-03-01"),
    ("3月1日", "格式不对，应为 YYYY-MM-DD，如 2023-03-01"),
])
def test_bad_dates(make_project, value, fragment):
    src = make_project({"standards/a.yaml": std(effective=value)})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:5:", f"「{value}」", fragment)


def test_full_width_dates_are_read_as_half_width(make_project):
    src = make_project({"standards/a.yaml": std(issued="２０２３－０３－０１", effective="2023—04—01")})
    project, problems = load_project(src)
    assert not problems.errors
    standard = next(s for s in project.standards if s.code == "Q/T 1-2024")
    assert (standard.issued.isoformat(), standard.effective.isoformat()) == ("2023-03-01", "2023-04-01")


def test_full_width_clause_numbers_are_read_as_half_width():
    from stdsite.errors import Problems
    from stdsite.load.yaml import parse_yaml
    from stdsite.validate.schema import Checker, Spec
    problems = Problems()
    values = Checker(problems, "x.md").mapping(parse_yaml('clause: "５．１"\n'), {"clause": Spec("clause")}, "步骤")
    assert values == {"clause": "5.1"} and not problems.items


def test_effective_before_issued(make_project):
    src = make_project({"standards/a.yaml": std(issued="2024-05-01", effective="2024-01-01")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:5:", "早于发布日期")


def test_drafting_needs_stage_and_no_effective(make_project):
    src = make_project({"standards/a.yaml": std(effective=None)})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:1:", "stage: 制定中")
    src = make_project({"standards/b.yaml": std(stage="制定中")})
    one_error(src, f"{src.as_posix()}/standards/b.yaml:6:", "不应有实施日期")


def test_invalid_choice(make_project):
    src = make_project({"standards/a.yaml": std(level="市级标准")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:3:", "「市级标准」", "无效")


def test_duplicate_code_reported_on_later_file_naming_first(make_project):
    src = make_project({"standards/a.yaml": std(code="'Q/T 1—2024'"), "standards/b.yaml": std(code="Q/T 1-2024")})
    error = one_error(src, f"{src.as_posix()}/standards/b.yaml:1:", "重复")
    assert "standards/a.yaml" in error
    assert not any(e.startswith(f"{src.as_posix()}/standards/a.yaml") for e in errors_of(src))


def test_same_slug_is_an_error(make_project):
    src = make_project({"standards/a.yaml": std(code="Q/T 1-2024"), "standards/b.yaml": std(code="'Q T 1 2024'")})
    one_error(src, f"{src.as_posix()}/standards/b.yaml:1:", "网址")


def test_unknown_framework_node(make_project):
    src = make_project({"standards/a.yaml": std(framework="XX-01")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:4:", "「XX-01」", "不存在")


def test_area_without_items_is_a_valid_slot(make_project):
    assert errors_of(make_project({"standards/a.yaml": std(framework="YX-GW")})) == []


@pytest.mark.parametrize("ref, fragment", [
    ("[[GB/T 9-2099]]", "「GB/T 9-2099」 不存在"),
    ("[[Q/CQJG 101-2023#9.9]]", "没有条款 「9.9」"),
    ("[[#7.7]]", "本标准没有条款 「7.7」"),
])
def test_dangling_references(make_project, ref, fragment):
    body = f"---\n{std()}---\n\n## 1 范围\n\n见 {ref}。\n"
    src = make_project({"standards/a.md": body})
    one_error(src, f"{src.as_posix()}/standards/a.md:11:", fragment)


def test_reference_with_fullwidth_dash_resolves(make_project):
    body = f"---\n{std()}---\n\n## 1 范围\n\n见 [[DB50/T 1016—2020]] 和 [[Q/CQJG 101-2023#5.1]]。\n"
    assert errors_of(make_project({"standards/a.md": body})) == []


def test_clause_numbers_unique_and_in_order(make_project):
    body = f"---\n{std()}---\n\n## 1 范围\n\n## 3 术语\n\n## 2 要求\n\n## 3 其他\n"
    src = make_project({"standards/a.md": body})
    one_error(src, f"{src.as_posix()}/standards/a.md:13:", "「2」", "顺序不对")
    one_error(src, f"{src.as_posix()}/standards/a.md:15:", "「3」", "重复")


def test_replaces_cycle(make_project):
    src = make_project({"standards/a.yaml": std(code="Q/T 1-2024", replaces="[Q/T 2-2024]"),
                        "standards/b.yaml": std(code="Q/T 2-2024", replaces="[Q/T 1-2024]")})
    cycles = [e for e in errors_of(src) if "循环" in e]
    # reported once, on the file of the first standard of the cycle, at its `replaces` line
    assert cycles == [f"{src.as_posix()}/standards/a.yaml:6: 代替关系形成循环：Q/T 1-2024 → Q/T 2-2024 → Q/T 1-2024"]


def test_fullwidth_colon_hint(make_project):
    src = make_project({"standards/a.yaml": "code：Q/T 1-2024\n"})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:1:", "全角冒号")


def test_gbk_file_rejected_with_how_to_resave(make_project):
    src = make_project({"standards/a.yaml": std(title="测试标准").encode("gbk")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml", "GBK", "UTF-8")


def test_utf16_file_rejected(make_project):
    src = make_project({"standards/a.yaml": std().encode("utf-16")})
    one_error(src, f"{src.as_posix()}/standards/a.yaml", "UTF-16")


def test_bom_and_crlf_accepted(make_project):
    src = make_project({"standards/a.yaml": b"\xef\xbb\xbf" + std().replace("\n", "\r\n").encode()})
    assert errors_of(src) == []


def test_yaml_syntax_error_has_line(make_project):
    src = make_project({"standards/a.yaml": std() + "tags: [a, b\n"})
    # the unclosed list opens on line 6; PyYAML notices at the end of the input (line 7)
    one_error(src, f"{src.as_posix()}/standards/a.yaml:7:", "YAML 格式错误", "列表「[ ]」没有闭合")


def test_yes_no_are_strings_not_booleans(make_project):
    src = make_project({"standards/a.yaml": std(title="no")})
    assert errors_of(src) == []


def test_alias_bomb_refused(make_project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    src = make_project({"standards/a.yaml": bomb})
    one_error(src, f"{src.as_posix()}/standards/a.yaml", "「*名称」")


def test_a_large_file_without_aliases_is_no_bomb(monkeypatch):
    """The node limit guards alias expansion only: a file with more nodes than the limit, and no
    aliases, is read as written (the limit lowered so that the test reads 2,000 records, not 30,000)."""
    from stdsite.load import yaml as yaml_loader
    monkeypatch.setattr(yaml_loader, "MAX_NODES", 2000)
    record = "- {date: 2025-03-20, indicator: annual_meeting, title: 年度推进会（示例）, region: 全市}\n"
    count = 2000 // 9 + 1800                        # (each record is 9 nodes: well over the limit in all)
    assert len(yaml_loader.parse_yaml(record * count)) == count


def test_attachment_outside_src_and_missing(make_project, tmp_path):
    (tmp_path / "secret.txt").write_text("x")
    src = make_project({"standards/a.yaml": std() + "attachments:\n  - {file: ../../secret.txt}\n  - {file: form.PDF}\n",
                        "standards/form.pdf": "pdf"})
    one_error(src, f"{src.as_posix()}/standards/a.yaml:7:", "之外")
    one_error(src, f"{src.as_posix()}/standards/a.yaml:8:", "大小写")


def test_fullwidth_comma_in_list_warns(make_project):
    src = make_project({"standards/a.yaml": std(tags="[办公用房，调配]")})
    assert any("全角逗号" in w and ":6:" in w for w in warnings_of(src))


def test_clause_written_as_decimal(make_project):
    from stdsite.errors import Problems
    from stdsite.validate.schema import Checker, Spec
    from stdsite.load.yaml import parse_yaml
    problems = Problems()
    check = Checker(problems, "x.md")
    data = parse_yaml("clause: 5.10\n")
    check.mapping(data, {"clause": Spec("clause")}, "步骤")
    assert problems.errors[0].message == "条款号 「5.10」 没有加引号，会被读成 5.1；请加引号，写成 clause: \"5.10\"" and problems.errors[0].line == 1
    problems = Problems()
    assert Checker(problems, "x.md").mapping(parse_yaml("clause: 5\n"), {"clause": Spec("clause")}, "步骤") == {"clause": "5"}


def test_every_problem_in_one_pass(make_project):
    src = make_project({"standards/a.yaml": std(level="x"), "standards/b.yaml": std(code="Q/T 2-2024", effective="2024-13-01"),
                        "documents/d.yaml": "number: 渝1号\ntitle: 文件\nissuer: 某局\nissued: 2024-01-01\nrelated: [GB/T 0-0]\n"})
    errors = errors_of(src)
    assert [e.split(": ", 1)[0] for e in errors] == [
        f"{src.as_posix()}/documents/d.yaml:5", f"{src.as_posix()}/standards/a.yaml:3",
        f"{src.as_posix()}/standards/b.yaml:5"], errors
    assert "「GB/T 0-0」" in errors[0] and "「x」" in errors[1] and "「2024-13-01」" in errors[2]


def test_document_and_session_references(make_project):
    src = make_project({
        "training_sessions.yaml": "- {date: 2025-05-20, course: nope, attendees: 3}\n",
        "plan.yaml": "- {title: 新标准, kind: 修订, framework: JC-TY-01, due: 2025-12-31}\n",
    })
    one_error(src, f"{src.as_posix()}/training_sessions.yaml:1:", "「nope」")
    one_error(src, f"{src.as_posix()}/plan.yaml:1:", "replaces")




def test_question_mark_inside_flow_mapping_is_text():
    """The spec's own example: `{text: 是否符合用车规定?, ...}` (YAML 1.2 allows `?` in flow scalars)."""
    from stdsite.load.yaml import parse_yaml
    data = parse_yaml("- {id: review, text: 是否符合用车规定?, type: decision, yes: a, no: b}\n")
    assert data[0]["text"] == "是否符合用车规定?" and data[0]["yes"] == "a" and data[0]["no"] == "b"


def test_broken_framework_still_reports_other_files(make_project):
    src = make_project({"framework.yaml": "categories: [\n",
                        "standards/a.yaml": std(code="Q/CQJG 101-2023")})   # duplicates q101.md's code
    errors = errors_of(src)
    assert any("framework.yaml" in e and "YAML 格式错误" in e for e in errors)
    assert any("重复" in e for e in errors)
    assert not any("体系位置" in e for e in errors)

"""Visual blocks (flow, checklist, criteria, dot): one case per validation rule (file, line, message),
label escaping through Graphviz, SVG sanitising, HTML escaping and the diagram cache."""
from __future__ import annotations

import datetime as dt
import json
import textwrap
import xml.etree.ElementTree as ET

from stdsite.output import graphviz as diagram
from stdsite.output.cache import BuildCache
from support import load_project, render_context
from stdsite.render.blocks import diagrams as html_render
from stdsite.render.flowdot import dot_string, flow_to_dot, wrap
from stdsite.model import Checklist, Criteria, Diagram, Flow

HEAD = """\
---
code: Q/CQJG 201-2024
title: 可视化测试标准
level: 组织内部标准
framework: YX-GC-01
effective: 2024-01-01
---

## 5 管理要求

### 5.1 派车

### 5.2 用车

## 6 更新

### 6.1 条件

"""


def load(make_project, body: str, diagrams: dict | None = None, tmp_path=None):
    """Load a project whose standard `standards/v.md` is HEAD + body; returns (project, problems, path, text)."""
    text = HEAD + textwrap.dedent(body)
    src = make_project({"standards/v.md": text})
    folder = None
    if diagrams is not None:
        folder = src.parent / f"{src.name}-diagrams"
        folder.mkdir()
        for name, dot in diagrams.items():
            (folder / f"{name}.dot").write_text(dot, encoding="utf-8")
    project, problems = load_project(src, folder)
    return project, problems, f"{src.as_posix()}/standards/v.md", text


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def expect(make_project, body: str, needle: str, *fragments: str, diagrams: dict | None = None) -> None:
    """Exactly the errors at the line containing `needle` mention every fragment."""
    project, problems, path, text = load(make_project, body, diagrams)
    where = f"{path}:{line_of(text, needle)}:"
    errors = [str(e) for e in problems.errors]
    matching = [e for e in errors if e.startswith(where)]
    assert matching, f"no error at {where}; got {errors}"
    for fragment in fragments:
        assert any(fragment in e for e in matching), f"{fragment!r} not in {matching}"


def parsed_blocks(make_project, body: str) -> list:
    project, problems, path, text = load(make_project, body)
    assert not problems.errors, [str(e) for e in problems.errors]
    [standard] = [s for s in project.standards if s.code == "Q/CQJG 201-2024"]
    return [b.parsed for b in standard.blocks]


FLOW_OK = """\
```flow
title: 派车流程
lanes: [用车人, 车管员]
steps:
  - {id: apply, text: 提交申请, lane: 用车人, type: start}
  - {id: review, text: 是否同意?, lane: 车管员, type: decision, yes: go, no: back, clause: "5.2"}
  - {id: back, text: 退回, lane: 车管员, next: done}
  - {id: go, text: 派车, lane: 车管员, type: document}
  - {id: done, text: 结束, lane: 用车人, type: end}
```
"""


def flow(*steps: str, head: str = "title: 派车流程\n") -> str:
    return "```flow\n" + head + "steps:\n" + "".join(f"  - {s}\n" for s in steps) + "```\n"


# -- valid blocks ------------------------------------------------------------------------------------
def test_valid_blocks_are_parsed(make_project):
    body = FLOW_OK + textwrap.dedent("""
        ```checklist
        title: 出车前检查
        pass: 80
        items:
          - {text: 轮胎气压正常, clause: "5.2", points: 10}
          - 灯光正常
        ```

        ```criteria
        title: 更新条件
        rule: any
        items:
          - {id: years, name: 使用年限, op: ">=", value: 8, unit: 年, clause: "6.1"}
          - {id: t, name: 温度, op: between, value: [18, 26.5]}
        ```

        ```dot
        digraph { 申请 -> 审批 -> 执行 }
        ```
        """)
    f, cl, cr, d = parsed_blocks(make_project, body)
    assert isinstance(f, Flow) and [s.id for s in f.steps] == ["apply", "review", "back", "go", "done"]
    assert f.steps[1].targets == (("go", "是"), ("back", "否"))
    assert f.steps[2].targets == (("done", ""),) and f.steps[4].targets == ()
    assert isinstance(cl, Checklist) and cl.total == 11 and cl.pass_score == 80 and cl.items[1].points == 1
    assert isinstance(cr, Criteria) and cr.rule == "any" and cr.items[1].value == (18, 26.5)
    assert isinstance(d, Diagram) and "申请" in d.dot


def test_lanes_may_be_left_out(make_project):
    [f] = parsed_blocks(make_project, flow("{id: a, text: 甲, lane: 乙方}", "{id: b, text: 丙, lane: 甲方}"))
    assert f.lanes == ("乙方", "甲方")


# -- flow rules --------------------------------------------------------------------------------------
def test_unknown_next_target(make_project):
    expect(make_project, flow("{id: a, text: 开始, next: zz}", "{id: b, text: 乙}"), "next: zz",
           "流程「派车流程」的步骤 「a」", "「next」指向不存在的步骤 「zz」")


def test_unknown_decision_target_with_did_you_mean(make_project):
    expect(make_project, flow("{id: ask, text: 同意?, type: decision, yes: approve, no: deny}",
                              "{id: approved, text: 派车}", "{id: deny, text: 退回}"),
           "yes: approve", "「yes」指向不存在的步骤 「approve」", "是否应为「approved」")


def test_unknown_target_in_next_list(make_project):
    body = "```flow\nsteps:\n  - id: a\n    text: 甲\n    next:\n      - b\n      - nope\n  - {id: b, text: 乙}\n```\n"
    expect(make_project, body, "- nope", "指向不存在的步骤 「nope」")


def test_duplicate_step_id(make_project):
    expect(make_project, flow("{id: a, text: 甲}", "{id: b, text: 乙}", "{id: a, text: 丙}"), "text: 丙",
           "步骤编号 「a」 重复")


def test_unreachable_step(make_project):
    expect(make_project, flow("{id: a, text: 甲, next: c}", "{id: b, text: 孤立}", "{id: c, text: 丙, type: end}"),
           "孤立", "步骤 「b」从第一步无法到达")


def test_decision_needs_both_branches(make_project):
    expect(make_project, flow("{id: a, text: 同意?, type: decision, yes: b}", "{id: b, text: 乙}"),
           "同意?", "是判断步骤，缺少「no」（否）分支")


def test_decision_without_any_branch(make_project):
    expect(make_project, flow("{id: a, text: 同意?, type: decision}", "{id: b, text: 乙}"),
           "同意?", "缺少「yes」（是）和「no」（否）分支")


def test_branches_only_on_decisions(make_project):
    expect(make_project, flow("{id: a, text: 甲, yes: b}", "{id: b, text: 乙}"), "text: 甲",
           "不是判断步骤（type: decision），不能有「yes」")


def test_unknown_step_type(make_project):
    expect(make_project, flow("{id: a, text: 甲, type: stop}", "{id: b, text: 乙}"), "type: stop",
           "字段「type」的值 「stop」 无效", "start · end · process · decision · document")


def test_unknown_lane(make_project):
    expect(make_project, flow("{id: a, text: 甲, lane: 车管}", head="lanes: [用车人, 车管员]\n"), "lane: 车管",
           "泳道 「车管」 不在 lanes（用车人、车管员）中", "是否应为「车管员」")


def test_end_step_with_next(make_project):
    expect(make_project, flow("{id: a, text: 甲, type: end, next: b}", "{id: b, text: 乙}"), "type: end",
           "是结束步骤（type: end），不能有「next」")


def test_unknown_step_field_did_you_mean(make_project):
    expect(make_project, flow("{id: a, text: 甲, nxt: b}", "{id: b, text: 乙}"), "nxt: b",
           "未知字段 「nxt」", "是否应为「next」")


def test_unknown_flow_field(make_project):
    expect(make_project, flow("{id: a, text: 甲}", head="titel: 派车\n"), "titel:", "未知字段 「titel」",
           "是否应为「title」")


def test_empty_steps(make_project):
    expect(make_project, "```flow\ntitle: 空流程\nsteps: []\n```\n", "steps: []", "流程「空流程」的「steps」是空的")


def test_missing_steps(make_project):
    expect(make_project, "```flow\ntitle: 空流程\n```\n", "title: 空流程", "缺少必填字段「steps」")


def test_flow_clause_must_exist(make_project):
    expect(make_project, flow("{id: a, text: 甲, clause: \"5.9\"}"), "5.9", "引用的条款 「5.9」 在本标准中不存在")


def test_clause_written_as_decimal(make_project):
    expect(make_project, flow("{id: a, text: 甲, clause: 5.10}"), "5.10", "条款号 「5.10」 没有加引号，会被读成 5.1；请加引号，写成 clause: \"5.10\"")


# -- checklist rules ---------------------------------------------------------------------------------
def checklist(*items: str, head: str = "title: 出车检查\n") -> str:
    return "```checklist\n" + head + "items:\n" + "".join(f"  - {i}\n" for i in items) + "```\n"


def test_points_must_be_numbers(make_project):
    expect(make_project, checklist("{text: 轮胎, points: 十分}"), "points: 十分", "字段「points」应为数字", "「十分」")


def test_pass_out_of_range(make_project):
    expect(make_project, checklist("{text: 轮胎}", head="title: 出车检查\npass: 120\n"), "pass: 120",
           "合格分数「pass」「120」 应在 0 到 100 之间")


def test_pass_must_be_a_number(make_project):
    expect(make_project, checklist("{text: 轮胎}", head="pass: 八十\n"), "pass: 八十", "字段「pass」应为数字")


def test_checklist_clause_must_exist(make_project):
    expect(make_project, checklist("{text: 轮胎, clause: \"7.1\"}"), "7.1", "检查表「出车检查」的第 1 项引用的条款 「7.1」")


def test_empty_checklist(make_project):
    expect(make_project, "```checklist\ntitle: 出车检查\nitems: []\n```\n", "items: []", "「items」是空的")


def test_unknown_checklist_item_field(make_project):
    expect(make_project, checklist("{text: 轮胎, point: 2}"), "point: 2", "未知字段 「point」", "是否应为「points」")


def test_veto_items_are_parsed(make_project):
    [cl] = parsed_blocks(make_project, checklist("{text: 驾驶员无饮酒, points: 10, veto: true}",
                                                 "{text: 轮胎, veto: false}", "灯光"))
    assert [item.veto for item in cl.items] == [True, False, False]


def test_veto_must_be_true_or_false(make_project):
    expect(make_project, checklist("{text: 驾驶员无饮酒, veto: 是}"), "veto: 是", "字段「veto」应为 true 或 false", "「是」")


# -- criteria rules ----------------------------------------------------------------------------------
def criteria(*items: str, head: str = "title: 更新条件\n") -> str:
    return "```criteria\n" + head + "items:\n" + "".join(f"  - {i}\n" for i in items) + "```\n"


def test_unknown_operator(make_project):
    expect(make_project, criteria('{name: 年限, op: "≥", value: 8}'), "≥", "比较方式 「≥」 无效", "是否应为「>=」")


def test_between_needs_a_pair(make_project):
    expect(make_project, criteria("{name: 温度, op: between, value: 18}"), "op: between",
           "用 between 时「value」应为 [下限, 上限] 两个数字")


def test_between_low_above_high(make_project):
    expect(make_project, criteria("{name: 温度, op: between, value: [26, 18]}"), "[26, 18]", "下限大于上限")


def test_value_must_be_a_number(make_project):
    expect(make_project, criteria('{name: 年限, op: ">=", value: 八年}'), "八年", "「value」应为数字", "「八年」")


def test_unknown_rule(make_project):
    expect(make_project, criteria('{name: 年限, op: ">=", value: 8}', head="rule: some\n"), "rule: some",
           "字段「rule」的值 「some」 无效", "any · all")


def test_criteria_clause_must_exist(make_project):
    expect(make_project, criteria('{name: 年限, op: ">=", value: 8, clause: "9"}'), "clause: \"9\"",
           "引用的条款 「9」 在本标准中不存在")


def test_empty_criteria(make_project):
    expect(make_project, "```criteria\ntitle: 空\nitems: []\n```\n", "items: []", "「items」是空的")


def test_criteria_missing_op(make_project):
    expect(make_project, criteria("{name: 年限, value: 8}"), "name: 年限", "缺少必填字段「op」")


# -- dot rules ---------------------------------------------------------------------------------------
def test_dot_syntax_error_at_block_line(make_project):
    body = "```dot\ndigraph {\n  a -> -> b\n}\n```\n"
    expect(make_project, body, "```dot", "Graphviz 语法错误", "第 2 行", "「->」附近有误")


def test_dot_syntax_errors_in_several_blocks_all_reported(make_project):
    body = ("```dot\ndigraph { a -> b }\n```\n\n```dot\ndigraph { c -> }\n```\n\n"
            "```dot\ndigraph { d -> e }\n```\n\n```dot\ngraph { f -- \"g }\n```\n")
    project, problems, path, text = load(make_project, body)
    lines = [e.line for e in problems.errors]
    dot_lines = [i + 1 for i, l in enumerate(text.split("\n")) if l == "```dot"]
    assert lines == [dot_lines[1], dot_lines[3]], [str(e) for e in problems.errors]
    assert "引号没有配对" in problems.errors[1].message


def test_dot_block_with_unclosed_comment(make_project):
    body = "```dot\ndigraph { a -> b } /* 注释没有结束\n```\n\n```dot\ndigraph { c -> d }\n```\n"
    project, problems, path, text = load(make_project, body)
    assert [e.line for e in problems.errors] == [line_of(text, "注释没有结束") - 1]
    assert "注释「/*」没有用「*/」结束" in problems.errors[0].message


def test_dot_block_with_two_graphs(make_project):
    expect(make_project, "```dot\ndigraph { a }\ndigraph { b }\n```\n", "```dot", "应恰好包含一个图，实际读到 2 个")


def test_empty_dot_block(make_project):
    expect(make_project, "```dot\n\n```\n", "```dot", "dot 图是空的")


def test_include_unknown_diagram(make_project):
    expect(make_project, "```dot\ninclude: aproval\n```\n", "include: aproval", "引用的图 「aproval」 不存在",
           "是否应为「approval」", diagrams={"approval": "digraph { a -> b }\n"})


def test_include_diagram_file(make_project):
    project, problems, path, text = load(make_project, "```dot\ninclude: approval\n```\n",
                                         diagrams={"approval": "digraph { 受理 -> 办结 }\n"})
    assert not problems.errors
    [d] = [b.parsed for s in project.standards for b in s.blocks]
    assert d.include == "approval" and "受理" in d.dot


def test_include_diagram_with_syntax_error(make_project):
    expect(make_project, "```dot\ninclude: bad\n```\n", "```dot", "diagrams/bad.dot", "Graphviz 语法错误",
           diagrams={"bad": "digraph {\n a -> \n}\n"})


# -- escaping ----------------------------------------------------------------------------------------
NASTY = 'He said "hi" [x] {y} -> <b> & &lt; \\n back\\slash ]; evil -> node [shape=box'


def svg_texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return "".join(el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text"))


def svg_of(dot: str) -> str:
    svgs, _ = diagram.render_all([dot], BuildCache(None))
    return svgs[dot]


def test_dot_string_escapes():
    assert dot_string('a"b') == '"a\\"b"'
    assert dot_string("a\\nb") == '"a\\\\nb"'
    assert dot_string("x & y <z> -> [w]") == '"x &amp; y <z> -> [w]"'


def test_labels_survive_graphviz_literally(make_project):
    body = flow(f"{{id: a, text: {json.dumps(NASTY, ensure_ascii=False)}, type: start}}", "{id: b, text: '<script>&', type: end}")
    [f] = parsed_blocks(make_project, body)
    svg = svg_of(flow_to_dot(f))
    text = svg_texts(svg)          # parses as XML: safe to inline
    assert text.replace(" ", "") == (NASTY + "<script>&").replace(" ", "")
    assert "<script" not in svg


def test_html_of_steps_is_escaped(make_project):
    body = flow("{id: a, text: '<img src=x onerror=alert(1)> & \"q\"'}")
    project, problems, path, text = load(make_project, body)
    [standard] = [s for s in project.standards if s.code == "Q/CQJG 201-2024"]
    out = html_render.render_flow(render_context(project, dt.date(2025, 6, 30)), standard.blocks[0], "standards/x.md",
                                  standard)
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;" in out


def test_sanitise_drops_script_links():
    svg = ('<?xml version="1.0"?>\n<!-- c -->\n<svg width="10pt" height="20pt" viewBox="0 0 10 20" '
           'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<title>%3</title>\n'
           '<a xlink:href="javascript&#58;alert(1)"><text>x</text></a>\n'
           '<a xlink:href="#5.2"><text>y</text></a>\n</svg>\n')
    from stdsite.output.svgclean import clean_svg
    out = clean_svg(svg)
    assert "javascript" not in out and 'xlink:href="#5.2"' in out
    assert out.startswith('<svg width="10" height="20"') and "<title>" not in out and "<!--" not in out


def test_wrap_keeps_lines_short_and_balanced():
    lines = wrap("派车并登记（填写派车单，注明用车事由、时间、地点、乘车人数）", 20)
    assert len(lines) == 3 and all(sum(2 if ord(c) > 127 else 1 for c in l) <= 20 for l in lines)
    assert not any(l[0] in "，、）" for l in lines)
    assert wrap("提交申请", 20) == ["提交申请"]


def test_clause_link_in_svg(make_project):
    [f] = parsed_blocks(make_project, FLOW_OK)
    svg = svg_of(flow_to_dot(f))
    assert 'xlink:href="#5.2"' in svg


# -- cache -------------------------------------------------------------------------------------------
def test_render_all_uses_the_cache(tmp_path):
    sources = [f"digraph {{ a{i} -> b{i} }}\n" for i in range(5)]
    first, stats = diagram.render_all(sources, BuildCache(tmp_path / "cache"))
    assert (stats.rendered, stats.processes) == (5, 1)                                   # one batch
    second, stats = diagram.render_all(sources + sources[:2], BuildCache(tmp_path / "cache"))   # a new process
    assert (stats.rendered, stats.from_cache, stats.processes) == (0, 5, 0)
    assert first == second
    assert json.loads((tmp_path / "cache" / "last-render.json").read_text())["rendered"] == 0

"""Graphviz attributes from the sources are bounded: a hostile `fontsize`, `size`, `dpi`,
`peripheries` or `sides` made `dot` draw an empty or a 25 MB picture; a text longer than
Graphviz's 16384-byte limit ended with a message about a missing quote. Each gets one Chinese line
with the file and line of the attribute."""
from __future__ import annotations

import pytest

from support import ROOT
from hardening_support import cli, line_of, md

LONG = "很长的步骤说明" * 3000          # 21,000 characters, 63 KB


@pytest.mark.parametrize("attribute, value, message", [
    ("dpi", "1000000", "属性 「dpi」 的值 「1000000」 超出允许范围（数值最大 300）"),
    ("size", '"100000,100000!"', "属性 「size」 的值 「100000,100000!」 超出允许范围（数值最大 100）"),
    ("node [fontsize", '"1e9"]', "属性 「fontsize」 的值 「1e9」 超出允许范围（数值最大 72）"),
    ("node [peripheries", "100000]", "属性 「peripheries」 的值 「100000」 超出允许范围（数值最大 10）"),
    ("node [shape=polygon, sides", "1000000]", "属性 「sides」 的值 「1000000」 超出允许范围（数值最大 100）"),
    ("edge [penwidth", "inf]", "属性 「penwidth」 的值 「inf」 超出允许范围（数值最大 20）"),
    ("a [label", '<<FONT POINT-SIZE="5000">大</FONT>>]', "属性 「POINT-SIZE」 的值 「5000」 超出允许范围（数值最大 72）"),
    ("a [label", f'"{LONG}"]', "文字过长（21000 个字符，上限 2000 个）"),
])
def test_oversized_graphviz_values_are_refused(make_project, attribute, value, message):
    dot = f"digraph {{\n  rankdir=LR\n  {attribute}={value}\n  a -> b\n}}\n"
    text = md(f"\n## 5 要求\n\n```dot\n{dot}```\n")
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert f"{src}/standards/a.md:{line_of(text, attribute)}: 图中的" in err and message in err, err[:600]
    assert "引号没有配对" not in err and "Traceback" not in err


def test_ordinary_attributes_and_numeric_texts_pass(make_project):
    dot = ('digraph {\n  rankdir=LR; ranksep="1.2 equally"; size="8,5"; dpi=96\n'
           '  a [label="20250001", color="#123456", fontsize=14, width=1.5, shape=box]\n  a -> b [weight=2, minlen=2]\n}\n')
    src = make_project({"standards/a.md": md(f"\n## 5 要求\n\n```dot\n{dot}```\n")})
    code, _, err = cli("check", "--src", str(src))
    assert code == 0, err


def test_the_example_diagrams_pass():
    from stdsite.validate.blocks.dotattrs import forbidden_attributes
    for path in sorted((ROOT / "diagrams").glob("*.dot")):
        assert forbidden_attributes(path.read_text(encoding="utf-8")) == [], path.name

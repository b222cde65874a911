"""Invisible characters (zero-width, BOM, bidi controls, control characters) in codes, titles,
文号 and headings are refused with the file, the line and the character's position; codes and
文号 that differ only in full-width / half-width forms are duplicates."""
from __future__ import annotations

import pytest

from hardening_support import cli, line_of, md, std

DOC = "number: {number}\ntitle: 关于测试的通知\nissuer: 重庆市机关事务管理局\nissued: 2024-01-01\n"


@pytest.mark.parametrize("char, name", [("\u200b", "U+200B（零宽空格）"), ("\u200d", "U+200D（零宽连接符）"),
                                        ("\ufeff", "U+FEFF（零宽不换行空格（BOM）"), ("\u202e", "U+202E（双向文字控制符）"),
                                        ("\u2067", "U+2067（双向文字隔离符）"), ("\\x07", "U+0007（控制字符）")])
def test_invisible_character_in_a_title_is_refused(make_project, char, name):
    text = std(title=f'"测试{char}标准"')
    src = make_project({"standards/a.yaml": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert (f"{src}/standards/a.yaml:{line_of(text, 'title:')}: 字段「title」的第 3 个字符是看不见的字符 {name}"
            in err), err
    assert "Traceback" not in err


def test_invisible_character_in_a_code_and_a_document_number(make_project):
    standard = std(code='"Q/T\u200b 1-2024"')
    src = make_project({"standards/a.yaml": standard, "documents/d.yaml": DOC.format(number="渝机管发\u2066〔2024〕1号")})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert f"{src}/standards/a.yaml:1: 字段「code」的第 4 个字符是看不见的字符 U+200B（零宽空格）" in err
    assert f"{src}/documents/d.yaml:1: 字段「number」的第 5 个字符是看不见的字符 U+2066（双向文字隔离符）" in err


def test_invisible_character_in_a_clause_heading(make_project):
    text = md("\n## 5 要求\n\n### 5.1 派\u200c车\n\n派车应登记。\n")
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert (f"{src}/standards/a.md:{line_of(text, '### 5.1')}: 标题 「5.1 派\u200c车」 的第 6 个字符是看不见的字符 "
            f"U+200C（零宽非连接符）") in err


def test_full_width_document_number_is_a_duplicate(make_project):
    src = make_project({"documents/a.yaml": DOC.format(number="DB50〔2024〕1号"),
                        "documents/b.yaml": DOC.format(number="ＤＢ５０〔２０２４〕１号")})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert (f"{src}/documents/b.yaml:1: 文号 「ＤＢ５０〔２０２４〕１号」 与 {src}/documents/a.yaml（第 1 行）重复"
            f"（全角与半角、大小写不同的写法也算重复）") in err, err


def test_full_width_standard_code_is_a_duplicate(make_project):
    src = make_project({"standards/a.yaml": std(code="DB50/T 9-2024"), "standards/b.yaml": std(code="ＤＢ５０／Ｔ ９-２０２４")})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert f"{src}/standards/b.yaml:1: 标准编号 「DB50/T 9-2024」 与 {src}/standards/a.yaml（第 1 行）重复" in err, err


def test_line_breaks_and_tabs_in_a_summary_are_fine(make_project):
    src = make_project({"standards/a.yaml": std(summary='"第一行\\n第二行\\t制表"')})
    code, _, err = cli("check", "--src", str(src))
    assert code == 0, err

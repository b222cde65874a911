"""Chinese explanations of YAML slips: the full-width punctuation of Chinese input methods, and
PyYAML's English reasons put in an editor's words."""
from __future__ import annotations

import re

import yaml

from ..errors import quote

_FULLWIDTH_KEY = re.compile(r"^[^\S\n]*(?:-[^\S\n]+)?([A-Za-z_][\w-]*)[^\S\n]*：", re.M)
_FULLWIDTH_SPACE_AFTER = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):\u3000")
_FULLWIDTH_INDENT = re.compile(r"^ *\u3000")
_FULLWIDTH_COMMA_KEY = re.compile(r"[{,].*，\s*([A-Za-z_][\w-]*)\s*:\s")


def input_method_hint(text: str, line_offset: int, failed: bool = False) -> tuple[int, str] | None:
    """Full-width colons, spaces and commas where YAML needs half-width ones are the commonest
    slips of Chinese input methods: each named with its line. Full-width spaces and commas are
    looked for only in `failed` text (a text block may well indent its paragraphs with 「　」)."""
    if not failed:                    # (every text is looked at: one search, not one per line)
        m = _FULLWIDTH_KEY.search(text)
        return None if m is None else (text.count("\n", 0, m.start()) + 1 + line_offset, _colon(m.group(1)))
    for number, line in enumerate(text.split("\n"), start=1):
        m = _FULLWIDTH_KEY.match(line)
        if m:
            return number + line_offset, _colon(m.group(1))
        m = _FULLWIDTH_SPACE_AFTER.match(line)
        if m:
            return number + line_offset, f"字段 {quote(m.group(1))} 的冒号后面是全角空格「　」，请改为半角空格"
        if _FULLWIDTH_INDENT.match(line):
            return number + line_offset, "这一行开头用了全角空格「　」缩进，请改为半角空格"
        m = _FULLWIDTH_COMMA_KEY.search(line)
        if m and not line.lstrip().startswith("#"):
            return number + line_offset, f"字段 {quote(m.group(1))} 前面用了全角逗号「，」，请改为半角逗号「,」"
    return None


def _colon(key: str) -> str:
    return f"字段 {quote(key)} 后面用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格"


_YAML_HINTS = {
    "expected ',' or ']'": "列表「[ ]」没有闭合，或两项之间缺少逗号「,」",
    "expected ',' or '}'": "大括号「{ }」没有闭合，或两项之间缺少逗号「,」",
    "mapping values are not allowed here": "这里不能出现冒号「:」，含冒号的文字请用引号括起来",
    "could not find expected ':'": "缺少冒号「:」，或缩进不一致",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found undefined alias": "「*名称」引用的内容在前面没有用「&名称」标出；请去掉「*名称」，把内容直接写出来",
    "expected <block end>, but found": "缩进不一致",
    "found unexpected end of stream": "引号或括号没有闭合",
    "did not find expected key": "缩进不一致或缺少「- 」",
    "found duplicate anchor": "同一个「&名称」标了两次；请去掉「&名称」和「*名称」，把内容直接写出来",
}


def explain(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's English reason as a Chinese hint (a general one when it is not known)."""
    problem = exc.problem or ""
    for needle, hint in _YAML_HINTS.items():
        if needle in problem or needle in (exc.context or ""):
            return hint
    return "请检查这一行及上一行的缩进、冒号「:」、括号和引号是否成对"

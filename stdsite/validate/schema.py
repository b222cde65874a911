"""Field checking shared by every source kind: types, dates, choices, clause numbers, unknown fields.

Each checker reads a YMap, reports problems with the value's line and returns plain Python values.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import Problems, quote, shown
from ..load.yaml import YList, YMap
from ..text import date_problem, did_you_mean

# A field's value lands in headings, tables and links on many pages; Markdown's inline processing
# grows with the square of the marks in one value (4000 `[`/`*` in a heading: 0.75 s). No title,
# name or note needs more than this; the body has no such limit.
MAX_TEXT = 2000

# Chinese names editors often type for our English keys: used for did-you-mean.
CHINESE_KEYS = {
    "编号": "code", "标准编号": "code", "名称": "title", "标题": "title", "标准名称": "title",
    "级别": "level", "层级": "level", "体系": "framework", "发布日期": "issued", "实施日期": "effective",
    "废止日期": "abolished", "代替": "replaces", "阶段": "stage", "发布机构": "issuer",
    "起草单位": "drafters", "区域": "region", "标签": "tags", "关键词": "tags", "摘要": "summary",
    "附件": "attachments", "文号": "number", "受众": "audience", "时长": "minutes", "目标": "objectives",
}


# what editors write for a value of a choice field (级别 above all), for did-you-mean
CHOICE_ALIASES = {
    "国标": "国家标准", "国家级标准": "国家标准", "行标": "行业标准", "行业级标准": "行业标准",
    "地标": "地方标准", "省标准": "地方标准", "省级标准": "地方标准", "市标准": "地方标准", "市级标准": "地方标准",
    "重庆市地方标准": "地方标准", "团标": "团体标准", "协会标准": "团体标准", "企标": "企业标准",
    "内部标准": "组织内部标准", "机关内部标准": "组织内部标准", "单位内部标准": "组织内部标准", "内标": "组织内部标准",
    "草案": "制定中", "征求意见稿": "制定中", "起草中": "制定中", "修订": "修订中",
}


def unknown_key_hint(key: str, allowed: Iterable[str]) -> str:
    """Did-you-mean for an unknown field: the Chinese name editors type, a close spelling, or the list."""
    allowed = list(allowed)
    if key in CHINESE_KEYS and CHINESE_KEYS[key] in allowed:
        return f"，是否应为「{CHINESE_KEYS[key]}」？"
    return did_you_mean(key, allowed) or f"（可用字段：{'、'.join(allowed)}）"


@dataclass(frozen=True)
class Spec:
    """One field of a source mapping."""

    kind: str                       # text | texts | text_or_texts | date | bool | number | int | whole | choice | clause | any
    required: bool = False
    choices: tuple = ()
    label: str = ""                 # Chinese name for messages


class Checker:
    """Checks mappings of one file, reporting into a shared Problems list."""

    def __init__(self, problems: Problems, path: str):
        self.problems = problems
        self.path = path

    def error(self, line: int | None, message: str) -> None:
        self.problems.error(self.path, line, message)

    def warn(self, line: int | None, message: str) -> None:
        self.problems.warn(self.path, line, message)

    def mapping(self, value: Any, specs: dict[str, Spec], what: str, line: int | None = None) -> dict | None:
        """Check a mapping against `specs`; returns {field: converted value or None} or None."""
        if not isinstance(value, YMap):
            if value is None or value == "":
                self.error(line, f"{what}没有填写内容；应写成「字段: 值」的形式，每行一个字段")
            else:
                self.error(getattr(value, "line", line), f"{what}应写成「字段: 值」的形式（每行一个字段），"
                                                         f"实际是 {quote(value)}")
            return None
        out: dict[str, Any] = {}
        for key in value:
            if key not in specs:
                self.error(value.line_of(key), f"{what}中有未知字段 {quote(key)}{unknown_key_hint(key, specs)}")
        for name, spec in specs.items():
            if name not in value or value[name] is None or value[name] == "":
                if spec.required:
                    label = f"（{spec.label}）" if spec.label else ""
                    self.error(value.line, f"{what}缺少必填字段「{name}」{label}")
                out[name] = [] if spec.kind in ("texts", "text_or_texts") else None
                continue
            out[name] = self.convert(value[name], spec, name, value.line_of(name))
        return out

    def convert(self, raw: Any, spec: Spec, name: str, line: int) -> Any:
        kind = spec.kind
        if kind == "any":
            return raw
        if kind in ("text", "choice"):
            text = self.text(raw, name, line)
            if text is not None and kind == "choice" and text not in spec.choices:
                alias = CHOICE_ALIASES.get(text.replace(" ", ""))
                hint = f"，是否应为「{alias}」？" if alias in spec.choices else did_you_mean(text, spec.choices)
                self.error(line, f"字段「{name}」的值 {quote(text)} 无效，应为 {' · '.join(spec.choices)} 之一{hint}")
                return None
            return text
        if kind in ("texts", "text_or_texts"):
            return self.texts(raw, name, line)
        if kind == "date":
            return self.date(raw, name, line)
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            self.error(line, f"字段「{name}」应为 true 或 false，实际是 {quote(raw)}")
            return None
        if kind in ("number", "int"):
            if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (isinstance(raw, float) and not math.isfinite(raw)):
                self.error(line, f"字段「{name}」应为数字，实际是 {quote(raw)}")
                return None
            if kind == "int" and (isinstance(raw, float) and not raw.is_integer()):
                self.error(line, f"字段「{name}」应为整数，实际是 {quote(raw)}")
                return None
            return int(raw) if kind == "int" else raw
        if kind == "whole":
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
                self.error(line, f"字段「{name}」应为不小于 1 的整数，实际是 {quote(raw)}")
                return None
            return raw
        if kind == "clause":
            return self.clause(raw, name, line)
        raise AssertionError(kind)

    def text(self, raw: Any, name: str, line: int) -> str | None:
        if isinstance(raw, str):
            if len(raw) > MAX_TEXT:
                self.error(line, f"字段「{name}」过长（{len(raw)} 个字符），不能超过 {MAX_TEXT} 个字符；"
                                 f"大段内容请写在正文中")
                return None
            return raw.strip()
        if isinstance(raw, bool):
            self.error(line, f"字段「{name}」应为文字，实际是 {quote(str(raw).lower())}；如确为文字请加引号")
        elif isinstance(raw, (int, float)):
            self.error(line, f"字段「{name}」应为文字，实际是数字 {quote(raw)}；请加引号，如 {name}: \"{shown(raw)}\"")
        else:
            self.error(line, f"字段「{name}」应为文字，实际是 {quote(describe(raw))}")
        return None

    def texts(self, raw: Any, name: str, line: int) -> list[str]:
        if isinstance(raw, str):
            items, lines = [raw], [line]
        elif isinstance(raw, YList):
            items, lines = list(raw), raw.item_lines
        else:
            self.text(raw, name, line)
            return []
        out = []
        for item, item_line in zip(items, lines):
            text = self.text(item, name, item_line)
            if text is None:
                continue
            if "，" in text and isinstance(raw, YList) and raw.flow:
                self.warn(item_line, f"字段「{name}」的 {quote(text)} 含全角逗号「，」，会被当作一项；"
                                     f"多项请用半角逗号分隔，如 [甲, 乙]")
            if text:
                out.append(text)
        return out

    def date(self, raw: Any, name: str, line: int) -> dt.date | None:
        if isinstance(raw, (str, int)) and not isinstance(raw, bool):
            parsed, why = date_problem(str(raw))
            if parsed:
                return parsed
            self.error(line, f"字段「{name}」的日期 {quote(raw)} {why}")
            return None
        self.error(line, f"字段「{name}」的日期 {quote(raw)} 格式不对，应为 YYYY-MM-DD，如 2023-03-01")
        return None

    def clause(self, raw: Any, name: str, line: int) -> str | None:
        if isinstance(raw, bool):
            self.error(line, f"字段「{name}」应为条款号，实际是 {quote(raw)}")
            return None
        if isinstance(raw, int):
            return str(raw)
        if isinstance(raw, float):
            written = shown(raw)
            misread = f"，会被读成 {raw!s}" if written != str(raw) else ""
            self.error(line, f"条款号 {quote(raw)} 没有加引号{misread}；请加引号，写成 {name}: \"{written}\"")
            return None
        if isinstance(raw, str) and re.fullmatch(r"(\d+|[A-Z])(\.\d+)*", unicodedata.normalize("NFKC", raw).strip()):
            return unicodedata.normalize("NFKC", raw).strip()        # full-width digits and dots read as plain
        self.error(line, f"字段「{name}」的条款号 {quote(raw)} 格式不对，应如 \"5.2.1\" 或附录中的 \"A.1\"")
        return None

    def list_of_maps(self, raw: Any, name: str, line: int) -> list[tuple[YMap, int]]:
        """A list whose items are mappings: returns (item, line) pairs, reporting other items."""
        if raw is None:
            return []
        if not isinstance(raw, YList):
            self.error(line, f"字段「{name}」应为列表（每项以「- 」开头），实际是 {quote(describe(raw))}")
            return []
        out = []
        for index, item in enumerate(raw):
            if isinstance(item, YMap):
                out.append((item, raw.line_of(index)))
            else:
                self.error(raw.line_of(index), f"字段「{name}」的第 {index + 1} 项应写成「字段: 值」的形式，"
                                                     f"如 - {{date: 2024-01-01, note: 说明}}，实际是 {quote(item)}")
        return out


def describe(value: Any) -> Any:
    """A YAML value for a message (quote() writes lists and mappings as the editor wrote them)."""
    return value


def item_line(data: YMap, key: str, index: int) -> int:
    """The line of item `index` of the list under `key` (the key's line when it is not a list)."""
    value = data.get(key)
    return value.line_of(index) if isinstance(value, YList) else data.line_of(key)

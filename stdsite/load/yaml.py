"""YAML 1.2 (core schema) with line marks: every mapping and list remembers the line of its values.

PyYAML implements YAML 1.1 (where `yes`/`no`/`on`/`off` are booleans and `2023-02-30` crashes the
timestamp constructor). We only use its parser/composer and resolve scalars ourselves with the
1.2 core schema, so dates stay strings that the validator checks with a clear message, and every
mapping and list remembers the line of each of its values.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import quote
from .yaml_hints import explain, input_method_hint

MAX_ALIASES = 50          # alias references per document
MAX_NODES = 200_000       # nodes produced again through aliases when converting (guards alias bombs)
MAX_DEPTH = 100           # nested lists/mappings (deeper input would exhaust Python's stack)
PLAIN = "tag:stdsite,plain"          # an untagged plain scalar (see _Loader.resolve)
CORE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


class ReadProblem(Exception):
    """A file that cannot be read as UTF-8 YAML; `line` is 1-based or None."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class YMap(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    """A list that remembers its own line and the line of each item."""

    line: int
    item_lines: list
    flow: bool = False        # written as [a, b] (not as "- a" lines)

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class YFloat(float):
    """A number written with a decimal point, remembering how it was written: `clause: 5.10` is
    quoted back to the editor as 5.10, not 5.1."""

    text: str

    def __new__(cls, value: float, text: str) -> "YFloat":
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self):
        return YFloat, (float(self), self.text)


_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")


_PLAIN_NON_TEXT_START = frozenset("0123456789+-.~nNtTfF")
_PLAIN_WORDS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema."""
    if text and text[0] not in _PLAIN_NON_TEXT_START:
        return text                   # most values are Chinese text: no pattern can match
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _resolve_tag(loader, kind, value, implicit):
    """Untagged plain scalars get PLAIN (resolved later with the 1.2 core schema), so that any
    tag left on a node was written by the editor: `!!str 2024` is honoured, others refused."""
    if kind is ScalarNode and implicit[0]:
        return PLAIN
    return yaml.resolver.Resolver.resolve(loader, kind, value, implicit)


class _Loader(yaml.SafeLoader):
    """SafeLoader that counts aliases while composing and reads plain scalars as YAML 1.2 does."""

    def scan_plain(self):
        """PyYAML's plain-scalar scanner with YAML 1.2's flow rule: `?` may appear inside a plain
        scalar in `{...}`/`[...]`, so `{text: 是否符合用车规定?, type: decision}` works."""
        chunks = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if ch in "\0 \t\r\n\x85\u2028\u2029" \
                        or (ch == ":" and self.peek(length + 1) in "\0 \t\r\n\x85\u2028\u2029"
                            + (",[]{}" if self.flow_level else "")) \
                        or (self.flow_level and ch in ",[]{}"):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)

    def __init__(self, stream):
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    resolve = _resolve_tag

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                event = self.peek_event()
                raise ReadProblem(event.start_mark.line + 1, f"YAML 嵌套超过 {MAX_DEPTH} 层（括号或缩进过多），请简化")
            return self._compose_counted(parent, index)
        finally:
            self.depth -= 1

    def _compose_counted(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                event = self.peek_event()
                raise ReadProblem(event.start_mark.line + 1,
                                  f"用「*名称」重复引用前面「&名称」处内容的写法超过 {MAX_ALIASES} 处；请去掉「&名称」和「*名称」，把每一条的内容直接写出来")
        return Composer.compose_node(self, parent, index)


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    """libyaml's parser (about ten times faster than PyYAML's) with the same tag resolution.

    Used only for text without anchors and aliases, where it and _Loader agree; anything it
    rejects is parsed again by _Loader, whose messages we explain."""

    resolve = _resolve_tag                     # (the function itself: called for every node)

    def descend_resolver(self, current_node, current_index):
        pass                          # no path resolvers are registered: skip the bookkeeping

    def ascend_resolver(self):
        pass


def _fast_path_safe(text: str) -> bool:
    # nesting needs no guard here: libyaml refuses more than 1000 levels (then _Loader explains)
    # and _Converter stops at MAX_DEPTH; anchors and aliases are counted only by _Loader
    return yaml.__with_libyaml__ and "&" not in text and "*" not in text


def _compose(text: str):
    """(the document's node tree, whether it may hold aliases): libyaml when it is safe and
    succeeds, else PyYAML with our checks."""
    if _fast_path_safe(text):
        loader = _FastLoader(text)
        try:
            return loader.get_single_node(), False
        except yaml.YAMLError:
            pass                      # e.g. `{text: 是否?}`: PyYAML (1.2 rules) reads it or explains
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node(), True
    finally:
        loader.dispose()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _join_surrogates(value: str, line: int) -> str:
    """`"\\ud83d\\ude00"` escapes give two UTF-16 halves: join them into one character (😀);
    a lone half cannot be written to any page, so it is an error."""
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        raise ReadProblem(line, "文字中有无效的 \\u 转义（单独的代理字符 \\ud800–\\udfff），请直接写出该字符") from None


class _Converter:
    def __init__(self, line_offset: int, aliases: bool = True):
        self.offset = line_offset
        self.aliases = aliases          # whether nodes may be shared (reached again through an alias)
        self.count = 0                  # nodes converted again (reached through an alias)
        self.seen: set[int] = set()
        self.depth = 0

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def convert(self, node: yaml.Node) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise ReadProblem(self.line(node), f"YAML 嵌套超过 {MAX_DEPTH} 层（括号或缩进过多），请简化")
            return self._convert(node)
        finally:
            self.depth -= 1

    def _convert(self, node):
        if self.aliases:
            if id(node) not in self.seen:   # (a large file without aliases is no bomb: count repeats only)
                self.seen.add(id(node))
            else:
                self.count += 1
            if self.count > MAX_NODES:
                raise ReadProblem(self.line(node), "内容过多：用「&名称」「*名称」层层重复引用后，相当于几十万条内容；请去掉「&名称」和「*名称」，把每一条的内容直接写出来")
        tag = node.tag
        if tag != PLAIN and tag not in CORE_TAGS:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise ReadProblem(self.line(node), f"不支持的 YAML 标记 {quote(tag)}，请去掉它（需要文字时用引号）")
        cls = type(node)
        if cls is ScalarNode:
            text = node.value
            if _SURROGATE.search(text):
                text = node.value = _join_surrogates(text, self.line(node))
            if tag == PLAIN or (tag != "tag:yaml.org,2002:str" and node.style is None):
                value = resolve_plain(text)
                return YFloat(value, text) if type(value) is float and math.isfinite(value) else value
            return text
        offset = self.offset + 1
        if cls is SequenceNode:
            children = node.value
            out = YList(self.convert(child) for child in children)
            out.line = node.start_mark.line + offset
            out.item_lines = [child.start_mark.line + offset for child in children]
            out.flow = bool(node.flow_style)
            return out
        if cls is MappingNode:
            out = YMap()
            out.line = node.start_mark.line + offset
            key_lines = out.key_lines = {}
            for key_node, value_node in node.value:
                if type(key_node) is ScalarNode and key_node.tag == PLAIN \
                        and key_node.value.isascii() and key_node.value.isidentifier() \
                        and key_node.value not in _PLAIN_WORDS:
                    key = key_node.value            # the common `title:`: nothing to resolve or normalise
                else:
                    key = self._key(key_node)
                if key in out:
                    raise ReadProblem(self.line(key_node), f"字段 {quote(key)} 重复出现")
                out[key] = self.convert(value_node)
                # a value's line is where the value starts (the key's line for block mappings)
                key_lines[key] = (value_node if type(value_node) is ScalarNode else key_node).start_mark.line + offset
            return out
        raise ReadProblem(self.line(node), "无法识别的 YAML 内容")

    def _key(self, key_node) -> str:
        if key_node.tag == PLAIN and key_node.value == "<<":
            raise ReadProblem(self.line(key_node), "不支持 YAML 合并键「<<」，请直接写出字段")
        key = self.convert(key_node)
        if isinstance(key, (YMap, YList)):
            raise ReadProblem(self.line(key_node), "字段名必须是文字")
        # a key typed with a full-width space or letters (`　level`, `ｔｉｔｌｅ`) means the half-width one
        return str(key) if not isinstance(key, str) else unicodedata.normalize("NFKC", key).strip()


class ParseMemo:
    """Parsed YAML documents keyed by their text, kept between runs by the build cache: `check`, a
    warm build and each preview rebuild re-read a thousand unchanged front matters and blocks.
    Only successful parses are kept (errors are always recomputed, with their messages); `used`
    holds the entries of this run, so the saved memo drops what no file needs any more."""

    # any change to this module (how values are read) invalidates memos saved by another version
    VERSION = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()

    def __init__(self, entries: dict | None = None) -> None:
        self.entries: dict = entries or {}
        self.used: dict = {}
        self.trace: list | None = None          # keys parsed while set (see load/memo.py)

    def parse(self, text: str, line_offset: int) -> Any:
        key = (hashlib.sha1(text.encode("utf-8")).digest(), line_offset)
        value = self.entries[key] if key in self.entries else _parse_yaml(text, line_offset)
        self.used[key] = value
        if self.trace is not None:
            self.trace.append(key)
        return value                  # shared by identical texts: callers never change parsed values

    def mark_used(self, keys: list) -> None:
        """Keys a file parsed in an earlier check, still needed (its parse was not repeated)."""
        for key in keys:
            if key not in self.used and key in self.entries:
                self.used[key] = self.entries[key]

    @property
    def changed(self) -> bool:
        return self.used.keys() != self.entries.keys()


def parse_yaml(text: str, line_offset: int = 0, memo: ParseMemo | None = None) -> Any:
    """Parse one YAML document into plain values, YMap and YList (with absolute line numbers)."""
    if memo is not None:
        return memo.parse(text, line_offset)
    return _parse_yaml(text, line_offset)


def _parse_yaml(text: str, line_offset: int = 0):
    hint = input_method_hint(text, line_offset)
    if hint:
        raise ReadProblem(*hint)
    try:
        node, aliases = _compose(text)
    except ReadProblem as problem:
        problem.line = (problem.line or 0) + line_offset
        raise
    except yaml.MarkedYAMLError as exc:
        hint = input_method_hint(text, line_offset, failed=True)
        if hint:
            raise ReadProblem(*hint) from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        raise ReadProblem(line, f"YAML 格式错误：{explain(exc)}") from None
    except yaml.YAMLError:
        raise ReadProblem(None, "YAML 格式错误：文件无法读取，请检查缩进、冒号、括号和引号") from None
    if node is None:
        return None
    return _Converter(line_offset, aliases).convert(node)

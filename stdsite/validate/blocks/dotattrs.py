"""Graphviz attributes a `dot` block may not use: those that make Graphviz read files of the
computer that builds the site (`image=`, `shapefile=`, an `<IMG>` in an HTML label…) or point it
at other font and image folders, and values Graphviz 2.43 writes into its SVG unescaped. Found
with a small DOT tokenizer, so quoted or concatenated names (`"ima" + "ge"=…`) count too; each
with its line in the DOT text.

Sizes are bounded too: a `fontsize`, `size`, `dpi`, `peripheries` or `sides` of a million makes
Graphviz draw an empty or a 25 MB picture, and a text of more than 16384 bytes ends Graphviz with
a message about a missing quote. Every number of an attribute is at most LIMITS[name] (any other
attribute: OTHER_LIMIT), and every text at most MAX_LABEL characters."""
from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ...errors import quote

FORBIDDEN = frozenset({"image", "shapefile", "fontpath", "imagepath", "stylesheet"})
RAW_VALUES = frozenset({"fontname", "labelfontname", "url", "href", "headurl", "tailurl", "labelurl", "edgeurl",
                        "headhref", "tailhref", "labelhref", "edgehref"})
# the largest number each attribute may hold (inches, points, counts); any other: OTHER_LIMIT
LIMITS = {
    "fontsize": 72, "labelfontsize": 72, "size": 100, "page": 100, "dpi": 300, "resolution": 300,
    "width": 20, "height": 20, "margin": 10, "pad": 10, "nodesep": 10, "ranksep": 10, "penwidth": 20,
    "arrowsize": 10, "peripheries": 10, "sides": 100, "ratio": 10, "scale": 10, "minlen": 100,
    "labeldistance": 10, "mclimit": 10, "nslimit": 100, "nslimit1": 100, "searchsize": 1000, "maxiter": 10000,
}
HTML_LIMITS = {"point-size": 72}
OTHER_LIMIT = 10000            # an attribute whose whole value is a number (not a text attribute)
TEXTS = frozenset({"label", "xlabel", "headlabel", "taillabel", "tooltip", "labeltooltip", "headtooltip",
                   "tailtooltip", "edgetooltip", "comment", "id", "class", "group", "layer", "layers",
                   "samehead", "sametail", "lhead", "ltail", "color", "fillcolor", "fontcolor", "bgcolor",
                   "pencolor", "labelfontcolor", "colorscheme", "style", "shape", "rank", "target",
                   "headport", "tailport", "charset", "root", "ordering"})
MAX_LABEL = 2000               # characters of one text (Graphviz reads at most 16384 bytes)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\b(?:inf(?:inity)?|nan)\b", re.I)
_ONLY_NUMBERS = re.compile(rf"^[\s,:!]*(?:(?:{_NUMBER.pattern})[\s,:!]*)+$", re.I)
_HTML_NUMBER = re.compile(r"""([\w-]+)\s*=\s*["']?\s*([^"'\s>]*)""")
_UNSAFE_VALUE = re.compile(r'["<>]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)')
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z)|(?<![^\n])\#[^\n]*)
  | (?P<string>"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<html><)
  | (?P<id>[A-Za-z_\x80-\U0010ffff][\w\x80-\U0010ffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))
  | (?P<op>->|--|.)
""", re.S | re.X)
_IMG = re.compile(r"<\s*img\b", re.I)


def forbidden_attributes(dot: str) -> list[tuple[int, str]]:
    """(line, message) for every attribute of `dot` a page may not have: one that reads files, an
    `<IMG>` in an HTML-like label, or a value Graphviz 2.43 would write into the SVG unescaped
    (a `fontname` or link holding `"`, `<`, `>` or a bare `&`)."""
    found: list[tuple[int, str]] = []
    tokens = list(_tokens(dot))
    for index, (kind, text, line) in enumerate(tokens):
        if kind == "html" and _IMG.search(text):
            found.append((line, "HTML 标签中的图片 <IMG> 会读取生成网站的电脑上的文件，不能使用"))
        if kind in ("html", "string") and len(text) > MAX_LABEL:
            found.append((line, f"文字过长（{len(text)} 个字符，上限 {MAX_LABEL} 个）；图中的文字请简短，"
                                f"详细内容写在正文中"))
        if kind == "html":
            for name, value in _HTML_NUMBER.findall(text):
                found.extend((line, message) for message in _too_large(name, value, HTML_LIMITS))
        if kind != "op" or text != "=" or index == 0 or tokens[index - 1][0] not in ("id", "string"):
            continue
        name, name_line = tokens[index - 1][1].strip(), tokens[index - 1][2]
        value = tokens[index + 1][1] if index + 1 < len(tokens) and tokens[index + 1][0] in ("id", "string") else ""
        if name.lower() in FORBIDDEN:
            found.append((name_line, f"属性 {quote(name)} 会读取生成网站的电脑上的文件，不能使用"))
        elif name.lower() in RAW_VALUES and _UNSAFE_VALUE.search(value):
            found.append((name_line, f"属性 {quote(name)} 的值 {quote(value)} 不能含有英文引号、尖括号或单独的「&」"
                                     f"（Graphviz 会原样写入图中；「&」请写作 &amp;）"))
        elif name.lower() in LIMITS or name.lower() not in TEXTS | RAW_VALUES and _ONLY_NUMBERS.match(value):
            found.extend((name_line, message) for message in _too_large(name, value, LIMITS))
    return found


def _too_large(name: str, value: str, limits: dict[str, float]) -> list[str]:
    """The message for an attribute holding a number larger than its limit (none, or one)."""
    limit = limits.get(name.lower(), OTHER_LIMIT)
    if name.lower() not in limits and not _ONLY_NUMBERS.match(value):
        return []
    for number in _NUMBER.findall(value):
        parsed = float(number)
        if not math.isfinite(parsed) or abs(parsed) > limit:
            return [f"属性 {quote(name)} 的值 {quote(value)} 超出允许范围（数值最大 {limit}），"
                    f"过大的值会让 Graphviz 生成极大的图或无法生成；请改小"]
    return []


def _tokens(dot: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, line) of each token but spaces and comments: `id`, `string` (unquoted, and
    joined across `+`), `html` (a whole `<…>` string) or `op`."""
    position, line = 0, 1
    pending: tuple[str, str, int] | None = None         # a string that a `+` may continue
    joining = False
    while position < len(dot):
        if dot[position] == "<":
            end = _html_end(dot, position)
            token = ("html", dot[position:end], line)
        else:
            m = _TOKEN.match(dot, position)
            end = m.end()
            kind = m.lastgroup
            token = None if kind in ("space", "comment") else (kind, _unquote(m.group()) if kind == "string" else m.group(), line)
        line += dot.count("\n", position, end)
        position = end
        if token is None:
            continue
        if pending is not None and token == ("op", "+", token[2]):
            joining = True
            continue
        if pending is not None and joining and token[0] == "string":
            pending = ("string", pending[1] + token[1], pending[2])
            joining = False
            continue
        if pending is not None:
            yield pending
            if joining:
                yield ("op", "+", pending[2])
            pending, joining = None, False
        if token[0] == "string":
            pending = token
        else:
            yield token
    if pending is not None:
        yield pending


def _html_end(dot: str, start: int) -> int:
    """The position after the `>` closing the HTML string that opens at `start` (nesting counted)."""
    depth = 0
    for index in range(start, len(dot)):
        if dot[index] == "<":
            depth += 1
        elif dot[index] == ">":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(dot)


def _unquote(text: str) -> str:
    body = text[1:-1] if len(text) > 1 and text.endswith('"') else text[1:]
    return body.replace("\\\n", "").replace('\\"', '"')

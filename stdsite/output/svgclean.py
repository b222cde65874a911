"""Graphviz SVG made safe to inline in a page, and the same for the same DOT on every run.

Graphviz 2.43 writes some attribute values into its SVG unescaped (a `fontname` can close the
attribute and open a `<script>`), so filtering strings is not enough: the SVG is parsed with an
XML parser and written again from an allow-list of elements and attributes — no script, no
event handler, no `style` but a gradient stop's colour, links only to safe targets (urls.safe_href),
paint only from this drawing (`url(#…)`), nothing loaded from a file or another host.

Graphviz also writes the cluster groups (swimlanes) in a run-dependent order when it draws
several graphs in one process: they are put in the order of their ids, so two builds give the
same bytes.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..escape import html_attr
from ..text import natural_key
from ..urls import safe_href

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ELEMENTS = frozenset({"svg", "g", "a", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text",
                      "tspan", "defs", "linearGradient", "radialGradient", "stop"})
ATTRIBUTES = frozenset({
    "id", "class", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity", "font-family", "font-size", "font-weight",
    "font-style", "text-anchor", "text-decoration", "baseline-shift", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
    "r", "rx", "ry", "fx", "fy", "points", "d", "width", "height", "viewBox", "preserveAspectRatio", "offset",
    "gradientUnits", "gradientTransform", "xlink:title"})
LINKS = frozenset({"xlink:href", "href"})
_STOP_STYLE = re.compile(r"^(?:\s*stop-(?:color|opacity)\s*:\s*[#\w.%(), ]+;?)*\s*$")
_PAINT_URL = re.compile(r"url\(")
_LOCAL_PAINT = re.compile(r"^url\(#[\w.-]+\)$")
_PROLOG = re.compile(r"^\s*(?:<\?xml[^>]*\?>|<!DOCTYPE[^>[]*>|<!--.*?-->|\s)*", re.S)
_PT = re.compile(r"^([\d.]+)pt$")


def clean_svg(svg: str) -> str | None:
    """The SVG of one graph, rebuilt from the allow-list; None when it is not well-formed XML
    (Graphviz wrote something an attribute value broke)."""
    try:
        root = ET.fromstring(_PROLOG.sub("", svg, count=1))
    except ET.ParseError:
        return None
    if _name(root.tag) != "svg":
        return None
    _sort_clusters(root)
    out: list[str] = []
    _write(root, out, is_root=True)
    text = "".join(out)
    return "\n".join(line for line in text.strip().split("\n") if line.strip()) + "\n"


def _name(qualified: str) -> str:
    """`{svg namespace}g` -> `g`, `{xlink namespace}href` -> `xlink:href`; other namespaces: ``."""
    if qualified.startswith("{"):
        ns, _, local = qualified[1:].partition("}")
        return local if ns == SVG_NS else f"xlink:{local}" if ns == XLINK_NS else ""
    return qualified


def _sort_clusters(root: ET.Element) -> None:
    """Cluster groups (class="cluster") in the order of their ids, where the first one stood."""
    for graph in root:
        children = list(graph)
        slots = [i for i, child in enumerate(children) if child.get("class") == "cluster"]
        ordered = sorted((children[i] for i in slots), key=lambda c: natural_key(c.get("id") or ""))
        for slot, child in zip(slots, ordered):
            graph[slot] = child


def _write(element: ET.Element, out: list[str], is_root: bool = False) -> None:
    tag = _name(element.tag)
    if tag not in ELEMENTS:                   # <script>, <title>, <image>, <foreignObject>…: dropped whole
        return
    attrs = [(name, kept) for key, value in element.attrib.items()
             if (name := _name(key)) and (kept := _attribute(tag, name, value, is_root)) is not None]
    if is_root:
        attrs += [("xmlns", SVG_NS), ("xmlns:xlink", XLINK_NS)]
    head = "<" + tag + "".join(f' {name}="{html_attr(value)}"' for name, value in attrs)
    children = list(element)
    if not children and not element.text:
        out.append(head + "/>")
    else:
        out.append(head + ">" + html_attr(element.text or ""))
        for child in children:
            _write(child, out)
            out.append(html_attr(child.tail or ""))
        out.append(f"</{tag}>")


def _attribute(tag: str, name: str, value: str, is_root: bool) -> str | None:
    """The value to keep for an attribute, or None to drop it."""
    if name in LINKS:
        return value if tag == "a" and safe_href(value) else None
    if name == "style":
        return value if tag == "stop" and _STOP_STYLE.match(value) else None
    if name not in ATTRIBUTES:
        return None
    if _PAINT_URL.search(value) and not _LOCAL_PAINT.match(value.strip()):
        return None
    if is_root and name in ("width", "height"):
        m = _PT.match(value)            # 1 pt -> 1 CSS px: the chart's natural size on a page
        return str(round(float(m.group(1)))) if m else value
    return value

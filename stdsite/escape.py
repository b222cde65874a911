"""One escaping rule per output kind: every value from the sources is hostile until it is written
through the rule of the output it lands in.

| output                                   | rule                                              |
|------------------------------------------|---------------------------------------------------|
| HTML text and attributes, page Markdown  | `html_text` (`render.common.esc`, `urls.Links.a`) |
| our URLs in attributes; page/nav titles   | `html_attr` (`render.common.front_matter`)        |
| DOT (Graphviz) strings                   | `dot_string`                                      |
| JSON inside a script or a JS file        | `script_json`                                     |
| CSS strings (`content: "…"` in <style>)  | `css_string`                                      |
| JSON files                               | `output.files.json_bytes`                         |
| CSV and XLSX cells                       | `output.spreadsheets.spreadsheet_cell` (`_text`)  |
| text in DOCX (python-docx), other XML    | `xml_text`                                        |
| SVG from Graphviz                        | `output.svgclean.clean_svg` (XML allow-list)      |
| output folders                           | `output.files.guard_output_folder`                |

Pure functions at the bottom of the package: any stage may call them.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

# Generated pages are Markdown with HTML inside, and values land in both: a value must be inert
# for either. HTML's five specials become entities; the characters Markdown (and its
# `attr_list`: a trailing `{onclick=…}` becomes an attribute) would read as syntax become
# numeric character references, which both HTML and Markdown show as the character itself.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_MARKDOWN = "\\`*{}[]#|"          # not `_`: common in ids and file names, and `_x_` is at worst italic
_HTML_TEXT = str.maketrans({**_HTML, **{c: f"&#{ord(c)};" for c in _MARKDOWN}})


def html_text(value: object) -> str:
    """Any value as HTML text or a double-quoted attribute value, inert as Markdown too
    (no emphasis, link, attribute list, heading mark or table cell can come from it)."""
    return ("" if value is None else str(value)).translate(_HTML_TEXT)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: object) -> str:
    """Text for a document a library serialises as XML (DOCX with python-docx, XLSX): the
    library escapes markup, but characters XML cannot hold (most control characters) make it
    fail; they are dropped."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def html_attr(value: object) -> str:
    """HTML escaping only, where no Markdown ever runs: an attribute value we built (a URL of the
    site, `href="../x/#5.1"` stays readable), and page and navigation titles, which Material
    prints into its templates unescaped (character references for Markdown would show up
    escaped twice in its `aria-label`s)."""
    return html.escape("" if value is None else str(value), quote=True)


def dot_string(text: str) -> str:
    """A DOT double-quoted string showing `text` literally in a label.

    Backslashes are doubled (DOT label escapes such as \\n or \\N are not interpreted), quotes
    escaped, and `&` written as `&amp;` (Graphviz would otherwise read `&lt;` as an entity).
    `<`, `>`, `->`, brackets and braces are plain characters inside a quoted string. Characters
    the SVG (XML) cannot hold are dropped.
    """
    out = xml_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    out = out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ")
    return f'"{out}"'


_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that cannot end the string, the rule or the <style>:
    everything but letters, digits and a few harmless marks becomes a CSS escape."""
    return '"' + "".join(ch if ch.isalnum() or ch in " /-._:()（）" else f"\\{ord(ch):x} " for ch in text) + '"'


def script_json(data: Any) -> str:
    """Compact JSON that is also safe JavaScript inside an HTML `<script>` element or a .js file:
    no `</script>`, `<!--` or line separator can come from a value."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT)

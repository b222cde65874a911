"""Light pages for phones: each page links only those of our stylesheets and scripts that can act
on it, our assets lose their comments and indentation, and pages lose the indentation of the
theme's templates.

A stylesheet is linked on a page when one of its selectors can match there: every class the
selector names (outside :not(), :is() and :where(); Material's md-, is- and js- classes are taken
as present) is in the page's HTML, and every data- attribute it names too. A script is linked when
the page holds one of the classes or data- attributes its strings name. An asset that names none,
or is in ALWAYS, is linked everywhere — so a new asset is never lost, only not yet slimmed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ALWAYS = frozenset({"stdsite.css", "stdsite.js", "search.js"})
_STATE = ("md-", "is-", "js-")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_PAGE_RULE = re.compile(r"@page[^{]*\{(?:[^{}]|\{[^{}]*\})*\}")
_PRELUDE = re.compile(r"([^{};]+)\{")
_KEYFRAME = re.compile(r"(from|to|[\d.]+%)(\s*,\s*(from|to|[\d.]+%))*")
_ANY_OF = re.compile(r":(?:not|is|where)\((?:[^()]|\([^()]*\))*\)")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_DATA = re.compile(r"\[(data-[\w-]+)")
_STRING = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'")
_CLASS_ATTR = re.compile(r"\sclass=(?:\"([^\"]*)\"|'([^']*)')")
_DATA_ATTR = re.compile(r"\s(data-[\w-]+)")
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
# (starting with a literal `<`: a pattern starting with `[ \t]*` is tried at every position of the page)
_ASSET_TAG = re.compile(r"<link rel=\"stylesheet\" href=\"([^\"]*)\">\n?|<script src=\"([^\"]*)\"></script>\n?")


@dataclass(frozen=True)
class Needs:
    """What must be on a page for an asset to be linked: any one of these sets, all of its names."""

    any_of: tuple[frozenset[str], ...]

    def met_by(self, present: set[str]) -> bool:
        return any(names <= present for names in self.any_of)


def _wanted(text: str) -> frozenset[str]:
    names = {c for c in _CLASS.findall(text) if not c.startswith(_STATE)}
    return frozenset(names | set(_DATA.findall(text)))


def css_needs(css: str) -> Needs | None:
    """None when some selector needs nothing (the stylesheet acts on every page)."""
    css = _PAGE_RULE.sub("", _COMMENT.sub("", css))
    sets = []
    for prelude in _PRELUDE.findall(css):
        prelude = prelude.strip()
        if prelude.startswith("@") or _KEYFRAME.fullmatch(prelude):
            continue
        for selector in prelude.split(","):
            names = _wanted(_ANY_OF.sub("", selector))
            if not names:
                return None
            sets.append(names)
    return Needs(tuple(dict.fromkeys(sets))) if sets else None


def js_needs(js: str) -> Needs | None:
    """None when the script's strings name no class or data- attribute."""
    names = set()
    for string in _STRING.findall(js):
        names |= _wanted(string)
    return Needs(tuple(frozenset({n}) for n in sorted(names))) if names else None


def asset_needs(assets: dict[str, bytes]) -> dict[str, Needs]:
    """{asset name: what a page needs to link it}, for the assets that are not linked everywhere."""
    out = {}
    for name, data in assets.items():
        if name in ALWAYS or "/" in name:
            continue
        text = data.decode("utf-8")
        needs = css_needs(text) if name.endswith(".css") else js_needs(text) if name.endswith(".js") else None
        if needs is not None:
            out[name] = needs
    return out


def minified(name: str, data: bytes) -> bytes:
    """Our stylesheet or script without comments (CSS) or comment lines (JS), indentation and blank
    lines; other files as they are."""
    if not name.endswith((".css", ".js")):
        return data
    text = data.decode("utf-8")
    if name.endswith(".css"):
        text = _COMMENT.sub("", text)
    else:           # only comments that fill their lines: a regex or string may hold // or /*
        text = re.sub(r"(?ms)^[ \t]*/\*.*?\*/[ \t]*\n|^[ \t]*//[^\n]*\n", "", text)
    text = re.sub(r"\n+", "\n", _INDENT.sub("\n", text)).strip() + "\n"
    return text.encode("utf-8")


def present(html: str) -> set[str]:
    """The classes and data- attributes used in a page's HTML."""
    names = set(_DATA_ATTR.findall(html))
    for double, single in _CLASS_ATTR.findall(html):
        names.update((double or single).split())
    return names


def slim_page(html: str, published: dict[str, str], needs: dict[str, Needs]) -> str:
    """The page without links to the assets (`published`: our name -> published file name) it
    cannot use, and without the templates' indentation (kept inside pre, textarea, script, style)."""
    used = present(html)
    unused = {published[name].rsplit("/", 1)[-1] for name, need in needs.items() if not need.met_by(used)}
    if unused:
        html = _without_assets(html, unused)
    parts = _KEEP.split(html)
    # split() yields text, whole kept element, its tag name, text, ...
    return "".join(_INDENT.sub("\n", part) if i % 3 == 0 else part
                   for i, part in enumerate(parts) if i % 3 != 2)


def _without_assets(html: str, files: set[str]) -> str:
    """`html` without the stylesheet links and script tags (and their indentation and line end)
    of the published `files` (names without folders)."""
    out, at = [], 0
    for m in _ASSET_TAG.finditer(html):
        if (m.group(1) or m.group(2)).rsplit("/", 1)[-1] not in files:
            continue
        start = m.start()
        while start > at and html[start - 1] in " \t":
            start -= 1
        out.append(html[at:start])
        at = m.end()
    out.append(html[at:])
    return "".join(out)

"""Each page links only the stylesheets and scripts that can act on it (stdsite/mkdocs/page_assets.py):
checked in Chromium on every page type of the example site — no rule of a stylesheet left off a
page matches anything on it, and pages are lighter than with every asset linked."""
from __future__ import annotations

import re

import pytest

from support import serve_directory
from tests.browser.test_example_site import AS_OF, PAGE_TYPES

UNMATCHED_RULES = """async (urls) => {
  const found = [];
  for (const url of urls) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await (await fetch(url)).text());
    const walk = (rules) => { for (const rule of rules) {
      if (rule.selectorText) {
        let hit = null;
        try { hit = document.querySelector(rule.selectorText); } catch (e) { /* a selector Chromium can't query */ }
        if (hit) found.push(url + ' ' + rule.selectorText);
      }
      if (rule.cssRules) walk(rule.cssRules);
    } };
    walk(sheet.cssRules);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def example(example_build):
    out, _ = example_build(AS_OF)
    with serve_directory(out) as url:
        yield url, out


def own_name(file: str) -> str:
    """blocks.0123456789.css -> blocks.css (standalone pages link our assets by their own names)."""
    return re.sub(r"\.[0-9a-f]{10}(\.css)$", r"\1", file)


def our_stylesheets(out) -> set[str]:
    return {p.name for p in (out / "assets" / "stdsite").glob("*.css") if own_name(p.name) == p.name}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_rule_of_a_stylesheet_left_off_matches_the_page(page, example, name):
    url, out = example
    page.goto(url + PAGE_TYPES[name])
    linked = set(page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href.split('/').pop())"))
    if not any(file.startswith("main.") for file in linked):
        pytest.skip("a standalone page (not made from the theme's templates) links its own stylesheets")
    left_off = sorted(our_stylesheets(out) - {own_name(file) for file in linked})
    hits = page.evaluate(UNMATCHED_RULES, [url + "assets/stdsite/" + n for n in left_off])
    assert not hits, f"{name}: rules of stylesheets not linked match the page: {hits[:5]}"


def test_pages_link_only_what_they_use(page, example):
    url, out = example
    linked = {}
    for name in ("standard with flow", "dashboard", "edition", "course"):
        page.goto(url + PAGE_TYPES[name])
        linked[name] = " ".join(page.eval_on_selector_all(
            "link[rel=stylesheet], script[src]", "ls => ls.map(l => (l.href || l.src).split('/').pop())"))
    assert "dashboard." not in linked["standard with flow"] and "dashboard." in linked["dashboard"]
    assert "directory-print." not in linked["standard with flow"] and "directory-print." in linked["edition"]
    assert "training." in linked["course"] and "blocks." in linked["standard with flow"]
    assert all("stdsite." in links and "search." in links for links in linked.values())

"""Searching as staff do on phones, on the example site: a Chinese input method (pinyin composed,
then committed), the home page's big search box, and standards ranked before the editors' help."""
from __future__ import annotations

import json

import pytest

from support import serve_directory


@pytest.fixture(scope="module")
def example(example_build):
    site, _ = example_build("2025-06-30")
    with serve_directory(site) as url:
        yield site, url


# what Chromium sends while a pinyin input method composes 公务用车: every key is a keydown/keyup
# with isComposing (key code 229), the box holds the pinyin so far, then the committed characters
COMPOSE = """async ([steps, text]) => {
  const box = document.querySelector('input[data-md-component=search-query]');
  const key = (type) => box.dispatchEvent(new KeyboardEvent(type, {bubbles: true, isComposing: true, key: 'Process'}));
  box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true, data: ''}));
  for (const step of steps) {
    key('keydown');
    box.value = step;
    box.dispatchEvent(new CompositionEvent('compositionupdate', {bubbles: true, data: step}));
    box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: step}));
    key('keyup');
    await new Promise(r => setTimeout(r, 20));
  }
  box.value = text;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: text}));
  box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: text}));
}"""


def test_pinyin_is_not_searched_the_committed_text_is(phone, example):
    _, url = example
    page = phone
    page.goto(url + "standards/")
    page.locator("label[for=__search]").first.click()
    page.locator("input[data-md-component=search-query]").focus()
    page.evaluate(COMPOSE, [["g", "go", "gon", "gong", "gongw", "gongwu", "gongwuy", "gongwuyongche"], "公务用车"])
    page.wait_for_selector(".md-search-result__item")
    assert "公务用车" in page.locator(".md-search-result__item h1").first.inner_text()
    asked = page.evaluate("window.__stdsearch.asked.filter(q => q)")
    assert asked == ["公务用车"]                  # never a search for the pinyin "gong", "gongwu" …


def test_home_search_box_searches(phone, example):
    _, url = example
    page = phone
    page.goto(url)
    page.locator("input[data-std-searchbox]").click()
    assert page.evaluate("document.activeElement.getAttribute('data-md-component')") == "search-query"
    page.keyboard.type("公务用车")
    page.wait_for_selector(".md-search-result__item")
    assert "公务用车" in page.locator(".md-search-result__item h1").first.inner_text()
    page.keyboard.press("Enter")                                       # the best result opens
    page.wait_for_url("**/standards/**")
    assert "公务用车" in page.locator("h1").first.inner_text()


def test_text_typed_before_the_hand_over_is_kept(page, example):
    _, url = example
    page.goto(url)
    page.locator("input[data-std-searchbox]").evaluate(
        "b => { b.value = '派车'; b.dispatchEvent(new InputEvent('input', {bubbles: true})); }")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator("input[data-md-component=search-query]").input_value() == "派车"


def test_standards_rank_before_help_and_no_source_yaml_is_indexed(page, example):
    site, url = example
    text = (site / "search" / "stdsearch.js").read_text(encoding="utf-8")
    pages = json.loads(text[text.index("(") + 1: text.rindex(")")])["pages"]
    help_text = " ".join(s[2] for p in pages if p[0].startswith("help/") for s in p[2])
    assert "公务用车" in help_text                                     # the help's prose is still searchable
    for source in ("steps: - {id: apply", "items: - {text:"):
        assert source not in help_text, source                        # its YAML examples are not
    page.goto(url)
    for query in ("流程图", "考试", "否决项", "检查表"):
        found = page.evaluate("q => window.__stdsearch.search(q).then(r => r.items.map(g => g[0].location))", query)
        kinds = ["help" if loc.startswith("help/") else "site" for loc in found]
        assert kinds and kinds[0] == "site", (query, found)
        assert kinds == sorted(kinds, key=lambda k: k == "help"), (query, found)

"""Chinese search typed into Material's search box, in headless Chromium, against a built site."""
from __future__ import annotations

import pytest

from support import serve_directory, write_tree

EXTRA = {
    "standards/car.md": """\
        ---
        code: Q/CQJG 102-2023
        title: 公务用车派车管理规范
        level: 组织内部标准
        framework: YX-GC-01
        effective: 2023-04-01
        ---

        ## 4 派车

        车管员根据用车申请派车，做到一车一单。
        """,
    "standards/reception.yaml": """\
        code: Q/CQJG 201-2023
        title: 公务接待管理规定
        level: 组织内部标准
        framework: JC-TY-02
        effective: 2023-04-01
        summary: 公务接待的范围和标准。
        """,
    "standards/warehouse.md": """\
        ---
        code: Q/CQJG 301-2024
        title: 公物仓运行管理规范
        level: 组织内部标准
        framework: YX-GW
        effective: 2024-01-01
        ---

        ## 5 入仓

        闲置资产经鉴定后入仓，建立台账，实行调剂共享。
        """,
}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, run_build
    base = tmp_path_factory.mktemp("search")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                    "standards/db1016.yaml": STANDARD_YAML, **EXTRA})
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stderr
    with serve_directory(out) as url:
        yield url


def first_result(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    return page.locator(".md-search-result__item h1").all_inner_texts()


@pytest.mark.parametrize("query, expected", [
    ("公务用车", "公务用车"),                 # the last word is not dropped
    ("用车", "公务用车"),                     # part of a longer word still matches
    ("派车", "Q/CQJG 102-2023"),             # the standard titled 派车 ranks first
    ("公物仓", "公物仓运行管理规范"),
    ("调剂共享", "公物仓运行管理规范"),         # a phrase from a clause
])
def test_chinese_query_finds_page_first(page, search_site, query, expected):
    titles = first_result(page, search_site, query)
    assert titles, f"{query}: no results"
    assert expected in titles[0], f"{query}: first result {titles[0]!r}, all {titles}"


def test_no_result_says_so(page, search_site):
    page.goto(search_site)
    page.locator("input[data-md-component=search-query]").click()
    page.keyboard.type("火星基地", delay=20)
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('没有')", timeout=5000)

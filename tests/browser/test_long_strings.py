"""Very long Latin strings (a URL, a code, a file name) in a standard's metadata, body, table and
checklist break inside the text column on a 375 px phone instead of widening the page."""
from __future__ import annotations

import pytest

from support import FRAMEWORK, STANDARD_YAML, build_sources, serve_directory

URL = "https://www.example.gov.cn/" + "path-segment/" * 12 + "document.pdf"
CODE = "Q/CQJG-" + "ABCDEFGHIJ" * 8
BODY = f"""\
---
code: Q/CQJG 105-2024
title: 长字符串测试{CODE}
level: 组织内部标准
framework: YX-GC-01
issued: 2024-01-01
effective: 2024-02-01
source: {URL}
summary: 示例。见 {URL}
tags: [{CODE}]
---

## 1 范围

本文件的网址是 {URL} ，编号 {CODE}，文件名 {"很长的文件名" * 3}{"x" * 120}.docx。

## 5 要求

### 5.1 登记

| 项目 | 说明 |
|---|---|
| 网址 | {URL} |

- 列表中的网址 {URL}

```checklist
title: 检查表
items:
  - {{text: "核对 {URL}", clause: "5.1"}}
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("long")
    built = build_sources(base, {"framework.yaml": FRAMEWORK, "standards/db1016.yaml": STANDARD_YAML,
                                 "standards/long.md": BODY}, "2025-06-30")
    with serve_directory(built) as url:
        yield url


def test_long_strings_do_not_widen_the_page_on_a_phone(browser, site):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for path in ("standards/q-cqjg-105-2024/", "standards/", "directory/"):
            page.goto(site + path)
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            wide = page.evaluate("""(() => {
                const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
                    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
                return [...document.querySelectorAll('article *')]
                    .filter(e => e.getBoundingClientRect().right > 376 && !clipped(e))
                    .map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 30)).slice(0, 5); })()""")
            assert width <= 375 and wide == [], (path, width, wide)
    finally:
        context.close()

"""Printing what a page holds, whole: a wide and a long table in a standard (nothing cut at the
right edge, no row split across pages) and a poster whose checklist cannot share the sheet with
its flowchart (then, and only then, a second sheet). Chromium's page.pdf() read with pypdf."""
from __future__ import annotations

import pytest

from printing import page_of, pdf_pages
from support import FRAMEWORK, STANDARD_YAML, run_build, serve_directory, write_tree

WIDE_ROWS = "\n".join(f"| {i} | Q/CQJG-{1000 + i}-2024-REV{i} | {20240100 + i} | 2024-01-{i:02d} | 2025-12-{i:02d} "
                      f"| ABCDEFGHIJ{i} | KLMNOPQRST{i} | UVWXYZ{i}-END |" for i in range(1, 9))
LONG_ROWS = "\n".join(f"| {i} | 第 {i} 项检查内容，包括设备状况、人员到岗情况、记录是否完整以及整改措施落实情况的逐项核对 "
                      f"| 责任部门{i}：综合办公室、后勤服务中心、安全保卫处 | R{i:03d}-END |" for i in range(1, 41))
ITEMS = "\n".join(f"  - {{text: 第 {i} 项日常巡查内容已按要求完成并记录{', veto: true' if i == 3 else ''}}}"
                  for i in range(1, 61))
STANDARD = f"""\
---
code: Q/CQJG 303-2024
title: 表格与张贴版测试规范
level: 组织内部标准
framework: YX-GC-01
effective: 2024-01-01
---

## 5 要求

### 5.1 宽表

| 序号 | 编号 | 登记号 | 开始日期 | 结束日期 | 甲字段 | 乙字段 | 丙字段 |
|---|---|---|---|---|---|---|---|
{WIDE_ROWS}

### 5.2 长表

| 序号 | 检查内容 | 责任部门 | 记录编号 |
|---|---|---|---|
{LONG_ROWS}

### 5.3 巡查

```flow
title: 巡查流程
steps:
  - {{id: a, text: 开始巡查, type: start}}
  - {{id: b, text: 逐项检查}}
  - {{id: c, text: 填写记录, type: end}}
```

```checklist
title: 日常巡查表
pass: 90
items:
{ITEMS}
```
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("print")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/db1016.yaml": STANDARD_YAML})
    (src / "standards/t303.md").write_text(STANDARD, encoding="utf-8")     # not dedented: the table rows are long
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", "2025-06-30",
                       "--cache", str(base / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_directory(out) as url:
        yield url


@pytest.fixture(scope="module")
def printer(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def test_wide_and_long_tables_print_whole(printer, base_url):
    printer.goto(base_url + "standards/q-cqjg-303-2024/")
    printer.wait_for_load_state("load")
    tables = printer.locator(".md-content table").evaluate_all(
        "ts => ts.map(t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim())))")
    assert [len(t) for t in tables] == [9, 41]
    pages = pdf_pages(printer)
    assert len(pages) >= 3                         # the long table does cross pages
    for row in tables[0]:                          # the last columns are printed, not cut at the edge
        assert page_of(pages, row[-1]) is not None, row
    for table in tables:
        for row in table:                          # the whole row, cell after cell, on one page
            assert page_of(pages, "".join(row)) is not None, row
    spread = {page_of(pages, "".join(row)) for row in tables[1][1:]}
    assert len(spread) >= 2
    for index in spread:                           # the header row is repeated on every page of the table
        assert page_of([pages[index]], "".join(tables[1][0])) == 0, index


def test_poster_moves_a_long_checklist_to_a_second_sheet(printer, base_url):
    printer.goto(base_url + "standards/q-cqjg-303-2024/poster/")
    pages = pdf_pages(printer)
    assert len(pages) == 2
    assert page_of(pages, "巡查流程") == 0 and page_of(pages, "开始巡查") == 0
    assert page_of(pages, "日常巡查表") == 1
    assert page_of(pages, "第60项日常巡查内容已按要求完成并记录") == 1
    assert page_of(pages, "第3项日常巡查内容已按要求完成并记录否决项") == 1

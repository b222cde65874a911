"""The offline bundle opened from file:// in headless Chromium with every non-file request blocked."""
from __future__ import annotations

import hashlib
import zipfile

import pytest

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, block_network, run_build, write_tree

CHECKLIST_STANDARD = """\
---
code: Q/CQJG 103-2024
title: 公务用车安全检查规范
level: 组织内部标准
framework: YX-GC-02
effective: 2024-01-01
---

## 5 出车前检查

### 5.2 检查项目

```checklist
title: 出车前安全检查
pass: 80
items:
  - {text: 轮胎气压正常, clause: "5.2", points: 10}
  - {text: 灯光喇叭正常, points: 5}
```
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    base = tmp_path_factory.mktemp("bundle")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                    "standards/db1016.yaml": STANDARD_YAML, "standards/q103.md": CHECKLIST_STANDARD})
    dist = base / "dist"
    result = run_build("bundle", "--src", str(src), "--dist", str(dist), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stderr
    zips = list(dist.glob("*.zip"))
    assert len(zips) == 1
    digest = (dist / f"{zips[0].name}.sha256").read_text().split()[0]
    assert digest == hashlib.sha256(zips[0].read_bytes()).hexdigest()
    unpacked = base / "unpacked"
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(unpacked)
    return unpacked


@pytest.fixture
def offline_page(browser):
    """A page whose every request other than file:// is blocked and recorded."""
    context = browser.new_context(locale="zh-CN")
    attempted = block_network(context)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg, attempted, errors
    context.close()


def test_bundle_layout(bundle):
    assert (bundle / "index.html").is_file()
    assert (bundle / "standards/q-cqjg-101-2023.html").is_file()
    assert (bundle / "search/stdsearch.js").is_file()
    home = (bundle / "index.html").read_text(encoding="utf-8")
    assert "standards/index.html" in home and "状态截至 2025-06-30" in home


def test_bundle_works_from_file_without_network(bundle, offline_page):
    page, attempted, errors = offline_page
    page.goto((bundle / "index.html").as_uri())
    # navigate to a standard through the site's own links
    page.click(".md-content a:text-is('标准列表')")
    page.click(".md-content a:text-is('公务用车使用管理规范')")
    assert page.url.endswith("standards/q-cqjg-101-2023.html")
    assert page.locator("h1").inner_text().startswith("Q/CQJG 101-2023")
    # Chinese search from file://
    page.locator("input[data-md-component=search-query]").click()
    page.keyboard.type("用车", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    first = page.locator(".md-search-result__item h1").first.inner_text()
    assert "公务用车" in first
    page.locator(".md-search-result__item a").first.click()
    assert page.url.startswith("file://") and ".html" in page.url
    # answer a checklist: the score updates and survives a reload from file://
    page.goto((bundle / "standards/q-cqjg-103-2024.html").as_uri())
    page.locator(".std-checklist__item").nth(0).locator("label", has_text="符合").first.click()
    page.locator(".std-checklist__item").nth(1).locator("label", has_text="不符合").click()
    page.wait_for_function("document.querySelector('.std-checklist__result').textContent.includes('67%')")
    page.reload()
    assert page.locator(".std-checklist input[type=radio]").first.is_checked()
    assert page.locator(".std-checklist__verdict").text_content() == "不合格"
    assert attempted == [], attempted
    assert errors == [], errors


def test_feedback_form_works_offline(bundle, offline_page):
    """From a standard's page to its 意见反馈 page and the Word form, all from file://."""
    page, attempted, errors = offline_page
    page.goto((bundle / "standards/q-cqjg-101-2023.html").as_uri())
    page.click("a.std-fb-print")
    assert page.url.endswith("standards/q-cqjg-101-2023/feedback.html")
    assert page.locator(".std-form__code").inner_text() == "Q/CQJG 101-2023"
    assert page.locator("button[data-std-print-form]").is_visible()         # its script ran
    href = page.locator("a.std-fb-docx").get_attribute("href")
    assert (bundle / "standards/q-cqjg-101-2023" / href).is_file()
    assert attempted == [] and errors == [], (attempted, errors)


def test_bundle_is_reproducible(tmp_path):
    src = write_tree(tmp_path / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                        "standards/db1016.yaml": STANDARD_YAML})
    digests = []
    for n in (1, 2):
        dist = tmp_path / f"dist{n}"
        assert run_build("bundle", "--src", str(src), "--dist", str(dist), "--as-of", "2025-06-30").returncode == 0
        digests.append((dist / "standards-offline-2025-06-30.zip.sha256").read_text())
    assert digests[0] == digests[1]


def test_offline_404_page_is_chinese_and_styled(bundle, offline_page):
    """404.html of the bundle links its styles relatively (a web site's absolute /assets/ paths
    point nowhere from file://)."""
    page, attempted, errors = offline_page
    html = (bundle / "404.html").read_text(encoding="utf-8")
    assert 'href="/assets' not in html and 'src="/assets' not in html
    page.goto((bundle / "404.html").as_uri())
    assert page.locator("h1").inner_text() == "页面不存在"
    assert "Not found" not in page.content()
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")          # Material's stylesheet is applied
    assert page.evaluate("getComputedStyle(document.querySelector('.std-stamp')).textAlign") == "center"   # and ours
    page.locator(".md-content a", has_text="返回首页").click()
    page.wait_for_url("**/index.html")
    assert page.locator(".md-content h1").count() >= 1
    assert attempted == [], attempted

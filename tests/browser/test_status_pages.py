"""A standard that is not 现行, read on a phone (example site): its status banner stays in view while
the reader scrolls through the clauses, and its title in the navigation says the status (search
results show it as a badge)."""
from __future__ import annotations

import pytest

from support import serve_directory

ABOLISHED = "standards/q-cqjg-502-2019/"
UPCOMING = "standards/q-cqjg-303-2026/"
REPLACED = "standards/q-cqjg-101-2020/"
CURRENT = "standards/q-cqjg-101-2025/"


@pytest.fixture(scope="module")
def example(example_build):
    site, _ = example_build("2025-06-30")
    with serve_directory(site) as url:
        yield url


def test_status_banner_stays_in_view_while_scrolling(phone, example):
    phone.goto(example + ABOLISHED)
    banner = phone.locator(".std-banner")
    assert "废止" in banner.inner_text()
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert phone.evaluate("window.scrollY") > 300                            # the page did scroll
    box = banner.bounding_box()
    header = phone.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] - 1 <= box["y"] <= header["y"] + header["height"] + 8, box


def test_navigation_titles_name_the_status(page, example):
    for path, suffix in ((ABOLISHED, "（已废止）"), (UPCOMING, "（即将实施）"), (REPLACED, "（已被代替）")):
        page.goto(example + path)
        active = [t.strip() for t in page.locator(".md-nav__link--active").all_inner_texts() if t.strip()]
        assert active and active[0].endswith(suffix), (path, active)
    page.goto(example + CURRENT)
    active = [t.strip() for t in page.locator(".md-nav__link--active").all_inner_texts() if t.strip()]
    assert active[0].endswith("公务用车使用管理规范（示例）"), active
    assert page.locator(".std-banner").count() == 0

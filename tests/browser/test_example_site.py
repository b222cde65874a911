"""The example site (`make site`'s content, our demo): every page type at 375 px, and the Chinese
queries staff type finding the right standard first."""
from __future__ import annotations

import re

import pytest

from support import ROOT, printed, serve_directory

AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def example(example_build):
    out, _ = example_build(AS_OF)
    with serve_directory(out) as url:
        yield url


PAGE_TYPES = {
    "home": "",
    "system": "system/",
    "area": "system/yx-zc/",
    "standard list": "standards/",
    "standard with flow": "standards/q-cqjg-101-2025/",
    "standard with criteria": "standards/q-cqjg-102-2021/",
    "metadata-only standard": "standards/db50-t-1016-2020/",
    "poster": "standards/q-cqjg-101-2025/poster/",
    "feedback form": "standards/q-cqjg-101-2025/feedback/",
    "draft under consultation": "standards/q-cqjg-402-2026/",
    "documents": "documents/",
    "document": "documents/yjgf-2021-108/",
    "directory": "directory/",
    "edition": "directory/2025-1/",
    "training": "training/",
    "course": "training/managers-201/",
    "sign-in sheet": "training/managers-201/signin/",
    "exam": "training/staff-exam/",
    "exam paper": "training/staff-exam/paper/",
    "exam answers": "training/staff-exam/answers/",
    "certificate": "training/staff-exam/certificate/",
    "evaluation form": "training/staff-exam/evaluation/",
    "sessions": "training/sessions/",
    "dashboard": "dashboard/",
    "plan report": "dashboard/report-2021-2025/",
    "pilots": "pilots/",
    "pilot": "pilots/canteen-demo-2023/",
    "cases": "cases/",
    "case": "cases/canteen-food-waste/",
    "help": "help/writing/",
}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_fits_a_phone(phone, example, name):
    response = phone.goto(example + PAGE_TYPES[name])
    assert response.ok, name
    phone.wait_for_load_state("load")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{name}: page is {width}px wide on a 375px screen"
    # body text stays readable without zooming
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset') || document.body).fontSize)")
    assert size >= 12, f"{name}: text is {size}px"


def test_touch_targets_on_a_phone(phone, example):
    phone.goto(example + "standards/q-cqjg-101-2025/")
    # a checkbox sits inside its label: the label row is what a thumb hits
    boxes = phone.eval_on_selector_all(
        ".std-checklist label, .md-header__button",
        "els => els.filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    assert boxes, "no touch targets found"
    assert all(w >= 40 and h >= 40 for w, h in boxes), boxes


@pytest.mark.parametrize("query, expected", [
    ("公务用车", "公务用车"),
    ("用车", "公务用车"),
    ("派车", "Q/CQJG 101-2025"),
    ("能源审计", "能源审计"),
    ("公物仓", "公物仓"),
    ("节约型机关", "节约型机关"),
])
def test_demo_queries_find_the_standard_first(page, example, query, expected):
    page.goto(example)
    page.locator("input[data-md-component=search-query]").click()
    page.keyboard.type(query, delay=15)
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    first = page.locator(".md-search-result__item h1").first.inner_text()
    assert expected in first, f"{query}: first result {first!r}"


def test_home_counts_open_the_filtered_list(page, example):
    page.goto(example)
    page.click(".std-home-counts a.std-count-被代替")
    page.wait_for_function("document.querySelector('select[data-filter=status]').value === '被代替'")
    statuses = page.eval_on_selector_all("#standards tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"被代替"}


COURSES = sorted(re.search(r"^id: (\S+)", p.read_text(encoding="utf-8"), re.M).group(1)
                 for p in (ROOT / "standards_src" / "courses").rglob("*.md"))


def test_every_course_has_exams_or_a_one_page_signin_sheet(page, example):
    """Every example course's 签到表 prints on exactly one A4 page with its header, 20 rows and the
    应到/实到 line; one exam course per audience."""
    assert len(COURSES) >= 7
    for course in COURSES:
        page.goto(example + f"training/{course}/signin/")
        texts, _ = printed(page)
        assert len(texts) == 1, (course, len(texts))
        assert "培训签到表" in texts[0] and "20" in texts[0] and "应到人数" in texts[0] and "实到人数" in texts[0], course
    page.goto(example + "training/")
    sections = page.evaluate("""[...document.querySelectorAll('.std-course-card')]
        .filter(card => card.querySelector('.std-tag--exam'))
        .map(card => { let e = card; while (e && e.tagName !== 'H2') e = e.previousElementSibling; return e && e.id; })""")
    assert {"leaders", "managers", "staff"} <= set(sections), sections

"""The 意见反馈表 printed from Chromium (exactly one A4 page, code and title filled in), the
per-clause e-mail links added in the browser, and the feedback pages on a 375 px phone."""
from __future__ import annotations

import io
import unicodedata
from urllib.parse import unquote

import pypdf
import pytest

from feedback_fixture import FILES, LAST_DAY
from support import run_build, serve_directory, write_tree

LONG_TITLE = "机关事务" + "综合保障服务" * 12 + "管理规范"        # 84 characters: wraps on the form
LONG = {"standards/long.yaml": f"""\
    code: Q/CQJG 888-2024
    title: {LONG_TITLE}
    level: 组织内部标准
    framework: YX-GC-02
    effective: 2024-01-01
    """}
A4 = (595, 842)            # points, rounded
RADICALS = str.maketrans({"⻋": "车", "⻚": "页", "⻅": "见", "⻓": "长", "⻔": "门", "⻛": "风", "⻜": "飞", "⻢": "马"})


def plain(value: str) -> str:
    """pypdf's look-alike code points back to ordinary characters, spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", value).translate(RADICALS).split())


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("feedback-browser")
    src = write_tree(base / "src", {**FILES, **LONG})
    result = run_build("build", "--src", str(src), "--out", str(base / "site"), "--as-of", LAST_DAY)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_directory(base / "site") as url:
        yield url


@pytest.mark.parametrize("slug, code, title", [
    ("q-cqjg-101-2023", "Q/CQJG 101-2023", "公务用车使用管理规范"),
    ("q-cqjg-201-2026", "Q/CQJG 201-2026", "公物仓<调剂>&处置规范"),
    ("q-cqjg-888-2024", "Q/CQJG 888-2024", LONG_TITLE),
])
def test_printed_form_is_one_a4_page(page, site_url, slug, code, title):
    page.goto(f"{site_url}standards/{slug}/feedback/")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    printed = plain(reader.pages[0].extract_text())
    assert code.replace(" ", "") in printed and plain(title) in printed
    assert all(word in printed for word in ("意见反馈表", "序号", "章条编号", "修改意见", "理由", "提出单位", "联系人", "日期"))
    assert "返回标准页面" not in printed and "下载意见反馈表" not in printed        # the instructions stay on screen
    rows = printed.split("理由", 1)[1].split("提出单位", 1)[0]           # the numbered empty rows
    assert rows == "12345678910"


def test_each_clause_heading_offers_a_mail_about_that_clause(page, site_url):
    page.goto(f"{site_url}standards/q-cqjg-101-2023/")
    links = page.eval_on_selector_all(".std-clause-mail", "els => els.map(e => [e.parentElement.id, e.href])")
    assert [clause for clause, _ in links] == ["1", "5", "5.1", "6", "6.1"]
    href = dict(links)["5.1"]
    assert href.startswith("mailto:bzh@example.cn?subject=")
    assert unquote(href.split("subject=")[1].split("&")[0]) == "【实施信息反馈】Q/CQJG 101-2023 公务用车使用管理规范 第 5.1 条"
    assert "章条编号：5.1" in unquote(href.split("body=")[1])
    # no clause links on a draft (its comments go to the consultation's contact)
    page.goto(f"{site_url}standards/q-cqjg-201-2026/")
    assert page.locator(".std-clause-mail").count() == 0


@pytest.mark.parametrize("path", ["standards/q-cqjg-101-2023/feedback/", "standards/q-cqjg-888-2024/feedback/",
                                  "standards/q-cqjg-201-2026/", "standards/q-cqjg-101-2023/"])
def test_feedback_pages_fit_a_phone(phone, site_url, path):
    assert phone.goto(site_url + path).ok
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    buttons = phone.eval_on_selector_all(".std-form__button, .std-fb-actions .md-button, .std-consult__actions .md-button",
                                         "els => els.map(e => e.getBoundingClientRect().height)")
    assert all(h >= 36 for h in buttons), buttons

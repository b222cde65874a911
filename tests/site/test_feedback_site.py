"""征求意见 and 实施信息反馈 in a built site (build.py build --as-of), against the hand-computed
repository of tests/feedback_fixture.py: the banner on the last day and the day after, the
pages' feedback lists, the 看板's counts, catalog.json, the Word forms and the home page list."""
from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest

from feedback_fixture import DRAFT, DRAFT_TITLE, FILES, LAST_DAY, NEXT_DAY
from support import plain_tables, run_build, write_tree

DRAFT_PAGE = "standards/q-cqjg-201-2026/index.html"
Q101_PAGE = "standards/q-cqjg-101-2023/index.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The same sources built as of the consultation's last day and the day after."""
    base = tmp_path_factory.mktemp("feedback")
    src = write_tree(base / "src", FILES)
    out = {}
    for as_of in (LAST_DAY, NEXT_DAY):
        result = run_build("build", "--src", str(src), "--out", str(base / as_of), "--as-of", as_of)
        assert result.returncode == 0, result.stdout + result.stderr
        out[as_of] = base / as_of
    return out


def read(site: Path, page: str) -> str:
    return plain_tables((site / page).read_text(encoding="utf-8"))


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_banner_on_the_last_day_and_the_day_after(sites):
    last = read(sites[LAST_DAY], DRAFT_PAGE)
    assert "std-consult--open" in last and "截止日期 2026-12-31（今天截止）" in text(last)
    assert "征求意见已截止" not in last
    after = read(sites[NEXT_DAY], DRAFT_PAGE)
    assert "std-consult--closed" in after and "征求意见已截止" in after and "std-consult--open" not in after
    for html, site in ((last, sites[LAST_DAY]), (after, sites[NEXT_DAY])):      # the 编制说明 stays published
        assert 'href="files/说明.pdf"' in html
        assert (site / "standards/q-cqjg-201-2026/files/说明.pdf").read_bytes().startswith(b"%PDF")
    # the Word form is offered while comments are taken
    docx_file = "standards/q-cqjg-201-2026/feedback/意见反馈表-q-cqjg-201-2026.docx"
    assert (sites[LAST_DAY] / docx_file).is_file() and not (sites[NEXT_DAY] / docx_file).exists()
    assert "征求意见已于 2026-12-31 截止" in read(sites[NEXT_DAY], "standards/q-cqjg-201-2026/feedback/index.html")


def test_home_lists_drafts_under_consultation(sites):
    last = read(sites[LAST_DAY], "index.html")
    section = last.split('class="std-table std-consult-list"')[1].split("</table>")[0]
    assert DRAFT in section and "2026-12-31" in section and "今天截止" in section
    assert "公物仓 &lt;调剂&gt; &amp; 处置规范" in section
    assert "目前没有正在征求意见的标准" in read(sites[NEXT_DAY], "index.html")


def test_standard_page_lists_its_feedback(sites):
    html = read(sites[LAST_DAY], Q101_PAGE)
    section = html.split('id="feedback"')[1]
    rows = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>(.*?)</tr>", section)
    assert [d for d, _ in rows] == ["2025-03-10", "2025-06-01", "2025-11-20", "2026-02-14", "2026-05-05"]
    assert [re.findall(r"<td>(.*?)</td>", cells)[2] for _, cells in rows] == ["甲区中心", "乙县中心", "丙单位", "丁单位", "戊单位"]
    assert '<a href="#5.1">5.1</a>' in rows[0][1] and '<a href="#6.1">6.1</a>' in rows[1][1]
    assert 'id="5.1"' in html and 'id="6.1"' in html                      # the clause anchors exist
    assert "已收到意见 5 条：已处理 4 条，待处理 1 条。" in text(section) and "建议复审" in section
    assert "派车时限 &lt;b&gt;加急&lt;/b&gt; &#123;: onclick=x&#125;" in section and "<b>加急" not in html   # text stays text
    # the day after, the entry dated 2027-01-01 is received
    later = read(sites[NEXT_DAY], Q101_PAGE).split('id="feedback"')[1]
    assert "已收到意见 6 条：已处理 4 条，待处理 2 条。" in text(later) and "新年意见" in later


def test_mail_link_on_a_standard_in_force(sites):
    html = read(sites[LAST_DAY], Q101_PAGE)
    href = unescape(re.search(r'<a class="md-button md-button--primary std-fb-mail" href="([^"]*)"', html).group(1))
    assert href.startswith("mailto:bzh@example.cn?subject=")
    subject = unquote(href.split("subject=")[1].split("&")[0])
    assert subject == "【实施信息反馈】Q/CQJG 101-2023 公务用车使用管理规范"
    # a draft takes comments by its own contact, a metadata-only standard in force by the e-mail too
    assert "std-fb-mail" not in read(sites[LAST_DAY], DRAFT_PAGE)
    assert "std-fb-mail" in read(sites[LAST_DAY], "standards/db50-t-1016-2020/index.html")


def test_dashboard_counts(sites):
    html = read(sites[LAST_DAY], "dashboard/index.html")
    section = html.split('id="feedback"')[1]
    assert "共收到意见 12 条，已处理 9 条，待处理 3 条" in text(section)
    pending = section.split("dash-feedback-pending")[1].split("</table>")[0]
    assert re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>", pending) == ["2026-05-05", "2026-09-09", "2026-12-10"]
    assert "派车时限 &lt;b&gt;加急&lt;/b&gt;" in pending and "<b>加急" not in html
    assert [text(c) for c in re.findall(r'class="std-code">(.*?)</a>', pending)] == \
        ["Q/CQJG 101-2023", "DB50/T 1016-2020", DRAFT]
    assert 'href="../standards/q-cqjg-201-2026/#4.1"' in pending               # a clause links its anchor
    years = section.split("dash-feedback-years")[1].split("</table>")[0]
    cells = [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", years)[1:]]
    assert cells == [["2024", "3", "3", "3", "0", "0", "0"], ["2025", "3", "3", "2", "0", "1", "0"],
                     ["2026", "6", "3", "1", "2", "0", "3"], ["合计", "12", "9", "6", "2", "1", "3"]]
    review = section.split("dash-feedback-review")[1].split("</table>")[0]
    assert re.findall(r'class="std-code">(.*?)</a>', review) == ["Q/CQJG 101-2023"]


def test_catalog_json_carries_the_counts(sites):
    data = json.loads((sites[LAST_DAY] / "data/catalog.json").read_text(encoding="utf-8"))
    by_code = {s["code"]: s for s in data["standards"]}
    assert by_code["Q/CQJG 101-2023"]["feedback"] == {
        "total": 5, "open": 1, "handled": 4, "statuses": {"待处理": 1, "已采纳": 3, "部分采纳": 0, "未采纳": 1},
        "review_suggested": True}
    assert by_code["Q/CQJG 99-2018"]["feedback"]["statuses"]["已采纳"] == 3
    assert by_code["Q/CQJG 99-2018"]["feedback"]["review_suggested"] is False          # 废止
    assert by_code["DB50/T 1016-2020"]["feedback"] == {
        "total": 2, "open": 1, "handled": 1, "statuses": {"待处理": 1, "已采纳": 0, "部分采纳": 1, "未采纳": 0},
        "review_suggested": False}
    assert by_code[DRAFT]["consultation"] == {"until": "2026-12-31", "contact": "资产管理处，电话 023-12345678",
                                              "explanation": "编制说明/说明.pdf"}
    assert by_code["Q/CQJG 101-2023"]["consultation"] is None
    later = json.loads((sites[NEXT_DAY] / "data/catalog.json").read_text(encoding="utf-8"))
    assert {s["code"]: s for s in later["standards"]}["Q/CQJG 101-2023"]["feedback"]["open"] == 2


def test_word_forms_in_the_site(sites):
    site = sites[LAST_DAY]
    for slug, code, title, kind in (("q-cqjg-101-2023", "Q/CQJG 101-2023", "公务用车使用管理规范", "（实施信息反馈）"),
                                    ("q-cqjg-201-2026", DRAFT, DRAFT_TITLE, "（征求意见）")):
        document = docx.Document(io.BytesIO((site / f"standards/{slug}/feedback/意见反馈表-{slug}.docx").read_bytes()))
        assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [["标准编号", code], ["标准名称", title]]
        assert [c.text for c in document.tables[1].rows[0].cells] == ["序号", "章条编号", "修改意见", "理由"]
        assert len(document.tables[1].rows) == 11 and kind in [p.text for p in document.paragraphs]
    # only standards taking comments have a form; every standard has its 意见反馈 page (permanent URLs)
    forms = sorted(p.parent.parent.name for p in site.glob("standards/*/feedback/*.docx"))
    assert forms == ["db50-t-1016-2020", "q-cqjg-101-2023", "q-cqjg-201-2026"]
    pages = sorted(p.parent.parent.name for p in site.glob("standards/*/feedback/index.html"))
    assert pages == ["db50-t-1016-2020", "q-cqjg-101-2023", "q-cqjg-201-2026", "q-cqjg-99-2018"]
    assert "本标准已废止" in read(site, "standards/q-cqjg-99-2018/feedback/index.html")


def test_poster_points_at_the_feedback_page(sites):
    poster = read(sites[LAST_DAY], "standards/q-cqjg-101-2023/poster/index.html")
    assert "扫一扫，提意见" in poster and "/standards/q-cqjg-101-2023/feedback/" in poster
    assert poster.count('class="segno"') == 2
    assert "扫一扫，提意见" not in read(sites[LAST_DAY], "standards/q-cqjg-99-2018/poster/index.html")


def test_check_reports_feedback_errors_with_path_and_line(tmp_path):
    src = write_tree(tmp_path / "src", {**FILES, "feedback.yaml": """\
        - {date: 2026-03-02, standard: Q/CQJG 101-2023, clause: "9.9", from: 甲, summary: 甲, status: 待处理}
        - {date: 2026-03-02, standard: Q/CQJG 101-2023, from: 甲, summary: 乙, status: 已采纳}
        """})
    result = run_build("check", "--src", str(src))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        f"{src}/feedback.yaml:1: 标准 「Q/CQJG 101-2023」 没有条款 「9.9」",
        f"{src}/feedback.yaml:2: 状态为 「已采纳」 的意见缺少处理完毕日期「closed」（只有「待处理」的意见可以不写）",
        "共 2 个错误，0 个警告。请改正后重试。"]

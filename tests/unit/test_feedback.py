"""feedback.yaml and `consultation`: validation (exact `path:line:` messages, one pass), what is
derived as of a date, the pre-filled e-mail, the pages' sections and the Word form."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from urllib.parse import unquote

import docx
import pytest

from support import plain_tables
from feedback_fixture import DRAFT, DRAFT_TITLE, FILES
from stdsite.derive.feedback import FORM_COLUMNS, feedback_form, mail_template
from stdsite.model import FeedbackContact
from stdsite.output.feedback_forms import form_docx
from stdsite.render import feedback as fb
from stdsite.render.feedback_form import feedback_page
from stdsite.urls import mailto
from stdsite.validate.feedback import feedback_contact
from support import load_project, render_context

LAST = dt.date(2026, 12, 31)
CONTACT = FeedbackContact(email="bzh@example.cn", phone="023-12345678", address="示例路 1 号")


def errors_of(problems) -> list[str]:
    return [str(e) for e in problems.errors + problems.warnings]


@pytest.fixture
def fixture_ctx(make_project):
    def make(as_of: dt.date = LAST, contact: FeedbackContact | None = CONTACT):
        project, problems = load_project(make_project(FILES, base_files=False))
        assert not problems.items, errors_of(problems)
        ctx = render_context(project, as_of)
        ctx.contact = contact
        return ctx
    return make


# -- validation --------------------------------------------------------------------------------
BAD_FEEDBACK = """\
- {date: 2026-03-02, standard: Q/CQJG 101-2023, clause: "9.9", from: 甲, summary: 条款不存在, status: 待处理}
- {date: 2026-03-02, standard: Q/CQJG 101-2023, from: 甲, summary: 未写处理日期, status: 已采纳}
- {date: 2026-03-02, standard: Q/CQJG 101-2023, from: 甲, summary: 状态写错, status: 已处理}
- {date: 2026-03-02, standard: Q/CQJG 101-2023, from: 甲, summary: 类型写错, status: 待处理, kind: 投诉}
- {date: 2026-03-02, standard: Q/CQJG 101-2032, from: 甲, summary: 编号写错, status: 待处理}
- {date: 2026-03-02, standard: DB50/T 1016-2020, clause: "5.1", from: 甲, summary: 题录没有条款, status: 待处理}
- {date: 2026-03-02, standard: Q/CQJG 101-2023, clause: 5.10, from: 甲, summary: 条款号是小数, status: 待处理}
- {date: 2026-03-02, standard: Q/CQJG 101-2023, from: 甲, summary: 早于收到, status: 未采纳, closed: 2026-03-01}
- {date: 2026-03-02, standard: Q/CQJG 101-2023, from: 甲, summary: 待处理却写了日期, status: 待处理, closed: 2026-03-05}
- date: 2026-3-2
  standard: Q/CQJG 101-2023
  form: 甲
  summary: 分行写法
  status: 待处理
"""
BAD_DRAFTS = {
    # a published standard may not be under consultation
    "standards/q101.md": "---\nconsultation: {until: 2026-12-31}\n" + FILES["standards/q101.md"].removeprefix("---\n"),
    "standards/drafts/a.md": """\
        ---
        code: Q/CQJG 301-2026
        title: 甲
        level: 组织内部标准
        framework: YX-GW
        stage: 制定中
        consultation:
          until: 2026/12/31
          explanation: 说明/没有.pdf
        ---
        """,
    "standards/drafts/b.yaml": """\
        code: Q/CQJG 302-2026
        title: 乙
        level: 组织内部标准
        framework: YX-GW
        stage: 制定中
        consultation:
          contact: 电话 123
          explanation: ../../../outside.pdf
        """,
    "standards/drafts/c.yaml": """\
        code: Q/CQJG 303-2026
        title: 丙
        level: 组织内部标准
        framework: YX-GW
        stage: 制定中
        consultation: 2026-12-31
        """,
}


def test_every_feedback_and_consultation_error_in_one_pass(make_project):
    src = make_project({**BAD_DRAFTS, "feedback.yaml": BAD_FEEDBACK})
    project, problems = load_project(src)
    f, d = f"{src}/feedback.yaml", f"{src}/standards"
    assert errors_of(problems) == [
        f"{f}:1: 标准 「Q/CQJG 101-2023」 没有条款 「9.9」",
        f"{f}:2: 状态为 「已采纳」 的意见缺少处理完毕日期「closed」（只有「待处理」的意见可以不写）",
        f"{f}:3: 字段「status」的值 「已处理」 无效，应为 待处理 · 已采纳 · 部分采纳 · 未采纳 之一，是否应为「待处理」？",
        f"{f}:4: 字段「kind」的值 「投诉」 无效，应为 实施反馈 · 征求意见 之一",
        f"{f}:5: 意见针对的标准 「Q/CQJG 101-2032」 不存在，是否应为「Q/CQJG 101-2023」？",
        f"{f}:6: 标准 「DB50/T 1016-2020」 只登记了题录、没有正文，没有条款 「5.1」；请删去 clause，在 summary 中写明条款号",
        f"{f}:7: 条款号 「5.10」 没有加引号，会被读成 5.1；请加引号，写成 clause: \"5.10\"",
        f"{f}:8: 处理完毕日期 「2026-03-01」 早于收到日期 「2026-03-02」",
        f"{f}:10: 字段「date」的日期 「2026-3-2」 格式不对，请写成 2026-03-02",
        f"{f}:10: 意见缺少必填字段「from」（提出单位）",
        f"{f}:12: 意见中有未知字段 「form」，是否应为「from」？",
        f"{d}/drafts/a.md:8: 字段「until」的日期 「2026/12/31」 格式不对，请写成 2026-12-31",
        f"{d}/drafts/a.md:9: 编制说明 「说明/没有.pdf」 不存在（注意文件名大小写要完全一致）",
        f"{d}/drafts/b.yaml:7: 征求意见「consultation」缺少必填字段「until」（截止日期）",
        f"{d}/drafts/b.yaml:8: 编制说明 「../../../outside.pdf」 位于 standards_src/ 之外，不能发布",
        f"{d}/drafts/c.yaml:6: 征求意见「consultation」应写成「字段: 值」的形式（每行一个字段），实际是 「2026-12-31」",
        f"{d}/q101.md:2: 征求意见「consultation」只能用于 stage: 制定中 的标准（征求意见稿）；标准已发布的，请删去 consultation",
        f"{f}:9: 警告：状态为「待处理」的意见写了处理完毕日期「closed」；已处理完的，请把 status 改为 已采纳、部分采纳 或 未采纳",
    ]
    # entries that point nowhere are left out; the others keep their normalised code and clause
    assert [(e.line, e.standard, e.clause) for e in project.feedback] == [
        (2, "Q/CQJG 101-2023", None), (8, "Q/CQJG 101-2023", None), (9, "Q/CQJG 101-2023", None)]


def test_valid_feedback_and_consultation(make_project):
    project, problems = load_project(make_project(FILES, base_files=False))
    assert not problems.items, errors_of(problems)
    draft = next(s for s in project.standards if s.code == DRAFT)
    assert draft.consultation.until == LAST and draft.consultation.contact == "资产管理处，电话 023-12345678"
    assert draft.consultation.explanation.target == "standards/q-cqjg-201-2026/files/说明.pdf"
    assert draft.published_files == (draft.consultation.explanation,)
    first = project.feedback[0]
    assert (first.kind, first.clause, first.sender, first.reply) == ("实施反馈", "5.1", "甲区中心", "简化登记")
    assert project.feedback[3].clause == "5"                              # a whole number is a clause too
    assert project.feedback[5].standard == "DB50/T 1016-2020"             # the code is normalised


@pytest.mark.parametrize("raw, expected", [
    (None, []),
    ({"email": "bzh@example.cn", "phone": "023-1", "address": "路"}, []),
    ({"mail": "x@y.cn"}, ["mkdocs.yml: extra.feedback 中有未知字段 「mail」，是否应为「email」？"]),
    ({"email": "不是邮箱"}, ["mkdocs.yml: extra.feedback 的「email」「不是邮箱」 不是邮箱地址，应如 bzh@example.cn"]),
    ({"phone": 2312345678}, ["mkdocs.yml: extra.feedback 的「phone」应为文字，实际是 「2312345678」；请加引号"]),
    ("bzh@example.cn", ["mkdocs.yml: extra.feedback 应写成「字段: 值」的形式（email、phone、address），实际是 「bzh@example.cn」"]),
])
def test_feedback_contact_in_mkdocs_yml(raw, expected):
    contact, errors = feedback_contact(raw)
    assert errors == expected
    if raw and not expected:
        assert contact == FeedbackContact("bzh@example.cn", "023-1", "路")


# -- derived as of a date ------------------------------------------------------------------------
def test_hand_computed_counts(fixture_ctx):
    view = fixture_ctx().feedback
    assert len(view.entries) == 12                              # 2027-01-01 is not yet received
    assert [(e.date.isoformat(), e.standard) for e in view.pending()] == [
        ("2026-05-05", "Q/CQJG 101-2023"), ("2026-09-09", "DB50/T 1016-2020"), ("2026-12-10", DRAFT)]
    assert [(y.year, y.received, y.handled, y.open, y.statuses["已采纳"]) for y in view.years()] == [
        (2024, 3, 3, 0, 3), (2025, 3, 3, 0, 2), (2026, 6, 3, 3, 1)]
    assert [s.code for s in view.review_candidates()] == ["Q/CQJG 101-2023"]      # 99-2018 is 废止
    assert view.counts_of("Q/CQJG 101-2023") == {
        "total": 5, "open": 1, "handled": 4, "statuses": {"待处理": 1, "已采纳": 3, "部分采纳": 0, "未采纳": 1}}
    later = fixture_ctx(LAST + dt.timedelta(days=1)).feedback
    assert later.counts_of("Q/CQJG 101-2023")["open"] == 2 and later.years()[-1].year == 2027


@pytest.mark.parametrize("as_of, open_, text", [
    (LAST - dt.timedelta(days=30), True, "还有 30 天"),
    (LAST - dt.timedelta(days=1), True, "还有 1 天"),
    (LAST, True, "今天截止"),                       # open up to and including `until`
    (LAST + dt.timedelta(days=1), False, "征求意见已截止"),
])
def test_consultation_banner_around_the_deadline(fixture_ctx, as_of, open_, text):
    ctx = fixture_ctx(as_of)
    draft = ctx.catalog.by_code[DRAFT]
    html = plain_tables(ctx.restore(fb.consultation_banner(ctx, draft, "standards/q-cqjg-201-2026.md")))
    assert text in html
    assert ("std-consult--open" in html) is open_ and ("征求意见已截止" in html) is not open_
    assert 'href="files/说明.pdf" download>《公物仓 &lt;调剂&gt; &amp; 处置规范》（征求意见稿）编制说明（PDF）</a>' in html   # the 编制说明 by its title
    assert ("意见反馈表（Word）" in html) is open_
    assert ([s.code for s in ctx.feedback.open_consultations()] == [DRAFT]) is open_
    assert (feedback_form(ctx.feedback, ctx.contact, draft) is not None) is open_


def test_mailto_subject_and_body_decode_exactly():
    contact = FeedbackContact(email="bzh+std@example.cn")
    from stdsite.model import Standard
    s = Standard(code="Q/CQJG 1-2026", title="甲&乙 #1 ?100% + 丙", level="组织内部标准", framework="X",
                 issued=None, effective=None, abolished=None, replaces=(), stage=None, issuer=(), drafters=(),
                 region="全市", tags=(), managed=True, source=None, summary=None, reviews=(), evaluations=(),
                 attachments=(), path="p", rel="p", line=1, lines={}, slug="q-cqjg-1-2026")
    mail = mail_template(contact, s, "5.2")
    url = mailto(mail.address, mail.subject, mail.body)
    address, _, query = url.removeprefix("mailto:").partition("?")
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert address == "bzh+std@example.cn" and set(fields) == {"subject", "body"}
    assert re.fullmatch(r"[A-Za-z0-9%._~-]*", fields["subject"])          # nothing left unencoded
    assert unquote(fields["subject"]) == "【实施信息反馈】Q/CQJG 1-2026 甲&乙 #1 ?100% + 丙 第 5.2 条"
    assert unquote(fields["body"]).split("\r\n")[:3] == ["标准编号：Q/CQJG 1-2026", "标准名称：甲&乙 #1 ?100% + 丙",
                                                        "章条编号：5.2"]
    assert mail_template(FeedbackContact(phone="1"), s) is None and mail_template(None, s) is None


# -- page sections -------------------------------------------------------------------------------
def test_standard_feedback_section_lists_entries_with_clause_links(fixture_ctx):
    ctx = fixture_ctx()
    s = ctx.catalog.by_code["Q/CQJG 101-2023"]
    html = plain_tables(ctx.restore(fb.feedback_section(ctx, s, "standards/q-cqjg-101-2023.md")))
    rows = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>(.*?)</tr>", html)
    assert [d for d, _ in rows] == ["2025-03-10", "2025-06-01", "2025-11-20", "2026-02-14", "2026-05-05"]
    assert '<a href="#5.1">5.1</a>' in rows[0][1] and "甲区中心" in rows[0][1] and "简化登记" in rows[0][1]
    assert "已采纳" in rows[0][1] and "2025-04-01" in rows[0][1]
    assert "已收到意见 5 条：已处理 4 条，待处理 1 条。" in html and "建议复审" in html
    mail = re.search(r'class="md-button md-button--primary std-fb-mail" href="([^"]*)" data-clause-href="([^"]*)"', html)
    subject = unquote(mail.group(1).split("subject=")[1].split("&")[0])
    assert subject == "【实施信息反馈】Q/CQJG 101-2023 公务用车使用管理规范"
    assert unquote(mail.group(2).split("subject=")[1].split("&")[0]).endswith(f" 第 {fb.CLAUSE_TOKEN} 条")
    assert 'href="feedback/意见反馈表-q-cqjg-101-2023.docx" download>' in html       # the Word form
    assert 'href="feedback/">打印意见反馈表</a>' in html
    # without an e-mail address: the contact and the form, no mail button
    ctx = fixture_ctx(contact=FeedbackContact(phone="023-1"))
    html = plain_tables(ctx.restore(fb.feedback_section(ctx, s, "standards/q-cqjg-101-2023.md")))
    assert "电话：023-1" in html and "std-fb-mail" not in html and "意见反馈表（Word）" in html


def test_dashboard_section_and_home_list(fixture_ctx):
    ctx = fixture_ctx()
    html = plain_tables(ctx.restore(fb.dashboard_section(ctx)))
    assert "共收到意见 <span class=\"dash-n\">12</span> 条，已处理 <span class=\"dash-n\">9</span> 条，" \
           "待处理 <span class=\"dash-n\">3</span> 条" in html
    pending = html.split('dash-feedback-pending')[1].split("</table>")[0]
    assert re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>", pending) == ["2026-05-05", "2026-09-09", "2026-12-10"]
    years = html.split("dash-feedback-years")[1].split("</table>")[0]
    cells = [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", years)[1:]]
    assert cells == [["2024", "3", "3", "3", "0", "0", "0"], ["2025", "3", "3", "2", "0", "1", "0"],
                     ["2026", "6", "3", "1", "2", "0", "3"], ["合计", "12", "9", "6", "2", "1", "3"]]
    review = html.split("dash-feedback-review")[1].split("</table>")[0]
    assert "Q/CQJG 101-2023" in review and "Q/CQJG 99-2018" not in review
    home = fb.open_consultations(ctx, "index.md")
    assert "2026-12-31" in home and "今天截止" in home and "公物仓 &lt;调剂&gt; &amp; 处置规范" in home


def test_feedback_page_of_a_standard_that_takes_no_comments(fixture_ctx):
    ctx = fixture_ctx(LAST + dt.timedelta(days=1))
    page = feedback_page(ctx, ctx.catalog.by_code[DRAFT])
    assert "征求意见已于 2026-12-31 截止" in page and "std-form__table" not in page
    page = feedback_page(ctx, ctx.catalog.by_code["Q/CQJG 99-2018"])
    assert "已废止" in page and "std-form__table" not in page
    page = feedback_page(ctx, ctx.catalog.by_code["Q/CQJG 101-2023"])
    assert page.count('<td class="std-form__no">') == 10 and "Q/CQJG 101-2023" in page


# -- the Word form -------------------------------------------------------------------------------
def test_word_form_is_prefilled_and_reproducible(fixture_ctx):
    ctx = fixture_ctx()
    draft = ctx.catalog.by_code[DRAFT]
    form = feedback_form(ctx.feedback, ctx.contact, draft)
    when = dt.datetime(2026, 12, 31)
    templates: dict = {}
    data = form_docx(form, when, templates)
    assert form_docx(form, when, templates) == data == form_docx(form, when)      # same bytes, cached or not
    document = docx.Document(io.BytesIO(data))
    meta, grid = document.tables
    assert [[c.text for c in row.cells] for row in meta.rows] == [["标准编号", DRAFT], ["标准名称", DRAFT_TITLE]]
    assert [c.text for c in grid.rows[0].cells] == list(FORM_COLUMNS) == ["序号", "章条编号", "修改意见", "理由"]
    assert [row.cells[0].text for row in grid.rows[1:]] == [str(n) for n in range(1, 11)]
    assert all(c.text == "" for row in grid.rows[1:] for c in row.cells[1:])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "（征求意见）" in text and "请于 2026-12-31 前反馈至：资产管理处，电话 023-12345678" in text
    for name in ("提出单位", "联系人", "联系电话", "日期"):
        assert f"{name}：" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    props = document.core_properties
    assert props.title == f"意见反馈表 {DRAFT}" and props.author == ""
    assert props.created == props.modified == dt.datetime(2026, 12, 31, tzinfo=props.created.tzinfo)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 12, 31, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in archive.namelist()
    other = form_docx(feedback_form(ctx.feedback, ctx.contact, ctx.catalog.by_code["Q/CQJG 101-2023"]), when, templates)
    assert len(templates) == 1                                             # one template for every standard
    assert docx.Document(io.BytesIO(other)).tables[0].rows[0].cells[1].text == "Q/CQJG 101-2023"

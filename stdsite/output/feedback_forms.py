"""The 意见反馈 pages (`standards/<slug>/feedback/`) and the 意见反馈表 as a Word file beside them.

The .docx is made with python-docx once per build as a template whose code, title, kind and
return line are placeholders; each standard's file is the template with its values put in
(XML-escaped) and re-zipped with fixed dates: python-docx takes ~60 ms a document, a thousand
standards would add a minute. The same sources and as-of date give the same bytes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
import zipfile
from xml.sax.saxutils import escape

from ..derive.feedback import FeedbackForm, feedback_form
from ..escape import xml_text
from ..render.context import RenderContext
from ..render.feedback_form import feedback_page
from ..urls import feedback_docx, feedback_src
from .cache import BuildCache
from .files import write_zip
from .sitefiles import SiteWriter

TOKENS = {"code": "@@CODE@@", "title": "@@TITLE@@", "kind": "@@KIND@@", "send_to": "@@SEND@@"}
COLUMN_WIDTHS_MM = (14, 26, 75, 55)


def write_feedback_pages(ctx: RenderContext, out: SiteWriter, cache: BuildCache | None = None) -> None:
    """Every standard's 意见反馈 page, and the Word form of those that take comments at D."""
    templates: dict[FeedbackForm, list[tuple[str, bytes]]] = {}
    when = dt.datetime.combine(ctx.catalog.as_of, dt.time())
    for s in ctx.catalog.standards:
        out.write_text(ctx.links.html_file(feedback_src(s.slug)), feedback_page(ctx, s))
        form = feedback_form(ctx.feedback, ctx.contact, s)
        if form is not None:
            out.write(feedback_docx(s.slug), form_docx(form, when, templates, cache))


def form_docx(form: FeedbackForm, when: dt.datetime, templates: dict | None = None,
              cache: BuildCache | None = None) -> bytes:
    """The 意见反馈表 of `form` as .docx bytes; `templates` keeps the templates made so far (and
    `cache` between builds, with the forms themselves: python-docx takes a good part of a second to
    make a template, zipping a form a few milliseconds)."""
    import docx

    key = "docx-form-" + hashlib.sha256(f"{docx.__version__} {form!r} {when.isoformat()}".encode("utf-8")).hexdigest()[:32]
    if cache is not None and (done := cache.get(key)) is not None:
        return done
    templates = {} if templates is None else templates
    shape = dataclasses.replace(form, **TOKENS)
    if shape not in templates:
        templates[shape] = _members(_template(shape, when, cache))
    values = {TOKENS[name]: _xml_text(getattr(form, name)) for name in TOKENS}
    pattern = re.compile("|".join(re.escape(token) for token in values))

    def fill(name: str, data: bytes) -> bytes:
        if name not in ("word/document.xml", "docProps/core.xml"):
            return data
        return pattern.sub(lambda m: values[m.group(0)], data.decode("utf-8")).encode("utf-8")

    out = io.BytesIO()
    write_zip(out, ((name, fill(name, data)) for name, data in templates[shape]),
              (when.year, when.month, when.day, 0, 0, 0))
    if cache is not None:
        cache.put(key, out.getvalue())
    return out.getvalue()


def _template(shape: FeedbackForm, when: dt.datetime, cache: BuildCache | None) -> bytes:
    import docx

    key = "docx-" + hashlib.sha256(f"form-1 {docx.__version__} {shape!r} {when.isoformat()}".encode("utf-8")).hexdigest()[:32]
    data = cache.get(key) if cache is not None else None
    if data is None:
        data = docx_bytes(shape, when)
        if cache is not None:
            cache.put(key, data)
    return data


def _xml_text(value: str) -> str:
    """A value for the document's XML: escaped, without the characters XML cannot hold."""
    return escape(xml_text(value))


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info.filename)) for info in archive.infolist()]


def _keep_styles(styles, names: set[str]) -> None:
    """Drop the template's latent styles and every style the form does not use (python-docx's
    styles.xml is 350 KB, and compressing it again for each standard was most of the time)."""
    from docx.oxml.ns import qn

    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    elements = {e.get(qn("w:styleId")): e for e in styles.findall(qn("w:style"))}

    def name(e) -> str | None:
        tag = e.find(qn("w:name"))
        return None if tag is None else tag.get(qn("w:val"))

    wanted = [i for i, e in elements.items() if e.get(qn("w:default")) in ("1", "true") or name(e) in names]
    keep: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in keep or style_id not in elements:
            continue
        keep.add(style_id)
        for ref in ("w:basedOn", "w:next", "w:link"):
            tag = elements[style_id].find(qn(ref))
            if tag is not None:
                wanted.append(tag.get(qn("w:val")))
    for style_id, e in elements.items():
        if style_id not in keep:
            styles.remove(e)


def docx_bytes(form: FeedbackForm, when: dt.datetime) -> bytes:
    """The form as a Word document made with python-docx: A4, 宋体, the code and title in a small
    table, the comment table with empty rows, blanks for 提出单位/联系人/联系电话/日期; fixed
    document properties (no author, no time of saving, no thumbnail)."""
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    package = doc.part.package
    for rels in (package.rels, doc.part.rels):      # python-docx's thumbnail; Word 2010's styles copy
        for rid, rel in list(rels.items()):
            if rel.reltype == RT.THUMBNAIL or rel.reltype.endswith("/stylesWithEffects"):
                del rels[rid]
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    def paragraph(text: str, size: float | None = None, bold: bool = False, center: bool = False):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def table(rows: int, widths: tuple[int, ...]):
        t = doc.add_table(rows=rows, cols=len(widths))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row in t.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)
        return t

    paragraph(form.heading, 18, bold=True, center=True)
    paragraph(f"（{form.kind}）", center=True)
    meta = table(2, (30, 140))
    for row, (label, value) in zip(meta.rows, (("标准编号", form.code), ("标准名称", form.title))):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(value)
    paragraph("")
    grid = table(form.rows + 1, COLUMN_WIDTHS_MM)
    for cell, name in zip(grid.rows[0].cells, form.columns):
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, row in enumerate(grid.rows[1:], 1):
        row.height, row.height_rule = Mm(12), WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].paragraphs[0].add_run(str(number))
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph("")
    half = (len(form.fields) + 1) // 2
    for names in (form.fields[:half], form.fields[half:]):
        paragraph("　　".join(f"{name}：________________" for name in names))
    paragraph(form.send_to, 10.5)
    paragraph("填写说明：一条意见填一行，写明章条编号（如 5.2）；不够可另附页。", 10.5)

    _keep_styles(doc.styles.element, {"Normal", "Table Grid"})
    props = doc.core_properties
    props.title = f"{form.heading} {form.code}"
    props.subject, props.author, props.last_modified_by = form.title, "", ""
    props.comments, props.keywords, props.category = "", "", ""
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

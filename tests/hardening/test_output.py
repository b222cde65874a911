"""The built site as a whole: nothing an editor types becomes markup (every page parsed), JSON in
pages parses, builds are atomic and byte-for-byte reproducible, and the strict link check fails a
build with the source file to fix.

One rich fixture project (every file kind, every block kind, hostile text in every field) is
built twice at module scope; the other tests build minimal projects.
"""
from __future__ import annotations

import gzip
import html.parser
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from support import FRAMEWORK, ROOT, STANDARD_MD, STANDARD_YAML, run_build, write_tree
from hardening_support import line_of, site_files

AS_OF = "2025-06-30"
EPOCH = "1751241600"       # 2025-06-30T00:00:00Z
# hostile text: a tag, an attribute break-out in both quote styles, entities, Jinja, closing tags
BAD = """<x-inj a="1">" data-inj="1' data-inj='1 &amp; &lt; {{ site_name }} {% if x %} </title></script></textarea>"""


def yq(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


RETURN = yq('退回 \\ "x" ' + BAD)          # a backslash and quotes in a step text

RICH = {
    "framework.yaml": FRAMEWORK.replace("name: 标准化导则", f"name: {yq('标准化导则' + BAD)}")
                               .replace("name: 公物仓管理", f"name: {yq('公物仓管理' + BAD)}"),
    "standards/q101.md": STANDARD_MD,
    "standards/db1016.yaml": STANDARD_YAML + f"source: {yq('javascript:alert(1) ' + BAD)}\n",
    "standards/x.md": f"""\
---
code: Q/CQJG 666-2024
title: {yq('敌意标题' + BAD)}
level: 组织内部标准
framework: YX-GW
issued: 2024-01-01
effective: 2024-02-01
issuer: [{yq('机构' + BAD)}]
drafters: [{yq('起草' + BAD)}]
tags: [{yq('标签' + BAD)}, 公务用车]
summary: {yq('摘要' + BAD)}
reviews:
  - {{date: 2024-06-01, conclusion: 继续有效, note: {yq('复审' + BAD)}}}
evaluations:
  - {{date: 2024-07-01, by: {yq('评价' + BAD)}, score: 90, grade: 优, note: {yq('说明' + BAD)}}}
attachments:
  - {{file: "files/登记表 #1 100%.xlsx", title: {yq('附件' + BAD)}}}
---

## 1 范围 {BAD}

正文 {BAD}，见 [[#5.1]] 与 [[Q/CQJG 101-2023#5.1]]。

| 列 | 值 |
|---|---|
| {BAD.replace('|', '/')} | 1 |

## 5 要求

### 5.1 流程

```flow
title: {yq('流程' + BAD)}
lanes: [{yq('泳道' + BAD)}, 车管员]
steps:
  - {{id: a, text: {yq('申请' + BAD)}, lane: {yq('泳道' + BAD)}, type: start, clause: "5.1"}}
  - {{id: b, text: {yq('是否同意?' + BAD)}, lane: 车管员, type: decision, yes: c, no: d}}
  - {{id: c, text: {yq('派车' + BAD)}, lane: 车管员, type: document, next: e}}
  - {{id: d, text: {RETURN}, lane: 车管员, next: e}}
  - {{id: e, text: 结束, lane: 车管员, type: end}}
```

```checklist
title: {yq('检查' + BAD)}
pass: 50
items:
  - {{text: {yq('轮胎' + BAD)}, clause: "5.1", points: 2}}
  - {yq('灯光' + BAD)}
```

```criteria
title: {yq('指标' + BAD)}
rule: any
items:
  - {{id: y, name: {yq('年限' + BAD)}, op: ">=", value: 8, unit: {yq('年' + BAD)}, clause: "5.1"}}
  - {{name: 里程, op: between, value: [1, 2]}}
```

```dot
digraph {{ "甲 <x-inj>" -> "乙 \\" & </svg>" }}
```
""",
    "standards/files/登记表 #1 100%.xlsx": b"PK fake",
    "documents/通知 #1.yaml": f"""\
number: {yq('渝机管发〔2024〕1号' + BAD)}
title: {yq('通知' + BAD)}
issuer: {yq('某局' + BAD)}
issued: 2024-01-01
url: "javascript:alert(1)"
summary: {yq('摘要' + BAD)}
related: [Q/CQJG 666-2024]
""",
    "documents/ok.yaml": """\
number: 渝机管发〔2023〕2号
title: 正常的通知
issuer: 某局
issued: 2023-01-01
url: https://example.org/a?b=1&c=2
""",
    "courses/c.md": f"""\
---
id: hostile-101
title: {yq('课程' + BAD)}
audience: [一线职工]
minutes: 20
objectives: [{yq('目标' + BAD)}]
standards: [Q/CQJG 666-2024]
---

## 1 模块 {BAD}
<!-- minutes: 20 -->

正文 {BAD}

!!! instructor "讲师提示"
    提示 {BAD}

```quiz
- q: {yq('问题' + BAD)}
  options: [{yq('甲' + BAD)}, {yq('乙' + BAD)}]
  answer: 1
  explain: {yq('见 [[Q/CQJG 666-2024#5.1]] ' + BAD)}
```
""",
    "training_sessions.yaml": f"- {{date: 2025-05-20, course: hostile-101, place: {yq('会场' + BAD)}, attendees: 30}}\n",
    "plan.yaml": f"- {{title: {yq('计划' + BAD)}, kind: 制定, framework: JC-TY-02, due: 2025-03-31}}\n",
    "targets.yaml": f"period: {{name: {yq('十四五' + BAD)}, start: 2021-01-01, end: 2025-12-31}}\n",
    "directory.yaml": f"title: {yq('目录' + BAD)}\neditions:\n  - {{id: 2024-2, date: 2024-12-31}}\n  - {{id: 2025-1, date: 2025-06-30}}\n",
}


def frozen_config(base: Path) -> Path:
    """A snapshot of mkdocs.yml, docs/ and macros/ (other people edit them while tests run): both
    builds of the reproducibility test must see the same hand-written pages."""
    project = base / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "macros"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "stdsite").symlink_to(ROOT / "stdsite")            # the theme's custom_dir
    (project / "standards_src").mkdir()                            # `watch:` entries must exist
    (project / "diagrams").mkdir()
    return project / "mkdocs.yml"


def build_rich(base: Path, name: str) -> tuple[Path, Path]:
    src = write_tree(base / "src", RICH) if not (base / "src").exists() else base / "src"
    config = base / "project/mkdocs.yml" if (base / "project").exists() else frozen_config(base)
    out = base / name
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", AS_OF, "--config", str(config),
                       "--cache", str(base / f"cache-{name}"), env=env)   # no shared diagram cache
    assert result.returncode == 0, result.stdout + result.stderr
    return src, out


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    base = tmp_path_factory.mktemp("rich")
    _, first = build_rich(base, "site1")
    time.sleep(1.1)                      # a clock-dependent timestamp would now differ
    _, second = build_rich(base, "site2")
    return first, second


# -- nothing typed becomes markup -------------------------------------------------------------------
class Scan(html.parser.HTMLParser):
    """Records every tag and attribute, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = dict(attrs)
            self._buffer = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buffer)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._buffer.append(data)
        self.text.append(data)


def scan(path: Path) -> Scan:
    parser = Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_source_text_becomes_markup_on_any_page(rich):
    site = rich[0]
    checked = 0
    for path in pages(site):
        parser = scan(path)
        rel = path.relative_to(site).as_posix()
        for tag, attrs in parser.tags:
            assert tag != "x-inj", f"{rel}: a source text became the tag <x-inj>"
            assert "data-inj" not in {name for name, _ in attrs}, f"{rel}: a source text broke out of an attribute"
            for name, value in attrs:
                assert not name.startswith("on"), f"{rel}: event handler <{tag} {name}>"
                if name in ("href", "src", "action", "xlink:href"):
                    assert not (value or "").strip().lower().startswith("javascript:alert"), f"{rel}: {name}={value}"
        for attrs, body in parser.scripts:
            assert "x-inj" not in body and "data-inj" not in body, f"{rel}: source text inside a <script>"
            if attrs.get("type") == "application/json":
                json.loads(body)
        checked += 1
    assert checked > 20


def test_hostile_text_is_shown_as_text(rich):
    """The text survives as text: parsing the page gives back what the editor wrote."""
    site = rich[0]
    shown = "".join(scan(site / "standards/q-cqjg-666-2024/index.html").text)
    for field in ("敌意标题", "机构", "起草", "标签", "摘要", "复审", "评价", "说明", "附件", "申请", "派车", "轮胎",
                  "灯光", "年限"):
        assert field + BAD in shown, field          # entities the editor typed stay as typed
    course = "".join(scan(site / "training/hostile-101/index.html").text)
    assert "问题" + BAD in course


def test_titles_with_quotes_in_attributes_and_head(rich):
    site = rich[0]
    text = (site / "standards/q-cqjg-666-2024/index.html").read_text(encoding="utf-8")
    head = text.split("</head>")[0]
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert "<" not in title and "&lt;x-inj" in title
    description = re.search(r'<meta name="description" content="([^"]*)"', head).group(1)
    assert "&quot; data-inj=&quot;1" in description
    # [[Q/CQJG 666-2024#5.1]] links elsewhere carry the title in title="..."
    doc = (site / "documents/通知 #1/index.html").read_text(encoding="utf-8")
    assert 'data-inj="1' not in doc and "敌意标题&lt;x-inj a=&quot;1&quot;&gt;" in doc


def test_unsafe_urls_are_not_links(rich):
    site = rich[0]
    meta_only = scan(site / "standards/db50-t-1016-2020/index.html")
    doc = scan(site / "documents/通知 #1/index.html")
    for parser in (meta_only, doc):
        hrefs = [v for t, attrs in parser.tags for n, v in attrs if n == "href"]
        assert not [h for h in hrefs if h and h.lower().startswith("javascript:alert")]
    ok = (site / "documents/ok/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in ok


def test_front_matter_with_quotes_and_newlines(rich):
    """Titles reach YAML front matter and the nav through JSON strings: quotes, colons, `---` and
    newlines in a title cannot end the front matter or add keys."""
    from stdsite.render.common import front_matter
    from stdsite.load.yaml import parse_yaml; from stdsite.load.markdown import split_front_matter
    title = 'a "b" \'c\'\n---\nkey: value\n<x-inj> {{ x }}: # not a comment'
    text = front_matter(title, description=title + "\r\n") + "body"
    front, _, body, _ = split_front_matter(text)
    data = parse_yaml(front)
    assert set(data) == {"title", "description"} and body.strip() == "body"
    assert "<" not in data["title"] and "\n" in data["title"]


def test_json_exports_keep_the_text(rich):
    catalog = json.loads((rich[0] / "data/catalog.json").read_text(encoding="utf-8"))
    titles = {s["code"]: s["title"] for s in catalog["standards"]}
    assert titles["Q/CQJG 666-2024"] == "敌意标题" + BAD
    search = (rich[0] / "search/stdsearch.js").read_text(encoding="utf-8")
    payload = json.loads(search[search.index("(") + 1: search.rindex(")")])
    assert payload["pages"]


def test_attachment_and_document_with_url_characters_in_names(rich):
    site = rich[0]
    assert (site / "standards/q-cqjg-666-2024/files/登记表 #1 100%.xlsx").read_bytes() == b"PK fake"
    text = (site / "standards/q-cqjg-666-2024/index.html").read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]*)" download', text).group(1)
    assert "#" not in href and " " not in href
    assert (site / "documents/通知 #1/index.html").is_file()


# -- reproducible -------------------------------------------------------------------------------
def test_two_builds_are_byte_identical(rich):
    first, second = (site_files(site) for site in rich)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"differ between two builds: {differ[:10]}"
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
    assert b"<lastmod>2025-06-30</lastmod>" in first["sitemap.xml"]


def test_reproducible_file_metadata_free_of_build_time(rich):
    """Exports that carry their own dates (xlsx, zip members, gzip header) use the as-of date."""
    first = site_files(rich[0])
    header_mtime = int.from_bytes(first["sitemap.xml.gz"][4:8], "little")
    assert header_mtime in (0, int(EPOCH))
    xlsx = [name for name in first if name.startswith("directory/") and name.endswith(".xlsx")]
    assert xlsx
    import io
    import zipfile
    for name in xlsx:
        with zipfile.ZipFile(io.BytesIO(first[name])) as archive:
            core = archive.read("docProps/core.xml").decode()
            years = set(re.findall(r"(\d{4})-\d\d-\d\dT", core))
            assert years <= {"2024", "2025"}, (name, core)


# -- strict links -------------------------------------------------------------------------------
def test_rich_site_has_no_broken_links(rich):
    from stdsite.output.linkcheck import check_site
    assert check_site(rich[0]) == []


def test_broken_link_in_text_fails_build_naming_source_and_keeps_old_site(tmp_path, make_project):
    """A standard that links to a missing file is refused by `check` (its line, in Chinese) and so
    by the build, before MkDocs could warn in English; the previous site stays byte-for-byte."""
    good = make_project()
    out = tmp_path / "out"
    assert run_build("build", "--src", str(good), "--out", str(out), "--as-of", AS_OF).returncode == 0
    before = site_files(out)
    text = STANDARD_MD.replace("派车应登记。", "派车应登记，表格见[登记表](files/登记表.pdf)。")
    bad = make_project({"standards/q101.md": text})
    line = line_of(text, "登记表.pdf")
    expected = f"{bad}/standards/q101.md:{line}: 链接 「files/登记表.pdf」 指向的文件不存在"
    checked = run_build("check", "--src", str(bad))
    assert checked.returncode == 1 and expected in checked.stderr
    result = run_build("build", "--src", str(bad), "--out", str(out), "--as-of", AS_OF)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and "WARNING" not in output
    assert expected in output
    assert "Aborted" not in output
    assert site_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def write_site(base: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return base


def test_linkcheck_fixture(tmp_path):
    from stdsite.output.linkcheck import BrokenLink, check_site
    site = write_site(tmp_path / "site", {
        "index.html": '<a href="standards/a/">a</a><a href="standards/a/#5.1">ok</a><a href="missing/">x</a>'
                      '<img src="img/none.png"><a href="https://x.org/">ext</a><a href="mailto:a@b">m</a>'
                      '<a href="#top">self anchors of other pages are not checked</a>'
                      '<a href="data/c.json?x=1#y">q</a><link href="/assets/a.css"><a href="../outside.html">o</a>'
                      '<pre><code>&lt;a href="nope.html"&gt; text that shows href="nope2.html"</code></pre>',
        "standards/a/index.html": '<h2 id="5.1">5.1</h2><a href="#5.1">s</a><a href="#9.9">dead clause</a>'
                                  '<a href="../b/#1">b</a><a href="files/%E8%A1%A8%20%231.pdf">f</a><a href="./">.</a>',
        "standards/a/files/表 #1.pdf": "pdf",
        "standards/b/index.html": '<h2 id="2">2</h2><a href="../a/#5.1">a</a>',
        "data/c.json": "{}",
        "assets/a.css": "",
    })
    broken = check_site(site)
    assert broken == sorted([
        BrokenLink("index.html", "../outside.html", "指向的文件不存在"),
        BrokenLink("index.html", "img/none.png", "指向的文件不存在"),
        BrokenLink("index.html", "missing/", "指向的文件不存在"),
        BrokenLink("standards/a/index.html", "#9.9", "指向的锚点 「9.9」 在页面上不存在"),
        BrokenLink("standards/a/index.html", "../b/#1", "指向的锚点 「1」 在页面上不存在"),
    ])
    # the offline bundle layout (`.html` files) and a site under a sub-path
    bundle = write_site(tmp_path / "bundle", {
        "index.html": '<a href="standards/a.html#5.1">a</a><a href="standards/a.html#6">x</a><script src="/std/x.js"></script>',
        "standards/a.html": '<p id="5.1"></p>', "x.js": "",
    })
    assert check_site(bundle, base_path="/std/") == [BrokenLink("index.html", "standards/a.html#6", "指向的锚点 「6」 在页面上不存在")]


def test_linkcheck_is_fast(tmp_path):
    """1000 pages with a 100-link navigation and 50 clause anchors each: well under a second per 1000
    pages (measured on a 1000-standard corpus: see the hardening notes)."""
    from stdsite.output.linkcheck import check_site
    nav = "".join(f'<li><a href="../s{i}/">标准 {i}</a></li>' for i in range(100))
    filler = "<p>" + "公务用车管理规范正文。" * 600 + "</p>"
    base = tmp_path / "site"
    for i in range(1000):
        page = base / f"standards/s{i}/index.html"
        page.parent.mkdir(parents=True)
        links = "".join(f'<a href="#c{j}">x</a><h2 id="c{j}">x</h2>' for j in range(50))
        page.write_text(f"<html><nav>{nav}</nav>{filler}{links}</html>", encoding="utf-8")
    started = time.perf_counter()
    broken = check_site(base)
    elapsed = time.perf_counter() - started
    assert broken == []
    size = sum(p.stat().st_size for p in base.rglob("*.html")) / 1e6
    print(f"linkcheck: 1000 pages, {size:.0f} MB in {elapsed:.2f} s")
    assert elapsed < 10


# -- atomic output -------------------------------------------------------------------------------
def test_replace_dir_swaps_and_cleans(tmp_path):
    from stdsite.output.folders import replace_dir
    out, new = tmp_path / "site", tmp_path / ".site.building-1"
    write_site(out, {"index.html": "old", "old-only.html": "x"})
    write_site(new, {"index.html": "new"})
    replace_dir(new, out)
    assert site_files(out) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    fresh = write_site(tmp_path / ".site.building-2", {"a.html": "a"})
    replace_dir(fresh, tmp_path / "first")                       # no previous site
    assert site_files(tmp_path / "first") == {"a.html": b"a"}


def test_replace_dir_failing_rename_keeps_previous_site(tmp_path, monkeypatch):
    from stdsite.output import folders as files
    out, new = tmp_path / "site", tmp_path / ".site.building-1"
    write_site(out, {"index.html": "old"})
    write_site(new, {"index.html": "new"})
    real = os.rename
    calls = []

    def flaky(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if Path(src) == new:
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(files.os, "rename", flaky)
    monkeypatch.setattr(files, "exchange", lambda a, b: False)     # a file system without the one-step swap
    with pytest.raises(OSError):
        files.replace_dir(new, out)
    monkeypatch.undo()
    assert site_files(out) == {"index.html": b"old"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.old")]


def test_clause_links_on_poster_pages_reach_the_clause(rich):
    from stdsite.output.linkcheck import check_site
    every_standard_page = re.compile(r"^standards/.+\.html$")
    assert [b for b in check_site(rich[0], anchor_pages=every_standard_page) if "/poster/" in b.page] == []


def test_broken_link_messages_name_the_source_file(tmp_path, make_project):
    """Sub-pages of a standard (its poster) are reported on the standard's source file; pages from
    docs/ on docs/<file>; other generated pages by their path."""
    import datetime as dt
    from stdsite.derive.catalog import Catalog
    from stdsite.output.linkcheck import BrokenLink, messages, page_sources
    from support import load_project
    from stdsite.urls import Links
    from stdsite.render.context import RenderContext
    src = make_project()
    project, _ = load_project(src)
    ctx = RenderContext(Catalog(project, dt.date(2025, 6, 30)), Links())
    docs = write_site(tmp_path / "docs", {"help/a.md": "# a\n\n[x](missing.md)\n"})
    sources = page_sources(str(docs), ctx)
    lines = messages([BrokenLink("standards/q-cqjg-101-2023/poster/index.html", "#5.1", "指向的锚点 「5.1」 在页面上不存在"),
                      BrokenLink("help/a/index.html", "missing/", "指向的文件不存在"),
                      BrokenLink("system/index.html", "x/", "指向的文件不存在")], sources)
    assert lines[0].startswith(f"{src}/standards/q101.md:") and "poster/index.html" in lines[0]
    assert lines[1].startswith("docs/help/a.md: ") or lines[1].startswith("docs/help/a.md:3: ")
    assert lines[2].startswith("自动生成的页面 system/index.html: ")

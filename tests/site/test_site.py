"""A fixture project built into tmp_path: chosen HTML fragments, catalog.json, atomic output."""
from __future__ import annotations

import json
import re

import pytest

from support import run_build

EXTRA = {
    "standards/new.md": """\
        ---
        code: Q/CQJG 101-2025
        title: 公务用车使用管理规范（2025版）
        level: 组织内部标准
        framework: YX-GC-01
        issued: 2025-03-01
        effective: 2025-04-01
        replaces: [Q/CQJG 101-2023]
        issuer: [市机关事务局, 市财政局]
        tags: [公务用车]
        attachments:
          - {file: files/登记表.xlsx, title: 派车登记表}
        ---

        ## 1 范围

        标题里的 <b>标记</b> 和 {{ jinja }} 只是文字，见 [[Q/CQJG 101-2023#5.1]]。

        | 项目 | 要求 |
        |---|---|
        | 登记 | 一车一单 |
        """,
    "standards/files/登记表.xlsx": b"PK fake",
    "standards/soon.yaml": """\
        code: Q/CQJG 900-2026
        title: 即将实施的标准 <script>
        level: 组织内部标准
        framework: YX-GC-02
        issued: 2025-06-01
        effective: 2026-01-01
        """,
    "documents/plan-2021.yaml": """\
        number: 渝机管发〔2021〕108号
        title: 重庆市机关事务标准化建设“十四五”规划
        issuer: 重庆市机关事务管理局
        issued: 2021-12-01
        related: [DB50/T 1016-2020]
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, write_tree
    base = tmp_path_factory.mktemp("site")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                    "standards/db1016.yaml": STANDARD_YAML, **EXTRA})
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stderr
    return out


def read(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_catalog_json(site):
    data = json.loads(read(site, "data/catalog.json"))
    assert data["as_of"] == "2025-06-30"
    codes = [s["code"] for s in data["standards"]]
    assert codes == sorted(codes)
    by_code = {s["code"]: s for s in data["standards"]}
    old = by_code["Q/CQJG 101-2023"]
    assert old["status"] == "被代替" and old["replaced_by"] == ["Q/CQJG 101-2025"]
    assert old["page"] == "standards/q-cqjg-101-2023/"
    new = by_code["Q/CQJG 101-2025"]
    assert new["issuer"] == ["市机关事务局", "市财政局"] and new["replaces"] == ["Q/CQJG 101-2023"]
    assert new["attachments"] == [{"file": "files/登记表.xlsx", "title": "派车登记表"}]
    assert by_code["Q/CQJG 900-2026"]["status"] == "即将实施"
    meta_only = by_code["DB50/T 1016-2020"]
    assert meta_only["abolished"] is None and meta_only["tags"] == [] and meta_only["managed"] is True
    expected_fields = {"code", "title", "level", "framework", "issued", "effective", "abolished", "replaces", "stage",
                       "issuer", "drafters", "region", "tags", "managed", "source", "summary", "reviews", "evaluations",
                       "attachments", "replaced_by", "status", "page",
                       "proposer", "owner", "authors", "ics", "ccs", "filing",        # GB/T 1.1 metadata (Part 2)
                       "consultation", "feedback"}                                       # feedback (Part 2)
    assert set(meta_only) == expected_fields
    assert meta_only["authors"] == [] and meta_only["ics"] is None and meta_only["filing"] is None
    doc = data["documents"][0]
    assert doc["number"] == "渝机管发〔2021〕108号" and doc["status"] == "现行有效" and doc["page"] == "documents/plan-2021/"


def test_standard_page(site):
    html = read(site, "standards/q-cqjg-101-2025/index.html")
    assert 'id="1"' in html                                          # clause anchor
    assert "&lt;b&gt;标记&lt;/b&gt;" in html and "<b>标记</b>" not in html
    assert "&#123;&#123; jinja }}" in html                            # Jinja syntax stays text
    assert 'href="../q-cqjg-101-2023/#5.1"' in html                   # [[code#clause]]
    assert "std-badge--current" in html and "市机关事务局、市财政局" in html
    assert "代替：" in html
    assert 'href="files/登记表.xlsx" download' in html
    assert (site / "standards/q-cqjg-101-2025/files/登记表.xlsx").read_bytes() == b"PK fake"
    assert "<td>一车一单</td>" in html


def test_replaced_and_metadata_only_pages(site):
    old = read(site, "standards/q-cqjg-101-2023/index.html")
    assert "被代替：" in old and "std-badge--replaced" in old
    meta = read(site, "standards/db50-t-1016-2020/index.html")
    assert "未收录全文" in meta and "相关规范性文件" in meta


def test_title_markup_is_escaped(site):
    html = read(site, "standards/q-cqjg-900-2026/index.html")
    assert "即将实施的标准 &lt;script&gt;" in html and "<script>\n" not in html.split("即将实施的标准")[1][:20]


def test_lists_and_system(site):
    listing = read(site, "standards/index.html")
    assert 'data-status="被代替"' in listing and 'data-filter="level"' in listing
    system = read(site, "system/index.html")
    assert "空缺" in system                                            # empty items are marked
    area = read(site, "system/yx-gw/index.html")
    assert "暂无标准" in area
    assert "重庆市机关事务标准化建设“十四五”规划" in read(site, "documents/plan-2021/index.html")


def test_home_page_counts(site):
    home = read(site, "index.html")
    assert "std-home-counts" in home and "最近发布" in home and "Q/CQJG 900-2026" in home


EXTERNAL_LOAD = re.compile(r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\ssrc=["']?(?:https?:)?//"""
                           r"""|<link\b(?![^>]*rel="canonical")[^>]*\shref=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
                           r"""|@import\s+["']?(?:url\()?["']?(?:https?:)?//""", re.I)


def test_no_external_requests_in_pages(site):
    """No page, stylesheet or script loads anything from another host (links to click are fine)."""
    loading = {p.relative_to(site).as_posix(): EXTERNAL_LOAD.findall(p.read_text(encoding="utf-8", errors="replace"))
               for p in site.rglob("*") if p.suffix in (".html", ".css", ".js")}
    assert len(loading) > 30
    assert {page: hits for page, hits in loading.items() if hits} == {}


def test_failed_build_leaves_previous_site(site, tmp_path, make_project):
    good = make_project()
    out = tmp_path / "out"
    assert run_build("build", "--src", str(good), "--out", str(out), "--as-of", "2025-06-30").returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = make_project({"standards/bad.yaml": "code: [\n"})
    result = run_build("build", "--src", str(bad), "--out", str(out), "--as-of", "2025-06-30")
    assert result.returncode == 1 and "bad.yaml" in result.stderr and "Traceback" not in result.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before == after
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]   # no temp folders left

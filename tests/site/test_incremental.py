"""Incremental builds: a build into the same folder reuses what did not change, and the result is
byte for byte what a cold build of the same sources gives — every file, the `.gz` twins included.

One project with every kind of source (full-text standards with every block kind, attachments,
metadata-only standards, documents, a course with a quiz, sessions, plan, targets, a directory
with two editions) is built cold, then edited in ways that touch one page, many pages (a title
in the navigation, a framework name), add and remove files, and rebuilt incrementally; each
result is compared with a cold build (fresh cache, fresh folder) of the same sources.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path

import pytest

from directory_fixture import AS_OF, FILES
from support import FRAMEWORK, ROOT, STANDARD_MD, run_build, write_tree

FLOW_STANDARD = STANDARD_MD.replace("使用年限满8年，见 [[#5.1]]。", """使用年限满8年，见 [[#5.1]]。

```flow
title: 派车流程
lanes: [用车人, 车管员]
steps:
  - {id: apply, text: 提交用车申请, lane: 用车人, type: start}
  - {id: check, text: 是否符合规定?, lane: 车管员, type: decision, yes: send, no: back}
  - {id: back, text: 退回, lane: 车管员, next: done}
  - {id: send, text: 派车, lane: 车管员, clause: "5.1"}
  - {id: done, text: 回场登记, lane: 用车人, type: end}
```

```checklist
title: 出车前检查
pass: 80
items:
  - {text: 轮胎气压正常, points: 10, clause: "6.1"}
  - 灯光正常
```

```criteria
title: 更新条件
rule: any
items:
  - {name: 使用年限, op: ">=", value: 8, unit: 年}
```

```dot
digraph { 申请 -> 审批 -> 派车 }
```
""").replace("tags: [公务用车, 派车]", "tags: [公务用车, 派车]\nattachments:\n  - {file: files/登记表.xlsx, title: 派车登记表}")

PROJECT = {
    **FILES,
    "framework.yaml": FRAMEWORK,
    "standards/q101.md": FLOW_STANDARD,
    "standards/files/登记表.xlsx": b"PK fake xlsx",
    "standards/db1016.yaml": """\
        code: DB50/T 1016-2020
        title: 机关事务标准化工作指南
        level: 地方标准
        framework: JC-TY-01
        issued: 2020-09-30
        effective: 2020-12-30
        """,
    "courses/cars.md": """\
        ---
        id: cars-101
        title: 公务用车管理
        audience: [管理人员]
        minutes: 30
        objectives: [掌握派车流程]
        standards: [Q/CQJG 101-2023]
        ---

        ## 派车
        <!-- minutes: 30 -->

        见 [[Q/CQJG 101-2023#5.1]]。

        ```quiz
        - q: 更新年限?
          options: [5年, 8年]
          answer: 8年
          explain: 见 [[Q/CQJG 101-2023#6.1]]
        ```
        """,
    "training_sessions.yaml": "- {date: 2024-05-20, course: cars-101, place: 市机关事务局, attendees: 40}\n",
    "plan.yaml": "- {title: 公物仓管理规范, kind: 制定, framework: YX-GW, due: 2024-12-31}\n",
}


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(src: Path, out: Path, cache: Path) -> None:
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", AS_OF, "--cache", str(cache),
                       env={"SOURCE_DATE_EPOCH": "1736899200"})
    assert result.returncode == 0, result.stdout + result.stderr


def same_as_cold(src: Path, out: Path, tmp: Path, name: str) -> None:
    """The incremental result in `out` equals a cold build of `src`, file for file."""
    cold = tmp / f"cold-{name}"
    build(src, cold, tmp / f"cold-cache-{name}")
    incremental, expected = site_files(out), site_files(cold)
    assert sorted(incremental) == sorted(expected), (sorted(set(incremental) ^ set(expected)))[:10]
    differ = [rel for rel in expected if incremental[rel] != expected[rel]]
    assert not differ, f"differ from a cold build: {differ[:10]}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    src = write_tree(base / "src", PROJECT)
    out, cache = base / "site", base / "cache"
    build(src, out, cache)
    return base, src, out, cache


def inode(site: Path, rel: str) -> int:
    return os.stat(site / rel).st_ino


def test_nothing_changed_links_every_file_and_keeps_the_bytes(built):
    base, src, out, cache = built
    before = site_files(out)
    inodes = {rel: inode(out, rel) for rel in before}
    build(src, out, cache)
    assert site_files(out) == before
    moved = [rel for rel in before if inode(out, rel) != inodes[rel]]
    assert moved == [], f"written again although nothing changed: {moved[:10]}"


def test_edits_rebuild_what_they_touch_and_match_a_cold_build(built):
    base, src, out, cache = built
    untouched = "documents/2021-9/index.html"
    kept = inode(out, untouched)
    # one clause of one standard: only its page (and what shows its text) changes
    edit(src / "standards/q101.md", "派车应登记。", "派车应登记，并由车管员核对。")
    page = "standards/q-cqjg-101-2023/index.html"
    old_page = inode(out, page)
    build(src, out, cache)
    assert inode(out, page) != old_page and inode(out, untouched) == kept
    assert "并由车管员核对" in (out / page).read_text(encoding="utf-8")
    same_as_cold(src, out, base, "clause")


def test_title_framework_and_file_changes_match_a_cold_build(built):
    base, src, out, cache = built
    # a title shown in the navigation of its neighbours, a framework name shown on many pages,
    # a new standard, a removed document, a changed diagram and a changed course
    edit(src / "standards/q9.yaml", "title: 公务用车标识管理规范", "title: 公务用车标识与喷涂管理规范")
    edit(src / "framework.yaml", "name: 公务用车管理", "name: 公务用车与租赁管理")
    write_tree(src, {"standards/q950.yaml": "code: Q/CQJG 950-2024\ntitle: 新增的测试标准\nlevel: 组织内部标准\n"
                                            "framework: YX-GC-02\nissued: 2024-01-02\neffective: 2024-02-01\n"})
    (src / "documents/2021-9.yaml").unlink()
    edit(src / "standards/q101.md", "text: 回场登记", "text: 回场登记并交还钥匙")
    edit(src / "courses/cars.md", "掌握派车流程", "掌握派车与回场流程")
    build(src, out, cache)
    assert not (out / "documents/2021-9/index.html").exists()
    assert "公务用车标识与喷涂管理规范" in (out / "standards/q-cqjg-9-2023/index.html").read_text(encoding="utf-8")
    same_as_cold(src, out, base, "many")


def test_every_text_file_has_a_gzip_twin(built):
    base, src, out, cache = built
    files = site_files(out)
    text = [rel for rel in files if re.search(r"\.(html|css|js|json|xml|svg|csv)$", rel)]
    assert len(text) > 100
    for rel in text:
        assert rel + ".gz" in files, rel
        if rel != "sitemap.xml":          # written as MkDocs writes it (a name and a date in the header)
            assert gzip.decompress(files[rel + ".gz"]) == files[rel], rel
    assert gzip.decompress(files["sitemap.xml.gz"]) == files["sitemap.xml"]
    assert not [rel for rel in files if rel.endswith(".gz.gz") or rel.endswith(".xlsx.gz")]


def test_a_changed_configuration_renders_every_page_again(built, tmp_path):
    """mkdocs.yml is part of every page's key: a new site name reaches every page."""
    base, src, out, cache = built
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "site_name: 重庆市机关事务标准化信息平台", "site_name: 重庆市机关事务标准化平台（测试）"), encoding="utf-8")
    for folder in ("docs", "macros"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "stdsite").symlink_to(ROOT / "stdsite")
    (project / "standards_src").mkdir()
    (project / "diagrams").mkdir()
    for target, folder in ((out, cache), (tmp_path / "cold", tmp_path / "cold-cache")):
        result = run_build("build", "--src", str(src), "--out", str(target), "--as-of", AS_OF, "--cache", str(folder),
                           "--config", str(project / "mkdocs.yml"), env={"SOURCE_DATE_EPOCH": "1736899200"})
        assert result.returncode == 0, result.stdout + result.stderr
    assert site_files(out) == site_files(tmp_path / "cold")
    assert "重庆市机关事务标准化平台（测试）" in (out / "documents/2024-30/index.html").read_text(encoding="utf-8")

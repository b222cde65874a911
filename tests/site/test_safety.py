"""Editors' text cannot make a page run script, load from another host, or publish a page as an
attachment; spreadsheets never receive formulas; reserved page names are refused."""
from __future__ import annotations

from support import run_build

BODY = """\
---
code: Q/CQJG 801-2024
title: 安全测试标准
level: 组织内部标准
framework: JC-TY-01
effective: 2024-01-01
---

## 1 范围

[点此](javascript:alert(document.cookie)) 与 [官网](https://www.cq.gov.cn/) ![图](http://evil.example/x.png)
"""


def test_markdown_links_cannot_run_script_or_load_remote_files(make_project, build):
    src = make_project({"standards/a.md": BODY})
    refused = run_build("check", "--src", str(src))
    assert refused.returncode == 1
    assert f"{src}/standards/a.md:11: 链接 「javascript:alert(document.cookie)」 不是网址" in refused.stderr
    site = build(make_project({"standards/a.md": BODY.replace("javascript:alert(document.cookie)", "https://www.cq.gov.cn/a")}))
    page = (site / "standards/q-cqjg-801-2024/index.html").read_text(encoding="utf-8")
    html = page[page.index('<article'):page.index('</article>')]      # the content, not Material's UI
    assert 'href="https://www.cq.gov.cn/"' in html            # ordinary links stay clickable
    assert "evil.example" not in html                          # nothing loads from another host


def test_attachment_types_and_names(make_project):
    src = make_project({
        "standards/a.yaml": "code: Q/T 1-2024\ntitle: t\nlevel: 组织内部标准\nframework: JC-TY-01\neffective: 2024-01-01\n"
                            "attachments:\n  - {file: page.html}\n  - {file: x/form.pdf}\n  - {file: y/form.pdf}\n",
        "standards/page.html": "<script>alert(1)</script>", "standards/x/form.pdf": "1", "standards/y/form.pdf": "2"})
    result = run_build("check", "--src", str(src))
    assert result.returncode == 1
    assert f"{src}/standards/a.yaml:7: 附件 「page.html」 的类型不能发布" in result.stderr
    assert f"{src}/standards/a.yaml:9: 附件 「y/form.pdf」 与本标准的另一个附件同名" in result.stderr


def test_reserved_names_and_codes_without_ascii(make_project):
    src = make_project({
        "documents/index.yaml": "number: 渝1号\ntitle: 文件\nissuer: 某局\nissued: 2024-01-01\n",
        "courses/c.md": "---\nid: sessions\ntitle: 课\n---\n\n## 一\n",
        "standards/b.yaml": "code: 待定\ntitle: t\nlevel: 组织内部标准\nframework: JC-TY-01\nstage: 制定中\n",
    })
    err = run_build("check", "--src", str(src)).stderr
    assert f"{src}/documents/index.yaml: 规范性文件的文件名 「index」 与同一文件夹中的列表页 index 同名" in err
    assert f"{src}/courses/c.md:2: 课程编号 「sessions」 与系统页面同名" in err
    assert f"{src}/standards/b.yaml:1: 标准编号 「待定」 中没有英文字母或数字" in err


def test_spreadsheet_cells_never_start_a_formula():
    from stdsite.output.spreadsheets import spreadsheet_text as text_cell
    assert text_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert text_cell("@SUM(A1)") == "'@SUM(A1)" and text_cell("机关事务") == "机关事务"


def test_empty_framework_is_reported(make_project):
    src = make_project({"framework.yaml": "categories: []\n"})
    result = run_build("check", "--src", str(src))
    assert result.returncode == 1 and "framework.yaml 中没有任何类别" in result.stderr

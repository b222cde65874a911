"""More of a standard (GB/T 1.1): annexes and their anchors, undated references, and the cover
metadata (提出/归口单位, 主要起草人, ICS, CCS, 备案号) — each rule with its exact path:line."""
from __future__ import annotations

import datetime as dt

from stdsite.derive.catalog import Catalog
from stdsite.render.body import reference_link
from stdsite.urls import Links
from support import load_project

HEAD = """\
---
code: Q/T 1-2024
title: 测试标准
level: 组织内部标准
framework: JC-TY-01
effective: 2024-01-01
---
"""
BODY = """
## 前言

本文件按规定起草。

## 1 范围

见 [[#A.1]] 和 [[#A]]，格式见 [[#B.1]]。

## 附录 A（规范性）派车单

### A.1 内容

#### A.1.1 必填项目

## 附录 B(资料性)示例

### B.1 台账示例
"""


def problems_of(make_project, files):
    project, problems = load_project(make_project(files))
    return project, [str(e) for e in problems.errors], [str(w) for w in problems.warnings]


def test_annexes_are_clauses_with_anchors(make_project):
    project, errors, _ = problems_of(make_project, {"standards/a.md": HEAD + BODY})
    assert errors == []
    s = next(s for s in project.standards if s.code == "Q/T 1-2024")
    assert [(c.number, c.annex) for c in s.clauses] == [
        ("1", None), ("A", "规范性"), ("A.1", None), ("A.1.1", None), ("B", "资料性"), ("B.1", None)]
    assert [c.title for c in s.clauses if c.annex] == ["派车单", "示例"]       # full- and half-width brackets


def test_annex_rules_report_their_lines(make_project):
    body = """
## 1 范围

## 附录 A（参考性）错的括号内容

### A.1 没有附录标题的条款

## 附录 B（规范性）表格

### C.1 写错附录字母

## 2 写在附录之后的条款

## 附录 B（资料性）重复

### 附录 C（资料性）三级标题
"""
    _, errors, _ = problems_of(make_project, {"standards/a.md": HEAD + body})
    lines = {e.split(": ", 1)[0].rsplit(":", 1)[1]: e.split(": ", 1)[1] for e in errors if "/standards/a.md:" in e}
    assert "格式不对" in lines["11"] and "附录 A（规范性）" in lines["11"]
    assert "A.1" in lines["13"] and "之前没有附录标题" in lines["13"]
    assert "C.1" in lines["17"] and "写在附录 B 中" in lines["17"]
    assert "「2」" in lines["19"] and "正文条款应写在全部附录之前" in lines["19"]
    assert "附录 「B」 重复" in lines["21"] and "第 15 行已有" in lines["21"]
    assert "二级标题" in lines["23"]
    assert len(errors) == 6


def test_references_to_annexes_resolve_or_fail(make_project):
    other = HEAD.replace("Q/T 1-2024", "Q/T 2-2024") + "\n## 1 范围\n\n见 [[Q/T 1-2024#A.1.1]]、[[Q/T 1-2024#B]] 和 [[Q/T 1-2024#C.1]]。\n"
    _, errors, _ = problems_of(make_project, {"standards/a.md": HEAD + BODY, "standards/b.md": other})
    assert len(errors) == 1 and errors[0].endswith("/standards/b.md:11: 引用的标准 「Q/T 1-2024」 没有条款 「C.1」")
    body = BODY.replace("见 [[#A.1]]", "见 [[#A.9]]")
    _, errors, _ = problems_of(make_project, {"standards/a.md": HEAD + body})
    assert [e.split("/standards/", 1)[1] for e in errors] == ["a.md:15: 本标准没有条款 「A.9」（引用 「[[#A.9]]」）"]


def latest_files(extra: dict) -> dict:
    def yaml(code, **fields):
        lines = [f"code: {code}", "title: 术语", "level: 国家标准", "framework: JC-TY-02"]
        lines += [f"{k}: {v}" for k, v in fields.items()]
        return "\n".join(lines) + "\n"
    files = {
        "standards/t2009.yaml": yaml("GB/T 9-2009", issued="2009-05-01", effective="2009-12-01"),
        "standards/t2022.yaml": yaml("GB/T 9-2022", issued="2022-04-15", effective="2022-04-15"),
        "standards/t2026.yaml": yaml("GB/T 9-2026", stage="制定中"),           # 制定中: never the latest
        "standards/n2019.yaml": yaml("GB/T 8-2019", effective="2019-01-01"),  # no `issued`: the latest year wins
        "standards/n2021.yaml": yaml("GB/T 8-2021", effective="2021-01-01"),
        "standards/d.yaml": yaml("GB/T 7-2027", stage="制定中"),
    }
    files.update(extra)
    return files


def test_undated_reference_links_the_latest_edition(make_project):
    body = HEAD + "\n## 1 范围\n\n见 [[GB/T 9]]、[[GB/T 8]] 和 [[GB/T 9-2009]]。\n"
    project, errors, _ = problems_of(make_project, latest_files({"standards/a.md": body}))
    assert errors == []
    catalog = Catalog(project, dt.date(2026, 12, 2))
    assert catalog.codes.find("GB/T 9") == (catalog.by_code["GB/T 9-2022"], True)
    assert catalog.codes.find("GB/T 8") == (catalog.by_code["GB/T 8-2021"], True)
    assert catalog.codes.find("GB/T 9-2009") == (catalog.by_code["GB/T 9-2009"], False)
    html = reference_link("GB/T 9", "standards/q-t-1-2024.md", catalog, Links(), None)
    assert 'href="../gb-t-9-2022/"' in html and ">GB/T 9</a>" in html and "（最新版 GB/T 9-2022）" in html
    dated = reference_link("GB/T 9-2009", "standards/q-t-1-2024.md", catalog, Links(), None)
    assert "最新版" not in dated


def test_undated_reference_without_an_edition_is_an_error(make_project):
    body = HEAD + "\n## 1 范围\n\n见 [[GB/T 99999]]。\n\n又见 [[GB/T 7]] 和 [[GB/T 9#5.1]]。\n\n[[公务用车规范]]\n"
    _, errors, _ = problems_of(make_project, latest_files({"standards/a.md": body}))
    shown = sorted(e.split("/standards/", 1)[1] for e in errors)
    assert shown == [
        "a.md:11: 不写年号的引用 「GB/T 99999」 在库中没有任何一版（如 GB/T 99999-2024），请写完整编号或先登记该标准",
        "a.md:13: 不写年号的引用 「GB/T 7」 没有可用的版本：库中的 GB/T 7-2027 都在制定中",
        "a.md:13: 引用的标准 「GB/T 9」（最新版为 GB/T 9-2022） 没有条款 「5.1」",
        "a.md:15: 引用 「公务用车规范」 不是标准编号：[[ ]] 中请写标准编号（可加 #条款号），如 [[DB50/T 1016-2020#5.1]]",
    ]


def test_cover_metadata_is_checked_and_normalised(make_project):
    head = HEAD.replace("effective: 2024-01-01\n", "effective: 2024-01-01\nproposer: 甲局\nowner: 乙办\n"
                        "authors: [王某, 李某]\nics: ICS 03.080\nccs: a 16\nfiling: 备案号：12345—2024\n")
    project, errors, warnings = problems_of(make_project, {"standards/a.md": head + BODY})
    assert errors == []
    s = next(s for s in project.standards if s.code == "Q/T 1-2024")
    assert (s.proposer, s.owner, s.authors, s.ics, s.ccs, s.filing) == ("甲局", "乙办", ("王某", "李某"), "03.080", "A16",
                                                                       "12345-2024")
    assert [w.split("/standards/", 1)[1] for w in warnings] == [
        "a.md:12: 警告：组织内部标准没有备案号（只有行业标准和地方标准备案），请确认 filing 是否写错"]


def test_cover_metadata_errors(make_project):
    head = HEAD.replace("effective: 2024-01-01\n", "effective: 2024-01-01\nics: 03.080\nccs: 16A\nfiling: 第12号\n"
                        "authors: 王某\n")
    _, errors, _ = problems_of(make_project, {"standards/a.md": head})
    assert sorted(e.split("/standards/", 1)[1] for e in errors) == [
        'a.md:7: ICS 分类号 「03.080」 没有加引号，会被读成 3.08；请加引号，写成 ics: "03.080"',
        "a.md:8: CCS 分类号 「16A」 格式不对，应如 A16",
        'a.md:9: 备案号 「第12号」 格式不对，应如 "72563-2021"',
    ]

"""`build.py new standard|course`: a new source file from a commented template.

The file is valid as written (a drafting standard, a course with one module), so `check`
passes at once and the editor changes one field at a time.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Problems, UsageError
from ..load import load_sources
from ..validate import validate

STANDARD = """\
---
# 标准编号：全库唯一；发布后改为正式编号，如 Q/CQJG 123-{year}
code: 草案-{stamp}
title: 新标准名称
# 国家标准 · 行业标准 · 地方标准 · 团体标准 · 企业标准 · 组织内部标准
level: 组织内部标准
# framework.yaml 中的条目编号（或没有条目的领域编号）
framework: {slot}
# 尚未发布：保留 stage: 制定中，不写 effective。发布后删去 stage，填写：
# issued: {today}
# effective: {today}
stage: 制定中
# 公开征求意见时写上（截止日期当天仍可反馈；编制说明的路径相对于本文件）；发布时删去：
# consultation:
#   until: {today}
#   contact: 反馈方式（单位、电话、邮箱）
#   explanation: 编制说明.pdf
issuer: 重庆市机关事务管理局
drafters: []
tags: []
summary: 一句话说明本标准规定了什么。
# 正文中引用其他标准写成 [[DB50/T 1016-2020]]，引用其条款写成 [[DB50/T 1016-2020#5.2]]，
# 引用本标准的条款写成 [[#4.1]]；条款标题写成「## 4 管理要求」「### 4.1 基本要求」。
---

## 1 范围

本文件规定了……

## 2 规范性引用文件

无。

## 3 术语和定义

## 4 管理要求

### 4.1 基本要求
"""

COURSE = """\
---
# 课程编号：小写英文字母、数字和 -，用于网址 training/<id>/
id: new-course-{stamp}
title: 新课程名称
# 领导干部 · 管理人员 · 一线职工（可写多个）
audience: [一线职工]
# 总时长（分钟），应等于各模块时长之和
minutes: 30
objectives:
  - 学习目标一
standards: []
---

## 模块一
<!-- minutes: 30 -->

课程内容。

!!! instructor "讲师提示"
    只有讲师视图和讲师讲义中显示的内容。
"""


def new_source(kind: str | None, src: Path) -> Path:
    if kind not in ("standard", "course"):
        raise UsageError("请指明要新建的类型：python build.py new standard 或 python build.py new course")
    today = dt.date.today()
    folder = src / ("standards" if kind == "standard" else "courses")
    name = "new-standard" if kind == "standard" else "new-course"
    stamp, n = today.strftime("%Y%m%d"), 2
    while (folder / f"{name}-{stamp}.md").exists():      # a second new file the same day
        stamp, n = f"{today.strftime('%Y%m%d')}-{n}", n + 1
    if kind == "standard":
        sources = load_sources(src, None, Problems())
        project = validate(sources, Problems()) if sources is not None else None
        slots = project.framework.slots() if project else []
        slot = slots[0].id if slots else "请填写体系条目编号"
        text = STANDARD.format(year=today.year, stamp=stamp, slot=slot, today=today.isoformat())
    else:
        text = COURSE.format(stamp=stamp)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"「{folder}」是一个文件，不是文件夹，无法在其中新建；请改名或删除这个文件后重试")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{stamp}.md"
    path.write_text(text, encoding="utf-8")
    return path

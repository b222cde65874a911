"""A small repository whose 标准体系表 is computed by hand (tests/unit/test_system_table.py), also
built as a site for the system page, the status banners and the printed standard.

As of D = 2025-06-30:
- GB/T 1.1-2020 现行 (JC-TY-01); DB50/T 1016-2020 废止 on 2024-12-31 (JC-TY-01, not listed);
- Q/CQJG 101-2020 被代替 by Q/CQJG 101-2024 (YX-GC-01, not listed); Q/CQJG 101-2024 现行, 修订中,
  full text with a 前言, a flow, a checklist, a wide table, annex A and an undated reference;
- Q/CQJG 102-2021 现行 and Q/CQJG 102-2025 即将实施, issued by D (YX-GC-02): both listed;
- Q/CQJG 103-2026 即将实施 but not issued by D (YX-GC-03): not listed, the item is 空缺;
- Q/CQJG 201-2026 制定中 (YX-GW, an area without items); its plan item is not repeated;
- T/CQJG 1-2023 团体标准 现行 (JD-PJ-01) and a plan item without a code (计划, code blank);
- JC-TY-02 has only a plan item (计划 with its code).
"""
from __future__ import annotations

import datetime as dt

D = "2025-06-30"
AS_OF = dt.date(2025, 6, 30)

FRAMEWORK = """\
categories:
  - id: JC
    name: 基础通用
    areas:
      - id: JC-TY
        name: 通用基础
        core: false
        items: [{id: JC-TY-01, name: 标准化导则}, {id: JC-TY-02, name: 术语}]
  - id: YX
    name: 运行保障
    areas:
      - {id: YX-GC, name: 公务用车管理, core: true, items: [{id: YX-GC-01, name: 使用管理}, {id: YX-GC-02, name: 配备更新}, {id: YX-GC-03, name: 维修保养}]}
      - {id: YX-GW, name: 公物仓管理, core: true}
  - id: JD
    name: 监督评价
    areas:
      - {id: JD-PJ, name: 评价与改进, core: false, items: [{id: JD-PJ-01, name: 实施评价}]}
"""

PLAN = """\
- {title: 公物仓运行规范, kind: 制定, framework: YX-GW, due: 2025-12-31, code: Q/CQJG 201-2026}
- {title: 机关事务术语规范, kind: 制定, framework: JC-TY-02, due: 2026-06-30, code: Q/CQJG 002-2026}
- {title: 公务用车使用管理规范, kind: 修订, framework: YX-GC-01, due: 2024-12-31, replaces: Q/CQJG 101-2020}
- {title: 标准实施评价指南, kind: 制定, framework: JD-PJ-01, due: 2026-12-31}
- {title: 机关事务术语规范（重复）, kind: 制定, framework: JC-TY-02, due: 2027-06-30, code: Q/CQJG 002-2026}
"""

WIDE_CELL = "驾驶员应在出车前逐项核对车辆证件行驶证保险凭证及派车单并在派车单背面签字确认后方可出车（长单元格）"

S101_2024 = f"""\
---
code: Q/CQJG 101-2024
title: 公务用车使用管理规范
level: 组织内部标准
framework: YX-GC-01
issued: 2024-01-15
effective: 2024-03-01
replaces: [Q/CQJG 101-2020, Q/CQJG 9-2010]
stage: 修订中
issuer: 示例机关事务管理局
proposer: 示例机关事务管理局车辆管理处
owner: 示例机关事务管理局标准化办公室
drafters: [示例机关车辆服务中心]
authors: [王某某, 李某某]
ics: "03.160"
ccs: A16
---

## 前言

本文件代替 Q/CQJG 101-2020。

本文件由示例机关事务管理局车辆管理处提出。

## 1 范围

本文件规定了公务用车的派车和使用。

## 2 规范性引用文件

- [[GB/T 1.1]] 标准化工作导则 第1部分

## 3 派车

### 3.1 派车单

派车单的内容见 [[#A.1]]，格式见 [[#A]]。

```flow
title: 派车流程
steps:
  - {{id: a, text: 提交用车申请, type: start}}
  - {{id: b, text: 是否符合规定?, type: decision, yes: c, no: d}}
  - {{id: d, text: 退回, type: end}}
  - {{id: c, text: 派车, type: end}}
```

### 3.2 出车前检查

```checklist
title: 出车前安全检查
pass: 80
items:
  - {{text: 轮胎气压正常, points: 50}}
  - {{text: 灯光工作正常, points: 50}}
```

表 1 出车要求

| 项目 | 要求 | 依据 | 责任人 | 时限 | 记录 | 备注 |
|---|---|---|---|---|---|---|
| 证件 | {WIDE_CELL} | 3.1 | 驾驶员 | 出车前 | 派车单 | 无 |
| 车况 | 按检查表逐项检查，不合格项在出车前排除 | 3.2 | 驾驶员 | 出车前 | 检查表 | 无 |

## 4 回场

车辆回场后登记里程。

## 附录 A（规范性）派车单

### A.1 派车单内容

派车单载明用车人、事由、时间和地点。

### A.2 派车单保存

派车单保存 3 年。
"""

FILES = {
    "framework.yaml": FRAMEWORK,
    "plan.yaml": PLAN,
    "standards/gb-t-1.1-2020.yaml": """\
        code: GB/T 1.1-2020
        title: 标准化工作导则 第1部分：标准化文件的结构和起草规则
        level: 国家标准
        framework: JC-TY-01
        issued: 2020-03-31
        effective: 2020-10-01
        issuer: [国家市场监督管理总局, 国家标准化管理委员会]
        ics: "01.120"
        ccs: A00
        """,
    "standards/db50-t-1016-2020.yaml": """\
        code: DB50/T 1016-2020
        title: 机关事务标准化工作指南
        level: 地方标准
        framework: JC-TY-01
        issued: 2020-09-30
        effective: 2020-12-30
        abolished: 2024-12-31
        issuer: 重庆市市场监督管理局
        ics: "03.080"
        ccs: A16
        filing: "12345-2020"
        """,
    "standards/q-cqjg-101-2020.yaml": """\
        code: Q/CQJG 101-2020
        title: 公务用车使用管理规范（旧版）
        level: 组织内部标准
        framework: YX-GC-01
        effective: 2020-05-01
        """,
    "standards/q-cqjg-101-2024.md": S101_2024,
    "standards/q-cqjg-102-2021.yaml": """\
        code: Q/CQJG 102-2021
        title: 公务用车配备规范
        level: 组织内部标准
        framework: YX-GC-02
        effective: 2021-01-01
        """,
    "standards/q-cqjg-102-2025.yaml": """\
        code: Q/CQJG 102-2025
        title: 公务用车配备与更新规范
        level: 组织内部标准
        framework: YX-GC-02
        issued: 2025-05-01
        effective: 2025-09-01
        replaces: [Q/CQJG 102-2021]
        """,
    "standards/q-cqjg-103-2026.yaml": """\
        code: Q/CQJG 103-2026
        title: 公务用车维修保养规范
        level: 组织内部标准
        framework: YX-GC-03
        issued: 2025-08-01
        effective: 2026-01-01
        """,
    "standards/q-cqjg-201-2026.yaml": """\
        code: Q/CQJG 201-2026
        title: 公物仓运行规范
        level: 组织内部标准
        framework: YX-GW
        stage: 制定中
        """,
    "standards/t-cqjg-1-2023.yaml": """\
        code: T/CQJG 1-2023
        title: 机关事务标准实施评价规范
        level: 团体标准
        framework: JD-PJ-01
        effective: 2023-01-01
        owner: 示例机关事务管理研究会
        """,
}

# the 明细表 as of D, computed by hand: (序号, 体系编号, 标准编号, 标准名称, 级别, 实施日期, 代替标准, 状态, 备注)
DETAIL = [
    (1, "JC-TY-01", "GB/T 1.1-2020", "标准化工作导则 第1部分：标准化文件的结构和起草规则", "国家标准",
     dt.date(2020, 10, 1), "", "现行", ""),
    (2, "JC-TY-02", "Q/CQJG 002-2026", "机关事务术语规范", "", None, "", "计划", "2026-06-30"),
    (3, "YX-GC-01", "Q/CQJG 101-2024", "公务用车使用管理规范", "组织内部标准", dt.date(2024, 3, 1),
     "Q/CQJG 101-2020、Q/CQJG 9-2010", "现行", "修订中"),
    (4, "YX-GC-02", "Q/CQJG 102-2021", "公务用车配备规范", "组织内部标准", dt.date(2021, 1, 1), "", "现行", ""),
    (5, "YX-GC-02", "Q/CQJG 102-2025", "公务用车配备与更新规范", "组织内部标准", dt.date(2025, 9, 1),
     "Q/CQJG 102-2021", "即将实施", ""),
    (6, "YX-GC-03", "", "", "", None, "", "空缺", "公务用车管理 › 维修保养"),      # which business area is empty
    (7, "YX-GW", "Q/CQJG 201-2026", "公物仓运行规范", "组织内部标准", None, "", "制定中", ""),
    (8, "JD-PJ-01", "T/CQJG 1-2023", "机关事务标准实施评价规范", "团体标准", dt.date(2023, 1, 1), "", "现行", ""),
    (9, "JD-PJ-01", "", "标准实施评价指南", "", None, "", "计划", "2026-12-31"),
]

# the 统计表: 类别, 国家 行业 地方 团体 企业 组织内部, 合计, 条目数, 已覆盖条目
STATS = [
    ("基础通用", 1, 0, 0, 0, 0, 0, 1, 2, 1),
    ("运行保障", 0, 0, 0, 0, 0, 3, 3, 4, 2),
    ("监督评价", 0, 0, 0, 1, 0, 0, 1, 1, 1),
    ("合计", 1, 0, 0, 1, 0, 3, 5, 7, 4),
]

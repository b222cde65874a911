"""A small repository with a draft under consultation and feedback on four standards, whose
numbers are computed by hand below (tests/site/test_feedback.py and tests/browser/ use it).

As of LAST_DAY (2026-12-31, the consultation's `until`), 12 entries are received (the one dated
2027-01-01 is not yet):
- by year received: 2024: 3 received, 3 handled (3 已采纳), 0 open;
  2025: 3 received, 3 handled (2 已采纳, 1 未采纳), 0 open;
  2026: 6 received, 3 handled (1 已采纳, 2 部分采纳), 3 open; total 12 / 9 / 3;
- 待处理, oldest first: 2026-05-05 Q/CQJG 101-2023, 2026-09-09 DB50/T 1016-2020, 2026-12-10 Q/CQJG 201-2026;
- 建议复审: only Q/CQJG 101-2023 (现行, 3 已采纳); Q/CQJG 99-2018 also has 3 已采纳 but is 废止;
- Q/CQJG 101-2023: 5 entries, 4 handled, 1 open (已采纳 3, 未采纳 1).
As of NEXT_DAY (2027-01-01) the consultation is closed and the 2027-01-01 entry counts (Q/CQJG
101-2023: 6 entries, 2 open).
"""
from __future__ import annotations

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML

LAST_DAY = "2026-12-31"
NEXT_DAY = "2027-01-01"
DRAFT = "Q/CQJG 201-2026"
DRAFT_TITLE = "公物仓 <调剂> & 处置规范"         # escaping on pages, in the mail subject and the Word file

FILES: dict[str, str | bytes] = {
    "framework.yaml": FRAMEWORK,
    "standards/q101.md": STANDARD_MD,
    "standards/db1016.yaml": STANDARD_YAML,
    "standards/old.yaml": """\
        code: Q/CQJG 99-2018
        title: 旧公务用车规范
        level: 组织内部标准
        framework: YX-GC-02
        effective: 2018-06-01
        abolished: 2025-01-01
        """,
    "standards/drafts/draft.md": f"""\
        ---
        code: {DRAFT}
        title: "{DRAFT_TITLE}"
        level: 组织内部标准
        framework: YX-GW
        stage: 制定中
        consultation:
          until: {LAST_DAY}
          contact: 资产管理处，电话 023-12345678
          explanation: 编制说明/说明.pdf
        ---

        ## 1 范围

        本文件规定了公物仓的调剂和处置。

        ## 4 调剂

        ### 4.1 申请

        调剂应提出申请。
        """,
    "standards/drafts/编制说明/说明.pdf": b"%PDF-1.4\n% a stand-in for the explanation\n",
    "feedback.yaml": """\
        - {date: 2025-03-10, standard: Q/CQJG 101-2023, clause: "5.1", from: 甲区中心, summary: 派车登记太繁, status: 已采纳, reply: 简化登记, closed: 2025-04-01}
        - {date: 2025-06-01, standard: Q/CQJG 101-2023, clause: "6.1", from: 乙县中心, summary: 更新年限改为 10 年, status: 已采纳, closed: 2025-07-01}
        - {date: 2025-11-20, standard: Q/CQJG 101-2023, from: 丙单位, summary: 增加新能源车, status: 未采纳, reply: 另行制定, closed: 2026-01-05}
        - {date: 2026-02-14, standard: Q/CQJG 101-2023, clause: 5, from: 丁单位, summary: 管理要求补充, status: 已采纳, closed: 2026-03-01}
        - {date: 2026-05-05, standard: Q/CQJG 101-2023, from: 戊单位, summary: "派车时限 <b>加急</b> {: onclick=x}", status: 待处理}
        - {date: 2026-01-20, standard: DB50/T 1016—2020, from: 己单位, summary: 指南过旧, status: 部分采纳, closed: 2026-02-01}
        - {date: 2026-09-09, standard: DB50/T 1016-2020, from: 庚单位, summary: 建议修订, status: 待处理}
        - {date: 2024-05-01, standard: Q/CQJG 99-2018, from: 辛单位, summary: 旧意见一, status: 已采纳, closed: 2024-05-20}
        - {date: 2024-06-01, standard: Q/CQJG 99-2018, from: 辛单位, summary: 旧意见二, status: 已采纳, closed: 2024-06-20}
        - {date: 2024-07-01, standard: Q/CQJG 99-2018, from: 辛单位, summary: 旧意见三, status: 已采纳, closed: 2024-07-20}
        - {date: 2026-12-10, standard: Q/CQJG 201-2026, clause: "4.1", from: 壬单位, kind: 征求意见, summary: 申请材料不清, status: 待处理}
        - {date: 2026-12-20, standard: Q/CQJG 201-2026, from: 癸单位, kind: 征求意见, summary: 增加处置方式, status: 部分采纳, closed: 2026-12-28}
        - {date: 2027-01-01, standard: Q/CQJG 101-2023, clause: "6.1", from: 子单位, summary: 新年意见, status: 待处理}
        """,
}

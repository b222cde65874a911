"""A fixture project with two directory editions and real changes between them, shared by
tests/unit/test_editions.py and tests/site/test_directory.py.

Between 2024-1 (2024-06-30) and 2024-2 (2024-12-31):
- DB50/T 1016-2020 is replaced by DB50/T 1016-2024 (effective 2024-10-01);
- Q/CQJG 102-2023 is abolished (2024-09-01);
- Q/CQJG 201-2024 goes from 即将实施 (issued 2024-06-01) to 现行;
- Q/CQJG 202-2024 (no `issued`, effective 2024-08-01) is not yet issued by 2024-1, so it is new in 2024-2;
- the document 渝机管发〔2022〕12号 is abolished and 渝机管发〔2024〕30号 is new.
Edition 2025-1 is dated after the as-of date used in tests (2025-01-15) and is not built.
"""
from __future__ import annotations

AS_OF = "2025-01-15"

FILES = {
    "directory.yaml": """\
        title: 测试机关事务标准类规范性文件目录
        editions:
          - {id: 2024-1, date: 2024-06-30}
          - {id: 2024-2, date: 2024-12-31}
          - {id: 2025-1, date: 2025-06-30}
        """,
    "standards/db1016-2024.yaml": """\
        code: DB50/T 1016-2024
        title: 机关事务标准化工作指南
        level: 地方标准
        framework: JC-TY-01
        issued: 2024-08-01
        effective: 2024-10-01
        replaces: [DB50/T 1016-2020]
        issuer: [重庆市市场监督管理局, 重庆市机关事务管理局]
        """,
    "standards/gb24421.yaml": """\
        code: GB/T 24421.1-2023
        title: 服务业组织标准化工作指南 第1部分：基本要求
        level: 国家标准
        framework: JC-TY-02
        issued: 2023-05-23
        effective: 2024-01-01
        issuer: 国家市场监督管理总局
        """,
    "standards/q9.yaml": """\
        code: Q/CQJG 9-2023
        title: 公务用车标识管理规范
        level: 组织内部标准
        framework: YX-GC-01
        issued: 2023-01-10
        effective: 2023-02-01
        """,
    "standards/q102.yaml": """\
        code: Q/CQJG 102-2023
        title: 公务用车更新管理规范
        level: 组织内部标准
        framework: YX-GC-02
        issued: 2023-03-01
        effective: 2023-04-01
        abolished: 2024-09-01
        """,
    "standards/q201.yaml": """\
        code: Q/CQJG 201-2024
        title: 公物仓运行管理规范
        level: 组织内部标准
        framework: YX-GW
        issued: 2024-06-01
        effective: 2024-07-01
        """,
    "standards/q202.yaml": """\
        code: Q/CQJG 202-2024
        title: 公物仓资产处置规范
        level: 组织内部标准
        framework: YX-GW
        effective: 2024-08-01
        """,
    "standards/q301.yaml": """\
        code: Q/CQJG 301-2025
        title: 公共机构节能管理规范
        level: 组织内部标准
        framework: YX-GW
        stage: 制定中
        """,
    "documents/2021-108.yaml": """\
        number: 渝机管发〔2021〕108号
        title: 关于推进机关事务标准化工作的通知
        issuer: 重庆市机关事务管理局
        issued: 2021-05-10
        published: 2021-05-20
        kind: 通知
        related: [DB50/T 1016-2020]
        """,
    "documents/2021-9.yaml": """\
        number: 渝机管发〔2021〕9号
        title: 机关事务标准化“十四五”规划
        issuer: [重庆市机关事务管理局, 重庆市市场监督管理局]
        issued: 2021-05-10
        kind: 规划
        """,
    "documents/2022-12.yaml": """\
        number: 渝机管发〔2022〕12号
        title: 公务用车标准化管理办法
        issuer: 重庆市机关事务管理局
        issued: 2022-03-01
        abolished: 2024-11-01
        kind: 办法
        """,
    "documents/2024-30.yaml": """\
        number: 渝机管发〔2024〕30号
        title: 公物仓标准化管理指南
        issuer: 重庆市机关事务管理局
        issued: 2024-09-15
        published: 2024-09-20
        kind: 指南
        related: [Q/CQJG 201-2024]
        """,
}

EDITION_1 = [
    ("标准", "DB50/T 1016-2020", "现行"),
    ("标准", "GB/T 24421.1-2023", "现行"),
    ("标准", "Q/CQJG 9-2023", "现行"),
    ("标准", "Q/CQJG 101-2023", "现行"),
    ("标准", "Q/CQJG 102-2023", "现行"),
    ("标准", "Q/CQJG 201-2024", "即将实施"),
    ("规范性文件", "渝机管发〔2021〕9号", "现行有效"),
    ("规范性文件", "渝机管发〔2021〕108号", "现行有效"),
    ("规范性文件", "渝机管发〔2022〕12号", "现行有效"),
]

EDITION_2 = [
    ("标准", "DB50/T 1016-2024", "现行"),
    ("标准", "GB/T 24421.1-2023", "现行"),
    ("标准", "Q/CQJG 9-2023", "现行"),
    ("标准", "Q/CQJG 101-2023", "现行"),
    ("标准", "Q/CQJG 201-2024", "现行"),
    ("标准", "Q/CQJG 202-2024", "现行"),
    ("规范性文件", "渝机管发〔2021〕9号", "现行有效"),
    ("规范性文件", "渝机管发〔2021〕108号", "现行有效"),
    ("规范性文件", "渝机管发〔2024〕30号", "现行有效"),
]

ADDED_2 = ["DB50/T 1016-2024", "Q/CQJG 202-2024", "渝机管发〔2024〕30号"]
REMOVED_2 = [
    {"id": "DB50/T 1016-2020", "reason": "被代替", "by": ["DB50/T 1016-2024"]},
    {"id": "Q/CQJG 102-2023", "reason": "废止", "by": []},
    {"id": "渝机管发〔2022〕12号", "reason": "废止", "by": []},
]

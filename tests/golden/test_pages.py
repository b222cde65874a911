"""Goldens for the generated Markdown of one page of each kind (the page MkDocs receives, with the
HTML of structured blocks put back in place and diagram drawings left as markers: SVG bytes
and QR codes change with the Graphviz and segno versions and are never golden-tested).

After a reviewed change: `pytest tests/golden --update-goldens`.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from directory_fixture import AS_OF, FILES
from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, load_project, render_context, write_tree

GOLDEN = Path(__file__).parent / "pages"
WIDTH = re.compile(r"--w:\d+px")     # a drawing's size, set by Graphviz
QR = re.compile(r'<svg viewBox="[^"]*" class="segno">.*?</svg>', re.S)      # segno's bytes: not ours to pin
DRAWING = re.compile(r"<!--stdsite-late-[0-9a-f]+-->")        # a drawing's marker names its SVG by hash
EXTRA = {
    "framework.yaml": FRAMEWORK,
    "standards/db1016.yaml": STANDARD_YAML,
    "standards/q101.md": STANDARD_MD.replace("使用年限满8年，见 [[#5.1]]。", """使用年限满8年，见 [[#5.1]]。

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
  - {name: 行驶里程, op: between, value: [100, 250000], unit: 公里}
```
"""),
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

        !!! instructor "讲师提示"
            先讲案例。

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
PAGES = {
    "standard": "standards/q-cqjg-101-2023.md",
    "standard-metadata-only": "standards/db50-t-1016-2020.md",
    "document": "documents/2021-108.md",
    "standards-list": "standards/index.md",
    "documents-list": "documents/index.md",
    "system": "system/index.md",
    "area": "system/yx-gc/index.md",
    "directory-index": "directory/index.md",
    "edition": "directory/2024-2.md",
    "course": "training/cars-101.md",
    "training-index": "training/index.md",
    "signin": "training/cars-101/signin.md",
    "sessions": "training/sessions.md",
    "dashboard": "dashboard/index.md",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, str]:
    from stdsite.render.pages import generate
    src = write_tree(tmp_path_factory.mktemp("golden") / "src", {**FILES, **EXTRA})
    project, problems = load_project(src)
    assert not problems.errors, [str(e) for e in problems.errors]
    ctx = render_context(project, dt.date.fromisoformat(AS_OF), site_url="http://example.local/")
    return {src_path: DRAWING.sub("<!--stdsite-late-…-->",
                                  WIDTH.sub("--w:…", QR.sub('<svg class="segno">…</svg>', ctx.restore(markdown))))
            for src_path, markdown in generate(ctx).items()}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_markdown(generated, golden, name):
    golden(GOLDEN / f"{name}.md", generated[PAGES[name]])

"""Visual blocks in headless Chromium: ticking a checklist, filling a criteria form, the flowchart
full-size view, and no flowchart page wider than a 375 px phone. One fixture site per module."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import FRAMEWORK, STANDARD_YAML, run_build, serve_directory, write_tree

STANDARD = """\
---
code: Q/CQJG 301-2024
title: 公务用车运行保障规范
level: 组织内部标准
framework: YX-GC-01
effective: 2024-01-01
---

## 5 派车

### 5.1 申请

```flow
title: 公务用车派车流程
lanes: [用车人, 车管员, 驾驶员]
steps:
  - {id: apply,  text: 提交用车申请,   lane: 用车人, type: start}
  - {id: review, text: 是否符合用车规定?, lane: 车管员, type: decision, yes: assign, no: reject, clause: "5.2"}
  - {id: reject, text: 退回并说明理由, lane: 车管员, next: end}
  - {id: assign, text: 派车并登记（填写派车单，注明用车事由、时间、地点、乘车人数）, lane: 车管员, type: document}
  - {id: drive,  text: 出车,           lane: 驾驶员}
  - {id: end,    text: 回场登记,       lane: 驾驶员, type: end}
```

### 5.2 安全检查

```checklist
title: 出车前安全检查
pass: 80
items:
  - {text: 轮胎气压正常, clause: "5.2", points: 10}
  - {text: 灯光、喇叭工作正常, points: 5}
  - {text: 随车证件齐全, points: 5}
```

## 6 更新

### 6.1 条件

```criteria
title: 车辆更新条件
rule: any
items:
  - {id: years,   name: 使用年限, op: ">=", value: 8,      unit: 年,   clause: "6.1"}
  - {id: mileage, name: 行驶里程, op: ">=", value: 250000, unit: 公里, clause: "6.1"}
```

```criteria
title: 办公室环境
items:
  - {name: 室内温度, op: between, value: [18, 26], unit: ℃}
  - {name: 噪声, op: "<", value: 55, unit: dB}
```
"""

# a wide chart: five lanes cannot fit 375 px and must scroll inside its own box
WIDE = """\
---
code: Q/CQJG 302-2024
title: 会议服务保障规范
level: 组织内部标准
framework: YX-GC-01
effective: 2024-01-01
---

## 4 流程

```flow
title: 大型会议保障流程
lanes: [主办部门, 办公室, 物业服务中心, 安保部门, 餐饮服务中心]
steps:
  - {id: a, text: 提交会议保障申请, lane: 主办部门, type: start}
  - {id: b, text: 统筹会场和时间, lane: 办公室, next: [c, d, e, h]}
  - {id: c, text: 布置会场及设备调试, lane: 物业服务中心, next: f}
  - {id: d, text: 制定安保方案, lane: 安保部门, next: g}
  - {id: e, text: 准备茶歇和工作餐, lane: 餐饮服务中心, next: f}
  - {id: f, text: 会前联合检查, lane: 办公室, type: end}
  - {id: g, text: 门禁与车辆引导, lane: 安保部门, next: f}
  - {id: h, text: 发布会议通知, lane: 主办部门, next: f}
```

```dot
digraph { rankdir=TB; 申请 -> 审批 -> 执行; 审批 -> "退回 \\"理由\\" <说明> & 存档" }
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("blocks")
    src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/db1016.yaml": STANDARD_YAML,
                                     "standards/car.md": STANDARD, "standards/meeting.md": WIDE})
    out = base / "site"
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", "2025-06-30",
                       "--cache", str(base / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def base_url(site):
    with serve_directory(site) as url:
        yield url


CAR = "standards/q-cqjg-301-2024/"


def score(page, index: int = 0) -> tuple[str, str, str]:
    root = page.locator(".std-checklist").nth(index)
    return (root.locator(".std-checklist__score").text_content(), root.locator(".std-checklist__percent").text_content(),
            root.locator(".std-checklist__verdict").text_content())


def test_checklist_scores_survive_reload_and_reset(page, base_url):
    page.goto(base_url + CAR)
    assert score(page) == ("0", "0", "未完成检查")
    boxes = page.locator(".std-checklist input[type=checkbox]")
    boxes.nth(0).check()
    assert score(page) == ("10", "50", "不合格")
    boxes.nth(1).check()
    assert score(page) == ("15", "75", "不合格")
    boxes.nth(2).check()
    assert score(page) == ("20", "100", "合格")
    boxes.nth(1).uncheck()
    assert score(page) == ("15", "75", "不合格")
    page.reload()
    assert score(page) == ("15", "75", "不合格")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == ["stdsite:checklist:Q/CQJG 301-2024:1:出车前安全检查"]
    page.locator(".std-checklist__reset").click()
    assert score(page) == ("0", "0", "未完成检查")
    page.reload()
    assert score(page) == ("0", "0", "未完成检查") and not boxes.nth(0).is_checked()


def verdicts(form) -> list[str]:
    return [o.text_content() for o in form.locator(".std-criteria__verdict").all()]


def test_criteria_verdicts_flip(page, base_url):
    page.goto(base_url + CAR)
    form = page.locator("form.std-criteria").nth(0)           # rule: any
    overall = form.locator(".std-criteria__result")
    assert overall.text_content() == "待填写"
    form.locator("input").nth(0).fill("5")
    assert verdicts(form) == ["不达标", "待填写"] and overall.text_content() == "待填写"
    form.locator("input").nth(1).fill("120000")
    assert verdicts(form) == ["不达标", "不达标"] and overall.text_content() == "不达标"
    form.locator("input").nth(0).fill("8")                     # >= is inclusive
    assert verdicts(form) == ["达标", "不达标"] and overall.text_content() == "达标"

    env = page.locator("form.std-criteria").nth(1)            # rule: all (default), between
    result = env.locator(".std-criteria__result")
    env.locator("input").nth(0).fill("26")                     # both bounds included
    env.locator("input").nth(1).fill("40")
    assert verdicts(env) == ["达标", "达标"] and result.text_content() == "达标"
    env.locator("input").nth(0).fill("26.5")
    assert verdicts(env) == ["不达标", "达标"] and result.text_content() == "不达标"
    env.locator("input").nth(1).fill("55")                     # < is strict
    assert verdicts(env)[1] == "不达标"
    env.locator("button[type=reset]").click()
    assert result.text_content() == "待填写"


def test_flowchart_links_list_and_zoom(page, base_url):
    page.goto(base_url + CAR)
    chart = page.locator(".std-flow .flowchart").first
    hrefs = chart.evaluate("b => [...b.querySelectorAll('svg a')].map(a => a.getAttribute('xlink:href')).filter(Boolean)")
    assert hrefs == ["#5.2"]
    steps = page.locator(".std-flow__steps li")
    assert steps.count() == 6 and "是 → 第 4 步" in steps.nth(1).text_content()
    page.locator(".std-flow__zoom").first.click()
    dialog = page.locator("dialog.std-zoom")
    assert dialog.is_visible() and dialog.locator("svg").count() == 1
    dialog.locator(".std-zoom__close").click()
    assert not dialog.is_visible()


def flowchart_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        if 'class="flowchart"' in path.read_text(encoding="utf-8"):
            pages.append(path.parent.relative_to(site).as_posix() + "/")
    return pages


def test_no_flowchart_page_wider_than_a_phone(phone, site, base_url):
    pages = flowchart_pages(site)
    assert len(pages) >= 2         # the standards (and any other page that shows their charts)
    for path in pages:
        phone.goto(base_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path
        for box in phone.locator(".flowchart").all():
            svg_width = box.evaluate("b => b.querySelector('svg').getBoundingClientRect().width")
            natural = int(box.evaluate("b => b.querySelector('svg').getAttribute('width')"))
            assert svg_width >= natural * 0.85 - 1, (path, svg_width, natural)     # never shrunk unreadable
    phone.goto(base_url + "standards/q-cqjg-302-2024/")
    wide = phone.locator(".flowchart").first
    assert wide.evaluate("b => b.scrollWidth > b.clientWidth")                     # scrolls in its own box


def test_dot_block_text_is_escaped(page, base_url):
    page.goto(base_url + "standards/q-cqjg-302-2024/")
    texts = page.locator(".std-dot svg text").all_text_contents()
    assert '退回 "理由" <说明> & 存档' in texts

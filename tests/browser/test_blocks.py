"""Visual blocks in headless Chromium: ticking a checklist, filling a criteria form, the flowchart
full-size view, and no flowchart page wider than a 375 px phone. One fixture site (test_forms_state reads it too)."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

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
  - {text: 驾驶员无饮酒、精神良好, points: 5, veto: true}
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
def site(built_once) -> Path:
    """The two fixture standards built (once per run: test_forms_state reads the same site)."""
    def make(base: Path) -> None:
        src = write_tree(base / "src", {"framework.yaml": FRAMEWORK, "standards/db1016.yaml": STANDARD_YAML,
                                         "standards/car.md": STANDARD, "standards/meeting.md": WIDE})
        result = run_build("build", "--src", str(src), "--out", str(base / "site"), "--as-of", "2025-06-30",
                           "--cache", str(base / "cache"))
        assert result.returncode == 0, result.stdout + result.stderr
    return built_once("blocks-site", make) / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve_directory(site) as url:
        yield url


CAR = "standards/q-cqjg-301-2024/"


def result(page, index: int = 0) -> tuple[str, str, str]:
    """(已检查 n/m 项, percent, verdict) of a checklist, as shown."""
    root = page.locator(".std-checklist").nth(index)
    return (root.locator(".std-checklist__progress").text_content(), root.locator(".std-checklist__percent").text_content(),
            root.locator(".std-checklist__verdict").text_content())


def answer(page, item: int, value: str, index: int = 0) -> None:
    """Tap 符合 (yes), 不符合 (no) or 不适用 (na) of an item, by its visible label."""
    label = {"yes": "符合", "no": "不符合", "na": "不适用"}[value]
    row = page.locator(".std-checklist").nth(index).locator(".std-checklist__item").nth(item)
    row.locator(".std-checklist__answer").filter(has_text=label).filter(has=page.locator(f"input[value={value}]")).click()


def test_checklist_every_item_answered_but_one_veto_fails(page, base_url):
    page.goto(base_url + CAR)
    assert result(page) == ("已检查 0/4 项", "—", "未完成")
    assert page.locator(".std-checklist__item").nth(3).locator(".std-veto").text_content() == "否决项"
    for item in range(3):
        answer(page, item, "yes")
        assert result(page)[2] == "未完成"                       # never 合格 before the last answer
    answer(page, 3, "no")                                          # the 否决项: 驾驶员无饮酒、精神良好
    assert result(page) == ("已检查 4/4 项", "80%", "不合格")       # 20/25 = 80 % would pass: the veto fails it
    assert "驾驶员无饮酒" in page.locator(".std-checklist__reason").text_content()
    answer(page, 3, "yes")
    assert result(page) == ("已检查 4/4 项", "100%", "合格")


def test_checklist_answers_scores_survive_reload_and_reset(page, base_url):
    page.goto(base_url + CAR)
    answer(page, 0, "yes")
    assert result(page) == ("已检查 1/4 项", "100%", "未完成")
    answer(page, 1, "no")                                          # 10 / 15: a half-done check is not 不合格
    assert result(page) == ("已检查 2/4 项", "67%", "未完成")
    answer(page, 2, "na")
    answer(page, 3, "yes")
    assert result(page) == ("已检查 4/4 项", "75%", "不合格")       # 15 / 20 below pass 80
    answer(page, 1, "yes")
    assert result(page) == ("已检查 4/4 项", "100%", "合格")
    answer(page, 0, "na")
    answer(page, 1, "na")
    answer(page, 2, "na")
    answer(page, 3, "na")
    assert result(page) == ("已检查 4/4 项", "—", "")                 # every item 不适用: no score, no verdict
    assert not page.locator(".std-checklist__verdict").is_visible()
    answer(page, 0, "yes")
    answer(page, 1, "no")
    page.reload()
    assert result(page) == ("已检查 4/4 项", "67%", "不合格")
    checked = page.locator(".std-checklist input:checked").evaluate_all("els => els.map(e => e.value)")
    assert checked == ["yes", "no", "na", "na"]
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == ["stdsite:checklist:Q/CQJG 301-2024:1:出车前安全检查"]
    assert page.evaluate(f"JSON.parse(localStorage.getItem({keys[0]!r})).answers") == ["yes", "no", "na", "na"]
    page.locator(".std-checklist__reset").click()
    assert result(page) == ("已检查 0/4 项", "—", "未完成")
    page.reload()
    assert result(page) == ("已检查 0/4 项", "—", "未完成")
    assert page.locator(".std-checklist input:checked").count() == 0


def test_old_tick_box_answers_give_no_verdict(page, base_url):
    """Answers saved by the tick-box form ({signature, ticked}) must not be read as answers."""
    key = "stdsite:checklist:Q/CQJG 301-2024:1:出车前安全检查"
    page.goto(base_url + CAR)
    signature = page.locator(".std-checklist").get_attribute("data-signature")
    for saved in ({"signature": "5f0c8e2d1a3b", "ticked": [0, 1, 2]},
                  {"signature": signature, "ticked": [0, 1, 2, 3]},       # even under the current signature
                  {"signature": signature, "answers": ["yes", "yes"]}):  # or a save of another length
        page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, saved])
        page.reload()
        assert result(page) == ("已检查 0/4 项", "—", "未完成"), saved
        assert page.locator(".std-checklist input:checked").count() == 0


# the scoring rules (docs/help/reference.md#checklist) as blocks.js computes them:
# (points, answers, pass) -> (percent, verdict); "v" marks a 否决项
SCORING = [
    (["29", "171"], ["yes", "no"], None, 15, None),            # 14.5 % rounds half up
    (["1", "7"], ["yes", "no"], None, 13, None),               # 12.5 -> 13
    (["3", "5"], ["yes", "no"], None, 38, None),               # 37.5 -> 38
    (["1", "2"], ["yes", "no"], None, 33, None),
    (["2", "1"], ["yes", "no"], None, 67, None),
    (["1", "199"], ["yes", "no"], None, 1, None),              # 0.5 -> 1
    (["199", "1"], ["yes", "no"], None, 100, None),            # 99.5 -> 100
    (["79.5", "20.5"], ["yes", "no"], "80", 80, "不合格"),       # shown 80 %, but the exact 79.5 < 80
    (["72", "18", "10"], ["yes", "no", "na"], "80", 80, "合格"),  # 72 / 90 is exactly 80
    (["71", "19", "10"], ["yes", "no", "na"], "80", 79, "不合格"),
    (["0.1", "0.2", "0.3"], ["no", "no", "yes"], "50", 50, "合格"),  # floating point says 49.999…
    (["2", "1"], ["yes", "no"], "66.67", 67, "不合格"),          # 66.666… < 66.67
    (["2", "1"], ["yes", "no"], "66.66", 67, "合格"),
    (["95", "5v"], ["yes", "no"], "80", 95, "不合格"),           # a 否决项 不符合 fails whatever the score
    (["95", "5v"], ["yes", "no"], None, 95, "不合格"),           # also without pass
    (["95", "5v"], ["no", "yes"], None, 5, None),              # without pass: the score alone
    (["95", "5v"], ["yes", "na"], "80", 100, "合格"),            # a 否决项 may be 不适用
    (["10", "10"], ["na", "na"], "80", None, None),            # all 不适用: no score, no verdict
    (["10", "10"], ["yes", None], "80", 100, None),            # unanswered: no verdict yet
    (["10", "10v"], [None, "no"], "80", 0, None),              # not even a failed 否决项 before the end
    (["10", "10"], [None, None], "80", None, None),
    (["0", "10"], ["yes", "na"], "80", None, None),            # nothing with points applies
    (["250000", "1.5"], ["yes", "no"], "99.9994", 100, "合格"),
    (["1", "1", "1", "1", "1", "1", "1", "1"], ["yes"] * 7 + ["no"], "87.5", 88, "合格"),
    ([str(p) for p in range(1, 21)], ["yes"] * 19 + ["no"], "90", 90, "合格"),   # 190 / 210 = 90.48
]


def test_checklist_scoring_arithmetic_in_the_browser(page, base_url):
    page.goto(base_url + CAR)
    cases = [{"items": [{"points": p.rstrip("v"), "veto": p.endswith("v")} for p in points], "answers": answers,
              "pass": passing} for points, answers, passing, _, _ in SCORING]
    got = page.evaluate("cases => cases.map(c => { const r = window.stdsiteChecklist.evaluate(c.items, c.answers, c.pass);"
                        " return [r.percent, r.verdict]; })", cases)
    assert got == [[percent, verdict] for _, _, _, percent, verdict in SCORING]


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
    expect(result).to_have_text("待填写")          # (the page recomputes after the form has reset its fields)


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


FITS = """b => { const s = b.querySelector('svg').getBoundingClientRect(), r = b.getBoundingClientRect();
  return s.left >= r.left - 1 && s.right <= r.right + 1 && b.scrollWidth <= b.clientWidth + 1; }"""
# every lane (a Graphviz cluster) of the chart in the zoom view lies within the screen
LANES_ON_SCREEN = """d => [...d.querySelectorAll('svg g.cluster')].every(g => { const r = g.getBoundingClientRect();
  return r.left >= -1 && r.right <= window.innerWidth + 1; })"""


def test_flowcharts_fit_a_phone_whole(phone, site, base_url):
    """No chart is cut off at 375 px: it is scaled to its column (the zoom view is for reading)."""
    pages = flowchart_pages(site)
    assert len(pages) >= 2         # the standards (and any other page that shows their charts)
    for path in pages:
        phone.goto(base_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path
        for box in phone.locator(".flowchart").all():
            assert box.evaluate(FITS), path
    phone.goto(base_url + "standards/q-cqjg-302-2024/")
    wide = phone.locator(".flowchart").first                       # five lanes: much smaller than drawn
    assert "is-small" in wide.get_attribute("class")
    assert "点按图可放大" in wide.evaluate("b => getComputedStyle(b, '::after').content")


def test_zoom_view_starts_fitted_then_zooms_and_pans(phone, base_url):
    phone.goto(base_url + "standards/q-cqjg-302-2024/")
    phone.locator(".std-flow__zoom").first.click()
    dialog = phone.locator("dialog.std-zoom")
    body = dialog.locator(".std-zoom__body")
    svg = body.locator("svg")
    assert dialog.is_visible() and dialog.bounding_box()["width"] <= 375
    fitted = svg.bounding_box()["width"]
    room = body.evaluate("b => b.clientWidth")
    assert room * 0.9 <= fitted <= room and dialog.evaluate(LANES_ON_SCREEN)       # whole width, every lane
    assert body.evaluate("b => b.scrollWidth <= b.clientWidth")
    dialog.get_by_role("button", name="放大").click()
    dialog.get_by_role("button", name="放大").click()
    assert svg.bounding_box()["width"] > fitted * 1.9
    assert body.evaluate("b => b.scrollWidth > b.clientWidth")                       # now it pans
    body.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    last = dialog.locator("svg g.cluster").last.bounding_box()
    assert last["x"] < 375 and last["x"] + last["width"] > 0                           # the last lane reached
    dialog.get_by_role("button", name="缩小").click()
    assert svg.bounding_box()["width"] < fitted * 1.9
    dialog.get_by_role("button", name="适合屏幕").click()
    assert abs(svg.bounding_box()["width"] - fitted) <= 1 and dialog.evaluate(LANES_ON_SCREEN)
    dialog.get_by_role("button", name="关闭").click()
    assert not dialog.is_visible()


def test_dot_block_text_is_escaped(page, base_url):
    page.goto(base_url + "standards/q-cqjg-302-2024/")
    texts = page.locator(".std-dot svg text").all_text_contents()
    assert '退回 "理由" <说明> & 存档' in texts

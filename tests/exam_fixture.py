"""Source files of a small training project for the exam and printout browser tests: an exam with
单选, 多选, 判断 and points (shuffled), an exam whose exact score is 59.5%, a long exam for the
printed 试卷 and 答案, and an ordinary course with a 多选 quiz, key points, a trainer note, 课件 and
a long table."""
from __future__ import annotations

from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML

EXAM = """\
---
id: exam-1
title: 公务用车管理考试
audience: 管理人员
minutes: 20
exam: {pass: 60, shuffle: true}
---

## 派车
<!-- minutes: 10 -->

```quiz
- q: 派车结果应在多长时间内通知用车人?
  options: [10 分钟内, 30 分钟内, 2 小时内]
  answer: 30 分钟内
  explain: 派车结果 30 分钟内通知，见 [[Q/CQJG 101-2023#5.1]]。
- q: 派车应遵循哪些原则?
  options: [先审后派, 就近派车, 合并出行, 先到先派]
  answer: [先审后派, 就近派车, 合并出行]
  points: 2
  explain: 三项原则，见 [[Q/CQJG 101-2023#5.1]]。
- q: 公务用车可以在下班后用于个人事务。
  options: [正确, 错误]
  answer: 错误
```

!!! keypoints "要点"
    - 派车结果 30 分钟内通知；

## 更新
<!-- minutes: 10 -->

```quiz
- q: 公务用车更新的使用年限条件是多少年?
  options: [5年, 8年, 10年]
  answer: 1
```
"""

ROUNDING = """\
---
id: exam-round
title: 精确计分考试
exam: {pass: 60}
---

```quiz
- q: 第一题
  options: [甲, 乙]
  answer: 甲
  points: 119
- q: 第二题
  options: [正确, 错误]
  answer: 正确
  points: 81
```
"""


def long_exam(count: int = 40) -> str:
    """An exam of `count` questions (every fifth a 多选) with marked explanations, for the printouts."""
    questions = []
    for n in range(1, count + 1):
        if n % 5 == 0:
            questions.append(f"- q: 第{n}题，下列哪些做法正确?\n  options: [做法甲{n}, 做法乙{n}, 做法丙{n}, 做法丁{n}]\n"
                             f"  answer: [0, 2]\n  explain: 解析标记{n}：甲和丙正确。\n")
        else:
            questions.append(f"- q: 第{n}题，车辆回场后多长时间内登记?\n  options: [选项子{n}, 选项丑{n}, 选项寅{n}]\n"
                             f"  answer: {n % 3}\n  explain: 解析标记{n}。\n")
    return ("---\nid: exam-long\ntitle: 长篇考试\naudience: 一线职工\nexam: {pass: 60}\n---\n\n"
            "## 考题\n\n```quiz\n" + "".join(questions) + "```\n")


def table_rows(count: int = 45) -> str:
    return "".join(f"| 行{n}甲 | 行{n}乙：一段较长的说明文字，用来检查打印时整行不被拆到两页，右侧也不被截断 | 行{n}丙 |\n"
                   for n in range(1, count + 1))


PLAIN = """\
---
id: plain-1
title: 派车实务
audience: [领导干部, 一线职工]
minutes: 30
attachments:
  - {file: 课件/派车实务.pptx, title: 课件（PPT）}
  - {file: 课件/派车实务.pdf, title: 讲义（PDF）}
  - {file: 课件/演示.mp4, title: 派车演示视频}
---

## 派车原则
<!-- minutes: 15 -->

派车见 [[Q/CQJG 101-2023#5.1]]。

!!! instructor "讲师提示"
    请学员先说说本单位的派车流程。

!!! keypoints "要点"
    - 先审后派，见 [[Q/CQJG 101-2023#5.1]]；
    - 合并出行。

```quiz
- q: 派车应遵循哪些原则?
  options: [先审后派, 就近派车, 先到先派]
  answer: [0, 1]
  explain: 见 [[Q/CQJG 101-2023#5.1]]。
- q: 派车需要登记吗?
  options: [需要, 不需要]
  answer: 需要
```

## 登记
<!-- minutes: 15 -->

| 项目 | 说明 | 备注 |
|---|---|---|
""" + table_rows() + """
!!! keypoints "要点"
    - 回场后登记里程。
"""

SESSIONS = """\
- {date: 2025-03-01, course: plain-1, attendees: 40, hours: 1.5, trainer: 王老师, audience: 领导干部}
- {date: 2025-05-01, course: exam-1, attendees: 30, audience: 管理人员}
"""


def files() -> dict[str, str | bytes]:
    return {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD, "standards/db1016.yaml": STANDARD_YAML,
            "courses/exam.md": EXAM, "courses/round.md": ROUNDING, "courses/long.md": long_exam(),
            "courses/plain.md": PLAIN, "courses/课件/派车实务.pptx": b"PK\x03\x04 slides",
            "courses/课件/派车实务.pdf": b"%PDF-1.4 handout", "courses/课件/演示.mp4": b"\x00\x00\x00\x18ftypmp42",
            "training_sessions.yaml": SESSIONS}

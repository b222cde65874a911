"""Validation of `quiz` blocks (training courses).

Runs after the cross-file checks, so `[[refs]]` in explanations can be resolved
against the project's standards. A quiz is a YAML list of questions:

    - q: 公务用车更新的使用年限条件是多少年?
      options: [5年, 8年, 10年]
      answer: 8年          # the right option's text, or its 0-based position
      explain: 见 [[Q/CQJG 101-2023#6.1]]
      points: 2            # optional, a number > 0 (scored in exams only)

A list `answer` makes the question 多选 (checkboxes; right only when exactly those options are
chosen), even with one element; a 判断题 is a question with `options: [正确, 错误]`.

`check_quiz` reports every problem with the file and line of the offending value and returns a
`Quiz` (the validated questions) or None when the block is unusable.
"""
from __future__ import annotations

import math
import unicodedata

from ...errors import quote, shown
from ...load.markdown import text_references
from ...load.yaml import YList, YMap
from ...model import Block, Owner, Project, Question, Quiz, Standard
from ..references import CodeIndex, reference_problem
from ..schema import Checker, Spec, describe

QUESTION_FIELDS = {
    "q": Spec("text", True, label="题目"),
    "options": Spec("any", True, label="选项"),
    "answer": Spec("any", True, label="答案"),
    "explain": Spec("text", label="解析"),
    "points": Spec("any", label="分值"),
}


def check_quiz(block: Block, check: Checker, owner: Owner, project: Project) -> Quiz | None:
    """Validate a quiz block; returns the questions, or None when any question is unusable."""
    data = block.data
    if isinstance(data, YMap) and "q" in data:          # a single question written without "- "
        check.error(block.line + 1, "「quiz」块应为题目列表，每道题以「- q:」开头")
        return None
    if not isinstance(data, YList) or not data:
        check.error(block.line, "「quiz」块应为题目列表，每道题以「- q:」开头，如：- q: 题目")
        return None
    if isinstance(owner, Standard):
        check.warn(block.line, "标准正文中不宜放测验「quiz」：测验和考试写在 courses/ 下的课程文件中"
                               "（课程的 standards 字段写明所讲的标准）；请把这一块移到相关课程")
    questions: list[Question] = []
    ok = True
    codes = CodeIndex.of(project.standards, project.unusable)
    for index, item in enumerate(data):
        question = _question(item, data.line_of(index), index + 1, check, owner, codes)
        if question is None:
            ok = False
        else:
            questions.append(question)
    return Quiz(tuple(questions)) if ok else None


def _question(item, line: int, number: int, check: Checker, owner: Owner, codes: CodeIndex) -> Question | None:
    what = f"第 {number} 题"
    if isinstance(item, YMap):
        for key in [k for k in item if k in TYPE_KEYS]:
            check.error(item.line_of(key), f"{what}不用写题型 {quote(key + ': ' + shown(item[key]))}，请删去这一行："
                                           f"题型由答案决定——单选题写一个答案（answer: 8年），多选题把答案写成列表"
                                           f"（answer: [0, 2]），判断题的选项写 [正确, 错误]")
        item = _without(item, TYPE_KEYS)
    values = check.mapping(item, QUESTION_FIELDS, what, line)
    if values is None:
        return None
    options = _options(item, values["options"], what, check)
    answers = None
    raw_answer = values["answer"]
    if options is not None and raw_answer is not None:
        line = item.line_of("answer")
        if isinstance(raw_answer, YList):
            answers = _answers(raw_answer, options, line, what, check)
        else:
            one = _answer(raw_answer, options, line, what, check)
            answers = (one,) if one is not None else None
    points = _points(values["points"], item.line_of("points"), what, check)
    explain = values["explain"]
    refs_ok = True
    if explain:
        refs_ok = _check_refs(explain, item.line_of("explain"), check, owner, codes)
    if values["q"] is None or options is None or answers is None or points is None or not refs_ok:
        return None
    return Question(values["q"], tuple(options), answers, explain or None, item.line,
                    multi=isinstance(raw_answer, YList), points=points)


TYPE_KEYS = ("type", "kind", "题型", "类型")


def _without(item: YMap, keys: tuple[str, ...]) -> YMap:
    """The question without the keys reported already (so they are not reported again as unknown)."""
    if not any(k in item for k in keys):
        return item
    out = YMap((k, v) for k, v in item.items() if k not in keys)
    out.line, out.key_lines = item.line, item.key_lines
    return out


def _points(raw, line: int, what: str, check: Checker) -> float | None:
    """A question's points: a number > 0, 1 when not written."""
    if raw is None:
        return 1
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        check.error(line, f"{what}的分值「points」 {quote(raw)} 不是数字：请写大于 0 的数字，如 points: 2"
                          f"（不写时每题 1 分）")
        return None
    if raw <= 0:
        check.error(line, f"{what}的分值「points」 {quote(raw)} 不能是 0 或负数：请写大于 0 的数字，如 points: 2"
                          f"（不写时每题 1 分）")
        return None
    return raw


def _answers(raw: YList, options: list[str], line: int, what: str, check: Checker) -> tuple[int, ...] | None:
    """A 多选 answer: the right options' indexes (texts or positions), each once, at least one."""
    if not raw:
        check.error(line, f"{what}的答案列表是空的：多选题至少写一个正确选项，如 answer: [0, 2]")
        return None
    out: list[int] = []
    ok = True
    for index, value in enumerate(raw):
        entry_line = raw.line_of(index)
        if isinstance(value, (YList, YMap)):
            check.error(entry_line, f"{what}的答案 {quote(describe(value))} 无效：多选题的答案列表中每项写一个选项的文字或序号")
            ok = False
            continue
        one = _answer(value, options, entry_line, what, check)
        if one is None:
            ok = False
        elif one in out:
            check.error(entry_line, f"{what}的答案中选项 {quote(options[one])} 写了两次")
            ok = False
        else:
            out.append(one)
    return tuple(sorted(out)) if ok else None


def _options(item: YMap, raw, what: str, check: Checker) -> list[str] | None:
    if raw is None:
        return None                                     # reported as a missing field
    line = item.line_of("options")
    if not isinstance(raw, YList):
        check.error(line, f"{what}的选项「options」应为列表，如 options: [5年, 8年, 10年]，实际是 {quote(raw)}")
        return None
    out: list[str] = []
    seen: dict[str, int] = {}
    ok = True
    for index, value in enumerate(raw):
        option_line = raw.line_of(index)
        text = check.text(value, "options", option_line)
        if text is None:
            ok = False
            continue
        if not text:
            check.error(option_line, f"{what}的第 {index + 1} 个选项是空的")
            ok = False
            continue
        key = _key(text)
        if key in seen:
            check.error(option_line, f"{what}的选项 {quote(text)} 重复（第 {seen[key] + 1} 个选项已有）")
            ok = False
            continue
        seen[key] = index
        out.append(text)
    if ok and len(out) < 2:
        check.error(line, f"{what}至少需要 2 个选项，实际只有 {len(out)} 个")
        return None
    return out if ok else None


def _answer(raw, options: list[str], line: int, what: str, check: Checker) -> int | None:
    """The right option's index, from its text or its 0-based position."""
    count = len(options)
    if isinstance(raw, bool) or isinstance(raw, float) or isinstance(raw, YMap):
        check.error(line, f"{what}的答案 {quote(raw)} 无效：应为正确选项的文字，或它的序号（从 0 数起）；"
                          f"多选题写成列表，如 answer: [0, 2]")
        return None
    if isinstance(raw, int):
        if 0 <= raw < count:
            return raw
        check.error(line, f"{what}的答案序号 {quote(raw)} 超出范围：共 {count} 个选项，序号从 0 数起，应为 0 到 {count - 1}")
        return None
    text = str(raw).strip()
    keys = [_key(o) for o in options]
    if _key(text) in keys:
        return keys.index(_key(text))
    hint = _answer_hint(text, options)
    if text.isdigit() and not hint:
        hint = f"；如按序号作答，请不要加引号（answer: {text}）"
    check.error(line, f"{what}的答案 {quote(text)} 不是任何一个选项（选项：{'、'.join(options)}）{hint}")
    return None


TRUE_WORDS, FALSE_WORDS = ("对", "是", "√", "✓", "正确", "true", "yes"), ("错", "否", "×", "✗", "错误", "false", "no")


def _answer_hint(text: str, options: list[str]) -> str:
    """A hint only when it is plain which option was meant: the same text but for punctuation, a
    letter (A, B…) for a position, or 对/错 for the options 正确/错误 — never a guess between two
    different answers."""
    bare = [_bare(o) for o in options]
    if _bare(text) in bare and bare.count(_bare(text)) == 1:
        return f"，是否应为 「{options[bare.index(_bare(text))]}」？（标点要与选项一致）"
    letter = unicodedata.normalize("NFKC", text).strip().upper()
    if len(letter) == 1 and "A" <= letter <= "Z":
        index = ord(letter) - ord("A")
        if index < len(options):
            return (f"；答案不能写字母：选第 {index + 1} 个选项请写 answer: {options[index]}"
                    f"（或写序号 answer: {index}，序号从 0 数起）")
    for words in (TRUE_WORDS, FALSE_WORDS):
        if text.strip().lower() in words:
            meant = [o for o in options if _bare(o) in words]
            if len(meant) == 1:
                return f"，是否应为 「{meant[0]}」？（答案要与选项的文字完全一致）"
    return ""


def _bare(text: str) -> str:
    """An option without spaces and punctuation, for telling a punctuation slip from another answer."""
    return "".join(ch for ch in _key(text).lower() if not unicodedata.category(ch).startswith(("P", "Z", "S")))


def _check_refs(text: str, line: int, check: Checker, owner: Owner, codes: CodeIndex) -> bool:
    """Every `[[code]]`, `[[code#clause]]` in an explanation must resolve."""
    ok = True
    current = owner if isinstance(owner, Standard) else None
    for ref in text_references(text, line):
        message = reference_problem(ref, current, codes, "解析中")
        if message:
            check.error(line, message)
            ok = False
    return ok


def _key(text: str) -> str:
    """Comparison form of an option: NFKC (full-width to half-width), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())

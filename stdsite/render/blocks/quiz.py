"""Rendering of `quiz` blocks: questions answered on the page (assets/training.js adds the clicks,
assets/exam.js scores an exam).

The HTML holds everything a printout needs: the questions and lettered options (searchable,
printable), and for each question an answer box (right options and explanation) that is hidden
until the reader answers, shown in the trainer view and the trainer printout, and kept out of the
search index. The right options' positions are only in a `data-answer` attribute, never in
visible text.

Three forms: a 单选/判断 question of an ordinary quiz is a list of buttons (feedback at once);
a 多选 question has checkboxes and a 确定 button; in an exam (course `exam`) every question has
radio buttons or checkboxes, numbered across the page's quiz blocks, scored together at 交卷.
"""
from __future__ import annotations

from ...derive.exams import weights
from ...load.markdown import REFERENCE
from ...model import Block, Course, Owner, Question, Quiz, Standard
from ..body import reference_link
from ..common import esc
from ..context import RenderContext
from .parts import num


def letter(index: int) -> str:
    """A, B, C … for options (numbers past Z)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def key_text(q: Question) -> str:
    """The right option(s) as printed: `B. 8年`, or `A. 甲；C. 丙` for a 多选 question."""
    return "；".join(f"{letter(i)}. {q.options[i]}" for i in q.answers)


def render_quiz(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    """HTML for a validated quiz block (`[[refs]]` in explanations become links)."""
    quiz = block.parsed
    assert isinstance(quiz, Quiz)
    count = len(quiz.questions)
    exam = isinstance(owner, Course) and owner.exam is not None
    first = _first_number(owner, block) if exam else 1
    scores = _weights(owner, block) if exam else [None] * count
    items = "".join(_question(q, n, page_src, owner, ctx, exam, w)
                    for n, q, w in zip(range(first, first + count), quiz.questions, scores))
    title = "考题" if exam else "随堂测验"
    numbers = f"第 {first}–{first + count - 1} 题" if exam and count > 1 else f"共 {count} 题"
    return (f'<div class="std-quiz{" std-quiz--exam" if exam else ""}" id="quiz-{block.index + 1}">'
            f'<p class="std-quiz__title">{title}<span class="std-quiz__count">（{numbers}）</span></p>'
            f'<ol class="std-quiz__list" start="{first}">{items}</ol></div>')


def _first_number(course: Course, block: Block) -> int:
    """Exam questions are numbered across the page: 1 + the questions of earlier quiz blocks."""
    return 1 + sum(len(b.parsed.questions) for b in course.blocks
                   if b.kind == "quiz" and isinstance(b.parsed, Quiz) and b.index < block.index)


def _weights(course: Course, block: Block) -> list[int]:
    """This block's share of the exam's integer weights (derive/exams.py)."""
    blocks = [b for b in course.blocks if b.kind == "quiz" and isinstance(b.parsed, Quiz)]
    every = weights([q.points for b in blocks for q in b.parsed.questions])
    start = sum(len(b.parsed.questions) for b in blocks if b.index < block.index)
    return every[start: start + len(block.parsed.questions)]


def question_head(q: Question, exam: bool) -> str:
    """The question's text with its kind (单选题, 多选题, 判断题) and, in an exam, its points."""
    points = f'<span class="std-quiz__points">（{num(q.points)} 分）</span>' if exam else ""
    return f'<span class="std-quiz__type">{q.kind}</span> {esc(q.q)}{points}'


def _question(q: Question, number: int, page_src: str, owner: Owner, ctx: RenderContext, exam: bool,
              weight: int | None) -> str:
    answer = ",".join(str(i) for i in q.answers)
    attrs = f' data-answer="{answer}"' + (" data-multi" if q.multi else "")
    if exam:
        attrs += f' data-weight="{weight}" data-points="{esc(num(q.points))}"'
        options = _inputs(q, number, "checkbox" if q.multi else "radio")
        confirm = ""
    elif q.multi:
        options = _inputs(q, number, "checkbox")
        confirm = '<p class="std-quiz__confirm"><button type="button" class="std-printbtn" data-std-quiz-confirm>确定</button></p>'
    else:
        options = "".join(
            f'<li class="std-quiz__option"><button type="button" class="std-quiz__choice" data-index="{i}">'
            f'<span class="std-quiz__letter">{letter(i)}</span> <span class="std-quiz__text">{esc(text)}</span>'
            f'</button></li>'
            for i, text in enumerate(q.options))
        confirm = ""
    explain = ""
    if q.explain:
        explain = f'<p class="std-quiz__explain"><strong>解析：</strong>{explain_html(q.explain, page_src, owner, ctx)}</p>'
    return (f'<li class="std-quiz__item"{attrs}>'
            f'<p class="std-quiz__q">{question_head(q, exam)}</p>'
            f'<ol class="std-quiz__options">{options}</ol>{confirm}'
            f'<p class="std-quiz__feedback" role="status" aria-live="polite" data-search-exclude hidden></p>'
            f'<div class="std-quiz__answer" data-search-exclude hidden>'
            f'<p class="std-quiz__key"><strong>正确答案：</strong><span data-std-key>{esc(key_text(q))}</span></p>'
            f'{explain}</div>'
            f'</li>')


def _inputs(q: Question, number: int, kind: str) -> str:
    """Options as labelled radio buttons or checkboxes (value = the option's position)."""
    return "".join(
        f'<li class="std-quiz__option"><label class="std-quiz__pick">'
        f'<input type="{kind}" name="q{number}" value="{i}" autocomplete="off"> '
        f'<span class="std-quiz__letter">{letter(i)}</span> <span class="std-quiz__text">{esc(text)}</span>'
        f'</label></li>'
        for i, text in enumerate(q.options))


def explain_html(text: str, page_src: str, owner: Owner, ctx: RenderContext) -> str:
    """Escaped explanation text with `[[code#clause]]` as links."""
    out, last = [], 0
    for m in REFERENCE.finditer(text):
        out.append(_text(text[last:m.start()]))
        out.append(_reference(m.group(1), page_src, owner, ctx) or esc(m.group(0)))
        last = m.end()
    out.append(_text(text[last:]))
    return "".join(out)


def _text(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def _reference(raw: str, page_src: str, owner: Owner, ctx: RenderContext) -> str | None:
    current = owner if isinstance(owner, Standard) else None
    return reference_link(raw, page_src, ctx.catalog, ctx.links, current)

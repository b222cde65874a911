"""Rendering of `quiz` blocks: questions answered on the page (assets/training.js adds the clicks).

The HTML holds everything a printout needs: the questions and lettered options (searchable,
printable), and for each question an answer box (right option and explanation) that is hidden
until the reader chooses an option, shown in the trainer view and the trainer printout, and kept
out of the search index. The right option's position is only in a `data-answer` attribute, never
in visible text.
"""
from __future__ import annotations

from ...load.markdown import REFERENCE
from ...model import Block, Owner, Question, Quiz, Standard
from ..body import reference_link
from ..common import esc
from ..context import RenderContext


def letter(index: int) -> str:
    """A, B, C … for options (numbers past Z)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def render_quiz(ctx: RenderContext, block: Block, page_src: str, owner: Owner) -> str:
    """HTML for a validated quiz block (`[[refs]]` in explanations become links)."""
    quiz = block.parsed
    assert isinstance(quiz, Quiz)
    count = len(quiz.questions)
    items = "".join(_question(q, n, page_src, owner, ctx) for n, q in enumerate(quiz.questions, start=1))
    return (f'<div class="std-quiz" id="quiz-{block.index + 1}">'
            f'<p class="std-quiz__title">随堂测验<span class="std-quiz__count">（共 {count} 题）</span></p>'
            f'<ol class="std-quiz__list">{items}</ol></div>')


def _question(q: Question, number: int, page_src: str, owner: Owner, ctx: RenderContext) -> str:
    options = "".join(
        f'<li class="std-quiz__option"><button type="button" class="std-quiz__choice" data-index="{i}">'
        f'<span class="std-quiz__letter">{letter(i)}</span> <span class="std-quiz__text">{esc(text)}</span>'
        f'</button></li>'
        for i, text in enumerate(q.options))
    explain = ""
    if q.explain:
        explain = f'<p class="std-quiz__explain"><strong>解析：</strong>{explain_html(q.explain, page_src, owner, ctx)}</p>'
    right = f"{letter(q.answer)}. {q.options[q.answer]}"
    return (f'<li class="std-quiz__item" data-answer="{q.answer}">'
            f'<p class="std-quiz__q">{esc(q.q)}</p>'
            f'<ol class="std-quiz__options">{options}</ol>'
            f'<p class="std-quiz__feedback" role="status" aria-live="polite" data-search-exclude hidden></p>'
            f'<div class="std-quiz__answer" data-search-exclude hidden>'
            f'<p class="std-quiz__key"><strong>正确答案：</strong>{esc(right)}</p>{explain}</div>'
            f'</li>')


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

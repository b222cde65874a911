"""Rendering of `quiz` blocks: questions answered on the page (assets/training.js adds the clicks).

The HTML holds everything a printout needs: the questions and lettered options (searchable,
printable), and for each question an answer box (right option and explanation) that is hidden
until the reader chooses an option, shown in the trainer view and the trainer printout, and kept
out of the search index. The right option's position is only in a `data-answer` attribute, never
in visible text.
"""
from __future__ import annotations

from .. import body as bodies
from ..fields import normalize_code
from ..quiz import Question, Quiz
from .body import reference_link
from .common import esc


def letter(index: int) -> str:
    """A, B, C … for options (numbers past Z)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def render_quiz(block, page_src: str, owner, ctx=None) -> str:
    """HTML for a validated quiz block; `ctx` (a RenderContext) turns `[[refs]]` into links."""
    quiz: Quiz = block.parsed
    count = len(quiz.questions)
    items = "".join(_question(q, n, page_src, owner, ctx) for n, q in enumerate(quiz.questions, start=1))
    return (f'<div class="std-quiz" id="quiz-{block.index + 1}">'
            f'<p class="std-quiz__title">随堂测验<span class="std-quiz__count">（共 {count} 题）</span></p>'
            f'<ol class="std-quiz__list">{items}</ol></div>')


def _question(q: Question, number: int, page_src: str, owner, ctx) -> str:
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


def explain_html(text: str, page_src: str, owner, ctx) -> str:
    """Escaped explanation text with `[[code#clause]]` as links (plain labels without a ctx)."""
    out, last = [], 0
    for m in bodies.REFERENCE.finditer(text):
        out.append(_text(text[last:m.start()]))
        out.append(_reference(m.group(1), page_src, owner, ctx) or esc(m.group(0)))
        last = m.end()
    out.append(_text(text[last:]))
    return "".join(out)


def _text(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def _reference(raw: str, page_src: str, owner, ctx) -> str | None:
    if ctx is None:               # rendered without a site (unit tests): the reference as text
        ref = bodies.parse_reference(raw, 0)
        label = normalize_code(ref.code or "") + (f" 第 {ref.clause} 条" if ref.clause else "")
        return f'<span class="std-ref">{esc(label.strip())}</span>'
    current = owner if hasattr(owner, "clauses") else None
    return reference_link(raw, page_src, ctx.catalog, ctx.links, current)

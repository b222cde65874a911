"""The structured blocks of a body (` ```flow `, ` ```checklist `…) and their validated forms.

Validation (stdsite/validate/blocks/) turns a Block's YAML into one of these forms and stores it
in `Block.parsed`; renderers read only the validated form.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    type: str                              # one of STEP_TYPES
    lane: str | None
    clause: str | None
    targets: tuple[tuple[str, str], ...]   # (target id, edge label: "" | "是" | "否")
    line: int
    auto_id: bool = False                  # id not written by the editor


@dataclass(frozen=True)
class Flow:
    title: str | None
    lanes: tuple[str, ...]
    steps: tuple[Step, ...]
    line: int

    def number(self, step_id: str) -> int:
        """1-based position of a step (as in the ordered text version)."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index + 1
        raise KeyError(step_id)


@dataclass(frozen=True)
class CheckItem:
    text: str
    clause: str | None
    points: float
    line: int
    veto: bool = False                    # 否决项: 不符合 fails the whole checklist


@dataclass(frozen=True)
class Checklist:
    title: str | None
    pass_score: float | None              # percent of the points needed to pass
    items: tuple[CheckItem, ...]
    ordinal: int                          # 0-based count among the owner's checklists
    line: int

    @property
    def total(self) -> float:
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    op: str
    value: float | tuple[float, float]
    unit: str | None
    clause: str | None
    line: int


@dataclass(frozen=True)
class Criteria:
    title: str | None
    rule: str                             # any | all
    items: tuple[Criterion, ...]
    line: int


@dataclass(frozen=True)
class Diagram:
    dot: str                              # Graphviz source to render
    include: str | None                   # diagrams/<name>.dot when used by name
    title: str | None
    line: int


@dataclass(frozen=True)
class Question:
    """One validated question: `answers` are the indexes of the right options (one, unless
    `multi`: a 多选 question, right only when exactly those are chosen). `points` counts in exams."""

    q: str
    options: tuple[str, ...]
    answers: tuple[int, ...]
    explain: str | None
    line: int
    multi: bool = False
    points: float = 1

    @property
    def kind(self) -> str:
        """单选题, 多选题 or 判断题 (options exactly 正确, 错误)."""
        if self.multi:
            return "多选题"
        return "判断题" if self.options == ("正确", "错误") else "单选题"


@dataclass(frozen=True)
class Quiz:
    questions: tuple[Question, ...]


Parsed = Union[Flow, Checklist, Criteria, Diagram, Quiz]


@dataclass(frozen=True)
class Block:
    """A fenced structured block (` ```flow ` …) inside a Markdown body.

    `data` is the parsed YAML (YMap/YList) for YAML blocks, the raw text for `dot`;
    `line` is the fence's first line; `index` counts blocks of the file from 0.
    `parsed` holds the block's validated form (set by validation; None when it has errors).
    """

    kind: str
    data: Any
    text: str
    line: int
    end_line: int
    index: int
    parsed: Parsed | None = None

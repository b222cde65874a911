"""Validation of the structured blocks (flow, checklist, criteria, dot, quiz) inside bodies.

Runs after the cross-file checks (a quiz explanation's `[[refs]]` must resolve). One validator
per kind, registered in VALIDATORS: `validator(block, checker, owner, project) -> parsed form or
None` (None: errors were reported). The Graphviz syntax of diagrams is checked later, by the
pipeline, with the real `dot` (stdsite/output/graphviz.py).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ...errors import Problems
from ...load.memo import FileMemo
from ...model import Block, Owner, Parsed, Project
from ..schema import Checker
from .checklist import check_checklist
from .criteria import check_criteria
from .dot import check_dot
from .flow import check_flow
from .quiz import check_quiz

Validator = Callable[[Block, Checker, Owner, Project], Parsed | None]
VALIDATORS: dict[str, Validator] = {"quiz": check_quiz, "flow": check_flow, "checklist": check_checklist,
                                    "criteria": check_criteria, "dot": check_dot}


# kinds whose validator reads only the block and its owner (not the project): memo-able per owner
OWN_KINDS = frozenset({"flow", "checklist", "criteria"})


def check_blocks(project: Project, problems: Problems, memo: FileMemo | None = None) -> Project:
    """Validate every block of every standard and course; keep the parsed form on the block.
    `memo` keeps the result per owner record when its blocks depend on nothing else."""
    def checked(owner: Owner) -> Owner:
        if memo is not None and all(block.kind in OWN_KINDS for block in owner.blocks):
            return memo.run(("blocks", id(owner)), owner, problems, lambda: check_owner(owner))
        return check_owner(owner)

    def check_owner(owner: Owner) -> Owner:
        check = Checker(problems, owner.path)
        blocks = []
        for block in owner.blocks:
            validator = VALIDATORS.get(block.kind)
            parsed = validator(block, check, owner, project) if validator else None
            blocks.append(dataclasses.replace(block, parsed=parsed))
        return dataclasses.replace(owner, blocks=tuple(blocks))

    return dataclasses.replace(project, standards=tuple(checked(s) for s in project.standards),
                               courses=tuple(checked(c) for c in project.courses))


@dataclass(frozen=True)
class _StandardBody:
    """What the block rules read of a standard whose record could not be made (its file has
    errors in its front matter): its clauses and blocks."""

    clause_numbers: frozenset[str]
    blocks: tuple[Block, ...]
    code: str = ""


@dataclass(frozen=True)
class _CourseBody:
    clause_numbers: frozenset[str]
    blocks: tuple[Block, ...]


def check_own_blocks(blocks: tuple[Block, ...], check: Checker, clause_numbers: frozenset[str] | None) -> None:
    """The rules of the blocks that need only their own file (flow, checklist, criteria), for a
    file left out for errors in its front matter: one run reports those too. `clause_numbers` is
    None for a course."""
    owner = _CourseBody(frozenset(), blocks) if clause_numbers is None else _StandardBody(clause_numbers, blocks)
    for block in blocks:
        if block.kind in OWN_KINDS:
            VALIDATORS[block.kind](block, check, owner, None)

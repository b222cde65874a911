"""Validation of the structured blocks (flow, checklist, criteria, dot, quiz) inside bodies.

`check_all` runs after cross-file checks; it validates each block's YAML and stores the validated
form in `Block.parsed`, which the renderers read. One validator per kind, registered in VALIDATORS:
`validator(block, checker, owner, project) -> parsed value or None` (None: errors were reported).
"""
from __future__ import annotations

import dataclasses

from .errors import Problems
from .fields import Checker
from .model import Project
from .quiz import check_quiz

VALIDATORS: dict = {"quiz": check_quiz}


def check_all(project: Project, problems: Problems) -> Project:
    """Validate every block of every standard and course; keep the parsed form on the block."""
    def checked(owner):
        check = Checker(problems, owner.path)
        blocks = []
        for block in owner.blocks:
            validator = VALIDATORS.get(block.kind)
            parsed = validator(block, check, owner, project) if validator else None
            blocks.append(dataclasses.replace(block, parsed=parsed))
        return dataclasses.replace(owner, blocks=tuple(blocks))

    return dataclasses.replace(
        project,
        standards=tuple(checked(s) for s in project.standards),
        courses=tuple(checked(c) for c in project.courses))

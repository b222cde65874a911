"""Validation of the structured blocks (flow, checklist, criteria, dot, quiz) inside bodies.

`check_all` runs after cross-file checks; it validates each block's YAML and stores the validated
form in `Block.parsed`, which the renderers read. One validator per kind, registered in VALIDATORS:
`validator(block, checker, owner, project) -> parsed value or None` (None: errors were reported).
After the per-block checks, the Graphviz syntax of every diagram (`dot` blocks, and the DOT made
from `flow` blocks) is checked in one batch (stdsite/diagram.py), reported at the block's line.
"""
from __future__ import annotations

import dataclasses

from . import diagram
from .errors import Problems
from .fields import Checker
from .model import Project
from .quiz import check_quiz
from .visual import check_checklist, check_criteria, check_dot, check_flow

VALIDATORS: dict = {"quiz": check_quiz, "flow": check_flow, "checklist": check_checklist,
                    "criteria": check_criteria, "dot": check_dot}


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

    owners = [checked(s) for s in project.standards] + [checked(c) for c in project.courses]
    _check_graphviz_syntax(owners, problems)
    n = len(project.standards)
    return dataclasses.replace(project, standards=tuple(owners[:n]), courses=tuple(owners[n:]))


def _check_graphviz_syntax(owners: list, problems: Problems) -> None:
    """Report diagrams Graphviz cannot read, at the block's line; their parsed form becomes None."""
    found = [(o, i, dot) for o, owner in enumerate(owners) for i, block in enumerate(owner.blocks)
             if (dot := diagram.block_dot(block)) is not None]
    if not found:
        return
    try:
        results = diagram.check_syntax([dot for _, _, dot in found])
    except diagram.GraphvizMissing:
        owner = owners[found[0][0]]
        problems.warn(owner.path, owner.blocks[found[0][1]].line,
                      "未找到 Graphviz 的 dot 命令，未检查图的语法（生成网站前请安装 Graphviz）")
        return
    for (o, i, _), message in zip(found, results):
        if message is None:
            continue
        owner = owners[o]
        block = owner.blocks[i]
        include = getattr(block.parsed, "include", None)
        where = f"引用的 diagrams/{include}.dot 有" if include else ""
        problems.error(owner.path, block.line, f"{where}{message}")
        blocks = list(owner.blocks)
        blocks[i] = dataclasses.replace(block, parsed=None)
        owners[o] = dataclasses.replace(owner, blocks=tuple(blocks))

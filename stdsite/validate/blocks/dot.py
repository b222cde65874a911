"""`dot` blocks: raw Graphviz, or `include: name` for a hand-written diagrams/<name>.dot."""
from __future__ import annotations

import re

from ...errors import quote
from ...model import Block, Diagram, Owner, Project
from ...text import did_you_mean
from ..schema import Checker
from .dotattrs import forbidden_attributes

INCLUDE = re.compile(r"^\s*include\s*:\s*(\S(?:.*\S)?)\s*$")


def check_dot(block: Block, check: Checker, owner: Owner, project: Project) -> Diagram | None:
    """A `dot` block: raw Graphviz, or `include: name` for diagrams/<name>.dot (syntax checked later)."""
    text = block.data if isinstance(block.data, str) else block.text
    if not text.strip():
        check.error(block.line, "dot 图是空的：请写 Graphviz 代码，或用 include: 文件名 引用 diagrams/ 下的图")
        return None
    m = INCLUDE.match(text.strip()) if "\n" not in text.strip() else None
    if m:
        name = m.group(1).strip().strip("\"'")
        name = name[:-4] if name.endswith(".dot") else name
        name = name[len("diagrams/"):] if name.startswith("diagrams/") else name
        diagrams = getattr(project, "diagrams", {}) or {}
        if name not in diagrams:
            hint = did_you_mean(name, diagrams, cutoff=0.5) or \
                (f"（可用：{'、'.join(sorted(diagrams))}）" if diagrams else "（diagrams/ 文件夹中没有 .dot 文件）")
            check.error(block.line + 1, f"引用的图 {quote(name)} 不存在：应为 diagrams/{name}.dot{hint}")
            return None
        if _unsafe_attributes(diagrams[name], check, block.line + 1, f"引用的 diagrams/{name}.dot 第 {{}} 行"):
            return None
        return Diagram(diagrams[name], name, name, block.line)
    if _unsafe_attributes(text, check, None, "", block.line):
        return None
    return Diagram(text, None, None, block.line)


def _unsafe_attributes(dot: str, check: Checker, line: int | None, where: str, first: int = 0) -> bool:
    """Report every attribute a page may not have (stdsite/validate/blocks/dotattrs.py) at its
    line (`first` + its line in the block), or at `line` naming the line of an included file."""
    found = forbidden_attributes(dot)
    for local, message in found:
        check.error(line if line is not None else first + local, f"{where.format(local)}图中的{message}")
    return bool(found)

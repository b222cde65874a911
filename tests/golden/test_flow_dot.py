"""Golden tests: flow blocks (tests/golden/flows/*.yaml) → DOT (the .dot files next to them)."""
from __future__ import annotations

import types
from pathlib import Path

import pytest

from stdsite.load import structured_blocks
from stdsite.load.markdown import scan
from stdsite.errors import Problems
from stdsite.validate.schema import Checker
from stdsite.model import Clause
from stdsite.render.flowdot import flow_to_dot
from stdsite.validate.blocks.flow import check_flow

FLOWS = Path(__file__).parent / "flows"
OWNER = types.SimpleNamespace(code="Q/CQJG 101-2023", path="x.md", blocks=(),
                              clauses=tuple(Clause(n, "", 1, 2) for n in ("5", "5.1", "5.2", "6", "6.1")))


def validated(yaml_text: str):
    problems = Problems()
    check = Checker(problems, "x.md")
    _, fences = scan(f"```flow\n{yaml_text}```\n", 1)
    [block] = structured_blocks(fences, "x.md", problems, None)
    flow = check_flow(block, check, OWNER, types.SimpleNamespace(diagrams={}))
    assert not problems.errors, [str(e) for e in problems.errors]
    return flow


@pytest.mark.parametrize("source", sorted(FLOWS.glob("*.yaml")), ids=lambda p: p.stem)
def test_flow_to_dot(source, golden):
    dot = flow_to_dot(validated(source.read_text(encoding="utf-8")))
    golden(source.with_suffix(".dot"), dot)

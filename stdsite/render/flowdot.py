"""flow → DOT: a pure function from a validated `Flow` to Graphviz source text.

Sits between validation (stdsite/validate/blocks/flow.py) and Graphviz (stdsite/output/graphviz.py
turns the DOT into SVG). Deterministic output (golden-tested in tests/golden/): top-to-bottom layout, swimlanes as
one labelled cluster per lane, every label escaped and wrapped to fit a phone screen.
"""
from __future__ import annotations

import functools
import unicodedata

from ..escape import dot_string
from ..model import Block, Diagram, Flow, Step

FONT = "Noto Sans CJK SC"
# display width units per line (a CJK character counts 2): keeps boxes narrow enough for phones
WRAP = {"process": 20, "document": 18, "start": 18, "end": 18, "decision": 14}
WRAP_IN_LANES = {"process": 16, "document": 14, "start": 14, "end": 14, "decision": 12}
WRAP_IN_3_LANES = {"process": 12, "document": 12, "start": 12, "end": 12, "decision": 10}   # three or more lanes
STYLE = {
    "start": 'shape=box, style="rounded,filled,bold", fillcolor="#c8e6c9", color="#2e7d32"',
    "end": 'shape=box, style="rounded,filled,bold", fillcolor="#ffcdd2", color="#c62828"',
    "process": 'shape=box, style="filled", fillcolor="#e8eaf6", color="#3949ab"',
    "decision": 'shape=diamond, style="filled", fillcolor="#fff8e1", color="#f9a825", margin="0.02,0.02"',
    "document": 'shape=note, style="filled", fillcolor="#e0f7fa", color="#00838f"',
}
EDGE_STYLE = {"是": 'fontcolor="#2e7d32", color="#2e7d32"', "否": 'fontcolor="#c62828", color="#c62828"'}
NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)]}%")


def label_string(lines: list[str]) -> str:
    """A quoted label with centred line breaks (`\\n` between already-escaped lines)."""
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def wrap(text: str, width: int) -> list[str]:
    """Balanced line breaking by display width: as few lines as the greedy fill to `width` gives,
    of about equal length (no lone last character). CJK may break anywhere (not before closing
    punctuation); Latin words and numbers stay whole unless longer than a line."""
    greedy = _wrap(text, width)
    if len(greedy) < 2:
        return greedy
    total = sum(char_width(c) for c in text)
    for target in range(-(-total // len(greedy)), width):
        balanced = _wrap(text, target)
        if len(balanced) <= len(greedy):
            return balanced
    return greedy


def _wrap(text: str, width: int) -> list[str]:
    """Greedy line breaking by display width."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        tokens: list[str] = []
        for ch in paragraph:
            if tokens and ch.isascii() and not ch.isspace() and tokens[-1][-1:].isascii() and not tokens[-1][-1:].isspace():
                tokens[-1] += ch                 # Latin word / number
            elif tokens and ch in NO_LINE_START:
                tokens[-1] += ch                 # punctuation sticks to what precedes it
            else:
                tokens.append(ch)
        line, used = "", 0
        for token in tokens:
            size = sum(char_width(c) for c in token)
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
                token = token.lstrip()
                size = sum(char_width(c) for c in token)
            while size > width and len(token) > 1:   # a very long word: hard break
                cut, taken = 0, 0
                while cut < len(token) and taken + char_width(token[cut]) <= width - used:
                    taken += char_width(token[cut])
                    cut += 1
                cut = max(cut, 1)
                lines.append((line + token[:cut]).rstrip())
                line, used, token = "", 0, token[cut:]
                size = sum(char_width(c) for c in token)
            line += token
            used += size
        if line.strip() or not lines:
            lines.append(line.strip())
    return [line for line in lines if line] or [""]


def _node(step: Step, number: int, lanes: int) -> str:
    widths = WRAP_IN_3_LANES if lanes >= 3 else WRAP_IN_LANES if lanes else WRAP
    attrs = [f"label={label_string(wrap(step.text, widths[step.type]))}", STYLE[step.type]]
    if step.clause:
        attrs.append(f'URL="#{step.clause}"')
        attrs.append(f"tooltip={dot_string(f'见第 {step.clause} 条')}")
    else:
        attrs.append(f"tooltip={dot_string(step.text)}")
    return f"s{number} [{', '.join(attrs)}];"


@functools.lru_cache(maxsize=4096)
def flow_to_dot(flow: Flow) -> str:
    """DOT source for a validated flow (same flow → same text, byte for byte)."""
    number = {step.id: index + 1 for index, step in enumerate(flow.steps)}
    lanes = len(flow.lanes)
    out = [
        "digraph flow {",
        f'  graph [rankdir=TB, fontname="{FONT}", fontsize=13, nodesep=0.25, ranksep=0.32, '
        f'margin=0.08, bgcolor="transparent", newrank=true];',
        f'  node [fontname="{FONT}", fontsize=13, margin="0.12,0.06", penwidth=1.3, height=0.4];',
        f'  edge [fontname="{FONT}", fontsize=12, color="#546e7a", arrowsize=0.7, penwidth=1.2];',
    ]
    placed = set()
    for lane_index, lane in enumerate(flow.lanes):
        out.append(f"  subgraph cluster_lane{lane_index + 1} {{")
        out.append(f'    label={dot_string(lane)}; labelloc=t; fontsize=13; style="filled,rounded"; '
                   f'fillcolor="{"#f5f7fa" if lane_index % 2 == 0 else "#eef2f6"}"; color="#b0bec5"; margin=10;')
        for step in flow.steps:
            if step.lane == lane:
                out.append("    " + _node(step, number[step.id], lanes))
                placed.add(step.id)
        out.append("  }")
    for step in flow.steps:
        if step.id not in placed:
            out.append("  " + _node(step, number[step.id], lanes))
    for step in flow.steps:
        for target, label in step.targets:
            attrs = f' [label={dot_string(label)}, {EDGE_STYLE[label]}]' if label else ""
            out.append(f"  s{number[step.id]} -> s{number[target]}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"


def diagram_source(block: Block) -> str | None:
    """DOT source of a validated `flow` or `dot` block (None for other blocks)."""
    if isinstance(block.parsed, Flow):
        return flow_to_dot(block.parsed)
    if isinstance(block.parsed, Diagram):
        return block.parsed.dot
    return None

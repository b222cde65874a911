"""The structure diagram of the standard system (标准体系结构图, GB/T 13016) as Graphviz DOT.

Top to bottom: the system, then one box per category holding its areas one under another, each
area a small table of its items with how many 现行 standards each has (an empty item marked 空缺,
one with only 即将实施/制定中 standards saying so). Stacking the areas keeps the chart about as wide
as three columns, so that it stays readable in the flowchart box on a 375 px phone. Names are
escaped for Graphviz HTML-like labels; cells link to the area pages.
"""
from __future__ import annotations

import html

from ..derive.catalog import Catalog
from ..model import Area, Item
from ..text import slugify
from ..urls import SYSTEM, Links, area_src
from .flowdot import FONT, wrap

EMPTY, CURRENT, PENDING = "#c62828", "#2e7d32", "#ef6c00"
WRAP_ITEM = 18          # display width units of an item name per line (a CJK character counts 2)


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _lines(text: str, width: int) -> str:
    return "<br/>".join(_h(line) for line in wrap(text, width))


def item_anchor(node_id: str) -> str:
    """The anchor of an item's section on its area page."""
    return slugify(node_id) or "node"


def slot_state(catalog: Catalog, slot_id: str) -> tuple[int, str]:
    """(number of 现行 standards, what else is there: "" or e.g. "即将实施 1、制定中 1") of a slot."""
    statuses = [catalog.status[s.code] for s in catalog.standards_in(slot_id)]
    pending = [f"{name} {statuses.count(name)}" for name in ("即将实施", "制定中") if name in statuses]
    return statuses.count("现行"), "、".join(pending)


def _count_cell(catalog: Catalog, slot_id: str) -> str:
    current, pending = slot_state(catalog, slot_id)
    if current:
        extra = f'<br/><font point-size="11" color="{PENDING}">{_h(pending)}</font>' if pending else ""
        return f'<font color="{CURRENT}"><b>{current}</b></font>{extra}'
    if pending:
        return f'<font color="{PENDING}">{_h(pending)}</font>'
    return f'<font color="{EMPTY}"><b>空缺</b></font>'


def _area_table(catalog: Catalog, links: Links, area: Area) -> str:
    href = _h(links.rel(SYSTEM, area_src(area.id)))
    core = ' <font point-size="11" color="#3949ab">〔主干〕</font>' if area.core else ""
    head = (f'<tr><td colspan="2" bgcolor="#eceff1" href="{href}" tooltip="{_h(area.id)}">'
            f'<b>{_lines(area.name, WRAP_ITEM)}</b>{core}</td></tr>')
    rows = []
    slots: tuple[Item | Area, ...] = area.items or (area,)
    for slot in slots:
        name = _lines(slot.name, WRAP_ITEM) if slot is not area else "（不分条目）"
        anchor = item_anchor(slot.id) if slot is not area else None
        cell_href = _h(links.rel(SYSTEM, area_src(area.id), anchor))
        rows.append(f'<tr><td align="left" href="{cell_href}" tooltip="{_h(slot.id)}">{name}</td>'
                    f'<td>{_count_cell(catalog, slot.id)}</td></tr>')
    return ('<<table border="0" cellborder="1" cellspacing="0" cellpadding="5" color="#90a4ae">'
            + head + "".join(rows) + "</table>>")


def structure_dot(catalog: Catalog, links: Links) -> str:
    """The DOT source of the structure diagram, links relative to the system page."""
    framework = catalog.project.framework
    n_slots = len(framework.slots())
    out = [
        "digraph stdsite_system {",
        f'  graph [rankdir=TB, compound=true, fontname="{FONT}", fontsize=15, nodesep=0.3, ranksep=0.4, '
        'bgcolor="transparent", tooltip=" "];',
        f'  node [fontname="{FONT}", fontsize=14, shape=plain, tooltip=" "];',
        '  edge [color="#607d8b", arrowhead=none, penwidth=1.3];',
        f'  root [shape=box, style="rounded,filled", fillcolor="#e8eaf6", color="#3949ab", margin="0.2,0.1", '
        f'label=<<b>标准体系</b><br/><font point-size="12">{len(framework.categories)} 个类别 · '
        f'{len(framework.areas())} 个领域 · {n_slots} 个条目</font>>];',
    ]
    for c_index, category in enumerate(framework.categories):
        out.append(f"  subgraph cluster_{c_index} {{")
        out.append(f'    label=<<b>{_lines(category.name, 24)}</b>>; style="rounded"; color="#3949ab"; '
                   'penwidth=1.3; margin=10; tooltip=" ";')
        names = [f"a{c_index}_{a_index}" for a_index in range(len(category.areas))]
        for name, area in zip(names, category.areas):
            out.append(f"    {name} [label={_area_table(catalog, links, area)}];")
        if not names:
            names = [f"a{c_index}_empty"]
            out.append(f'    {names[0]} [label=<<font color="{EMPTY}">（尚无领域）</font>>];')
        for upper, lower in zip(names, names[1:]):
            out.append(f"    {upper} -> {lower} [style=invis];")
        out.append("  }")
        out.append(f"  root -> {names[0]} [lhead=cluster_{c_index}];")
    out.append("}")
    return "\n".join(out) + "\n"

"""The standard system pages: the overview (category → area → item, counts, empty items marked)
and one page per area with its standards."""
from __future__ import annotations

from .. import urls
from ..model import Area
from ..text import natural_key, slugify
from ..urls import area_src
from .common import LISTING, esc, front_matter, table
from .context import RenderContext
from .standards import standard_row


def system_index_page(ctx: RenderContext) -> str:
    """The standard system overview: categories, areas, items, with counts and empty items marked."""
    src = urls.SYSTEM
    cat = ctx.catalog
    out = [front_matter("标准体系", search=LISTING), "# 标准体系\n\n",
           "<p>按“类别 → 领域 → 条目”浏览标准体系。每个条目后的数字为其现行标准数，"
           '<span class="std-empty">暂无标准</span> 表示尚待补齐。</p>\n\n']
    for category in cat.project.framework.categories:
        out.append(f'## {esc(category.name)} {{#{_anchor(category.id)}}}\n\n<div class="std-grid">\n')
        for area in category.areas:
            slots = area.items or (area,)
            current = [s for slot in slots for s in cat.standards_in(slot.id) if cat.status[s.code] == "现行"]
            core = '<span class="std-core">主干</span>' if area.core else ""
            items = []
            for slot in area.items:
                n = sum(1 for s in cat.standards_in(slot.id) if cat.status[s.code] == "现行")
                mark = f'<span class="std-count">{n}</span>' if n else '<span class="std-empty">暂无标准</span>'
                items.append(f"<li>{esc(slot.name)} {mark}</li>")
            if not area.items and not current:
                items.append('<li><span class="std-empty">暂无标准</span></li>')
            out.append(f'<div class="std-area-card"><h3>{ctx.links.a(src, area_src(area.id), area.name)} {core}</h3>'
                       f'<p>现行标准 {len(current)} 项</p><ul>{"".join(items)}</ul></div>\n')
        out.append("</div>\n\n")
    return "".join(out)


def area_page(ctx: RenderContext, area: Area) -> str:
    src = area_src(area.id)
    cat = ctx.catalog
    category = next(c for c in cat.project.framework.categories if area in c.areas)
    out = [front_matter(area.name, search=LISTING), f"# {esc(area.name)}\n\n",
           f'<p class="std-crumbs">{esc(category.name)} › {esc(area.name)}'
           + (' <span class="std-core">主干业务领域</span>' if area.core else "") + "</p>\n\n"]
    for slot in (area.items or (area,)):
        standards = cat.standards_in(slot.id)
        if area.items:
            out.append(f"## {esc(slot.name)} {{#{_anchor(slot.id)}}}\n\n")
        if not standards:
            out.append('<p class="std-empty-item"><span class="std-empty">暂无标准</span> 该条目尚无标准，可列入制修订计划。</p>\n\n')
            continue
        rows = [standard_row(ctx, s, src) for s in sorted(standards, key=lambda s: natural_key(s.code))]
        out.append(table(["编号", "名称", "级别", "状态", "实施日期"], rows) + "\n\n")
    return "".join(out)


def _anchor(node_id: str) -> str:
    return slugify(node_id) or "node"

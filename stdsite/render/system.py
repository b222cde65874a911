"""The standard system pages: the 标准体系表 (GB/T 13016) — structure diagram, 明细表, 统计表 and
their downloads — and one page per area with its standards."""
from __future__ import annotations

from ..escape import html_attr
from .. import urls
from ..derive.system_table import DETAIL_COLUMNS, STATS_COLUMNS, SystemTable
from ..model import Area
from ..text import natural_key
from ..urls import area_src, standard_src, system_file
from .blocks.diagrams import chart_html
from .common import LISTING, badge, date, esc, front_matter, table
from .context import RenderContext
from .standards import standard_row
from .system_diagram import item_anchor, slot_state, structure_dot

XLSX_NAME = "标准体系表.xlsx"
CSV_NAME = "明细表.csv"
STATE_CLASS = {"计划": "std-badge--planned", "空缺": "std-badge--vacant"}


def system_index_page(ctx: RenderContext) -> str:
    """The 标准体系表: structure diagram, 明细表, 统计表, downloads."""
    src = urls.SYSTEM
    cat = ctx.catalog
    framework = cat.project.framework
    svg = ctx.svgs.get(structure_dot(cat, ctx.links))
    downloads = (f'<p class="std-system-downloads std-noprint">下载：'
                 f'<a href="{html_attr(ctx.links.rel(src, system_file(XLSX_NAME)))}" download>{XLSX_NAME}</a>'
                 f'（工作表“明细表”“统计表”，可直接打印）· '
                 f'<a href="{html_attr(ctx.links.rel(src, system_file(CSV_NAME)))}" download>{CSV_NAME}</a></p>\n')
    out = [front_matter("标准体系", search=LISTING, description="标准体系结构图、标准明细表和统计表", hide=["toc"]),
           "# 标准体系表\n\n",
           f'<p>按 GB/T 13016《标准体系构建原则和要求》编制：{len(framework.categories)} 个类别、'
           f'{len(framework.areas())} 个领域、{len(framework.slots())} 个条目。状态截至 {cat.as_of.isoformat()}。</p>\n\n',
           downloads,
           "## 体系结构图 {#structure}\n\n",
           '<p class="std-legend" data-search-exclude>每个条目右侧为其<strong>现行</strong>标准数；'
           '<span class="std-empty">空缺</span> 表示该条目还没有任何标准，'
           '<span class="std-pending">即将实施</span>、<span class="std-pending">制定中</span> '
           '表示该条目暂无现行标准、但已有已发布待实施或正在制定的标准。点按领域或条目可查看其标准。</p>\n\n',
           ctx.keep_block(chart_html(svg, "sys-", "标准体系结构图")) + "\n\n",
           _area_list(ctx),
           "## 标准明细表 {#detail}\n\n",
           '<p class="std-legend">列出各条目下现行、即将实施（已发布）和制定中的标准，'
           '以及尚未完成的制修订计划（状态“计划”，备注为计划完成日期，已过计划完成日期的标“已逾期”）；'
           '没有任何标准和计划的条目标为“空缺”，备注为其业务领域和条目名称。</p>\n\n',
           ctx.keep(detail_table(ctx, ctx.system_table)) + "\n\n",
           "## 标准统计表 {#statistics}\n\n",
           '<p class="std-legend">按类别统计现行和即将实施（已发布）的标准数；条目数中没有条目的领域按 1 个计，'
           '已覆盖条目为至少有一项现行标准的条目。</p>\n\n',
           ctx.keep(stats_table(ctx.system_table)) + "\n"]
    return "".join(out)


def _area_list(ctx: RenderContext) -> str:
    """The diagram in words, for screen readers and search: each area with its items' state."""
    src = urls.SYSTEM
    cat = ctx.catalog
    parts = ['<details class="std-system-text"><summary>结构图的文字版</summary><ul>']
    for category in cat.project.framework.categories:
        areas = []
        for area in category.areas:
            items = []
            for slot in (area.items or (area,)):
                current, pending = slot_state(cat, slot.id)
                state = f"现行 {current} 项" if current else (pending or "空缺")
                if current and pending:
                    state += f"，{pending}"
                name = slot.name if slot is not area else "（不分条目）"
                items.append(f"<li>{esc(name)}：{esc(state)}</li>")
            areas.append(f"<li>{ctx.links.a(src, area_src(area.id), area.name)}<ul>{''.join(items)}</ul></li>")
        parts.append(f"<li>{esc(category.name)}<ul>{''.join(areas)}</ul></li>")
    parts.append("</ul></details>\n\n")
    return "".join(parts)


def detail_table(ctx: RenderContext, data: SystemTable) -> str:
    """The 明细表 as an HTML table (codes link to the standards' pages)."""
    src = urls.SYSTEM
    rows, attrs = [], []
    for r in data.detail:
        code = ctx.links.a(src, standard_src(r.standard.slug), r.code, cls="std-code") if r.standard \
            else esc(r.code)
        title = ctx.links.a(src, standard_src(r.standard.slug), r.title) if r.standard else esc(r.title)
        status = badge(r.status, STATE_CLASS.get(r.status, ""))
        note = esc(r.note)
        if r.overdue:
            note = (f'<span class="std-warn">{esc(r.note.removesuffix("（已逾期）"))}</span> '
                    f'<span class="std-badge std-badge--vacant">已逾期</span>')
        rows.append([str(r.number), esc(r.slot), code, title, esc(r.level), date(r.effective) if r.effective else "",
                     esc("、".join(r.replaces)), status, note])
        attrs.append(f'data-status="{esc(r.status)}" data-slot="{esc(r.slot)}"' + (' data-overdue="true"' if r.overdue else ""))
    return table(list(DETAIL_COLUMNS), rows, "std-table std-system-detail", attrs)


def stats_table(data: SystemTable) -> str:
    rows = [[esc(cell) for cell in r.cells()] for r in data.stats]
    return table(list(STATS_COLUMNS), rows, "std-table std-system-stats")


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
            out.append(f"## {esc(slot.name)} {{#{item_anchor(slot.id)}}}\n\n")
        if not standards:
            out.append('<p class="std-empty-item"><span class="std-empty">暂无标准</span> 该条目尚无标准，可列入制修订计划。</p>\n\n')
            continue
        current, pending = slot_state(cat, slot.id)
        if not current:
            out.append(f'<p class="std-empty-item"><span class="std-pending">暂无现行标准</span> 该条目有{esc(pending)} 项'
                       f'（见下表），实施前仍需按现行规定执行。</p>\n\n' if pending else
                       '<p class="std-empty-item"><span class="std-empty">暂无现行标准</span> 该条目的标准均已被代替或废止。</p>\n\n')
        rows = [standard_row(ctx, s, src) for s in sorted(standards, key=lambda s: natural_key(s.code))]
        out.append(table(["编号", "名称", "级别", "状态", "实施日期"], rows) + "\n\n")
    return "".join(out)

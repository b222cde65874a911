"""Directory pages (标准类规范性文件目录): the editions index and one page per edition.

- `directory/index.md`: every edition built (dated on or before the as-of date), newest first,
  then the directory as of the as-of date with the changes since the latest edition;
- `directory/<id>.md` (URL `directory/<id>/`): the edition's grouped table, its 本期变化 and links
  to its exports, which stdsite/output/exports.py writes into site/directory/<id>/.

The edition page content sits in a `.std-dir` wrapper; assets/directory-print.css prints it as an
official table. Values come from editions.py; every one is escaped here.
"""
from __future__ import annotations

from ..escape import html_attr
from ..derive import editions as ed
from ..text import download_name
from ..urls import DIRECTORY, edition_file, edition_src, standard_src
from .common import LISTING, badge, cells, date, esc, front_matter, table
from .context import RenderContext

INDEX = DIRECTORY
# the directory's columns (the page, 目录.csv and 目录.xlsx), and the names of an edition's exports
COLUMNS = ("序号", "类别", "编号", "名称", "发布机构", "发布日期", "实施日期", "状态")
CSV_NAME = "目录.csv"
XLSX_NAME = "目录.xlsx"
JSON_NAME = "edition.json"
WIDE = ["toc"]          # the eight columns need the width of the page's table of contents (Material `hide`)


def pages(ctx: RenderContext) -> dict[str, str]:
    views = ctx.editions
    out = {INDEX: index_page(ctx, views)}
    for view in views:
        out[edition_src(view.id)] = edition_page(ctx, view)
    return out


def nav(ctx: RenderContext) -> list:
    return [INDEX] + [{f"{v.id} 期": edition_src(v.id)} for v in reversed(ctx.editions)]


# -- pieces ------------------------------------------------------------------------------------

def entries_table(ctx: RenderContext, view: ed.EditionView, src: str, fresh: frozenset | set = frozenset()) -> str:
    """The grouped table: a row per category and per area, then the entries, numbered throughout.
    Eight columns that fit a desktop screen (long issuers shortened, one per line); on a phone
    every entry is a card (render.common.cells). Entries in `fresh` (the current directory's
    entries that no edition lists yet) are tagged 未入目录."""
    links = ctx.links
    body: list[str] = []
    span = len(COLUMNS)
    group = None
    for index, e in enumerate(view.entries, 1):
        if e.group != group:
            if group is None or e.group[0] != group[0]:
                body.append(f'<tr class="std-dir-cat"><th colspan="{span}" scope="colgroup">{esc(e.group[0])}</th></tr>')
            if e.group[1]:
                body.append(f'<tr class="std-dir-area"><th colspan="{span}" scope="colgroup">{esc(e.group[1])}</th></tr>')
            group = e.group
        code = links.a(src, e.page, e.id, cls="std-code") if e.page else f'<span class="std-code">{esc(e.id)}</span>'
        name = links.a(src, e.page, e.title) if e.page else esc(e.title)
        if e.id in fresh:
            name += ' <span class="std-tag std-dir-fresh-tag">未入目录</span>'
        row = [str(index), esc(e.category), code, name, issuers(e.issuer), esc(_d(e.issued)),
               esc(_d(e.effective)), badge(e.status)]
        body.append(f'<tr data-kind="{esc(e.kind)}">{cells(list(COLUMNS), row)}</tr>')
    if not view.entries:
        body.append(f'<tr><td colspan="{span}">本期目录没有条目。</td></tr>')
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in COLUMNS)
    return (f'<div class="std-scroll"><table class="std-table std-dir-table std-cards"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


NATIONAL_PREFIX = "中华人民共和国"
_SEP = '<span class="std-issuer__sep">、</span>'      # shown where the issuers run on in one line


def issuers(names: tuple[str, ...]) -> str:
    """发布机构 for the page: one per line (CSS), 中华人民共和国 left out before a national body (the
    full name stays in the tooltip and in 目录.xlsx / 目录.csv)."""
    parts = []
    for position, name in enumerate(names, 1):
        short = name[len(NATIONAL_PREFIX):] if name.startswith(NATIONAL_PREFIX) and len(name) > len(NATIONAL_PREFIX) else name
        title = f' title="{esc(name)}"' if short != name else ""
        parts.append(f'<span class="std-issuer"{title}>{esc(short)}{_SEP if position < len(names) else ""}</span>')
    return "".join(parts)


def _d(day) -> str:
    return day.isoformat() if day else ""


def changes_section(ctx: RenderContext, view: ed.EditionView, src: str, heading: str, level: int = 2) -> str:
    """本期变化: entries added, and entries removed with the reason (废止, or 被代替 with links)."""
    links = ctx.links
    sub = f"h{level + 1}"
    out = [f"\n{'#' * level} {heading} {{#changes}}\n\n"]
    if view.previous is None:
        out.append('<p class="std-dir-nochange">本期为首期，无变化记录。</p>\n')
        return "".join(out)
    since = links.a(src, edition_src(view.previous.id), f"{view.previous.id} 期")
    if not view.added and not view.removed:
        out.append(f'<p class="std-dir-nochange">与 {since} 相比无变化。</p>\n')
        return "".join(out)
    out.append(f"<p>与 {since} 相比：新增 {len(view.added)} 项，移除 {len(view.removed)} 项。</p>\n\n")
    if view.added:
        items = []
        for e in view.added_entries():
            label = f"{e.id} {e.title}"
            items.append(f"<li>{links.a(src, e.page, label) if e.page else esc(label)}</li>")
        out.append(f'<{sub} id="added">新增（{len(view.added)} 项）</{sub}>\n<ul class="std-dir-added">{"".join(items)}</ul>\n\n')
    if view.removed:
        by_code = ctx.catalog.by_code
        items = []
        for r in view.removed:
            label = f"{r.id} {r.title}".strip()
            what = links.a(src, r.page, label) if r.page else esc(label)
            if r.reason == ed.REPLACED and r.by:
                replacing = "、".join(
                    links.a(src, standard_src(by_code[c].slug), c, cls="std-code") if c in by_code else esc(c)
                    for c in r.by)
                reason = f"被代替，由 {replacing} 代替"
            else:
                reason = esc(r.reason)
            items.append(f'<li data-reason="{esc(r.reason)}">{what} — {reason}</li>')
        out.append(f'<{sub} id="removed">移除（{len(view.removed)} 项）</{sub}>\n<ul class="std-dir-removed">{"".join(items)}</ul>\n')
    return "".join(out)


def _counts(view: ed.EditionView) -> str:
    n_std = sum(1 for e in view.entries if e.kind == ed.STANDARD)
    n_doc = len(view.entries) - n_std
    return f"共 {len(view.entries)} 项（标准 {n_std} 项，规范性文件 {n_doc} 项）"


DOWNLOADS = ((XLSX_NAME, "Excel 表格"), (CSV_NAME, "CSV 表格"))   # edition.json stays, for programs only


COPY_STEM = "规范性文件目录"


def edition_label(edition_id: str) -> str:
    """2026-1 -> 2026年第1期 (a year and a number, as the office names its editions), else `<id>期`."""
    year, dash, number = edition_id.partition("-")
    if dash and year.isdigit() and len(year) == 4 and number.isdigit():
        return f"{year}年第{int(number)}期"
    return f"{edition_id}期"


def copy_name(edition_id: str, name: str) -> str:
    """The edition-named copy of an export (written beside 目录.xlsx / 目录.csv), the file a clerk
    downloads — also from the offline bundle, where a link's download name is not honoured:
    `目录.xlsx` of 2026-1 -> `规范性文件目录-2026年第1期.xlsx`."""
    ext = name.rpartition(".")[2]
    return download_name(f"{COPY_STEM}-{edition_label(edition_id)}") + f".{ext}"


def download_links(ctx: RenderContext, view: ed.EditionView, src: str) -> list[str]:
    """Links to an edition's spreadsheets, under names that say which edition they are."""
    return [f'<a href="{html_attr(ctx.links.rel(src, edition_file(view.id, copy_name(view.id, name))))}" '
            f'download="{esc(copy_name(view.id, name))}">{esc(label)}</a>' for name, label in DOWNLOADS]


def downloads(ctx: RenderContext, view: ed.EditionView, src: str) -> str:
    links = download_links(ctx, view, src)
    return (f'<p class="std-dir-downloads" data-search-exclude>下载本期目录：{" · ".join(links)}'
            f'（{esc(copy_name(view.id, XLSX_NAME))}、{esc(copy_name(view.id, CSV_NAME))}）</p>\n')


# -- pages -------------------------------------------------------------------------------------

def edition_page(ctx: RenderContext, view: ed.EditionView) -> str:
    src = edition_src(view.id)
    title = ed.title(ctx.catalog.project)
    out = [front_matter(f"{title}（{view.id} 期）", search=LISTING, description=f"{title} {view.id} 期", hide=WIDE),
           '<div class="std-dir" markdown="1">\n\n',
           f"# {esc(title)} {{#title}}\n\n",
           f'<p class="std-dir-meta"><span class="std-dir-edition">第 <strong>{esc(view.id)}</strong> 期</span>'
           f' <span class="std-dir-date">截至 {date(view.date)}</span>'
           f' <span class="std-dir-count">{esc(_counts(view))}</span></p>\n\n']
    if view.frozen:
        out.append('<p class="std-dir-frozen" data-search-exclude>本期目录已发布，以下为发布时的内容；'
                   '此后标准状态的变化见最新一期目录。</p>\n\n')
    else:
        out.append('<p class="std-dir-unpublished std-notice" data-search-exclude><strong>本期尚未发布。</strong>'
                   '该期日期已过，但还没有发布（冻结），以下内容按现在的标准库计算，可能与当时应发布的目录不同。</p>\n\n')
    out.append(downloads(ctx, view, src) + "\n")
    out.append(entries_table(ctx, view, src) + "\n")
    out.append(changes_section(ctx, view, src, "本期变化"))
    out.append("\n</div>\n")
    return "".join(out)


def index_page(ctx: RenderContext, views: list[ed.EditionView]) -> str:
    cat = ctx.catalog
    title = ed.title(cat.project)
    out = [front_matter("规范性文件目录", search=LISTING, hide=WIDE), f"# {esc(title)}\n\n"]
    out.append("<p>定期发布的标准类规范性文件目录：每期列出截至该期日期的现行和即将实施的标准，以及现行有效的规范性文件，"
               "并说明与上期相比的变化。各期可下载 Excel 表格和 CSV 表格。</p>\n\n")
    out.append("## 历次目录 {#editions}\n\n")
    if views:
        rows = []
        for v in reversed(views):
            state = (badge("已发布", "std-badge--published") if v.frozen else
                     '<span class="std-badge std-badge--unpublished" title="该期日期已过，但尚未发布（冻结），'
                     '内容仍会随标准状态变化">未发布</span>')
            first = v.previous is None         # nothing to compare with: no 新增 0 移除 0
            rows.append([f"{ctx.links.a(INDEX, edition_src(v.id), f'{v.id} 期')} {state}", date(v.date), str(len(v.entries)),
                         "首期" if first else str(len(v.added)), "—" if first else str(len(v.removed)),
                         " · ".join(download_links(ctx, v, INDEX))])
        out.append('<div class="std-dir std-dir--editions">'
                   + table(["期次", "截至日期", "收录", "新增", "移除", "下载"], rows, "std-table std-dir-editions")
                   + "</div>\n\n")
    elif cat.project.directory is None:
        out.append("<p>尚未设置目录期次（在 standards_src/directory.yaml 中添加）。</p>\n\n")
    else:
        out.append(f"<p>截至 {date(cat.as_of)} 尚无已到期的目录期次。</p>\n\n")
    current = ed.current_view(cat.project, cat.as_of, views)
    out.append(f"## 现行目录（截至 {date(cat.as_of)}） {{#current}}\n\n")
    out.append(f'<div class="std-dir std-dir--current" markdown="1">\n\n'
               f'<p class="std-dir-meta"><span class="std-dir-count">{esc(_counts(current))}</span></p>\n\n')
    listed = {e.id for v in views for e in v.entries}
    fresh = {e.id for e in current.entries if e.id not in listed}
    if fresh and views:
        out.append(f'<p class="std-dir-fresh">其中 {len(fresh)} 项尚未列入任何一期目录（标“未入目录”），'
                   f'将在下一期目录中发布。</p>\n\n')
    out.append(entries_table(ctx, current, INDEX, fresh if views else frozenset()) + "\n")
    if current.previous is not None:
        out.append(changes_section(ctx, current, INDEX, "最新一期以来的变化", level=3))
    out.append("\n</div>\n")
    return "".join(out)

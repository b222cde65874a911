"""Spreadsheets: the rule for every cell of every CSV and XLSX we write, the shared writers
(`csv_table`, `Sheet` + `workbook_bytes`, `sheet_row`, `saved`), and the directory as 目录.csv
(UTF-8 with BOM, for Excel and WPS) and 目录.xlsx (a sheet a clerk prints as is).

Every cell written from the sources goes through `spreadsheet_cell` (the writers here do it):
no value becomes a formula in Excel or WPS, and no character an XLSX cannot hold breaks the
build. Output is byte-identical for the same sources and as-of date: no timestamps (an XLSX is a
zip, re-packed with fixed dates).
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from ..derive.editions import EditionView, Entry
from ..escape import xml_text
from ..render.directory import COLUMNS
from ..text import iso_date
from .cache import BuildCache
from .files import write_zip

WIDTHS = (6, 12, 26, 48, 28, 12, 12, 10)       # XLSX column widths (characters)


# -- the rule for every cell ------------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")      # what makes Excel or WPS read a cell as a formula (OWASP)


def spreadsheet_text(value: str) -> str:
    """Text for a spreadsheet cell, shown and never run: a leading = + - @ tab or carriage return
    gets an apostrophe in front (`=HYPERLINK(…)` -> `'=HYPERLINK(…)`)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def spreadsheet_cell(value: object) -> str | int | float | dt.date | None:
    """Any value as a cell: numbers and dates stay what they are, None and "" are empty,
    everything else is text through `spreadsheet_text` (without the control characters an
    XLSX cannot hold)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value
    return spreadsheet_text(xml_text(value))


def csv_table(columns: tuple[str, ...], values: list[list[str | int | dt.date | None]]) -> bytes:
    """A CSV file for Excel and WPS: UTF-8 with BOM, CRLF line ends, dates as YYYY-MM-DD, every
    cell through `spreadsheet_cell`."""
    def cell(value: object) -> object:
        value = spreadsheet_cell(value)
        return "" if value is None else value.isoformat() if isinstance(value, dt.date) else value

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values_row in [list(columns), *values]:
        writer.writerow([cell(v) for v in values_row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def sheet_row(ws, values: list) -> tuple:
    """Append a row to an openpyxl worksheet, every cell through `spreadsheet_cell`: text stored
    as text (openpyxl would store "=…" as a formula), dates shown yyyy-mm-dd. Returns the cells."""
    ws.append([spreadsheet_cell(v) for v in values])
    row = ws._current_row               # (`ws[ws.max_row]` measures the whole sheet: quadratic in the rows)
    cells = tuple(ws.cell(row=row, column=col) for col in range(1, len(values) + 1))
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        elif isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    return cells


# -- the directory -------------------------------------------------------------------------------------
def rows(view: EditionView) -> list[list]:
    """The directory table, in the order of COLUMNS."""
    return [row(index, entry) for index, entry in enumerate(view.entries, 1)]


def row(index: int, e: Entry) -> list:
    return [index, e.category, e.id, e.title, "、".join(e.issuer), iso_date(e.issued) or "",
            iso_date(e.effective) or "", e.status]


def csv_bytes(view: EditionView) -> bytes:
    """目录.csv."""
    return csv_table(COLUMNS, rows(view))


# -- printable workbooks -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sheet:
    """One printable worksheet: a title row, a header row and the rows. Cells are text (always
    stored as text, never run as a formula), whole numbers, dates (shown yyyy-mm-dd) or None."""

    name: str
    heading: str
    columns: tuple[str, ...]
    rows: list[list[str | int | dt.date | None]]
    widths: tuple[int, ...]
    wrap: frozenset[int] = frozenset()          # 1-based columns whose text wraps
    center: frozenset[int] = frozenset()        # 1-based columns centred


def workbook_bytes(sheets: list[Sheet], when: dt.date, title: str) -> bytes:
    """A workbook a clerk prints as is — on every sheet a title row, bold header, column widths,
    frozen header, A4 landscape fitted to the page width, title and header rows repeated on
    every printed page, page numbers — with the same bytes for the same sheets and date."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _fill(wb.create_sheet(sheet.name[:31]), sheet)
    return saved(wb, title, dt.datetime.combine(when, dt.time()))


FONT = "宋体"            # every cell in one CJK font (openpyxl's default is Calibri, a Latin font)


def saved(wb, title: str, when: dt.datetime, cached: dict[str, dict[str, int | str]] | None = None) -> bytes:
    """The workbook's bytes, the same for the same content: dated `when`, titled, no author (the
    file speaks for the office, not for this program), every font the CJK `FONT`, re-packed.
    `cached`: {sheet name: {formula start: result}} — the result stored with each formula of that
    sheet starting so, for viewers that show stored results instead of recalculating."""
    wb.properties.created = wb.properties.modified = when
    wb.properties.title = xml_text(title)
    wb.properties.creator = None
    wb.properties.lastModifiedBy = None
    out = io.BytesIO()
    wb.save(out)
    sheets = {f"xl/worksheets/sheet{n}.xml": cached[name]
              for n, name in enumerate(wb.sheetnames, 1) if cached and name in cached}
    return _stable_zip(out.getvalue(), when, sheets)


def _with_results(xml: str, results: dict[str, int | str]) -> str:
    """Store `results` in the formula cells of a sheet's XML (openpyxl writes them empty)."""
    def one(m: re.Match) -> str:
        formula = html.unescape(m.group(3))
        for start, value in results.items():
            if formula.startswith(start):
                if isinstance(value, str):
                    return f'<c r="{m.group(1)}"{m.group(2)} t="str"><f>{m.group(3)}</f><v>{xml_text(value)}</v></c>'
                return f'<c r="{m.group(1)}"{m.group(2)}><f>{m.group(3)}</f><v>{value}</v></c>'
        return m.group(0)
    return re.sub(r'<c r="([A-Z]+\d+)"((?: s="\d+")?)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', one, xml)


def _cjk_fonts(xml: str) -> str:
    """styles.xml with every font named `FONT`, not tied to the theme's Latin font."""
    xml = re.sub(r'<name val="[^"]*"\s*/>', f'<name val="{FONT}"/>', xml)
    xml = re.sub(r'<scheme val="[^"]*"\s*/>', "", xml)
    return re.sub(r"<font>(.*?)</font>",
                  lambda m: m.group(0) if "<name " in m.group(1) else f'<font>{m.group(1)}<name val="{FONT}"/></font>', xml)


def _fill(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    span = len(sheet.columns)
    sheet_row(ws, [sheet.heading])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    sheet_row(ws, list(sheet.columns))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    styles: list = []                   # each column's style, set on the first row and copied after
    for values in sheet.rows:
        cells = sheet_row(ws, values)
        if not styles:
            for col, cell in enumerate(cells, 1):
                cell.border = border
                cell.alignment = Alignment(vertical="center", wrap_text=col in sheet.wrap,
                                           horizontal="center" if col in sheet.center else "left")
            styles = [cell._style for cell in cells]
            continue
        for cell, style in zip(cells, styles):  # copying the style array skips openpyxl's style lookups
            cell._style = copy.copy(style)
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.number_format != "General":
                cell.number_format = "General"
    for col, width in enumerate(sheet.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A3"
    a4_landscape(ws)


def a4_landscape(ws) -> None:
    """Print a sheet on A4 landscape fitted to the page width, centred, the title and header rows
    (1–2) repeated on every page, with page numbers."""
    ws.print_title_rows = "1:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def xlsx_bytes(view: EditionView, title: str) -> bytes:
    """目录.xlsx: the edition's table as one printable sheet."""
    heading = f"{title}（{view.id} 期，截至 {view.date.isoformat()}）" if view.id else \
        f"{title}（截至 {view.date.isoformat()}）"
    # 发布日期 and 实施日期 are date cells (sortable, filterable), shown as yyyy-mm-dd
    values = [[index] + row(index, e)[1:5] + [e.issued, e.effective, e.status] for index, e in enumerate(view.entries, 1)]
    sheet = Sheet(f"目录{view.id}" if view.id else "目录", heading, COLUMNS, values, WIDTHS,
                  wrap=frozenset({4, 5}), center=frozenset({1, 6, 7, 8}))
    return workbook_bytes([sheet], view.date, heading)


def _stable_zip(data: bytes, when: dt.datetime, results: dict[str, dict] | None = None) -> bytes:
    """Re-pack a zip with a fixed date on every member, so the same input gives the same bytes.
    openpyxl stamps `dcterms:modified` with the time of saving: it is set to `when` as well.
    Fonts become `FONT`; formula results are stored where `results` names the sheet."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    modified = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def members():
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            for info in src.infolist():
                content = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    content = re.sub(r"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{modified}\2",
                                     content.decode("utf-8")).encode("utf-8")
                elif info.filename == "xl/styles.xml":
                    content = _cjk_fonts(content.decode("utf-8")).encode("utf-8")
                elif results and info.filename in results:
                    content = _with_results(content.decode("utf-8"), results[info.filename]).encode("utf-8")
                yield info.filename, content

    out = io.BytesIO()
    write_zip(out, members(), stamp)
    return out.getvalue()


def cached_xlsx(view: EditionView, title: str, csv_data: bytes, cache: BuildCache) -> bytes:
    """An edition's sheet (same rows, title and date) from the build cache when unchanged."""
    return cached_workbook(f"{title} {view.id} {view.date}", csv_data, cache, lambda: xlsx_bytes(view, title))


def cached_workbook(label: str, csv_data: bytes, cache: BuildCache, make: Callable[[], bytes]) -> bytes:
    """openpyxl takes about a second per thousand rows: a workbook whose content (its CSV form and
    `label`: title, date…) is unchanged comes from the build cache instead of `make()`."""
    import openpyxl

    key = hashlib.sha256(b"\0".join([f"xlsx-5 {openpyxl.__version__} {label}".encode("utf-8"),
                                      csv_data])).hexdigest()[:32]
    data = cache.get(f"xlsx-{key}.bin")
    if data is None:
        data = make()
        cache.put(f"xlsx-{key}.bin", data)
    return data

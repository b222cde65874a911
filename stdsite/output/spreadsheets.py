"""The directory as spreadsheets: 目录.csv (UTF-8 with BOM, for Excel and WPS) and 目录.xlsx (a sheet
a clerk prints as is). Output is byte-identical for the same sources and as-of date: no
timestamps (the XLSX is a zip, re-packed with fixed dates).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile

from ..derive.editions import EditionView, Entry
from ..render.directory import COLUMNS
from ..text import iso_date
from .cache import BuildCache
from .files import write_zip

WIDTHS = (6, 12, 26, 48, 28, 12, 12, 10)       # XLSX column widths (characters)
DATE_COLUMNS = (6, 7)                          # 发布日期, 实施日期: date cells in the XLSX


def rows(view: EditionView) -> list[list[str]]:
    """The directory table as text cells, in the order of COLUMNS."""
    return [row(index, entry) for index, entry in enumerate(view.entries, 1)]


def row(index: int, e: Entry) -> list[str]:
    return [str(index), e.category, e.id, text_cell(e.title), text_cell("、".join(e.issuer)),
            iso_date(e.issued) or "", iso_date(e.effective) or "", e.status]


def text_cell(value: str) -> str:
    """A spreadsheet shows text, never runs it: a leading = + - @ would start a formula in Excel/WPS."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def csv_bytes(view: EditionView) -> bytes:
    """目录.csv: UTF-8 with BOM (so Excel and WPS detect the encoding), CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(view))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def xlsx_bytes(view: EditionView, title: str) -> bytes:
    """目录.xlsx: a sheet a clerk can print as is — title row, bold header, column widths, frozen
    header, A4 landscape, title and header rows repeated on every printed page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = f"目录{view.id}"[:31] if view.id else "目录"
    heading = f"{title}（{view.id} 期，截至 {view.date.isoformat()}）" if view.id else \
        f"{title}（截至 {view.date.isoformat()}）"
    ws.append([heading])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    ws.append(list(COLUMNS))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for index, entry in enumerate(view.entries, 1):
        values = row(index, entry)
        ws.append([index] + values[1:5] + [entry.issued, entry.effective, values[7]])
        for col, cell in enumerate(ws[ws.max_row], 1):
            if col in DATE_COLUMNS:
                cell.number_format = "yyyy-mm-dd"   # a real date (sortable, filterable), shown as 2025-03-01
            elif col > 1:
                cell.data_type = "s"            # openpyxl would store "=…" as a formula
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=col in (4, 5),
                                       horizontal="center" if col in (1, 6, 7, 8) else "left")
    for col, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    fixed = dt.datetime.combine(view.date, dt.time())
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.title = heading
    wb.properties.creator = "stdsite"
    out = io.BytesIO()
    wb.save(out)
    return _stable_zip(out.getvalue(), fixed)


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """Re-pack a zip with a fixed date on every member, so the same input gives the same bytes.
    openpyxl stamps `dcterms:modified` with the time of saving: it is set to `when` as well."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    # the namespaces are declared on the element itself, as openpyxl does for dcterms:created
    modified = ('<dcterms:modified xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                f'xsi:type="dcterms:W3CDTF">{when.strftime("%Y-%m-%dT%H:%M:%SZ")}</dcterms:modified>')

    def members():
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            for info in src.infolist():
                content = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    content = re.sub(r"<dcterms:modified\b[^>]*>[^<]*</dcterms:modified>", modified,
                                     content.decode("utf-8")).encode("utf-8")
                yield info.filename, content

    out = io.BytesIO()
    write_zip(out, members(), stamp)
    return out.getvalue()


def cached_xlsx(view: EditionView, title: str, csv_data: bytes, cache: BuildCache) -> bytes:
    """openpyxl takes about a second per thousand rows: an unchanged edition's sheet (same rows,
    title and date) comes from the build cache."""
    import openpyxl

    key = hashlib.sha256(b"\0".join([f"xlsx-2 {openpyxl.__version__} {title} {view.id} {view.date}".encode("utf-8"),
                                      csv_data])).hexdigest()[:32]
    data = cache.get(f"xlsx-{key}.bin")
    if data is None:
        data = xlsx_bytes(view, title)
        cache.put(f"xlsx-{key}.bin", data)
    return data

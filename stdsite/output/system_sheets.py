"""The standard system table as downloads: system/标准体系表.xlsx (sheets 明细表 and 统计表, each
printable as is) and system/明细表.csv (UTF-8 with BOM). Same rows as the system page."""
from __future__ import annotations

import datetime as dt

from ..derive.system_table import DETAIL_COLUMNS, STATS_COLUMNS, SystemTable
from ..render.system import CSV_NAME, XLSX_NAME
from ..urls import system_file
from .cache import BuildCache
from .sitefiles import SiteWriter
from .spreadsheets import Sheet, cached_workbook, csv_table, workbook_bytes

DETAIL_WIDTHS = (6, 12, 20, 40, 12, 12, 22, 10, 14)
STATS_WIDTHS = (22, 10, 10, 10, 10, 10, 12, 8, 8, 12)
TITLE = "标准体系表"


def detail_csv(table: SystemTable) -> bytes:
    return csv_table(DETAIL_COLUMNS, [r.cells() for r in table.detail])


def system_xlsx(table: SystemTable, as_of: dt.date) -> bytes:
    """标准体系表.xlsx: the 明细表 (dates as dates) and the 统计表, A4 landscape."""
    stamp = f"（截至 {as_of.isoformat()}）"
    detail = Sheet("明细表", f"{TITLE} 明细表{stamp}", DETAIL_COLUMNS, [r.cells() for r in table.detail],
                   DETAIL_WIDTHS, wrap=frozenset({4, 7, 9}), center=frozenset({1, 5, 6, 8}))
    stats = Sheet("统计表", f"{TITLE} 统计表{stamp}", STATS_COLUMNS, [r.cells() for r in table.stats],
                  STATS_WIDTHS, center=frozenset(range(2, len(STATS_COLUMNS) + 1)))
    return workbook_bytes([detail, stats], as_of, f"{TITLE}{stamp}")


def write_system(table: SystemTable, as_of: dt.date, out: SiteWriter, cache: BuildCache) -> None:
    """Write both downloads into site/system/ (the workbook from the cache when its rows are unchanged)."""
    csv_data = detail_csv(table)
    stats = csv_table(STATS_COLUMNS, [r.cells() for r in table.stats])
    xlsx = cached_workbook(f"{TITLE} {as_of}", csv_data + stats, cache, lambda: system_xlsx(table, as_of))
    for name, data in ((XLSX_NAME, xlsx), (CSV_NAME, csv_data)):
        out.write(system_file(name), data)

"""评估汇总.xlsx of a course: a template the trainer fills in from the returned 培训效果评估表
(sheet 录入: an Excel table, one row per form, scores 1–5 checked by data validation, the open
answers; the table grows as rows are typed) and that totals itself (sheet 汇总: per item the
number of forms, the average and the share of 4 and 5, as formulas over whole columns, so any
number of forms counts; their results for an empty table are stored with them, for viewers that
do not recalculate). Same course, same bytes: fixed dates, re-packed zip (spreadsheets.py)."""
from __future__ import annotations

import datetime as dt

from ..model import EVALUATION_ITEMS, EVALUATION_QUESTIONS, Course
from .cache import BuildCache
from .spreadsheets import a4_landscape, cached_workbook, saved, sheet_row

LEAD = 3                                  # 表号, 培训日期, 讲师 before the scores
# What the 汇总 formulas give while no form is entered, stored as their cached values so that a
# viewer that does not recalculate (a phone preview, some web viewers) shows 0 and blanks, not
# nothing or an error: COUNT -> 0, the IF(COUNT()=0,"",…) cells -> "".
EMPTY_RESULTS = {"汇总": {"COUNT(": 0, "IF(": ""}}
ROWS = 50                                 # empty rows of the entry table (it grows when typing below)
VALIDATED = 2000                          # rows whose scores are checked (1–5)
FIXED = dt.datetime(2021, 1, 1)           # the template does not change with the as-of date


def cached_evaluation_xlsx(course: Course, cache: BuildCache) -> bytes:
    """The course's spreadsheet, from the build cache when its title was seen before."""
    return cached_workbook(f"评估汇总 {course.title}", b"", cache, lambda: evaluation_xlsx_bytes(course))


def evaluation_xlsx_bytes(course: Course) -> bytes:
    """The spreadsheet for one course (text from the sources is formula-safe)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    entry = wb.active
    entry.title = "录入"
    heading = f"《{course.title}》培训效果评估汇总"
    scores = len(EVALUATION_ITEMS)
    width = LEAD + scores + len(EVALUATION_QUESTIONS)
    _title(entry, heading + "（每份评估表录入一行，评分填 1～5：5 非常满意，1 很不满意）", width, Font, Alignment)
    entry.append(["表号", "培训日期", "讲师"] + [f"{n}. {item}" for n, item in enumerate(EVALUATION_ITEMS, 1)]
                 + [f"问{n}. {q}" for n, q in enumerate(EVALUATION_QUESTIONS, 1)])
    for cell in entry[2]:
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    entry.row_dimensions[2].height = 60
    last = get_column_letter(width)
    table = Table(displayName="评估表", ref=f"A2:{last}{2 + ROWS}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    entry.add_table(table)
    check = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                           showErrorMessage=True, errorTitle="评分无效", error="请填 1～5 的整数（5 非常满意，1 很不满意）")
    check.add(f"{get_column_letter(LEAD + 1)}3:{get_column_letter(LEAD + scores)}{2 + VALIDATED}")
    entry.add_data_validation(check)
    when = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                          showErrorMessage=True, errorTitle="日期无效", error="请填培训日期，如 2026-12-02")
    when.add(f"B3:B{2 + VALIDATED}")
    entry.add_data_validation(when)
    for row in range(3, 3 + ROWS):
        entry.cell(row=row, column=2).number_format = "yyyy-mm-dd"
    for col, w in zip("ABC", (6, 12, 12)):
        entry.column_dimensions[col].width = w
    for col in range(LEAD + 1, width + 1):
        entry.column_dimensions[get_column_letter(col)].width = 12 if col <= LEAD + scores else 36
    entry.freeze_panes = f"{get_column_letter(LEAD + 1)}3"

    summary = wb.create_sheet("汇总")
    _title(summary, heading, 5, Font, Alignment)
    summary.append(["序号", "评估项目", "回收份数", "平均分", "满意率（4 分及以上）"])
    for cell in summary[2]:
        cell.font = Font(bold=True)
    for n, item in enumerate(EVALUATION_ITEMS, 1):
        col = get_column_letter(LEAD + n)
        area = f"录入!{col}:{col}"
        summary.append([n, item, f"=COUNT({area})", f'=IF(COUNT({area})=0,"",ROUND(AVERAGE({area}),2))',
                        f'=IF(COUNT({area})=0,"",COUNTIF({area},">=4")/COUNT({area}))'])
        summary.cell(row=summary.max_row, column=5).number_format = "0.0%"
    for col, w in zip("ABCDE", (6, 34, 10, 10, 20)):
        summary.column_dimensions[col].width = w
    for ws in (entry, summary):
        a4_landscape(ws)
    return saved(wb, heading, FIXED, cached=EMPTY_RESULTS)


def _title(ws, text: str, width: int, Font, Alignment) -> None:
    """A merged, bold title row above the header (stored as text, never a formula)."""
    sheet_row(ws, [text])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[1].height = 26

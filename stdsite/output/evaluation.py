"""评估汇总.xlsx of a course: a template the trainer fills in from the returned 培训效果评估表
(sheet 录入: one row per form, scores 1–5 checked by data validation, the open answers) and that
totals itself (sheet 汇总: per item the number of forms, the average and the share of 4 and 5,
as formulas). Same course, same bytes: fixed dates, re-packed zip (spreadsheets.py)."""
from __future__ import annotations

import datetime as dt

from ..model import EVALUATION_ITEMS, EVALUATION_QUESTIONS, Course
from .spreadsheets import a4_landscape, saved, text_cell

FORMS = 200                               # rows prepared for returned forms
FIXED = dt.datetime(2021, 1, 1)           # the template does not change with the as-of date


def evaluation_xlsx_bytes(course: Course) -> bytes:
    """The spreadsheet for one course (text from the sources is formula-safe)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    entry = wb.active
    entry.title = "录入"
    heading = text_cell(f"《{course.title}》培训效果评估汇总")
    width = 1 + len(EVALUATION_ITEMS) + len(EVALUATION_QUESTIONS)
    header = ["表号"] + [f"{n}. {item}" for n, item in enumerate(EVALUATION_ITEMS, 1)] + \
        [f"问{n}. {q}" for n, q in enumerate(EVALUATION_QUESTIONS, 1)]
    _title(entry, heading + "（每份评估表录入一行，评分填 1～5：5 非常满意，1 很不满意）", width, Font, Alignment)
    entry.append(header)
    for cell in entry[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
    entry.row_dimensions[2].height = 60
    for row in range(3, 3 + FORMS):
        entry.cell(row=row, column=1, value=row - 2)
        for col in range(1, width + 1):
            entry.cell(row=row, column=col).border = border
    first, last = get_column_letter(2), get_column_letter(1 + len(EVALUATION_ITEMS))
    scores = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                            showErrorMessage=True, errorTitle="评分无效", error="请填 1～5 的整数（5 非常满意，1 很不满意）")
    scores.add(f"{first}3:{last}{2 + FORMS}")
    entry.add_data_validation(scores)
    entry.column_dimensions["A"].width = 6
    for col in range(2, 2 + len(EVALUATION_ITEMS)):
        entry.column_dimensions[get_column_letter(col)].width = 12
    for col in range(2 + len(EVALUATION_ITEMS), width + 1):
        entry.column_dimensions[get_column_letter(col)].width = 36
    entry.freeze_panes = "B3"

    summary = wb.create_sheet("汇总")
    _title(summary, heading, 5, Font, Alignment)
    summary.append(["序号", "评估项目", "回收份数", "平均分", "满意率（4 分及以上）"])
    for cell in summary[2]:
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(horizontal="center")
    for n, item in enumerate(EVALUATION_ITEMS, 1):
        col = get_column_letter(1 + n)
        area = f"录入!{col}3:{col}{2 + FORMS}"
        summary.append([n, item, f"=COUNT({area})", f'=IF(COUNT({area})=0,"",ROUND(AVERAGE({area}),2))',
                        f'=IF(COUNT({area})=0,"",COUNTIF({area},">=4")/COUNT({area}))'])
        row = summary.max_row
        summary.cell(row=row, column=5).number_format = "0.0%"
        for cell in summary[row]:
            cell.border = border
    for col, w in zip("ABCDE", (6, 34, 10, 10, 20)):
        summary.column_dimensions[col].width = w
    for ws in (entry, summary):
        a4_landscape(ws)
    return saved(wb, heading, FIXED)


def _title(ws, text: str, width: int, Font, Alignment) -> None:
    """A merged, bold title row above the header (stored as text, never a formula)."""
    ws.append([text])
    ws["A1"].data_type = "s"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[1].height = 26

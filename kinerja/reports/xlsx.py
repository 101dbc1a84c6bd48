"""Excel (XLSX) output with openpyxl: bold header rows, column widths, numbers kept as numbers.

Numbers are written as numbers (never as text) with a number format that an Indonesian Excel shows as
"1.234,56" (the separators come from the reader's locale; the format only fixes the decimals), so the
recipient can compute with them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.core.numbers import round_half_up

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E6E8EB")
BOLD = Font(bold=True)


def number_format(places: int) -> str:
    """``#,##0`` or ``#,##0.00``: thousands grouped, ``places`` decimals."""
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def cell_value(value: Any, places: int | None = None) -> Any:
    """A value openpyxl writes as a number: exact numbers become ``float`` after exact rounding.

    ``places`` rounds half-up first (the number shown in the PDF); ``None`` keeps full precision
    (a float of the exact value). ``None`` stays an empty cell.
    """
    if isinstance(value, Fraction | Decimal):
        if places is not None:
            value = round_half_up(value, places)
        return float(value)
    return value


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed; add sheets with :func:`add_table_sheet`)."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    return workbook


def write_title(sheet: Worksheet, lines: Iterable[str]) -> int:
    """Bold title lines at the top of ``sheet``; returns the next free row (a blank row left)."""
    row = 1
    for line in lines:
        sheet.cell(row=row, column=1, value=line).font = Font(bold=True, size=12)
        row += 1
    return row + 1 if row > 1 else 1


def write_table(
    sheet: Worksheet,
    *,
    start_row: int,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    places: Sequence[int | None] | None = None,
    bold_first_column: bool = False,
) -> int:
    """A bordered table: bold shaded header, numbers with ``places`` decimals per column.

    ``places[i]`` is the decimals of column ``i`` (``None``: not a number column, or full precision
    with a general format). Returns the next free row after a blank row.
    """
    for col, text in enumerate(header, 1):
        cell = sheet.cell(row=start_row, column=col, value=text)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = start_row + 1
    for values in rows:
        for col, value in enumerate(values, 1):
            p = places[col - 1] if places and col - 1 < len(places) else None
            cell = sheet.cell(row=row, column=col, value=cell_value(value, None))
            cell.border = BORDER
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                if p is not None:
                    cell.number_format = number_format(p)
                elif isinstance(cell.value, int):
                    cell.number_format = number_format(0)
            if col == 1 and bold_first_column:
                cell.font = BOLD
        row += 1
    return row + 1


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in characters, first column first."""
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def add_table_sheet(
    workbook: Workbook,
    title: str,
    *,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[float] | None = None,
    places: Sequence[int | None] | None = None,
    title_lines: Sequence[str] = (),
) -> Worksheet:
    """A sheet holding one table (with optional title lines above it)."""
    sheet = workbook.create_sheet(title=title[:31])
    start = write_title(sheet, title_lines)
    write_table(sheet, start_row=start, header=header, rows=rows, places=places)
    if widths:
        set_widths(sheet, widths)
    return sheet


SAMPLE_MARK = "DATA CONTOH — data pada dokumen ini adalah contoh, bukan data resmi"
"""The first row (and the printed header) of every sheet generated from sample data."""
SAMPLE_FONT = Font(bold=True, size=12, color="A4161A")


def mark_sample_data(workbook: Workbook, text: str = SAMPLE_MARK) -> None:
    """Mark every sheet as sample data: ``text`` in a new first row (seen on screen) and in the
    printed page header (odd, even and first pages)."""
    for sheet in workbook.worksheets:
        _insert_first_row(sheet)
        sheet.cell(row=1, column=1, value=text).font = SAMPLE_FONT
        for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
            existing = header.center.text
            header.center.text = f"{text}\n{existing}" if existing else text
            header.center.font = "Arial,Bold"
            header.center.color = "A4161A"


def _insert_first_row(sheet: Worksheet) -> None:
    """Insert an empty row 1. openpyxl moves the cells only: merged ranges, row heights, the frozen
    panes, the printed title rows and the filter move down here too. (Documents hold values, not
    formulas, so no reference needs rewriting.)"""
    merged = [r.coord for r in sheet.merged_cells.ranges]
    for coord in merged:
        sheet.unmerge_cells(coord)
    heights = {
        row: dimension.height
        for row, dimension in sheet.row_dimensions.items()
        if dimension.height is not None
    }
    sheet.insert_rows(1)
    for coord in merged:
        sheet.merge_cells(_shifted(coord))
    for row in heights:
        sheet.row_dimensions[row].height = None
    for row, height in heights.items():
        sheet.row_dimensions[row + 1].height = height
    if sheet.freeze_panes:
        sheet.freeze_panes = _shifted(sheet.freeze_panes)
    if sheet.print_title_rows:
        first, last = (int(n.strip("$")) for n in sheet.print_title_rows.split(":"))
        sheet.print_title_rows = f"{first + 1}:{last + 1}"
    if sheet.auto_filter.ref:
        sheet.auto_filter.ref = _shifted(sheet.auto_filter.ref)


def _shifted(ref: str) -> str:
    """``ref`` (``A1`` or ``A1:C4``) one row lower."""
    if ":" not in ref:
        column, row = coordinate_from_string(ref)
        return f"{column}{row + 1}"
    cells = CellRange(ref)
    cells.shift(row_shift=1)
    return str(cells.coord)


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook as XLSX bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Indonesian formatting of numbers and dates for documents.

Numbers go through :func:`kinerja.core.numbers.format_id` (dot thousands, decimal comma, "—" for no
value); dates are written "3 Januari 2022" whatever the active language, because official documents
are Indonesian legal documents.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from kinerja.core.numbers import EM_DASH, format_id
from kinerja.core.periods import Period, PeriodType, period_label, quarters_of

# "Triwulan I" .. "Triwulan IV": the formal wording of document tables (core.periods.period_label).
QUARTER_LABELS_ID = {
    q.index: period_label(q, "id", with_year=False, formal=True) for q in quarters_of(2000)
}


def format_date_id(value: datetime.date | None) -> str:
    """``date(2022, 1, 3)`` -> ``"3 Januari 2022"``; ``"—"`` for ``None``."""
    if value is None:
        return EM_DASH
    return f"{value.day} {Period(PeriodType.MONTH, value.year, value.month).label}"


def format_number_id(value: Decimal | Fraction | int | None, places: int = 2) -> str:
    """Indonesian number text (``format_id``), tolerant of ``None`` and of an empty string."""
    if value is None or value == "":
        return EM_DASH
    return format_id(value, places)


def period_label_id(year: int, quarter: int | None = None) -> str:
    """``"Tahun 2022"`` or ``"Triwulan II Tahun 2022"``: a document title's period."""
    period = Period.year_of(year) if quarter is None else Period(PeriodType.QUARTER, year, quarter)
    return period_label(period, "id", formal=True)


def period_dates(year: int, quarter: int | None = None) -> tuple[datetime.date, datetime.date]:
    """First and last day of a year or of one of its quarters."""
    period = Period.year_of(year) if quarter is None else Period(PeriodType.QUARTER, year, quarter)
    return period.start, period.end

"""Periods written for people in the active language: the pages' side of
:func:`kinerja.core.periods.period_label` (the core takes the language as an argument, as it
knows no Django).

Every page prints a period through these functions or the template filters of
``kinerja_periods`` ("TW IV 2025", "Tahun 2025"; "Q4 2025", "Year 2025" in English). The ISO form
("2025Q4") stays in URLs, forms' values and files. Documents are Indonesian whatever the page's
language, so they call the core with ``"id"`` (or render under ``translation.override("id")``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from kinerja.core import periods as core
from kinerja.core.periods import Period, PeriodType

__all__ = ["current_language", "period_label", "period_of"]


def current_language() -> str:
    """The active language (``id`` when none is active)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def period_label(
    period: Period | str | int, *, with_year: bool = True, formal: bool = False
) -> str:
    """``"TW IV 2025"``, ``"Tahun 2025"``, … in the active language (``ValueError`` for text that
    is not a period)."""
    return core.period_label(period, current_language(), with_year=with_year, formal=formal)


def period_of(year: int | str, quarter: int | str | None = None) -> Period:
    """The year, or its quarter when ``quarter`` (1..4, or its text) is given: the period of a
    page's ``?tahun=&triwulan=`` choice (``ValueError`` when they are out of range)."""
    year = int(year)
    if quarter in (None, ""):
        return Period.year_of(year)
    return Period(PeriodType.QUARTER, year, int(quarter))

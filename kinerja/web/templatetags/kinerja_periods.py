"""Template filters that write periods for people, in the page's language.

    {% load kinerja_periods %}
    {{ value.period|period_label }}        2025Q4 -> "TW IV 2025", 2025 -> "Tahun 2025"
    {{ cell.period|period_short }}         2025Q4 -> "TW IV" (column headers)
    {{ year|period_of:quarter }}           (2025, 4) -> "TW IV 2025"; (2025, "") -> "Tahun 2025"
    {{ q|quarter_label }}                  4 -> "TW IV"

A value that is not a period is printed as it is (a template shows what it has rather than fail).
"""

from __future__ import annotations

from typing import Any

from django import template

from kinerja.common import periods
from kinerja.core.periods import Period, PeriodType

register = template.Library()


def _label(value: Any, **options: Any) -> str:
    if value is None or value == "":
        return ""
    try:
        return periods.period_label(value, **options)
    except (TypeError, ValueError):
        return str(value)


@register.filter
def period_label(value: Any) -> str:
    """A period (``Period``, ``"2025Q4"`` or a year) with its year: ``"TW IV 2025"``."""
    return _label(value)


@register.filter
def period_short(value: Any) -> str:
    """A period without its year (``"TW IV"``); a year stays ``"Tahun 2025"``."""
    return _label(value, with_year=False)


@register.filter
def period_of(year: Any, quarter: Any = None) -> str:
    """The year, or its quarter when one is given: ``"TW IV 2025"`` or ``"Tahun 2025"``."""
    try:
        return periods.period_label(periods.period_of(year, quarter))
    except (TypeError, ValueError):
        return str(year)


@register.filter
def quarter_label(quarter: Any) -> str:
    """A quarter number (1..4) as its name without the year: ``"TW IV"`` (``"Q4"`` in English)."""
    try:
        period = Period(PeriodType.QUARTER, 2000, int(quarter))
    except (TypeError, ValueError):
        return str(quarter)
    return periods.period_label(period, with_year=False)

"""Template filters of the document system: Indonesian numbers and dates."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from django import template

from kinerja.reports.formatting import format_date_id, format_number_id

register = template.Library()


@register.filter
def num_id(value: Decimal | Fraction | int | None, places: int = 2) -> str:
    """``{{ value|num_id:2 }}`` -> ``1.234,50``; ``—`` for no value."""
    return format_number_id(value, int(places))


@register.filter
def date_id(value: datetime.date | None) -> str:
    """``{{ value|date_id }}`` -> ``3 Januari 2022``."""
    return format_date_id(value)

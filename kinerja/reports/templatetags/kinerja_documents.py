"""Template filters of the document system: Indonesian numbers and dates."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from django import template

from kinerja.organisations.models import Organisation
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


@register.filter
def kop_logo(organisation: Organisation) -> str:
    """``{{ organisation|kop_logo }}`` -> the ``file://`` address of the logo of the kop surat
    (:meth:`Organisation.letterhead_logo_path`: its own, a parent's or the default emblem), for
    WeasyPrint, which reads it from the disk."""
    return organisation.letterhead_logo_path().as_uri()

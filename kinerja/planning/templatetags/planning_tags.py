"""Template helpers of the planning pages."""

from decimal import Decimal
from typing import Any

from django import template

from kinerja.core.numbers import format_id

register = template.Library()


@register.filter
def id_number(value: Decimal | int | None, places: Any = 2) -> str:
    """A number Indonesian style (``1.234,50``), ``—`` for none."""
    if value is None or value == "":
        return format_id(None)
    return format_id(Decimal(value), int(places))

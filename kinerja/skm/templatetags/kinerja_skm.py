"""Template filters of the SKM pages: Indonesian numbers and Roman quarter numbers."""

from typing import Any

from django import template

from kinerja.core.numbers import format_id

register = template.Library()


@register.filter
def id_number(value: Any, places: int = 2) -> str:
    """``format_id`` (Indonesian style, "—" for no value)."""
    if value == "" or value is None:
        return format_id(None)
    return format_id(value, int(places))


@register.filter
def roman(value: Any) -> str:
    return {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(str(value), str(value))

"""Small formatting helpers of the home pages."""

from typing import Any

from django import template

from kinerja.core.numbers import EM_DASH, format_id
from kinerja.core.periods import parse_period

register = template.Library()


@register.simple_tag
def achievement_text(cell: Any) -> str:
    """``95,24 %`` for a cell's achievement, a dash when there is none."""
    return format_id(cell.achievement, 2) + " %" if cell.achievement is not None else EM_DASH


@register.filter
def period_text(period: str) -> str:
    """``TW III 2022`` for ``2022Q3``; the text itself when it is no period."""
    try:
        return parse_period(period).label
    except ValueError:
        return period


@register.filter(name="abs")
def absolute(number: int) -> int:
    return abs(number)


@register.filter
def office_title(organisation: Any) -> str:
    """``Kecamatan Mayang``: the organisation's name with its level word."""
    level = organisation.get_level_display()
    name = organisation.name
    return name if name.lower().startswith(level.lower()) else f"{level} {name}"

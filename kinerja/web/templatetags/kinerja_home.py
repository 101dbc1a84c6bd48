"""Small formatting helpers of the home pages."""

from typing import Any

from django import template

from kinerja.core.numbers import EM_DASH, format_id

register = template.Library()


@register.simple_tag
def achievement_text(cell: Any) -> str:
    """``95,24 %`` for a cell's achievement, a dash when there is none."""
    return format_id(cell.achievement, 2) + " %" if cell.achievement is not None else EM_DASH


@register.filter(name="abs")
def absolute(number: int) -> int:
    return abs(number)


@register.filter
def office_title(organisation: Any) -> str:
    """``Kecamatan Mayang``: the organisation's name with its level word."""
    level = organisation.get_level_display()
    name = organisation.name
    return name if name.lower().startswith(level.lower()) else f"{level} {name}"

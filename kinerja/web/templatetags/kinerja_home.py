"""Small formatting helpers of the home pages."""

from typing import Any

from django import template

from kinerja.core.numbers import format_percent

register = template.Library()


@register.simple_tag
def achievement_text(cell: Any) -> str:
    """``95,24 %`` for a cell's achievement, a dash when there is none."""
    return format_percent(cell.achievement)


@register.filter(name="abs")
def absolute(number: int) -> int:
    return abs(number)

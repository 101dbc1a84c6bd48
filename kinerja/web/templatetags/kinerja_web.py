"""Template helpers of the page layout."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def lines(text: str) -> list[str]:
    """Non-empty lines of a text, e.g. a signatory title printed on several lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def office_name(organisation: Any) -> str:
    """The office line of a letterhead: KECAMATAN MAYANG (the level word added when missing)."""
    return str(organisation.office_name).upper()


@register.filter
def opens_in_browser(content_type: str) -> bool:
    """Whether an uploaded file of ``content_type`` opens in the browser (PDF, images;
    kinerja.common.downloads), so its link gets a "Download" link beside it."""
    from kinerja.common.downloads import is_viewable

    return is_viewable(content_type or "")

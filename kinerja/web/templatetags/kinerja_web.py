"""Template helpers of the page layout."""

from typing import Any

from django import template

from kinerja.accounts.access import memberships_of

register = template.Library()


@register.simple_tag
def user_memberships(user: Any) -> list[Any]:
    """The user's roles, each with its organisation, for the header."""
    return memberships_of(user)


@register.filter
def lines(text: str) -> list[str]:
    """Non-empty lines of a text, e.g. a signatory title printed on several lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def office_name(organisation: Any) -> str:
    """The office line of a letterhead: KECAMATAN MAYANG (the level word added when missing)."""
    name = organisation.name.upper()
    level = {"kecamatan": "KECAMATAN", "desa": "DESA", "kelurahan": "KELURAHAN"}.get(
        organisation.level, ""
    )
    if level and not name.startswith(level + " "):
        return f"{level} {name}"
    return name


@register.filter
def opens_in_browser(content_type: str) -> bool:
    """Whether an uploaded file of ``content_type`` opens in the browser (PDF, images;
    kinerja.common.downloads), so its link gets a "Download" link beside it."""
    from kinerja.common.downloads import is_viewable

    return is_viewable(content_type or "")

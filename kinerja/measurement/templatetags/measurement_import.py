"""``{% load measurement_import %}``: whether the user may import realizations (the link on the
entry list to the upload page)."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def can_import_realizations(user: Any) -> bool:
    from kinerja.measurement.import_views import importable_organisations

    return bool(getattr(user, "is_authenticated", False) and importable_organisations(user))

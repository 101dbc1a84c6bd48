"""Links from a printed cell to the records behind its value ("The dashboard and report cells link
to that list", issue 6 / the lineage pages of the registers).

A PDF is read away from the site, so the link must be absolute: it is built on
``settings.KINERJA_BASE_URL``; without one, documents carry no links [D].
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from kinerja.measurement.sources import lineage_url
from kinerja.organisations.models import Organisation


def record_link(indicator: Any, organisation: Organisation, period: str, *, source: str) -> str:
    """The absolute address of the page listing the records behind ``indicator``'s value of
    ``period`` (``2022`` or ``2022Q2``), or "" when there is none: a manual indicator, a value
    typed over the computed one (``source == "override"``, as on the dashboard), or no
    ``KINERJA_BASE_URL``."""
    base = getattr(settings, "KINERJA_BASE_URL", "")
    if not base or source == "override":
        return ""
    path = lineage_url(indicator, organisation, period)
    return f"{base}{path}" if path else ""

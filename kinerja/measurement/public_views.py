"""Published achievements: what the Camat approved, for anybody, without login.

The table is read as an anonymous visitor through ``performance_table(approved_only=True)``, so
the permission door decides what is public (approved values of a published decree), not this
page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from kinerja.core.numbers import format_id, format_percent
from kinerja.measurement import selectors
from kinerja.organisations.models import Level, Organisation

MIN_YEAR, MAX_YEAR = 2000, 2100


def _cell(cell: selectors.Cell, places: int) -> dict[str, Any]:
    return {
        "realization": format_id(cell.realization, places),
        "target": format_id(cell.target, places),
        "achievement": format_percent(cell.achievement),
        "predikat": cell.predikat or "",
        "colour": cell.colour or "none",
        "has_value": cell.has_value,
        "label": cell.label,
    }


@cache_control(public=True, max_age=300)
def achievements(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    organisation = (
        Organisation.objects.filter(code=kode, level=Level.KECAMATAN)
        .select_related("parent")
        .first()
    )
    if organisation is None or not MIN_YEAR <= tahun <= MAX_YEAR:
        raise Http404
    anonymous = AnonymousUser()
    rows = selectors.performance_table(
        user=anonymous, organisation=organisation, year=tahun, approved_only=True
    )
    table: list[dict[str, Any]] = [
        {
            "indicator": row.indicator,
            "quarters": [_cell(c, row.indicator.decimals) for c in row.quarters],
            "year": _cell(row.year, row.indicator.decimals),
        }
        for row in rows
    ]
    years = selectors.years_with_data(user=anonymous, organisation=organisation)
    return render(
        request,
        "measurement/public_achievements.html",
        {
            "organisation": organisation,
            "year": tahun,
            "table": table,
            "any_value": any(q["has_value"] for r in table for q in [*r["quarters"], r["year"]]),
            "quarter_labels": [c["label"] for c in table[0]["quarters"]] if table else [],
            "years": [y for y in years if y != tahun],
        },
    )

"""The public SKM results page of a kecamatan and year: aggregates only, no login.

It reads the running tallies through the SKM selectors (``skm_index``, ``skm_sample_check``): no
respondent's profile, answers or saran ever reach it. A period with fewer than
``PUBLIC_MIN_RESPONDENTS`` respondents is not shown, so that a result cannot reveal what one or two
identifiable people answered [D].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from kinerja.organisations.models import Level, Organisation

if TYPE_CHECKING:
    from kinerja.skm.selectors import SkmIndex
from kinerja.skm.display import (
    IKM_PLACES,
    KONVERSI_PLACES,
    NRR_PLACES,
    nrr_bar_chart,
)

PUBLIC_MIN_RESPONDENTS = 5
"""Fewest respondents a published period needs [D]."""


def _published(index: SkmIndex | None) -> SkmIndex | None:
    if index is None or index.result.respondents < PUBLIC_MIN_RESPONDENTS:
        return None
    return index


@cache_control(public=True, max_age=300)
def results(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Results of kecamatan ``kode`` (Kemendagri code, e.g. 35.09.26) for year ``tahun``."""
    from kinerja.skm import selectors

    organisation = Organisation.objects.filter(code=kode, level=Level.KECAMATAN).first()
    if organisation is None or not 2000 <= tahun <= 2100:
        raise Http404
    year_index = _published(selectors.skm_index(organisation=organisation, year=tahun))
    quarters = []
    for q in (1, 2, 3, 4):
        index = _published(selectors.skm_index(organisation=organisation, year=tahun, quarter=q))
        if index is not None:
            quarters.append((q, index.result))
    years = [y for y in selectors.skm_years(organisation) if y != tahun]
    result = year_index.result if year_index is not None else None
    return render(
        request,
        "skm/public_results.html",
        {
            "organisation": organisation,
            "office": organisation.office_name,
            "year": tahun,
            "result": result,
            "quarters": quarters,
            "years": years,
            "chart": nrr_bar_chart(result, chart_id="skm-public-nrr"),
            "minimum": PUBLIC_MIN_RESPONDENTS,
            "places": {"nrr": NRR_PLACES, "ikm": IKM_PLACES, "konversi": KONVERSI_PLACES},
        },
    )

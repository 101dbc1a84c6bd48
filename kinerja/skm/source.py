"""The SKM as the source of indicator 1.1 "Nilai SKM" (``value_source = "skm"``).

Components follow the indicator's own definition in the decree: numerator "Total dari nilai
persepsi per unsur" = IKM x k, denominator "Total unsur yang terisi" = k (the number of unsur with
answers), factor 25; the value is the IKM konversi itself, exactly as the index computes it (for
equal weights numerator = sum of the NRR). The records are one line per service with its
respondents, linking to the responses behind it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from urllib.parse import urlencode

from django.urls import reverse

from kinerja.core.numbers import format_id, round_half_up
from kinerja.core.periods import Period, PeriodType
from kinerja.iku.models import Indicator
from kinerja.measurement.sources import Source, SourceRecord, SourceResult, register_source
from kinerja.organisations.models import Organisation
from kinerja.skm import selectors
from kinerja.skm.models import Response


def _decimal(value: Fraction, places: int) -> Decimal:
    return round_half_up(value, places)


def period_index(organisation: Organisation, period: Period) -> selectors.SkmIndex | None:
    """The index of any calendar period: years, semesters and quarters from the tallies; a month
    from its raw answers (tallies are kept per quarter)."""
    if period.type is PeriodType.MONTH:
        responses = Response.objects.filter(
            organisation=organisation, date__gte=period.start, date__lte=period.end
        )
        return selectors.skm_index_from_responses(responses, organisation)
    quarters = range((period.first_month - 1) // 3 + 1, (period.last_month - 1) // 3 + 2)
    return selectors.skm_index(organisation=organisation, year=period.year, quarters=quarters)


def responses_url(period: Period, service_id: int | None = None) -> str:
    params: dict[str, object] = {"tahun": period.year}
    if period.type is PeriodType.QUARTER:
        params["triwulan"] = period.index
    if service_id is not None:
        params["layanan"] = service_id
    return f"{reverse('skm:responses')}?{urlencode(params)}"


def skm_source(indicator: Indicator, organisation: Organisation, period: Period) -> SourceResult:
    index = period_index(organisation, period)
    if index is None:
        return SourceResult(numerator=None, denominator=None, value=None, records=[])
    answered = sum(1 for row in index.result.rows if row.nrr is not None)
    records = []
    if period.type is not PeriodType.MONTH:
        quarters = range((period.first_month - 1) // 3 + 1, (period.last_month - 1) // 3 + 2)
        by_service = selectors.skm_index_by_service(
            organisation=organisation, year=period.year, quarters=quarters
        )
        for service in selectors.services_of(organisation):
            part = by_service.get(service.pk)
            if part is None:
                continue
            records.append(
                SourceRecord(
                    kind="layanan",
                    id=service.pk,
                    label=f"{service.name}: {part.respondents} responden, IKM konversi "
                    f"{format_id(part.result.ikm_konversi, 2)}",
                    counted_in=("pembilang", "penyebut"),
                    url=responses_url(period, service.pk),
                )
            )
    else:
        records.append(
            SourceRecord(
                kind="responden",
                id=0,
                label=f"{index.respondents} responden",
                counted_in=("pembilang", "penyebut"),
                url=responses_url(
                    Period(PeriodType.QUARTER, period.year, (period.index - 1) // 3 + 1)
                ),
            )
        )
    return SourceResult(
        numerator=_decimal(index.result.ikm * answered, 4),
        denominator=Decimal(answered),
        value=_decimal(index.result.ikm_konversi, 10),
        records=records,
    )


class SkmSource(Source):
    """``value_source = "skm"``: the index of the period; its lineage is the SKM's index page;
    its values are refreshed by ``skm.services.skm_refresh_iku`` when responses change."""

    key = "skm"

    def compute(
        self, indicator: Indicator, organisation: Organisation, period: Period
    ) -> SourceResult:
        return skm_source(indicator, organisation, period)

    def lineage_url(self, indicator: Indicator, organisation: Organisation, period: str) -> str:
        return reverse("skm:index")

    def indicators(self, organisation: Organisation) -> list[Indicator]:
        from kinerja.skm.services import skm_indicators

        return skm_indicators(organisation)


SOURCE = register_source(SkmSource())

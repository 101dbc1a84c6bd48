"""How the SKM's numbers are shown, on the SKM pages (the public results) and in the SKM report
of the documents system (:mod:`kinerja.reports.skm_document`): the decimals and the NRR chart."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from kinerja import charts
from kinerja.core.numbers import to_decimal
from kinerja.core.skm import IndexResult

# Decimals shown (the numbers themselves stay exact until printed) [D]:
NRR_PLACES = 3
WEIGHTED_PLACES = 3
IKM_PLACES = 3
KONVERSI_PLACES = 2


def nrr_bar_chart(result: IndexResult | None, *, chart_id: str = "skm-nrr") -> SafeString:
    """Horizontal bars of NRR per unsur on 0..4 (the shared :mod:`kinerja.charts`, as on the
    dashboard), the value printed at the end of each bar; empty without answers."""
    if result is None:
        return mark_safe("")
    svg = charts.bar_list_chart(
        items=[
            # the code only: the shared chart keeps labels short; names are in the table beside it
            (row.unsur.code, None if row.nrr is None else to_decimal(row.nrr))
            for row in result.rows
        ],
        maximum=4,
        title="Nilai rata-rata (NRR) per unsur",
        desc="NRR setiap unsur pelayanan pada skala 1 sampai 4",
        decimals=NRR_PLACES,
        chart_id=chart_id,
    )
    return mark_safe(svg)  # built by kinerja.charts, which escapes every text it prints

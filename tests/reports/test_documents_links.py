"""Computed realizations in the printed documents link to the records behind them (the lineage pages
of the registers, the SKM index), absolute on ``KINERJA_BASE_URL``; typed values and overrides do
not; without a base URL no document has links."""

import subprocess
import tempfile
from pathlib import Path

import pytest

from kinerja.accounts.access import OrganisationReader
from kinerja.iku.models import Decree
from kinerja.measurement.models import IndicatorValue
from kinerja.reports import lkjip_document, pengukuran_document
from kinerja.reports.documents import generate
from kinerja.reports.pdf import render_document
from tests.reports.documents_data import make_pk, make_values

pytestmark = pytest.mark.django_db
BASE = "https://kinerja.mayang.example.go.id"


def pdf_urls(pdf: bytes) -> set[str]:
    """The link targets in the PDF file (``pdfinfo -url``: page, type, URL per line)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdfinfo", "-url", str(path)], check=True, capture_output=True, text=True
        )
    return {line.split()[-1] for line in out.stdout.splitlines()[1:] if line.strip()}


def _links(document):
    """(page number, target) of every link WeasyPrint put in the PDF, in page order."""
    return [
        (number, link[1])
        for number, page in enumerate(document.pages, 1)
        for link in page.links
        if link[0] == "external"
    ]


@pytest.fixture
def computed(mayang):
    """The document dataset with 1.1 computed from the SKM and 2.1 from the coordination register
    (2.2-2.4 stay typed in); 2.1's TW I value was typed over the computed one (override)."""
    make_pk(mayang, program=False)
    make_values(mayang)
    decree = Decree.objects.get(organisation=mayang, status="in_force")
    decree.indicators.filter(code="1.1").update(value_source="skm")
    decree.indicators.filter(code="2.1").update(
        value_source="register", source_params={"register": "coordination"}
    )
    IndicatorValue.objects.filter(indicator__code="2.1", period="2022Q1").update(source="override")
    return {i.code: i for i in decree.indicators.all()}


def test_pengukuran_cells_link_to_the_records(settings, mayang, computed):
    settings.KINERJA_BASE_URL = BASE
    skm = f"{BASE}/skm/"
    coordination = f"{BASE}/koordinasi/indikator/{computed['2.1'].pk}/2022Q2/"
    data = pengukuran_document.context(
        user=OrganisationReader.of(mayang), organisation=mayang, year=2022, quarter=2
    )
    lines = {b.indicator.code: b for b in data["blocks"]}
    # 1.1 (SKM): TW II in the summary, TW I and TW II in the trend
    assert lines["1.1"].quarter.link == skm
    assert [ln.link for ln in lines["1.1"].trend] == [skm, skm]
    # 2.1 (coordination): TW I was overridden -> no link; TW II links to its lineage page
    assert [ln.link for ln in lines["2.1"].trend] == ["", coordination]
    assert lines["2.1"].quarter.link == coordination
    # typed-in indicators have none
    assert all(ln.link == "" for code in ("2.2", "2.3", "2.4") for ln in lines[code].trend)
    document = render_document("reports/pengukuran.html", data)
    targets = [target for _page, target in _links(document)]
    assert targets.count(coordination) == 2  # summary row and the TW II line
    # the year-to-date line has no page of its own records (as on the dashboard): not linked
    assert lines["2.1"].cumulative.link == lines["1.1"].cumulative.link == ""
    assert targets.count(skm) == 3 and set(targets) == {skm, coordination}
    pdf = generate(
        "pengukuran",
        user=OrganisationReader.of(mayang),
        organisation=mayang,
        year=2022,
        quarter=2,
        fmt="pdf",
    )
    assert pdf_urls(pdf) == {skm, coordination}  # the annotations are in the file


def test_lkjip_bab3_realization_links(settings, mayang, computed):
    settings.KINERJA_BASE_URL = BASE
    data = lkjip_document.context(
        user=OrganisationReader.of(mayang), organisation=mayang, year=2022
    )
    blocks = {b.indicator.code: b for b in data["blocks"]}
    year_link = f"{BASE}/koordinasi/indikator/{computed['2.1'].pk}/2022/"
    assert blocks["2.1"].link == year_link
    assert blocks["2.1"].realization == "85,37"  # (20 + 15) / (21 + 20), the year pooled
    # 1.1 (SKM) has no year value with TW III-IV missing: a "—" links nowhere; 2.2 is typed in
    assert (blocks["1.1"].realization, blocks["1.1"].link) == ("—", "")
    assert (blocks["2.2"].realization, blocks["2.2"].link) == ("50,00", "")
    document = render_document("reports/lkjip.html", data)
    targets = [target for _page, target in _links(document)]
    # the Ikhtisar and Bab III capaian tables and the indicator's own table; nothing else
    assert targets.count(year_link) >= 2 and set(targets) == {year_link}


def test_no_base_url_no_links(settings, mayang, computed):
    settings.KINERJA_BASE_URL = ""
    data = pengukuran_document.context(
        user=OrganisationReader.of(mayang), organisation=mayang, year=2022, quarter=2
    )
    assert all(ln.link == "" for b in data["blocks"] for ln in b.trend)
    assert _links(render_document("reports/pengukuran.html", data)) == []

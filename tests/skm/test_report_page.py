"""The staff SKM report page and its downloads, from responses stored through the SKM services."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.accounts.access import OrganisationReader
from kinerja.reports.documents import generate
from tests.reports.pdf import pdf_pages, pdf_text
from tests.skm.skm_data import store_sample

ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
)
LOGIN = "login"

# (query, expected per role): members of Mayang (and the regency admin) may open and download the
# report of Mayang; the Camat of another kecamatan gets 403 for Mayang; anonymous users log in first.
MATRIX: list[tuple[str, tuple[Any, ...]]] = [
    ("?organisasi=35.09.26&tahun=2022", (200, 200, 200, 200, 200, 403, LOGIN)),
    ("?organisasi=35.09.26&tahun=2022&format=pdf", (200, 200, 200, 200, 200, 403, LOGIN)),
    ("?organisasi=35.09.26&tahun=2022&format=xlsx", (200, 200, 200, 200, 200, 403, LOGIN)),
    ("?organisasi=35.09.27&tahun=2022", (200, 403, 403, 403, 403, 200, LOGIN)),
    ("?organisasi=99.99.99&tahun=2022", (404, 404, 404, 404, 404, 404, LOGIN)),
]


@pytest.fixture
def stored(mayang, users):
    return store_sample(mayang, users.camat)


@pytest.fixture
def client_as(client, users):
    def make(role: str):
        user = getattr(users, role)
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize(("query", "expected"), MATRIX, ids=[q for q, _ in MATRIX])
def test_permission_matrix(client_as, stored, query, expected):
    url = reverse("skm:report") + query
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            outcomes[role] = _outcome(client_as(role).get(url))
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


def test_documents_page_needs_membership(client_as, stored):
    url = reverse("reports:document-list")
    assert client_as("camat").get(url).status_code == 200
    assert _outcome(client_as("anonymous").get(url)) == LOGIN


def test_page_shows_the_index_and_download_links(client_as, stored):
    response = client_as("kepala_seksi").get(reverse("skm:report") + "?tahun=2022")
    html = response.content.decode()
    assert "74,58" in html  # IKM konversi of the five respondents (tests/skm/skm_data.py)
    assert "format=pdf" in html and "format=xlsx" in html


def test_bad_input_is_reported_and_kept(client_as, stored):
    response = client_as("camat").get(reverse("skm:report") + "?tahun=20x2&triwulan=7")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="20x2"' in html  # what the user typed stays in the field
    assert html.count('class="form-errors"') == 1


def test_download_pdf_filename_and_content(client_as, stored):
    response = client_as("perencana").get(
        reverse("skm:report") + "?tahun=2022&format=pdf&kertas=F4"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "laporan-skm-mayang-2022.pdf" in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    assert "74,58" in text and "2,983" in text and "Kurang Baik" in text


def test_generate_pdf_from_stored_responses(stored, mayang):
    pdf = generate(
        "skm", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="pdf"
    )
    assert pdf_pages(pdf) > 1
    text = " ".join(pdf_text(pdf).split())
    assert "Indeks Kepuasan Masyarakat" in text
    assert "74,58" in text  # 26.85 x 25 / 9
    assert "2,800" in text and "3,250" in text  # NRR U1, U4
    # profile: 3 men of 5 = 60,00%, 2 women = 40,00%; age unknown for one respondent
    assert "60,00%" in text and "40,00%" in text and "Tidak diketahui" in text
    # 5 respondents < 10 (Krejcie & Morgan for 10 service users)
    assert "belum memenuhi jumlah sampel minimum 10" in text
    assert "Rahasia pribadi" not in text  # no saran in the report


def test_generate_quarter_and_xlsx(stored, mayang):
    # TW I: respondents A..D only: U1 12/4 = 3, U2..U8 13/4 = 3.25, U9 12/4 = 3
    # -> konversi 28.75 x 25 / 9 = 79.86
    pdf = generate(
        "skm", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, quarter=1
    )
    assert "79,86" in " ".join(pdf_text(pdf).split())
    book = load_workbook(
        io.BytesIO(
            generate(
                "skm",
                user=OrganisationReader.of(mayang),
                organisation=mayang,
                year=2022,
                fmt="xlsx",
            )
        )
    )
    rows = {r[0]: r[1:] for r in book["Pengolahan"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Jumlah jawaban"][:9] == (5, 5, 5, 4, 5, 5, 5, 5, 5)
    assert rows["Jumlah nilai per unsur"][:9] == (14, 15, 15, 13, 15, 15, 15, 15, 14)
    assert rows["IKM konversi (IKM × 25)"][0] == pytest.approx(26.85 * 25 / 9)


def test_generate_refuses_bad_arguments(mayang):
    with pytest.raises(ValueError):
        generate(
            "skm", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="odt"
        )
    with pytest.raises(ValueError):
        generate(
            "skm", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, paper="A3"
        )
    with pytest.raises(ValueError):
        generate(
            "skm", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, quarter=5
        )

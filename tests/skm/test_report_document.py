"""The SKM report as a document: PDF pages, text, layout and the XLSX numbers, for a dataset small
enough to compute by hand. The data goes in through ``build_report_data`` (the shape the SKM
selectors feed), so these tests pin the document; tests/skm/test_report_page.py covers the way from
stored responses to the download."""

from __future__ import annotations

import datetime
import io
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from kinerja.core.skm import DEFAULT_UNSUR, SurveyTally, compute_index
from kinerja.reports.pdf import render_document
from kinerja.reports.skm_document import (
    build_report_data,
    draft_conclusions,
    report_context,
    report_pdf,
    report_xlsx,
)
from tests.reports.pdf import (
    ARTIFACTS,
    pdf_pages,
    pdf_text,
    pdf_to_png,
    right_margin_blank,
    tables_off_page,
)

ALL = [f"U{i}" for i in range(1, 10)]

# Four respondents:
#   R1 answers 4 everywhere; R2 answers 3 everywhere; R3 answers 3 except U9 = 2; R4 answers 3 except U1 = 2.
# Per unsur: U1: 4+3+3+2 = 12, NRR 12/4 = 3;  U2..U8: 4+3+3+3 = 13, NRR 3.25;  U9: 4+3+2+3 = 12, NRR 3.
# IKM = (3 + 7 x 3.25 + 3) / 9 = 28.75 / 9 = 3.19444..  -> "3,194"
# IKM konversi = 28.75 x 25 / 9 = 718.75 / 9 = 79.8611.. -> "79,86", mutu B (76.61..88.30), kinerja Baik.
# Weighted NRR of U2 = 3.25 / 9 = 0.36111.. -> "0,361"; of U1 = 3 / 9 = 0.333.. -> "0,333".
RESPONSES = [
    dict.fromkeys(ALL, 4),
    dict.fromkeys(ALL, 3),
    {**dict.fromkeys(ALL, 3), "U9": 2},
    {**dict.fromkeys(ALL, 3), "U1": 2},
]


@pytest.fixture
def data(mayang):
    result = compute_index(SurveyTally.from_responses(RESPONSES), DEFAULT_UNSUR)
    built = build_report_data(
        organisation=mayang,
        year=2022,
        quarter=None,
        result=result,
        # 3 men and 1 woman: 75,00% and 25,00%
        profile={"gender": [("Laki-laki", 3), ("Perempuan", 1)], "education": [("SMA", 4)]},
        # Krejcie & Morgan for N = 5: 3.841*5*0.25 / (0.0025*4 + 3.841*0.25) = 4.80125 / 0.97025 = 4.948 -> 5
        sample={"population": 5, "minimum": 5},
        interval=(Fraction(7625, 100), Fraction(8250, 100)),
    )
    return built.__class__(**{**built.__dict__, "generated_on": datetime.date(2023, 1, 3)})


def test_result_is_the_hand_computation(data):
    assert data.result.ikm_konversi == Fraction(71875, 900)
    assert (data.result.mutu, data.result.kinerja) == ("B", "Baik")


def test_pdf_pages_text_and_numbers(data):
    pdf = report_pdf(data)
    assert pdf_pages(pdf) > 1
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Indeks Kepuasan Masyarakat" in flat
    for unsur in DEFAULT_UNSUR:
        assert unsur.name in flat, unsur.name
    assert "79,86" in flat  # IKM konversi
    assert "3,194" in flat  # IKM
    assert "3,250" in flat and "0,361" in flat and "0,333" in flat  # NRR U2, weighted U2 and U1
    assert "PEMERINTAH KABUPATEN JEMBER" in flat and "KECAMATAN MAYANG" in flat  # kop surat
    assert "Halaman 2 dari" in flat  # page numbers
    assert "75,00%" in flat and "25,00%" in flat  # profile shares
    assert "belum memenuhi jumlah sampel minimum 5" in flat  # 4 respondents < 5
    assert "76,25 dan 82,50" in flat  # the interval
    assert "3 Januari 2023" in flat  # date, Indonesian
    for chapter in (
        "BAB I",
        "BAB II",
        "BAB III",
        "BAB IV",
        "PENDAHULUAN",
        "METODOLOGI",
        "HASIL",
        "KESIMPULAN",
    ):
        assert chapter in flat


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_no_table_runs_off_the_page_and_pngs(data, paper):
    from kinerja.reports.pdf import render_pdf

    document = render_document("reports/skm_report.html", report_context(data), paper=paper)
    assert tables_off_page(document) == []
    # F4 is 215 x 330 mm: 330 / 25.4 x 72 = 935.4 pt high
    height_pt = document.pages[0].height * 0.75
    assert height_pt == pytest.approx(330 / 25.4 * 72 if paper == "F4" else 297 / 25.4 * 72, abs=1)
    pngs = pdf_to_png(
        render_pdf("reports/skm_report.html", report_context(data), paper=paper),
        ARTIFACTS / "skm-report",
        prefix=paper,
    )
    assert len(pngs) == len(document.pages) > 1
    assert all(right_margin_blank(p) for p in pngs)


def test_conclusions_from_the_numbers(data):
    text = " ".join(draft_conclusions(data))
    assert "79,86" in text and "mutu pelayanan B" in text and "Baik" in text
    # lowest NRR: U1 and U9 (3,000), instrument order keeps U1 first; highest U2 (3,250)
    assert "nilai tertinggi adalah U2" in text and "nilai terendah adalah U1" in text


def test_xlsx_has_the_processing_table_with_the_same_numbers(data):
    book = load_workbook(io.BytesIO(report_xlsx(data)))
    sheet = book["Pengolahan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "Uraian")
    assert header[1:10] == ALL
    by_label = {r[0]: r[1:] for r in rows if r and r[0]}
    assert by_label["Jumlah jawaban"][:9] == [4] * 9
    assert by_label["Jumlah nilai per unsur"][:9] == [12, 13, 13, 13, 13, 13, 13, 13, 12]
    assert by_label["NRR per unsur"][:9] == [3.0] + [3.25] * 7 + [3.0]
    assert by_label["NRR tertimbang"][0] == pytest.approx(3 / 9)
    assert by_label["IKM (Σ NRR tertimbang)"][0] == pytest.approx(28.75 / 9)
    assert by_label["IKM konversi (IKM × 25)"][0] == pytest.approx(718.75 / 9)
    assert by_label["Mutu pelayanan"][0] == "B"
    # numbers are numbers, with a decimal format; the header is bold
    nrr_cell = next(row for row in sheet.iter_rows() if row[0].value == "NRR per unsur")[1]
    assert nrr_cell.number_format == "#,##0.000"
    assert next(row for row in sheet.iter_rows() if row[0].value == "Uraian")[1].font.bold
    profile = [[c.value for c in row] for row in book["Profil responden"].iter_rows()]
    assert ["Laki-laki", 3, 75.0] in profile and ["Perempuan", 1, 25.0] in profile

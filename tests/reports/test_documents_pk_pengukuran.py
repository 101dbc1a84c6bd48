"""Perjanjian Kinerja (pk) and the quarterly measurement report (pengukuran) in PDF, Word and Excel,
on the small dataset of tests/reports/documents_data.py (numbers computed by hand there)."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kinerja.accounts.access import OrganisationReader
from kinerja.reports import pengukuran_document, pk_document
from kinerja.reports.documents import DocumentUnavailable, generate, kind_for
from kinerja.reports.pdf import render_document
from tests.reports.documents_data import (
    KENDALA,
    SECOND_PARTY,
    UPAYA,
    docx_text,
    flat_text,
    make_pk,
    make_values,
    page_size_mm,
)
from tests.reports.pdf import (
    ARTIFACTS,
    pdf_pages,
    pdf_text,
    pdf_to_png,
    right_margin_blank,
    tables_off_page,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------- PK


def test_pk_pdf(mayang):
    make_pk(mayang)
    pdf = generate(
        "pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="pdf"
    )
    text = pdf_text(pdf)
    flat = flat_text(pdf)
    assert "PERJANJIAN KINERJA TAHUN 2022" in text  # the year is not "2.022"
    assert "DRAF" in text  # not signed yet
    assert "mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel" in flat
    assert "AJIB, S.IP" in text and "Pembina" in text and "19730725 199302 1 001" in text
    assert SECOND_PARTY in text and "BUPATI JEMBER" in text
    assert "PIHAK PERTAMA" in text and "PIHAK KEDUA" in text
    assert "Jember, 31 Januari 2022" in text
    # lampiran: 1.1 targets 82 / 80 81 81,5 82, the others 90 / 75 80 85 90
    assert "82,00 80,00 81,00 81,50 82,00" in flat
    assert flat.count("90,00 75,00 80,00 85,00 90,00") == 4
    # budget: 150.000.000 program, 98.500.000 kegiatan; total = the programs only = 150.000.000
    assert "150.000.000,00" in text and "98.500.000,00" in text
    assert "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik" in flat
    assert pdf_pages(pdf) == 2
    pngs = pdf_to_png(pdf, ARTIFACTS / "documents", prefix="pk")
    assert all(right_margin_blank(p) for p in pngs)
    data = pk_document.context(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    for paper in ("A4", "F4"):
        assert tables_off_page(render_document("reports/pk.html", data, paper=paper)) == []


def test_signed_pk_is_published_and_has_no_draft_note(mayang):
    kind = kind_for("pk")
    assert not kind.is_published(mayang, 2022)
    make_pk(mayang, sign=True, program=False)
    assert kind.is_published(mayang, 2022)
    text = pdf_text(
        generate(
            "pk",
            user=OrganisationReader.of(mayang),
            organisation=mayang,
            year=2022,
            fmt="pdf",
            paper="F4",
        )
    )
    assert "DRAF" not in text and "Program dan anggaran" not in text


def test_pk_docx_and_xlsx(mayang):
    make_pk(mayang)
    document = Document(
        io.BytesIO(
            generate(
                "pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="docx"
            )
        )
    )
    assert round(document.sections[0].page_height.mm) == 297
    text = docx_text(document)
    assert "PERJANJIAN KINERJA TAHUN 2022" in text and SECOND_PARTY in text
    assert "NIP. 19730725 199302 1 001" in text and "Pangkat/Gol." in text
    targets = [
        t for t in document.tables if t.rows and t.rows[0].cells[1].text == "SASARAN STRATEGIS"
    ][0]
    first = [c.text for c in targets.rows[1].cells]
    assert first[2].startswith("1.1 ") and first[3:] == [
        "nilai",
        "82,00",
        "80,00",
        "81,00",
        "81,50",
        "82,00",
    ]
    assert "150.000.000,00" in text

    book = load_workbook(
        io.BytesIO(
            generate(
                "pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="xlsx"
            )
        )
    )
    rows = [r for r in book["Target"].iter_rows(values_only=True) if r and r[2] == "1.1"]
    assert rows[0][5:] == (82.0, 80.0, 81.0, 81.5, 82.0)  # numbers, not text
    budget = [r for r in book["Anggaran"].iter_rows(values_only=True) if r and r[0] == "7.01.02"]
    assert budget[0][3] == 150_000_000.0


def test_pk_missing(mayang):
    with pytest.raises(DocumentUnavailable):
        generate(
            "pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="pdf"
        )


# -------------------------------------------------------------------------------- pengukuran


def test_pengukuran_pdf(mayang):
    make_pk(mayang, program=False)
    make_values(mayang)
    pdf = generate(
        "pengukuran",
        user=OrganisationReader.of(mayang),
        organisation=mayang,
        year=2022,
        quarter=2,
        fmt="pdf",
    )
    text = pdf_text(pdf)
    flat = flat_text(pdf)
    assert "LAPORAN PENGUKURAN KINERJA" in text and "TRIWULAN II TAHUN 2022" in text
    # summary, TW II: 1.1 target 81, realization 80,2, achievement 80,2/81 = 99,01
    assert "81,00 80,20 99,01" in flat
    # 2.1 TW II: 15/20 = 75,00, achievement 75/80 = 93,75; TW I 20/21 = 95,24 -> 126,98
    assert "80,00 75,00 93,75" in flat and "75,00 95,24 126,98" in flat
    # s.d. TW II pooled: 35/41 = 85,37, achievement 106,71
    assert "s.d. Triwulan II 80,00 85,37 106,71" in flat
    # 2.2 TW I is a draft: marked with an asterisk and the note
    assert "50,00*" in flat and "angka belum disetujui" in flat
    assert KENDALA in flat and UPAYA in flat
    assert "Tren IKU 2.1 tahun 2022" in flat  # one chart per indicator
    assert "<svg" not in flat
    assert 2 <= pdf_pages(pdf) <= 8
    pngs = pdf_to_png(pdf, ARTIFACTS / "documents", prefix="pengukuran")
    assert all(right_margin_blank(p) for p in pngs)
    data = pengukuran_document.context(
        user=OrganisationReader.of(mayang), organisation=mayang, year=2022, quarter=2
    )
    assert tables_off_page(render_document("reports/pengukuran.html", data, paper="A4")) == []
    assert page_size_mm(
        generate(
            "pengukuran",
            user=OrganisationReader.of(mayang),
            organisation=mayang,
            year=2022,
            quarter=1,
            fmt="pdf",
            paper="F4",
        )
    ) == (215, 330)


def test_pengukuran_docx_and_xlsx(mayang):
    make_pk(mayang, program=False)
    make_values(mayang)
    document = Document(
        io.BytesIO(
            generate(
                "pengukuran",
                user=OrganisationReader.of(mayang),
                organisation=mayang,
                year=2022,
                quarter=2,
                fmt="docx",
            )
        )
    )
    text = docx_text(document)
    assert "TRIWULAN II TAHUN 2022" in text
    # the narrative is ordinary editable paragraphs of the body
    paragraphs = [p.text for p in document.paragraphs]
    assert KENDALA in paragraphs and UPAYA in paragraphs
    summary = document.tables[1]  # tables[0] is the kop: the logo beside the letterhead text
    row = [c.text for c in summary.rows[2].cells]  # 2.1
    assert row[3:] == ["80,00", "75,00", "93,75", "Sangat Tinggi"]

    book = load_workbook(
        io.BytesIO(
            generate(
                "pengukuran",
                user=OrganisationReader.of(mayang),
                organisation=mayang,
                year=2022,
                quarter=2,
                fmt="xlsx",
            )
        )
    )
    rows = [r for r in book["Pengukuran"].iter_rows(values_only=True) if r and r[0] == "2.1"]
    quarter, cumulative = rows
    assert quarter[4:7] == (80.0, 75.0, 93.75)
    assert cumulative[5] == pytest.approx(3500 / 41) and cumulative[6] == pytest.approx(
        3500 / 41 / 80 * 100
    )
    narratives = [
        r for r in book["Kendala dan upaya"].iter_rows(values_only=True) if r and r[0] == "2.1"
    ]
    assert narratives[0][2:4] == (KENDALA, UPAYA)


def test_pengukuran_needs_a_quarter(mayang):
    with pytest.raises(ValueError, match="quarter"):
        generate(
            "pengukuran",
            user=OrganisationReader.of(mayang),
            organisation=mayang,
            year=2022,
            fmt="pdf",
        )
    with pytest.raises(DocumentUnavailable):
        generate(
            "pengukuran",
            user=OrganisationReader.of(mayang),
            organisation=mayang,
            year=2022,
            quarter=3,
            fmt="pdf",
        )

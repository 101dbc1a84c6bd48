"""Keputusan Camat tentang IKU (JENIS iku) in PDF, Word and Excel, for the default data: its content is
the seed's (every indicator, formula text, data source, responsible text)."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kinerja.accounts.access import OrganisationReader
from kinerja.reports.documents import DocumentUnavailable, generate
from kinerja.reports.iku_document import context
from kinerja.reports.pdf import render_document
from tests.reports.documents_data import collapse, docx_text, flat_text, page_size_mm
from tests.reports.pdf import ARTIFACTS, pdf_pages, pdf_text, pdf_to_png, right_margin_blank

pytestmark = pytest.mark.django_db


def _seed_texts(decree):
    """Every text of the lampiran that must be printed: per indicator its name, numerator,
    denominator, data source and responsible text, and the goal statements."""
    texts = []
    for indicator in decree.active_indicators().select_related("goal"):
        texts += [
            indicator.name,
            indicator.numerator_definition,
            indicator.denominator_definition,
            indicator.data_source,
            indicator.responsible_text,
            indicator.goal.statement,
        ]
    return [collapse(t) for t in texts if t]


def test_pdf_matches_the_seed(mayang, default_decree):
    pdf = generate(
        "iku", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="pdf"
    )
    text = flat_text(pdf)
    assert default_decree.active_indicators().count() == 5
    for expected in _seed_texts(default_decree):
        assert expected in text, expected
    assert text.count("× 100%") == 5  # one multiplier per formula
    layout = pdf_text(pdf)
    assert "KEPUTUSAN CAMAT MAYANG" in layout and "MEMUTUSKAN" in layout
    assert "3 Januari 2022" in layout  # date signed of the seed decree, Indonesian
    assert "AJIB, S.IP" in layout and "NIP. 19730725 199302 1 001" in layout
    assert "PENJELASAN / FORMULASI" in layout and "PENANGGUNG" in layout
    assert 3 <= pdf_pages(pdf) <= 6
    assert page_size_mm(pdf) == (210, 297)
    pngs = pdf_to_png(pdf, ARTIFACTS / "documents", prefix="iku")
    assert len(pngs) == pdf_pages(pdf)
    assert all(right_margin_blank(p) for p in pngs)


def test_no_table_off_the_page_on_both_papers(mayang):
    data = context(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    for paper in ("A4", "F4"):
        document = render_document("reports/iku.html", data, paper=paper)
        from tests.reports.pdf import tables_off_page

        assert tables_off_page(document) == []


def test_f4_paper(mayang):
    pdf = generate(
        "iku",
        user=OrganisationReader.of(mayang),
        organisation=mayang,
        year=2022,
        fmt="pdf",
        paper="F4",
    )
    assert page_size_mm(pdf) == (215, 330)


def test_docx_has_the_decree_and_the_lampiran(mayang, default_decree):
    content = generate(
        "iku",
        user=OrganisationReader.of(mayang),
        organisation=mayang,
        year=2022,
        fmt="docx",
        paper="F4",
    )
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)
    text = docx_text(document)
    for expected in _seed_texts(default_decree):
        assert expected in text, expected
    assert "KEPUTUSAN CAMAT MAYANG" in text and "MEMUTUSKAN" in text
    assert "NIP. 19730725 199302 1 001" in text
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    lampiran = [t for t in document.tables if t.rows and t.rows[0].cells[0].text == "NO"][0]
    assert [c.text for c in lampiran.rows[0].cells] == [
        "NO",
        "KINERJA UTAMA",
        "INDIKATOR KINERJA UTAMA",
        "PENJELASAN / FORMULASI PERHITUNGAN",
        "SUMBER DATA",
        "PENANGGUNG JAWAB",
    ]
    # the formula is a real fraction: a nested table, numerator above the denominator
    skm = default_decree.indicators.get(code="1.1")
    nested = lampiran.rows[1].cells[3].tables[0]
    fraction_cell = nested.rows[0].cells[0]
    assert [p.text for p in fraction_cell.paragraphs] == [
        skm.numerator_definition,
        skm.denominator_definition,
    ]
    assert nested.rows[0].cells[1].text == "× 100%"


def test_xlsx_lampiran(mayang, default_decree):
    book = load_workbook(
        io.BytesIO(
            generate(
                "iku",
                user=OrganisationReader.of(mayang),
                organisation=mayang,
                year=2022,
                fmt="xlsx",
            )
        )
    )
    sheet = book["Lampiran IKU"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert len(rows) == 5
    first = default_decree.indicators.get(code="2.1")
    row = [r for r in rows if r[2] == f"1. {first.name}"][0]
    assert row[0] == 2  # goal number stays a number
    assert f"{first.numerator_definition} / {first.denominator_definition} × 100%" in row[3]
    assert row[4] == first.data_source and row[5] == first.responsible_text


def test_no_decree_for_the_year(other_kecamatan):
    with pytest.raises(DocumentUnavailable):
        generate(
            "iku",
            user=OrganisationReader.of(other_kecamatan),
            organisation=other_kecamatan,
            year=2022,
            fmt="pdf",
        )

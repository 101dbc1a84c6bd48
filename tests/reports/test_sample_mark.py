"""Documents of an organisation holding sample data (``kinerja demo``) carry DATA CONTOH on every
PDF page, in the header of every Word section and on every Excel sheet; a real kecamatan's
documents carry no mark. The same data is generated without and with the mark."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from kinerja.accounts.access import OrganisationReader
from kinerja.accounts.services import sample_data_mark
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.documents import generate
from kinerja.reports.pdf import render_document
from tests.reports.documents_data import make_pk, make_values
from tests.reports.pdf import ARTIFACTS, pdf_pages, pdf_to_png, tables_off_page
from tests.skm.skm_data import store_sample

pytestmark = pytest.mark.django_db

MARK = "DATA CONTOH"
# (kind, quarter): every document of the registry
KINDS = [("iku", None), ("pk", None), ("pengukuran", 2), ("lkjip", None), ("skm", None)]


@pytest.fixture
def data(mayang):
    make_pk(mayang)
    make_values(mayang)
    store_sample(mayang, None)
    return mayang


def _page_texts(pdf: bytes) -> list[str]:
    """The text of each page on its own (``pdftotext -f N -l N``)."""
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        for page in range(1, pdf_pages(pdf) + 1):
            out = subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                check=True,
                capture_output=True,
            )
            texts.append(out.stdout.decode("utf-8"))
    return texts


@pytest.mark.parametrize(("kind", "quarter"), KINDS)
def test_pdf_every_page_marked_only_for_sample_data(data, kind, quarter):
    real = generate(
        kind,
        user=OrganisationReader.of(data),
        organisation=data,
        year=2022,
        quarter=quarter,
        fmt="pdf",
    )
    assert not any(MARK in text for text in _page_texts(real))

    sample_data_mark(organisation=data, years=[2022])
    sample = generate(
        kind,
        user=OrganisationReader.of(data),
        organisation=data,
        year=2022,
        quarter=quarter,
        fmt="pdf",
    )
    pages = _page_texts(sample)
    assert len(pages) == pdf_pages(real)  # the mark moves nothing to another page
    for number, text in enumerate(pages, 1):
        assert f"{MARK} — bukan data resmi" in text, f"{kind} page {number}"
    pdf_to_png(sample, ARTIFACTS / "sample-mark", prefix=kind)


def test_pdf_mark_on_f4_keeps_the_tables_on_the_page(data):
    from kinerja.reports import pengukuran_document

    sample_data_mark(organisation=data, years=[2022])
    context = pengukuran_document.context(
        user=OrganisationReader.of(data), organisation=data, year=2022, quarter=2
    )
    document = render_document("reports/pengukuran.html", context, paper="F4")
    assert tables_off_page(document) == []


def _headers(document):
    for section in document.sections:
        yield section.header
        yield section.first_page_header


@pytest.mark.parametrize(("kind", "quarter"), KINDS)
def test_docx_header_of_every_section(data, kind, quarter):
    real = Document(
        io.BytesIO(
            generate(
                kind,
                user=OrganisationReader.of(data),
                organisation=data,
                year=2022,
                quarter=quarter,
                fmt="docx",
            )
        )
    )
    assert not any(MARK in p.text for h in _headers(real) for p in h.paragraphs)

    sample_data_mark(organisation=data, years=[2022])
    content = generate(
        kind,
        user=OrganisationReader.of(data),
        organisation=data,
        year=2022,
        quarter=quarter,
        fmt="docx",
    )
    document = Document(io.BytesIO(content))
    for header in _headers(document):
        assert header.paragraphs[0].text == "DATA CONTOH — bukan data resmi"
    # the body is the same document
    assert [p.text for p in document.paragraphs] == [p.text for p in real.paragraphs]


@pytest.mark.parametrize(("kind", "quarter"), KINDS)
def test_xlsx_first_row_and_header_of_every_sheet(data, kind, quarter):
    real = load_workbook(
        io.BytesIO(
            generate(
                kind,
                user=OrganisationReader.of(data),
                organisation=data,
                year=2022,
                quarter=quarter,
                fmt="xlsx",
            )
        )
    )
    for sheet in real.worksheets:
        assert MARK not in str(sheet["A1"].value) and not sheet.oddHeader.center.text

    sample_data_mark(organisation=data, years=[2022])
    content = generate(
        kind,
        user=OrganisationReader.of(data),
        organisation=data,
        year=2022,
        quarter=quarter,
        fmt="xlsx",
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == real.sheetnames
    for sheet, before in zip(workbook.worksheets, real.worksheets, strict=True):
        assert sheet["A1"].value == xlsx.SAMPLE_MARK
        assert sheet["A1"].font.bold
        assert sheet.oddHeader.center.text == xlsx.SAMPLE_MARK
        # everything else one row lower, numbers still numbers
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        assert rows == [[c.value for c in row] for row in before.iter_rows()]


def test_skm_page_download_is_marked(data, client, users):
    sample_data_mark(organisation=data, years=[2022])
    client.force_login(users.camat)
    response = client.get("/skm/laporan/", {"tahun": "2022", "format": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert all(s["A1"].value == xlsx.SAMPLE_MARK for s in workbook.worksheets)


def test_other_kecamatan_is_not_marked_by_mayang(data, other_kecamatan):
    from kinerja.reports.pdf import is_sample

    sample_data_mark(organisation=data, years=[2022])
    assert is_sample({"organisation": data})
    assert not is_sample({"organisation": other_kecamatan})
    assert not is_sample({})  # a document without an organisation
    assert not is_sample({"organisation": data, "sample_data": False})


def test_xlsx_mark_moves_merged_cells_heights_panes_and_print_titles():
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Judul"
    sheet.merge_cells("A1:C1")
    sheet["A3"], sheet["B3"] = "Uraian", 12.5
    sheet.row_dimensions[3].height = 30
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.auto_filter.ref = "A3:B5"
    xlsx.mark_sample_data(workbook)
    assert sheet["A1"].value == xlsx.SAMPLE_MARK
    assert [r.coord for r in sheet.merged_cells.ranges] == ["A2:C2"]
    assert sheet["A2"].value == "Judul" and sheet["B4"].value == 12.5
    assert sheet.row_dimensions[4].height == 30 and sheet.row_dimensions[3].height is None
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.auto_filter.ref == "A4:B6"


def test_docx_mark_above_a_header_with_content_and_linked_sections_left_linked():
    from docx.enum.section import WD_SECTION

    document = word.new_document("A4")
    document.sections[0].header.paragraphs[0].add_run("LKjIP 2024")
    document.add_section(WD_SECTION.NEW_PAGE)  # its header repeats the first one (linked)
    third = document.add_section(WD_SECTION.NEW_PAGE)
    third.header.is_linked_to_previous = False
    third.header.paragraphs[0].add_run("Lampiran")
    word.mark_sample_data(document)
    first, second, third = document.sections
    assert [p.text for p in first.header.paragraphs] == [word.SAMPLE_MARK, "LKjIP 2024"]
    assert second.header.is_linked_to_previous
    assert [p.text for p in third.header.paragraphs] == [word.SAMPLE_MARK, "Lampiran"]
    assert [p.text for p in first.first_page_header.paragraphs] == [word.SAMPLE_MARK]

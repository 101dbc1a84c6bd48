"""LKjIP front matter and Word parity on the two-year dataset (tests/reports/conftest.py):
Kata Pengantar, the Daftar Isi's page numbers against the pages the headings land on, the Word
headings, table of contents field and chart pictures, the asterisk note where an asterisk first
appears, and a kendala shared by two indicators printed once."""

import io
import re
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from kinerja.accounts.access import OrganisationReader
from kinerja.iku.models import Decree
from kinerja.measurement.models import IndicatorValue
from kinerja.reports.chart_png import svg_to_png
from kinerja.reports.documents import generate
from kinerja.reports.lkjip_document import UNAPPROVED_NOTE, context
from tests.reports.conftest import put_value
from tests.reports.documents_data import docx_text, flat_text

pytestmark = pytest.mark.django_db

CHAPTERS = [
    "KATA PENGANTAR",
    "IKHTISAR EKSEKUTIF",
    "BAB I PENDAHULUAN",
    "BAB II PERENCANAAN KINERJA",
    "BAB III AKUNTABILITAS KINERJA",
    "BAB IV PENUTUP",
    "LAMPIRAN PERJANJIAN KINERJA TAHUN 2022",
]
INDICATORS = [
    "1. IKU 1.1 ",
    "2. IKU 2.1 ",
    "3. IKU 2.2 ",
    "4. IKU 2.3 ",
    "5. IKU 2.4 ",
]


def _pages(pdf: bytes) -> list[str]:
    """The text of each page (``pdftotext -layout``; pages end with a form feed), whitespace
    collapsed."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
        )
    return [re.sub(r"\s+", " ", page).strip() for page in out.stdout.decode().split("\f")]


def _docx(dataset) -> Document:
    return Document(
        io.BytesIO(
            generate(
                "lkjip",
                user=OrganisationReader.of(dataset),
                organisation=dataset,
                year=2022,
                fmt="docx",
            )
        )
    )


def test_daftar_isi_page_numbers_are_the_pages_of_the_headings(dataset):
    """Page 1 the cover, page 2 the Kata Pengantar, page 3 the Daftar Isi (21 lines fit one
    page), so the Ikhtisar Eksekutif starts page 4; every other number is checked against the page
    where pdftotext finds the heading, searching forward in document order."""
    pdf = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
    )
    pages = _pages(pdf)
    assert pages[1].startswith("KATA PENGANTAR")
    assert pages[2].startswith("DAFTAR ISI")
    toc_page = pages[2]
    toc = context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022)["toc"]
    assert [h.title for h in toc if h.level == 1] == CHAPTERS
    printed = {}
    rest = toc_page
    for heading in toc:
        match = re.search(re.escape(heading.title) + r"[\s.]*?(\d+)(?=\s|$)", rest)
        assert match, heading.title
        printed[heading.title] = int(match.group(1))
        rest = rest[match.end() :]
    assert printed["KATA PENGANTAR"] == 2
    assert printed["IKHTISAR EKSEKUTIF"] == 4
    # search every heading in document order, from the Kata Pengantar on, past the Daftar Isi
    body = [(number, text) for number, text in enumerate(pages, 1) if number not in (1, 3)]
    at = 0
    for heading in toc:
        while heading.title not in body[at][1]:
            at += 1
            assert at < len(body), f"{heading.title} not found"
        assert printed[heading.title] == body[at][0], heading.title
    assert printed["LAMPIRAN PERJANJIAN KINERJA TAHUN 2022"] == len([p for p in pages if p])


def test_kata_pengantar_is_signed_by_the_camat(dataset):
    pages = _pages(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )
    foreword = pages[1]
    assert "Puji syukur kami panjatkan" in foreword
    assert "CAMAT MAYANG" in foreword and "NIP. 19730725 199302 1 001" in foreword


def test_word_headings_are_the_pdf_outline(dataset):
    document = _docx(dataset)
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    toc = context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022)["toc"]
    assert headings == [(f"Heading {h.level}", h.title) for h in toc]
    assert [text for style, text in headings if style == "Heading 1"] == CHAPTERS
    level3 = [text for style, text in headings if style == "Heading 3"]
    assert [t[: len(p)] for t, p in zip(level3, INDICATORS, strict=True)] == INDICATORS
    heading1 = document.styles["Heading 1"]
    assert heading1.font.name == "Times New Roman" and heading1.font.bold
    assert str(heading1.font.color.rgb) == "000000"


def test_word_table_of_contents_field(dataset):
    document = _docx(dataset)
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instructions
    begin = next(c for c in body.iter(qn("w:fldChar")) if c.get(qn("w:fldCharType")) == "begin")
    assert begin.get(qn("w:dirty")) == "true"
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    # the schema's order: updateFields before compat
    tags = [child.tag for child in settings]
    assert tags.index(qn("w:updateFields")) < tags.index(qn("w:compat"))
    # until Word updates it, the field shows the chapters written out (between separate and end)
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if "TOC \\o" in p._p.xml)
    end = next(
        i for i in range(start, len(paragraphs)) if 'w:fldCharType="end"' in paragraphs[i]._p.xml
    )
    written = [p.text for p in paragraphs[start : end + 1]]
    assert written == [
        h.title
        for h in context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022)[
            "toc"
        ]
    ]
    assert paragraphs[start - 1].text == "DAFTAR ISI"


def test_word_charts_are_the_pdf_charts_as_pictures(dataset):
    """One picture in the kop and one trend chart per indicator (5); each chart picture is the
    PNG of that indicator's SVG in the PDF, 960 x 570 pixels (320 x 190 at 3)."""
    raw = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="docx"
    )
    document = Document(io.BytesIO(raw))
    assert len(document.inline_shapes) == 6
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        media = {archive.read(n) for n in archive.namelist() if n.startswith("word/media/")}
    for block in context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022)[
        "blocks"
    ]:
        png = svg_to_png(str(block.chart))
        assert png in media, block.indicator.code
        assert Image.open(io.BytesIO(png)).size == (960, 570)
    text = docx_text(document)
    assert "Tren IKU 2.1 per triwulan tahun 2022" in text
    assert "pengganti grafik" not in text


def test_word_has_every_section_of_the_pdf(dataset):
    pdf = flat_text(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )
    word = docx_text(_docx(dataset))
    for text in (
        "Puji syukur kami panjatkan",
        "Dalam melaksanakan tugas tersebut, Kecamatan Mayang menyelenggarakan fungsi:",
        "Wilayah Kecamatan Mayang terdiri atas 7 desa/kelurahan:",
        "Renstra Kecamatan Mayang 2021-2026",
        "Kinerja utama:",
        "Realisasi 2021 (perubahan 2022 terhadap 2021, poin persen)",
        "Progres terhadap target akhir Renstra (%)",
        "Analisis penyebab (kendala)",
        "Upaya yang dilakukan",
        "Efisiensi penggunaan anggaran",
        "Tidak ada program yang dikaitkan dengan indikator ini.",
        "Sisa (%) = 1 − realisasi/pagu, dihitung untuk indikator yang mencapai target.",
        "SASARAN STRATEGIS",
    ):
        assert text in pdf, text
        assert text in word, text


def test_the_asterisk_note_under_the_first_table_that_prints_one(dataset):
    """2.2's year value back to draft: its realization 80,00 prints "80,00*" in the Ikhtisar's table
    (the first table) and the note stands right under that table, on the Ikhtisar's page, in the
    PDF and in Word. With every value approved there is no asterisk and no note."""
    approved = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
    )
    assert UNAPPROVED_NOTE not in flat_text(approved)
    assert UNAPPROVED_NOTE not in docx_text(_docx(dataset))
    IndicatorValue.objects.filter(indicator__code="2.2", period="2022").update(status="draft")
    pages = _pages(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )
    ikhtisar = pages[3]
    assert ikhtisar.startswith("IKHTISAR EKSEKUTIF")
    assert "80,00*" in ikhtisar and UNAPPROVED_NOTE in ikhtisar
    assert ikhtisar.index("80,00*") < ikhtisar.index(UNAPPROVED_NOTE)
    assert not any(UNAPPROVED_NOTE in p for p in pages[:3])
    document = _docx(dataset)
    body = list(document.element.body.iterchildren())
    first_table = next(
        i
        for i, e in enumerate(body)
        if e.tag == qn("w:tbl") and "80,00*" in "".join(t.text or "" for t in e.iter(qn("w:t")))
    )
    tables_before = [e for e in body[:first_table] if e.tag == qn("w:tbl")]
    assert not any("*" in "".join(t.text or "" for t in e.iter(qn("w:t"))) for e in tables_before)
    note = "".join(t.text or "" for t in body[first_table + 1].iter(qn("w:t")))
    assert note == UNAPPROVED_NOTE


def test_a_kendala_shared_by_two_indicators_is_printed_once(dataset):
    """2.1 wrote the same kendala in TW I and TW II, 2.2 in TW II: the PDF and the Word file print
    it once, at 2.1 ("TW I–II (juga pada IKU 2.2): …"); 2.2 refers to it."""
    decree = Decree.objects.get(organisation=dataset, status="in_force")
    shared = "Undangan rapat bertepatan dengan musyawarah desa."
    d = Decimal
    put_value(decree, dataset, "2.1", "2022Q1", numerator=d(9), denominator=d(10), kendala=shared)
    put_value(decree, dataset, "2.1", "2022Q2", numerator=d(9), denominator=d(10), kendala=shared)
    put_value(decree, dataset, "2.2", "2022Q2", numerator=d(8), denominator=d(10), kendala=shared)
    pdf = flat_text(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )
    word = docx_text(_docx(dataset))
    for text in (pdf, word):
        assert text.count(shared) == 1
        assert f"TW I–II (juga pada IKU 2.2): {shared}" in text
        assert "TW II: sama dengan uraian pada IKU 2.1." in text

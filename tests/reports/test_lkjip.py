"""LKjIP (lkjip) in PDF, Word and Excel on a small hand-made dataset of two years.

Dataset (Mayang, the seeded decree: IKU 1.1, 2.1, 2.2, 2.3, 2.4):
  PK 2022 (tests/reports/documents_data.make_pk): annual targets 1.1 82; 2.x 90.
  Year values 2022:  1.1 85            -> 85/82 x 100     = 103,658.. -> "103,66"
                     2.1 45/50 = 90    -> 90/90 x 100     = 100       -> "100,00"
                     2.2 40/50 = 80    -> 80/90 x 100     = 88,888..  -> "88,89"
                     2.3 27/30 = 90    -> 100             -> "100,00"
                     2.4 19/20 = 95    -> 95/90 x 100     = 105,555.. -> "105,56"
  Year values 2021:  1.1 80  (change 85 - 80 = +5,00)
                     2.1 40/50 = 80 (change 90 - 80 = +10,00 poin persen)
                     2.2 42/50 = 84 (change 80 - 84 = -4,00 poin persen)
  Renstra 2021-2026: 2.1 target 2022 88, end 95 -> progress 90/95 x 100 = 94,736.. -> "94,74"
  Kegiatan 7.01.02.2.01 (pagu 98.500.000) serves 2.1, spent 40.000.000 + 38.800.000 = 78.800.000
     -> serapan 78.800.000 / 98.500.000 = 80,00 %; 2.1 reached its target -> sisa 20,00 %
"""

import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from kinerja.accounts.access import OrganisationReader
from kinerja.iku.models import Decree
from kinerja.planning.services.benchmarks import benchmark_save
from kinerja.reports.documents import generate, kind_for
from kinerja.reports.lkjip_document import Facts, context, draft_narratives
from kinerja.reports.lkjip_services import narrative_reset, narrative_save
from kinerja.reports.pdf import render_document
from tests.reports.documents_data import docx_text, flat_text, page_size_mm
from tests.reports.pdf import (
    ARTIFACTS,
    pdf_pages,
    pdf_to_png,
    right_margin_blank,
    tables_off_page,
)

pytestmark = pytest.mark.django_db

EDITED = "Teks ikhtisar yang disunting oleh Camat untuk diuji."


def test_registered():
    kind = kind_for("lkjip")
    assert kind is not None and not kind.needs_quarter


def test_lkjip_pdf(dataset):
    pdf = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
    )
    text = flat_text(pdf)
    for chapter in (
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN PERJANJIAN KINERJA TAHUN 2022",
    ):
        assert chapter in text, chapter
    for code in ("1.1", "2.1", "2.2", "2.3", "2.4"):
        assert f"IKU {code}" in text
    for achievement in ("103,66", "100,00", "88,89", "105,56"):
        assert achievement in text
    assert "80,00 (+10,00)" in text  # 2.1: 2021 realization and the change in percentage points
    assert "84,00 (-4,00)" in text  # 2.2 fell
    assert "80,00 (+5,00)" in text  # 1.1
    assert "88,00 / 95,00" in text and "94,74" in text  # Renstra 2022 / end, progress
    assert "98.500.000" in text and "78.800.000" in text and "20,00" in text  # efficiency
    # the drafted narrative names who fell and who missed
    assert "menurun" in text and "belum mencapai target" in text
    document = render_document(
        "reports/lkjip.html",
        context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022),
        paper="A4",
    )
    assert tables_off_page(document) == []
    pages = pdf_pages(pdf)
    assert pages >= 8
    pdf_to_png(pdf, ARTIFACTS / "lkjip", prefix="lkjip", dpi=60)


def test_edited_narrative_survives_regeneration(dataset):
    narrative_save(actor=None, organisation=dataset, year=2022, section="ikhtisar", text=EDITED)
    pdf = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
    )
    assert EDITED in flat_text(pdf)
    docx = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="docx"
    )
    text = docx_text(Document(io.BytesIO(docx)))
    assert EDITED in text
    assert "BAB III AKUNTABILITAS KINERJA" in text and "BAB IV PENUTUP" in text
    narrative_reset(actor=None, organisation=dataset, year=2022, section="ikhtisar")
    assert EDITED not in flat_text(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )


def test_lkjip_xlsx(dataset):
    book = load_workbook(
        io.BytesIO(
            generate(
                "lkjip",
                user=OrganisationReader.of(dataset),
                organisation=dataset,
                year=2022,
                fmt="xlsx",
            )
        )
    )
    sheet = book["Bab III Capaian"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "KODE")
    data = {r[0]: dict(zip(header, r, strict=True)) for r in rows if r and r[0] in {"1.1", "2.2"}}
    assert round(data["1.1"]["CAPAIAN (%)"], 2) == 103.66
    assert data["2.2"]["REALISASI"] == 80
    assert data["2.2"]["PERUBAHAN THD 2021"] == "-4,00"
    assert "Lampiran PK" in book.sheetnames and "Efisiensi" in book.sheetnames


def test_draft_is_pure_and_names_indicators():
    facts = Facts(
        organisation="Kecamatan Mayang",
        year=2022,
        indicators=[
            ("2.1", "Desa tertib", Decimal(100), Decimal(10), "%"),
            ("2.2", "Desa lapor", Decimal("88.89"), Decimal(-4), "%"),
        ],
    )
    drafts = draft_narratives(facts)
    assert "IKU 2.1 (Desa tertib) meningkat" in drafts["akuntabilitas"]
    assert "IKU 2.2 (Desa lapor) menurun" in drafts["akuntabilitas"]
    assert "satu indikator belum mencapai target, yaitu IKU 2.2" in drafts["ikhtisar"]


KAB = "rata-rata kecamatan se-Kabupaten Jember"


def test_benchmarks_in_bab3(dataset):
    """Entered benchmarks are printed per indicator with the realization's difference:
    2.1 realization 90 (45/50) against 86,5 -> +3,50 poin persen;
    2.2 realization 80 (40/50) against the national 82,25 -> -2,25 poin persen."""
    d = Decimal
    decree = Decree.objects.get(organisation=dataset, status="in_force")
    none_yet = generate(
        "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="xlsx"
    )
    assert "Pembanding" not in load_workbook(io.BytesIO(none_yet)).sheetnames
    assert "Pembanding (benchmark) —" in flat_text(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )
    for code, value, source in (("2.1", "86,5", KAB), ("2.2", "82,25", "target nasional")):
        benchmark_save(
            actor=None,
            organisation=dataset,
            indicator=decree.indicators.get(code=code),
            year=2022,
            value=value,
            source=source,
        )
    benchmark_save(  # another year's benchmark is not this year's
        actor=None,
        organisation=dataset,
        indicator=decree.indicators.get(code="1.1"),
        year=2021,
        value=1,
        source=KAB,
    )
    text = flat_text(
        generate(
            "lkjip", user=OrganisationReader.of(dataset), organisation=dataset, year=2022, fmt="pdf"
        )
    )
    assert f"Pembanding: {KAB} (selisih realisasi, poin persen) 86,50 (+3,50)" in text
    assert "Pembanding: target nasional (selisih realisasi, poin persen) 82,25 (-2,25)" in text
    assert text.count("Pembanding (benchmark) —") == 3  # 1.1, 2.3, 2.4
    docx = docx_text(
        Document(
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
    )
    # Word prints the PDF's rows
    assert f"Pembanding: {KAB} (selisih realisasi, poin persen) 86,50 (+3,50)" in docx
    assert "Pembanding: target nasional (selisih realisasi, poin persen) 82,25 (-2,25)" in docx
    book = load_workbook(
        io.BytesIO(
            generate(
                "lkjip",
                user=OrganisationReader.of(dataset),
                organisation=dataset,
                year=2022,
                fmt="xlsx",
            )
        )
    )
    rows = [[c.value for c in r] for r in book["Pembanding"].iter_rows()]
    header = next(r for r in rows if r and r[0] == "KODE")
    data = [dict(zip(header, r, strict=True)) for r in rows if r and r[0] in {"2.1", "2.2"}]
    assert [(r["KODE"], r["SUMBER"]) for r in data] == [("2.1", KAB), ("2.2", "target nasional")]
    assert [(r["PEMBANDING"], r["REALISASI"], r["SELISIH"]) for r in data] == [
        (d("86.5"), 90, d("3.5")),
        (d("82.25"), 80, d("-2.25")),
    ]
    bab3 = [[c.value for c in r] for r in book["Bab III Capaian"].iter_rows()]
    head = next(r for r in bab3 if r and r[0] == "KODE")
    row21 = dict(zip(head, next(r for r in bab3 if r and r[0] == "2.1"), strict=True))
    assert row21["PEMBANDING"] == f"86,50 ({KAB}; selisih +3,50)"


@pytest.mark.parametrize(("paper", "size"), [("A4", (210, 297)), ("F4", (215, 330))])
def test_lkjip_on_both_papers(dataset, paper, size):
    """The page size is the paper's; no table, row, cell or chart leaves the content box; the right
    margin of every page image is blank; F4's longer page needs no more pages than A4."""
    pdf = generate(
        "lkjip",
        user=OrganisationReader.of(dataset),
        organisation=dataset,
        year=2022,
        fmt="pdf",
        paper=paper,
    )
    assert page_size_mm(pdf) == size
    document = render_document(
        "reports/lkjip.html",
        context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022),
        paper=paper,
    )
    assert tables_off_page(document) == []
    pngs = pdf_to_png(pdf, ARTIFACTS / "lkjip", prefix=f"lkjip-{paper.lower()}", dpi=60)
    assert len(pngs) == pdf_pages(pdf) == len(document.pages)
    assert all(right_margin_blank(p) for p in pngs)
    if paper == "F4":
        a4 = render_document(
            "reports/lkjip.html",
            context(user=OrganisationReader.of(dataset), organisation=dataset, year=2022),
            paper="A4",
        )
        assert len(document.pages) <= len(a4.pages)

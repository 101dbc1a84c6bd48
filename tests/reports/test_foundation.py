"""The document system's building blocks: paper sizes, Indonesian dates and numbers, the XLSX helper,
kop surat and signature block."""

import datetime
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from kinerja.reports import xlsx
from kinerja.reports.formatting import (
    format_date_id,
    format_number_id,
    period_dates,
    period_label_id,
)
from kinerja.reports.pdf import paper_for, render_document, render_html
from kinerja.reports.signatories import head_of


def test_papers():
    assert (paper_for("a4").width_mm, paper_for("A4").height_mm) == (210, 297)
    assert (paper_for("F4").width_mm, paper_for("folio").height_mm) == (215, 330)
    with pytest.raises(ValueError):
        paper_for("A3")


def test_indonesian_dates_and_numbers():
    assert format_date_id(datetime.date(2022, 1, 3)) == "3 Januari 2022"
    assert format_date_id(datetime.date(2023, 12, 31)) == "31 Desember 2023"
    assert format_date_id(None) == "—"
    assert format_number_id(Decimal("1234.5"), 2) == "1.234,50"
    assert format_number_id(Fraction(2, 3), 3) == "0,667"
    assert format_number_id(None) == "—"
    assert period_label_id(2022, 2) == "Triwulan II Tahun 2022"
    assert period_dates(2022, 4) == (datetime.date(2022, 10, 1), datetime.date(2022, 12, 31))
    assert period_dates(2024, 1) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))


def test_xlsx_helper_numbers_are_numbers():
    book = xlsx.new_workbook()
    xlsx.add_table_sheet(
        book,
        "Uji",
        header=["Nama", "Jumlah", "Nilai"],
        rows=[["a", 1234, Fraction(1, 3)]],
        places=[None, 0, 2],
        widths=[20, 10, 10],
    )
    sheet = load_workbook(io.BytesIO(xlsx.to_bytes(book)))["Uji"]
    assert sheet["A1"].font.bold and sheet["A1"].value == "Nama"
    assert sheet["B2"].value == 1234 and sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].value == pytest.approx(1 / 3) and sheet["C2"].number_format == "#,##0.00"
    assert sheet.column_dimensions["A"].width == 20


def test_kop_and_signature_in_print(mayang):
    signature = head_of(mayang)
    assert signature.title_lines == ("CAMAT MAYANG", "KABUPATEN JEMBER")
    assert signature.official is not None and signature.official.nip == "19730725 199302 1 001"
    html = render_html(
        "reports/_test_sheet.html", {"organisation": mayang, "signature": signature}, paper="F4"
    )
    assert "215mm 330mm" in html and "Halaman" in html
    assert "PEMERINTAH KABUPATEN JEMBER" in html and "KECAMATAN MAYANG" in html
    assert "AJIB, S.IP" in html and "NIP. 19730725 199302 1 001" in html
    assert (
        len(
            render_document(
                "reports/_test_sheet.html", {"organisation": mayang, "signature": signature}
            ).pages
        )
        == 1
    )


def test_off_page_check_finds_wide_tables_tall_rows_and_charts():
    """The layout check used by every document test catches what it is for."""
    from weasyprint import HTML

    from tests.reports.pdf import tables_off_page

    page = "<style>@page { size: A4; margin: 20mm }</style>"
    fine = HTML(string=page + "<table><tr><td>x</td></tr></table>").render()
    assert tables_off_page(fine) == []
    wide = HTML(string=page + '<table style="width: 400mm"><tr><td>x</td></tr></table>').render()
    assert any("TableBox ends at" in p for p in tables_off_page(wide))
    tall = HTML(
        string=page + '<table><tr style="break-inside: avoid"><td style="height: 400mm">x</td>'
        "</tr></table>"
    ).render()
    assert any("ends at y" in p for p in tables_off_page(tall))
    chart = HTML(
        string=page + '<svg xmlns="http://www.w3.org/2000/svg" style="width: 300mm; height: 50mm">'
        "<rect width='10' height='10'/></svg>"
    ).render()
    assert any("ReplacedBox" in p for p in tables_off_page(chart))

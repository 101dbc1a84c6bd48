"""The SKM report in the registry: Word built from the same data as the PDF (chapters, processing
table), PDF and XLSX through kinerja.reports.skm_document."""

import io

import pytest
from docx import Document

from kinerja.accounts.access import OrganisationReader
from kinerja.reports.documents import generate
from tests.reports.documents_data import docx_text
from tests.reports.pdf import pdf_text
from tests.skm.skm_data import store_sample

pytestmark = pytest.mark.django_db


def test_skm_docx_has_the_chapters_and_the_processing_table(mayang):
    store_sample(mayang, None)
    document = Document(
        io.BytesIO(
            generate(
                "skm",
                user=OrganisationReader.of(mayang),
                organisation=mayang,
                year=2022,
                fmt="docx",
            )
        )
    )
    text = docx_text(document)
    for chapter in ("BAB I PENDAHULUAN", "BAB II METODOLOGI", "BAB III HASIL", "BAB IV KESIMPULAN"):
        assert chapter in text
    # tests/skm/skm_data.py: IKM = 26.85 / 9 = 2,983; konversi 74,58 (mutu C, Kurang Baik)
    assert "Indeks Kepuasan Masyarakat (IKM): 74,58" in text
    processing = [t for t in document.tables if t.rows[0].cells[0].text == "Uraian"][0]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in processing.rows}
    # U1: 5 answers summing to 14 -> NRR 2,800; U4: 4 answers, 13 -> 3,250
    assert rows["Jumlah jawaban"][0] == "5" and rows["Jumlah nilai per unsur"][0] == "14"
    assert rows["NRR per unsur"][0] == "2,800" and rows["NRR per unsur"][3] == "3,250"
    summary = [t for t in document.tables if t.rows[0].cells[0].text == "IKM"][0]
    assert [c.text for c in summary.rows[0].cells] == ["IKM", "2,983"]
    assert "74,58" in pdf_text(
        generate(
            "skm", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="pdf"
        )
    )

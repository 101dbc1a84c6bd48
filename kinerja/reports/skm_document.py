"""The SKM report (JENIS ``skm``) in the document registry.

PDF and XLSX come from ``kinerja.skm.report.generate_skm_report``; the Word version is built here from
the same :class:`~kinerja.skm.report.SkmReportData` with the same chapters (Bab I-IV) and the
processing table, so the three formats cannot disagree.
"""

from __future__ import annotations

from typing import Any

from kinerja.core.numbers import EM_DASH
from kinerja.organisations.models import Organisation
from kinerja.reports import docx as word
from kinerja.reports.documents import register_document
from kinerja.reports.formatting import format_date_id, format_number_id
from kinerja.reports.pdf import paper_for
from kinerja.skm import report as skm_report


def _places(data: dict[str, Any]) -> dict[str, int]:
    return data["places"]


def skm_docx(data_object: Any, paper: str) -> bytes:
    data = skm_report.report_context(data_object)
    d = data["data"]
    result = data["result"]
    places = _places(data)
    doc = word.new_document(paper)
    word.add_kop(doc, d.organisation)
    word.heading(
        doc, "LAPORAN SURVEI KEPUASAN MASYARAKAT", size=14
    ).paragraph_format.space_after = 0
    word.heading(doc, d.office.upper(), size=12).paragraph_format.space_after = 0
    word.heading(doc, d.period_label.upper(), size=12)
    ikm = format_number_id(result.ikm_konversi, places["konversi"]) if result else EM_DASH
    word.paragraph(doc, f"Indeks Kepuasan Masyarakat (IKM): {ikm}", bold=True, align="center")
    if result:
        word.paragraph(
            doc,
            f"Mutu pelayanan {result.mutu} · Kinerja unit pelayanan {result.kinerja} · "
            f"{format_number_id(result.respondents, 0)} responden",
            align="center",
        )

    word.page_break(doc)
    word.heading(doc, "BAB I PENDAHULUAN", size=12.5)
    word.heading(doc, "A. Latar Belakang", size=11.5, align="left")
    word.paragraph(
        doc,
        "Survei Kepuasan Masyarakat (SKM) adalah kegiatan pengukuran secara komprehensif tentang "
        "tingkat kepuasan masyarakat terhadap kualitas layanan yang diberikan oleh penyelenggara "
        f"pelayanan publik. {d.office} melaksanakan SKM untuk {d.period_label.lower()}.",
    )
    word.heading(doc, "B. Dasar Hukum", size=11.5, align="left")
    for n, item in enumerate(data["legal_basis"], 1):
        word.paragraph(doc, f"{n}. {item};")
    word.heading(doc, "C. Maksud dan Tujuan", size=11.5, align="left")
    word.paragraph(
        doc,
        "Survei ini dimaksudkan untuk mengetahui tingkat kepuasan masyarakat sebagai pengguna "
        f"layanan dan meningkatkan kualitas penyelenggaraan pelayanan publik di {d.office}.",
    )
    word.heading(doc, "D. Waktu Pelaksanaan", size=11.5, align="left")
    word.paragraph(
        doc,
        f"Survei dilaksanakan pada {d.period_label.lower()}, yaitu "
        f"{format_date_id(data['period_start'])} sampai dengan {format_date_id(data['period_end'])}.",
    )

    word.heading(doc, "BAB II METODOLOGI", size=12.5)
    word.paragraph(
        doc,
        f"Instrumen survei berupa kuesioner dengan {len(data['rows'])} unsur pelayanan sesuai "
        "Peraturan Menteri PANRB Nomor 14 Tahun 2017, dijawab dengan skala 1 sampai 4. NRR setiap "
        "unsur adalah jumlah nilai dibagi jumlah jawaban; IKM adalah jumlah NRR tertimbang dan IKM "
        "konversi adalah IKM × 25.",
    )
    if data["rows"]:
        word.add_table(
            doc,
            header=("Kode", "Unsur pelayanan", "Bobot"),
            rows=[
                (
                    r.unsur.code,
                    r.unsur.name,
                    f"{r.unsur.weight.numerator}/{r.unsur.weight.denominator}",
                )
                for r in data["rows"]
            ],
            widths_mm=[16, 120, 29],
            align=["center", "left", "right"],
        )

    word.heading(doc, "BAB III HASIL", size=12.5)
    if result is None:
        word.paragraph(doc, "Belum ada jawaban survei yang tercatat pada periode ini.")
    else:
        word.heading(doc, "A. Pengolahan Data", size=11.5, align="left")
        codes = [r.unsur.code for r in result.rows]
        table_rows = skm_report.processing_table_rows(result)
        row_places = [0, 0, places["nrr"], 4, places["weighted"]]
        body = []
        for (label, *values), p in zip(table_rows[:5], row_places, strict=True):
            body.append((label, *[format_number_id(v, p) for v in values]))
        width = max(10.0, 125 / max(len(codes), 1))
        word.add_table(
            doc,
            header=("Uraian", *codes),
            rows=body,
            widths_mm=[40, *[width] * len(codes)],
            align=["left", *["right"] * len(codes)],
            size=8.5,
        )
        summary = [
            ("IKM", format_number_id(result.ikm, places["ikm"])),
            ("IKM konversi", format_number_id(result.ikm_konversi, places["konversi"])),
            ("Mutu pelayanan", str(result.mutu)),
            ("Kinerja unit pelayanan", str(result.kinerja)),
        ]
        word.paragraph(doc, "", space_after=2)
        word.add_table(doc, header=None, rows=summary, widths_mm=[60, 40], align=["left", "right"])
        word.heading(doc, "B. Profil Responden", size=11.5, align="left")
        for table in d.profile:
            word.add_table(
                doc,
                header=(table.title, "Jumlah", "Persentase"),
                rows=[
                    (p.label, format_number_id(p.count, 0), format_number_id(p.share, 2) + "%")
                    for p in table.rows
                ]
                + [("Jumlah", format_number_id(table.total, 0), "100,00%" if table.total else "—")],
                widths_mm=[85, 40, 40],
                align=["left", "right", "right"],
            )
        word.heading(doc, "C. Prioritas Perbaikan", size=11.5, align="left")
        word.add_table(
            doc,
            header=("No", "Unsur pelayanan", "NRR", "NRR konversi"),
            rows=[
                (
                    str(n),
                    f"{r.unsur.code} {r.unsur.name}",
                    format_number_id(r.nrr, places["nrr"]),
                    format_number_id(r.nrr_konversi, places["konversi"]),
                )
                for n, r in enumerate(d.priorities, 1)
            ],
            widths_mm=[12, 103, 22, 28],
            align=["center", "left", "right", "right"],
        )

    word.heading(doc, "BAB IV KESIMPULAN", size=12.5)
    for n, text in enumerate(data["conclusions"], 1):
        word.paragraph(doc, f"{n}. {text}")
    word.add_signature(doc, d.signature, data["date_text"])
    return word.to_bytes(doc)


@register_document("skm", label="Laporan Survei Kepuasan Masyarakat", order=50, slug="laporan-skm")
def generate_skm_document(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    fmt: str = "pdf",
    paper: str = "A4",
) -> bytes:
    """The SKM report of the year (or one quarter): PDF/XLSX by the SKM module, Word here."""
    if fmt == "docx":
        paper_for(paper)
        data = skm_report.skm_report_data(organisation=organisation, year=year, quarter=quarter)
        return skm_docx(data, paper)
    return skm_report.generate_skm_report(
        organisation=organisation, year=year, quarter=quarter, fmt=fmt, paper=paper
    )

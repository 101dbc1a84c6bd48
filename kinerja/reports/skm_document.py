"""The SKM report (JENIS ``skm``, PermenPANRB 14/2017): PDF, Word and Excel from the same data.

Everything printed comes from one :class:`SkmReportData`, gathered from the SKM selectors (the running
tallies, the respondent profile, the sample check and the confidence interval) as the requesting user
may read them; the arithmetic is the pure core's (:mod:`kinerja.core.skm`). The three formats
therefore cannot disagree. The staff page with the download buttons is
:mod:`kinerja.reports.skm_views`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils import timezone, translation

from kinerja.accounts.access import UserLike
from kinerja.core.numbers import EM_DASH
from kinerja.core.skm import IndexResult, UnsurResult, improvement_priorities
from kinerja.organisations.models import Organisation
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.documents import register_document
from kinerja.reports.formatting import (
    format_date_id,
    format_number_id,
    period_dates,
    period_label_id,
)
from kinerja.reports.pdf import render_pdf
from kinerja.reports.signatories import Signature, head_of
from kinerja.skm import selectors
from kinerja.skm.display import (
    IKM_PLACES,
    KONVERSI_PLACES,
    NRR_PLACES,
    WEIGHTED_PLACES,
    nrr_bar_chart,
)
from kinerja.skm.selectors import SampleCheck

LEGAL_BASIS = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
    "tentang Pelayanan Publik",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 "
    "tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik",
)
"""Legal basis printed in Bab I (fixed Indonesian text: the report is an Indonesian document)."""


@dataclass(frozen=True)
class ProfileRow:
    label: str
    count: int
    share: Fraction | None
    """count / respondents x 100, ``None`` without respondents."""


@dataclass(frozen=True)
class ProfileTable:
    title: str
    rows: tuple[ProfileRow, ...]
    total: int


@dataclass(frozen=True)
class SkmReportData:
    """Everything the SKM report prints, for one kecamatan and one year or quarter."""

    organisation: Organisation
    year: int
    quarter: int | None
    result: IndexResult | None
    """``None`` when the period has no answers."""
    profile: tuple[ProfileTable, ...]
    sample: SampleCheck
    interval: tuple[Fraction, Fraction] | None
    signature: Signature
    instrument_name: str = ""
    services: tuple[tuple[str, int, Fraction | None], ...] = ()
    """Per service: name, respondents, IKM konversi (``None`` without answers)."""
    generated_on: datetime.date = field(default_factory=lambda: timezone.localdate())

    @property
    def office(self) -> str:
        """ "Kecamatan Mayang": the organisation's name with its level word."""
        return self.organisation.office_name

    @property
    def period_label(self) -> str:
        return period_label_id(self.year, self.quarter)

    @property
    def respondents(self) -> int:
        return self.result.respondents if self.result else 0

    @property
    def priorities(self) -> list[UnsurResult]:
        return improvement_priorities(self.result) if self.result else []


# --------------------------------------------------------------------------------------------
# Gathering the data (reads through the SKM selectors)
# --------------------------------------------------------------------------------------------


def skm_report_data(
    *, user: UserLike, organisation: Organisation, year: int, quarter: int | None = None
) -> SkmReportData:
    """Gather the report's data for ``organisation`` in ``year`` (or one ``quarter`` of it) as
    ``user`` may read them: the index and the sample check come from the tallies (public), the
    respondent profile and the interval from the raw responses, which only the kecamatan reads.

    Labels (e.g. of the respondent groups) are taken in Indonesian: the report is an Indonesian
    document whatever the reader's language.
    """
    with translation.override("id"):
        index = selectors.skm_index(organisation=organisation, year=year, quarter=quarter)
        return build_report_data(
            organisation=organisation,
            year=year,
            quarter=quarter,
            result=index,
            profile=selectors.skm_profile(
                user=user, organisation=organisation, year=year, quarter=quarter
            ),
            sample=selectors.skm_sample_check(
                organisation=organisation, year=year, quarter=quarter
            ),
            interval=selectors.skm_interval(
                user=user, organisation=organisation, year=year, quarter=quarter, index=index
            )
            if index is not None
            else None,
            instrument_name=index.instrument.name if index is not None else "",
        )


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    """The first of ``names`` found on ``obj`` (attribute or mapping key)."""
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


PROFILE_TITLES = {
    "gender": "Jenis Kelamin",
    "age": "Usia",
    "age_band": "Usia",
    "education": "Pendidikan",
    "occupation": "Pekerjaan",
    "service": "Jenis Layanan",
}


def build_report_data(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None,
    result: Any,
    profile: Any,
    sample: Any,
    interval: Any,
    instrument_name: str = "",
) -> SkmReportData:
    """Put the selectors' answers into the report's shape.

    ``result`` is an ``IndexResult`` or the selector's wrapper holding one in ``.result``;
    ``profile`` maps a group to rows ``(label, count)`` or ``(value, label, count)``.
    """
    if result is not None and not isinstance(result, IndexResult):
        result = result.result
    respondents = result.respondents if result else 0
    tables = []
    groups = list(profile.items() if isinstance(profile, dict) else profile or ())
    order = list(PROFILE_TITLES)
    groups.sort(key=lambda g: order.index(g[0]) if g[0] in order else len(order))
    for key, counts in groups:
        pairs = list(counts.items()) if isinstance(counts, dict) else list(counts)
        # (value, label, count) -> (label, count); an empty "unknown" row without anyone is dropped
        pairs = [(row[-2], row[-1]) for row in pairs if str(row[-2]) or row[-1]]
        total = sum(int(c) for _label, c in pairs)
        rows = tuple(
            ProfileRow(
                str(label) or "Tidak diketahui",
                int(c),
                Fraction(int(c) * 100, total) if total else None,
            )
            for label, c in pairs
        )
        tables.append(ProfileTable(PROFILE_TITLES.get(str(key), str(key)), rows, total))
    population = _get(sample, "population", "populasi", "users")
    minimum = _get(sample, "minimum", "minimum_sample", "sample", "sampel")
    low_high = None
    if interval is not None:
        low = _get(interval, "low", default=None)
        high = _get(interval, "high", default=None)
        if low is None and isinstance(interval, tuple | list) and len(interval) == 2:
            low, high = interval
        if low is not None and high is not None:
            low_high = (Fraction(low), Fraction(high))
    return SkmReportData(
        organisation=organisation,
        year=year,
        quarter=quarter,
        result=result,
        profile=tuple(tables),
        sample=SampleCheck(population, minimum, respondents),
        interval=low_high,
        signature=head_of(organisation),
        instrument_name=instrument_name,
    )


# --------------------------------------------------------------------------------------------
# Narrative drafted from the numbers
# --------------------------------------------------------------------------------------------


def _unsur_list(rows: Sequence[UnsurResult]) -> str:
    parts = [
        f"{r.unsur.code} {r.unsur.name} (NRR {format_number_id(r.nrr, NRR_PLACES)})" for r in rows
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " dan " + parts[-1]


def draft_conclusions(data: SkmReportData) -> list[str]:
    """Bab IV drafted from the numbers: index and mutu, best and weakest unsur, sample, interval."""
    org = data.office
    if data.result is None:
        return [
            f"Pada {data.period_label.lower()} belum ada jawaban survei yang tercatat untuk {org}, "
            "sehingga Indeks Kepuasan Masyarakat belum dapat dihitung."
        ]
    r = data.result
    out = [
        f"Indeks Kepuasan Masyarakat (IKM) {org} {data.period_label.lower()} adalah "
        f"{format_number_id(r.ikm_konversi, KONVERSI_PLACES)} (nilai indeks "
        f"{format_number_id(r.ikm, IKM_PLACES)} pada skala 1–4) dari {format_number_id(r.respondents, 0)} "
        f"responden, dengan mutu pelayanan {r.mutu} dan kinerja unit pelayanan {r.kinerja}."
    ]
    answered = [row for row in r.rows if row.nrr is not None]
    if answered:
        best = max(answered, key=lambda row: row.nrr or 0)
        lowest = data.priorities[0]
        out.append(
            f"Unsur dengan nilai tertinggi adalah {best.unsur.code} {best.unsur.name} "
            f"(NRR {format_number_id(best.nrr, NRR_PLACES)}); unsur dengan nilai terendah adalah "
            f"{lowest.unsur.code} {lowest.unsur.name} (NRR {format_number_id(lowest.nrr, NRR_PLACES)})."
        )
    if r.excluded:
        out.append(
            "Unsur tanpa jawaban (" + ", ".join(r.excluded) + ") tidak diikutkan dalam perhitungan "
            "dan bobot unsur lainnya disesuaikan sehingga berjumlah 1."
        )
    s = data.sample
    if s.minimum is not None and s.population is not None:
        verdict = "telah memenuhi" if s.enough else "belum memenuhi"
        out.append(
            f"Jumlah responden ({format_number_id(s.respondents, 0)}) {verdict} jumlah sampel minimum "
            f"{format_number_id(s.minimum, 0)} responden menurut tabel Krejcie dan Morgan untuk "
            f"{format_number_id(s.population, 0)} penerima layanan."
        )
    else:
        out.append(
            "Jumlah penerima layanan pada periode ini belum diisi, sehingga kecukupan sampel belum "
            "dapat diperiksa."
        )
    if data.interval is not None:
        low, high = data.interval
        out.append(
            f"Dengan tingkat kepercayaan 95% (bootstrap atas responden), IKM konversi berada di antara "
            f"{format_number_id(low, KONVERSI_PLACES)} dan {format_number_id(high, KONVERSI_PLACES)}."
        )
    weak = data.priorities[:3]
    if weak:
        out.append(
            "Perbaikan pelayanan diprioritaskan pada unsur dengan nilai terendah, yaitu "
            + _unsur_list(weak)
            + "."
        )
    return out


# --------------------------------------------------------------------------------------------
# Output: PDF and XLSX
# --------------------------------------------------------------------------------------------


def report_context(data: SkmReportData) -> dict[str, Any]:
    return {
        "data": data,
        "organisation": data.organisation,
        "result": data.result,
        "rows": data.result.rows if data.result else (),
        "chart": nrr_bar_chart(data.result),
        "conclusions": draft_conclusions(data),
        "legal_basis": LEGAL_BASIS,
        "places": {
            "nrr": NRR_PLACES,
            "weighted": WEIGHTED_PLACES,
            "ikm": IKM_PLACES,
            "konversi": KONVERSI_PLACES,
        },
        "date_text": format_date_id(data.generated_on),
        "period_start": period_dates(data.year, data.quarter)[0],
        "period_end": period_dates(data.year, data.quarter)[1],
    }


def report_pdf(data: SkmReportData, paper: str = "A4") -> bytes:
    return render_pdf("reports/skm_report.html", report_context(data), paper=paper)


def processing_table_rows(result: IndexResult) -> list[list[Any]]:
    """The processing table as rows: label, then one value per unsur (U1..Un).

    The last rows carry the index in the first value column: IKM, IKM konversi, mutu, kinerja.
    """
    rows: list[list[Any]] = [
        ["Jumlah jawaban", *[r.jumlah_jawaban for r in result.rows]],
        ["Jumlah nilai per unsur", *[r.jumlah_nilai for r in result.rows]],
        ["NRR per unsur", *[r.nrr for r in result.rows]],
        ["Bobot", *[r.weight_used for r in result.rows]],
        ["NRR tertimbang", *[r.nrr_tertimbang for r in result.rows]],
        ["IKM (Σ NRR tertimbang)", result.ikm],
        ["IKM konversi (IKM × 25)", result.ikm_konversi],
        ["Mutu pelayanan", result.mutu],
        ["Kinerja unit pelayanan", result.kinerja],
    ]
    return rows


def report_xlsx(data: SkmReportData) -> bytes:
    """The report's tables in a workbook: processing table, per unsur, profile, sample check."""
    workbook = xlsx.new_workbook()
    title = [
        "LAPORAN SURVEI KEPUASAN MASYARAKAT",
        f"{data.office} — {data.period_label}",
    ]
    sheet = workbook.create_sheet("Pengolahan")
    row = xlsx.write_title(sheet, title)
    if data.result is None:
        sheet.cell(row=row, column=1, value="Belum ada jawaban survei pada periode ini.")
    else:
        r = data.result
        codes = [u.unsur.code for u in r.rows]
        header = ["Uraian", *codes]
        table = processing_table_rows(r)
        start = row
        xlsx.write_table(
            sheet,
            start_row=start,
            header=header,
            rows=table[:5],
            bold_first_column=True,
        )
        # number formats per row (rows differ: counts, NRR, weights)
        formats = [0, 0, NRR_PLACES, 4, WEIGHTED_PLACES]
        for offset, places in enumerate(formats, 1):
            for col in range(2, len(codes) + 2):
                sheet.cell(row=start + offset, column=col).number_format = xlsx.number_format(
                    places
                )
        summary_start = start + 7
        summary_places = [IKM_PLACES, KONVERSI_PLACES, None, None]
        for i, (label, value) in enumerate(table[5:]):
            label_cell = sheet.cell(row=summary_start + i, column=1, value=label)
            label_cell.font = xlsx.BOLD
            label_cell.border = xlsx.BORDER
            cell = sheet.cell(row=summary_start + i, column=2, value=xlsx.cell_value(value))
            cell.border = xlsx.BORDER
            if summary_places[i] is not None:
                cell.number_format = xlsx.number_format(summary_places[i])  # type: ignore[arg-type]
        xlsx.set_widths(sheet, [28, *[11] * len(codes)])
        xlsx.add_table_sheet(
            workbook,
            "Unsur",
            title_lines=title,
            header=["Kode", "Unsur", "Jumlah jawaban", "Jumlah nilai", "NRR", "NRR konversi"],
            rows=[
                [
                    u.unsur.code,
                    u.unsur.name,
                    u.jumlah_jawaban,
                    u.jumlah_nilai,
                    u.nrr,
                    u.nrr_konversi,
                ]
                for u in r.rows
            ],
            places=[None, None, 0, 0, NRR_PLACES, KONVERSI_PLACES],
            widths=[8, 42, 16, 14, 10, 14],
        )
    profile = workbook.create_sheet("Profil responden")
    row = xlsx.write_title(profile, title)
    for profile_table in data.profile:
        profile.cell(row=row, column=1, value=profile_table.title).font = xlsx.BOLD
        row = xlsx.write_table(
            profile,
            start_row=row + 1,
            header=[profile_table.title, "Jumlah", "Persentase (%)"],
            rows=[[p.label, p.count, p.share] for p in profile_table.rows]
            + [["Jumlah", profile_table.total, 100 if profile_table.total else None]],
            places=[None, 0, 2],
        )
    xlsx.set_widths(profile, [30, 12, 16])
    s = data.sample
    xlsx.add_table_sheet(
        workbook,
        "Sampel",
        title_lines=title,
        header=["Uraian", "Nilai"],
        rows=[
            ["Jumlah penerima layanan (populasi)", s.population],
            ["Sampel minimum (Krejcie & Morgan)", s.minimum],
            ["Jumlah responden", s.respondents],
            [
                "Sampel mencukupi",
                "—" if s.enough is None else ("Ya" if s.enough else "Tidak"),
            ],
            [
                "IKM konversi, batas bawah (95%, bootstrap)",
                data.interval[0] if data.interval else None,
            ],
            [
                "IKM konversi, batas atas (95%, bootstrap)",
                data.interval[1] if data.interval else None,
            ],
        ],
        places=[None, None],
        widths=[44, 16],
    )
    sampel = workbook["Sampel"]
    for row_index in (6, 7):  # the interval rows after the 2 title lines, a blank and the header
        sampel.cell(row=row_index + 3, column=2).number_format = xlsx.number_format(KONVERSI_PLACES)
    return xlsx.to_bytes(workbook)


# --------------------------------------------------------------------------------------------
# Output: Word
# --------------------------------------------------------------------------------------------


def _places(data: dict[str, Any]) -> dict[str, int]:
    places: dict[str, int] = data["places"]
    return places


def skm_docx(data_object: SkmReportData, paper: str) -> bytes:
    data = report_context(data_object)
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
        table_rows = processing_table_rows(result)
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


def context(
    *, user: UserLike, organisation: Organisation, year: int, quarter: int | None = None
) -> SkmReportData:
    """The SKM report of the year (or one quarter) as ``user`` reads it."""
    return skm_report_data(user=user, organisation=organisation, year=year, quarter=quarter)


register_document(
    "skm",
    label="Laporan Survei Kepuasan Masyarakat",
    context=context,
    renderers={"pdf": report_pdf, "docx": skm_docx, "xlsx": report_xlsx},
    order=50,
    slug="laporan-skm",
)

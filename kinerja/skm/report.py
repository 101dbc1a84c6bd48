"""The SKM report (PermenPANRB 14/2017): PDF and XLSX from the same data, and its staff page.

Everything printed comes from one :class:`SkmReportData`, gathered from the SKM selectors (the running
tallies, the respondent profile, the sample check and the confidence interval); the arithmetic is the
pure core's (:mod:`kinerja.core.skm`). The PDF and the XLSX therefore cannot disagree.

``generate_skm_report(organisation=..., year=..., quarter=..., fmt="pdf"|"xlsx", paper="A4"|"F4")``
is the single entry point for pages and (later) the ``kinerja laporan skm`` command.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kinerja import charts
from kinerja.accounts.access import Action, can_act_in, kecamatan_ids
from kinerja.core.numbers import to_decimal
from kinerja.core.skm import IndexResult, UnsurResult, improvement_priorities
from kinerja.organisations.models import Level, Organisation
from kinerja.reports import documents, xlsx
from kinerja.reports.formatting import (
    format_date_id,
    format_number_id,
    period_dates,
    period_label_id,
)
from kinerja.reports.pdf import PAPERS, paper_for, render_pdf
from kinerja.reports.signatories import Signature, head_of
from kinerja.skm.selectors import SampleCheck
from kinerja.skm.views import attachment

FORMATS = ("pdf", "xlsx")

# Decimals shown (the numbers themselves stay exact until printed) [D]:
NRR_PLACES = 3
WEIGHTED_PLACES = 3
IKM_PLACES = 3
KONVERSI_PLACES = 2

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
    *, organisation: Organisation, year: int, quarter: int | None = None
) -> SkmReportData:
    """Gather the report's data for ``organisation`` in ``year`` (or one ``quarter`` of it).

    Labels (e.g. of the respondent groups) are taken in Indonesian: the report is an Indonesian
    document whatever the reader's language.
    """
    from kinerja.skm import selectors

    with translation.override("id"):
        index = selectors.skm_index(organisation=organisation, year=year, quarter=quarter)
        return build_report_data(
            organisation=organisation,
            year=year,
            quarter=quarter,
            result=index,
            profile=selectors.skm_profile(organisation=organisation, year=year, quarter=quarter),
            sample=selectors.skm_sample_check(
                organisation=organisation, year=year, quarter=quarter
            ),
            interval=selectors.skm_interval(
                organisation=organisation, year=year, quarter=quarter, index=index
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
# Chart (a minimal SVG until the shared chart module is available)
# --------------------------------------------------------------------------------------------


def nrr_bar_chart(result: IndexResult | None, *, chart_id: str = "skm-nrr") -> SafeString:
    """Horizontal bars of NRR per unsur on 0..4 (the shared :mod:`kinerja.charts`, as on the
    dashboard), the value printed at the end of each bar; empty without answers."""
    if result is None:
        return mark_safe("")
    svg = charts.bar_list_chart(
        items=[
            # the code only: the shared chart keeps labels short; names are in the table beside it
            (row.unsur.code, None if row.nrr is None else to_decimal(row.nrr))
            for row in result.rows
        ],
        maximum=4,
        title="Nilai rata-rata (NRR) per unsur",
        desc="NRR setiap unsur pelayanan pada skala 1 sampai 4",
        decimals=NRR_PLACES,
        chart_id=chart_id,
    )
    return mark_safe(svg)  # built by kinerja.charts, which escapes every text it prints


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


def report_pdf(data: SkmReportData, *, paper: str = "A4") -> bytes:
    return render_pdf("skm/report_pdf.html", report_context(data), paper=paper)


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
            summary_place = summary_places[i]
            if summary_place is not None:
                cell.number_format = xlsx.number_format(summary_place)
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


def generate_skm_report(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    fmt: str = "pdf",
    paper: str = "A4",
) -> bytes:
    """The SKM report of ``organisation`` for ``year`` (or one ``quarter``) as PDF or XLSX bytes.

    No permission check here: callers (the staff page, the ``kinerja laporan`` command) decide who
    may generate it. ``ValueError`` for an unknown format, paper or quarter.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1..4, got {quarter!r}")
    paper_for(paper)
    data = skm_report_data(organisation=organisation, year=year, quarter=quarter)
    if fmt == "xlsx":
        return report_xlsx(data)
    return report_pdf(data, paper=paper)


# --------------------------------------------------------------------------------------------
# Staff page: /skm/laporan/?tahun=&triwulan=&organisasi=
# --------------------------------------------------------------------------------------------


def _member_kecamatan(request: HttpRequest) -> list[Organisation]:
    ids = kecamatan_ids(request.user)
    qs = Organisation.objects.filter(level=Level.KECAMATAN)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return list(qs.order_by("code"))


def _int_param(request: HttpRequest, name: str, errors: list[str], label: str) -> int | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.append(
            _("%(field)s must be a whole number, not “%(value)s”.") % {"field": label, "value": raw}
        )
        return None


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    """The staff page with the SKM report's download buttons; members of the kecamatan only."""
    choices = _member_kecamatan(request)
    if not choices:
        raise PermissionDenied
    errors: list[str] = []
    code = request.GET.get("organisasi") or choices[0].code
    organisation = next((o for o in choices if o.code == code), None)
    if organisation is None:
        if Organisation.objects.filter(code=code, level=Level.KECAMATAN).exists():
            raise PermissionDenied
        raise Http404
    if not can_act_in(request.user, Action.VIEW, organisation):
        raise PermissionDenied
    today = timezone.localdate()
    year = _int_param(request, "tahun", errors, _("Year"))
    quarter = _int_param(request, "triwulan", errors, _("Quarter"))
    if year is None:
        year = today.year
    elif not 2000 <= year <= 2100:
        errors.append(_("Year must lie between 2000 and 2100."))
        year = today.year
    if quarter is not None and quarter not in (1, 2, 3, 4):
        errors.append(_("Quarter must be 1, 2, 3 or 4 (or empty for the whole year)."))
        quarter = None
    fmt = request.GET.get("format") or ""
    paper = request.GET.get("kertas") or "A4"
    if paper not in PAPERS:
        errors.append(_("Paper must be A4 or F4."))
        paper = "A4"
    if fmt and not errors:
        if fmt not in FORMATS:
            errors.append(_("Unknown format: choose PDF or Excel."))
        else:
            # through the document registry, as every download: it adds the DATA CONTOH mark
            content = documents.generate(
                "skm", organisation=organisation, year=year, quarter=quarter, fmt=fmt, paper=paper
            )
            suffix = f"{year}" + (f"-tw{quarter}" if quarter else "")
            slug = organisation.name.lower().replace(" ", "-")
            return attachment(content, fmt=fmt, filename=f"laporan-skm-{slug}-{suffix}.{fmt}")
    data = skm_report_data(organisation=organisation, year=year, quarter=quarter)
    return render(
        request,
        "skm/report_page.html",
        {
            "data": data,
            "organisation": organisation,
            "choices": choices,
            "year": year,
            "quarter": quarter,
            "paper": paper,
            "papers": PAPERS.values(),
            "errors": errors,
            "raw_year": request.GET.get("tahun", ""),
            "raw_quarter": request.GET.get("triwulan", ""),
            "conclusions": draft_conclusions(data),
            "chart": nrr_bar_chart(data.result),
            "places": {
                "nrr": NRR_PLACES,
                "weighted": WEIGHTED_PLACES,
                "ikm": IKM_PLACES,
                "konversi": KONVERSI_PLACES,
            },
        },
    )

"""Laporan pengukuran kinerja per triwulan (JENIS ``pengukuran``).

Per indicator: the quarter's target, realization, achievement and predikat, the cumulative values up to
that quarter, the kendala / upaya / rencana tindak lanjut written with the value, and the trend chart
of the year (``kinerja.charts.trend_chart``, the dashboard's SVG). All numbers come from
``kinerja.measurement.selectors.performance_table`` (the one read of the numbers), read as the
requesting user: the members' values not yet approved are printed too, marked with an asterisk [D].

Word cannot show SVG without converting it to PNG, which needs a further dependency (cairosvg);
the Word version shows the quarters as a small table instead of the chart [D].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.charts import trend_chart
from kinerja.common import periods
from kinerja.common.naming import office_name
from kinerja.core.numbers import EM_DASH
from kinerja.core.periods import Period, PeriodType, period_label
from kinerja.measurement.selectors import (
    Cell,
    IndicatorRow,
    performance_table,
    value_notes,
)
from kinerja.measurement.selectors import status_label as value_status_label
from kinerja.organisations.models import Organisation
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.documents import DocumentUnavailable, pdf_template, register_document
from kinerja.reports.formatting import QUARTER_LABELS_ID, format_date_id, format_number_id
from kinerja.reports.links import record_link
from kinerja.reports.signatories import head_of

if TYPE_CHECKING:
    from kinerja.iku.models import Indicator

ACHIEVEMENT_PLACES = 2
SUMMARY_HEADER = (
    "NO",
    "INDIKATOR KINERJA",
    "SATUAN",
    "TARGET",
    "REALISASI",
    "CAPAIAN (%)",
    "PREDIKAT",
)


def value_text(indicator: Indicator, cell: Cell, which: str) -> str:
    """Target or realization of a cell as printed (grade for an ordinal scale, range "a – b")."""
    if which == "target":
        if indicator.scale:
            return cell.target_grade or EM_DASH
        text = format_number_id(cell.target, indicator.decimals)
        if cell.target is not None and cell.target_upper is not None:
            text += " – " + format_number_id(cell.target_upper, indicator.decimals)
        return text
    if indicator.scale:
        return cell.grade or EM_DASH
    return format_number_id(cell.realization, indicator.decimals)


@dataclass
class Line:
    """One printed line of an indicator: a period's target, realization, achievement, predikat."""

    label: str
    cell: Cell
    target: str
    realization: str
    achievement: str
    predikat: str
    unapproved: bool
    link: str = ""
    """Where the records behind a computed realization are listed (absolute), or ""."""


def _line(
    indicator: Indicator, cell: Cell, label: str, organisation: Organisation | None = None
) -> Line:
    return Line(
        label=label,
        cell=cell,
        target=value_text(indicator, cell, "target"),
        realization=value_text(indicator, cell, "realization"),
        achievement=format_number_id(cell.achievement, ACHIEVEMENT_PLACES),
        predikat=cell.predikat or EM_DASH,
        unapproved=cell.unapproved,
        link=(
            record_link(indicator, organisation, cell.period, source=cell.source)
            if organisation is not None and cell.has_value
            else ""
        ),
    )


@dataclass
class IndicatorBlock:
    number: int
    row: IndicatorRow
    quarter: Line
    cumulative: Line | None
    kendala: str
    upaya: str
    rencana: str
    chart: str
    trend: list[Line]

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def _chart(row: IndicatorRow, year: int, quarter: int) -> str:
    """The year's trend up to ``quarter`` (later realizations left out; every target shown)."""
    indicator = row.indicator
    return mark_safe(  # noqa: S308 - built by kinerja.charts, every text escaped
        trend_chart(
            labels=[period_label(c.period, "id", with_year=False) for c in row.quarters],
            realizations=[
                c.realization if n <= quarter else None for n, c in enumerate(row.quarters, 1)
            ],
            targets=[c.target for c in row.quarters],
            colours=[c.colour if n <= quarter else None for n, c in enumerate(row.quarters, 1)],
            title=f"Tren IKU {indicator.code} tahun {year}",
            desc="Realisasi per triwulan (batang, warna predikat) dan target (garis).",
            decimals=indicator.decimals,
            chart_id=f"trend-{indicator.pk}",
        )
    )


def context(
    *, user: UserLike, organisation: Organisation, year: int, quarter: int | None
) -> dict[str, Any]:
    """The quarterly measurement report of ``quarter`` (1..4) of ``year``, read as ``user``."""
    if quarter is None:
        raise ValueError("pengukuran needs a quarter (1..4)")
    rows = performance_table(user=user, organisation=organisation, year=year)
    if not rows:
        raise DocumentUnavailable(
            _("%(org)s has no IKU decree for %(year)s: there are no indicators to report on.")
            % {"org": organisation, "year": year}
        )
    values = {
        v.pk: v
        for v in value_notes(
            user=user, organisation=organisation, year=year, indicators=[r.indicator for r in rows]
        )
    }
    if not any(r.quarters[quarter - 1].has_value or r.quarters[quarter - 1].target for r in rows):
        raise DocumentUnavailable(
            _("No targets or realizations of %(org)s for %(period)s.")
            % {
                "org": organisation,
                "period": periods.period_label(Period(PeriodType.QUARTER, year, quarter)),
            }
        )
    blocks = []
    for number, row in enumerate(rows, 1):
        indicator = row.indicator
        cell = row.quarters[quarter - 1]
        stored = values.get(cell.value_id) if cell.value_id else None
        cumulative = (
            # no link: no page lists the records of several quarters (as on the dashboard)
            _line(indicator, row.year_to_date[quarter - 1], f"s.d. {QUARTER_LABELS_ID[quarter]}")
            if quarter > 1
            else None
        )
        blocks.append(
            IndicatorBlock(
                number=number,
                row=row,
                quarter=_line(indicator, cell, QUARTER_LABELS_ID[quarter], organisation),
                cumulative=cumulative,
                kendala=stored.kendala if stored else "",
                upaya=stored.upaya if stored else "",
                rencana=stored.rencana_tindak_lanjut if stored else "",
                chart=_chart(row, year, quarter),
                trend=[
                    _line(indicator, c, QUARTER_LABELS_ID[i], organisation)
                    for i, c in enumerate(row.quarters[:quarter], 1)
                ],
            )
        )
    signature = head_of(organisation)
    parent = organisation.parent
    return {
        "organisation": organisation,
        "year": year,
        "year_text": str(year),
        "quarter": quarter,
        "quarter_label": QUARTER_LABELS_ID[quarter].upper(),
        "blocks": blocks,
        "any_unapproved": any(line.unapproved for b in blocks for line in b.trend),
        "signature": signature,
        "date": timezone.localdate(),
        "date_text": format_date_id(timezone.localdate()),
        "office": office_name(organisation),
        "region": parent.name.upper() if parent else "",
    }


def _mark(line: Line, text: str) -> str:
    return f"{text}*" if line.unapproved and text != EM_DASH else text


def summary_rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    return [
        (
            str(b.number),
            f"{b.indicator.code} {b.indicator.name}",
            b.indicator.unit,
            b.quarter.target,
            _mark(b.quarter, b.quarter.realization),
            b.quarter.achievement,
            b.quarter.predikat,
        )
        for b in data["blocks"]
    ]


# ------------------------------------------------------------------------------------ formats


def status_label(status: str | None) -> str:
    """The workflow status in Indonesian (documents are Indonesian whatever the user's language)."""
    if not status:
        return ""
    with translation.override("id"):
        return value_status_label(status)


def pengukuran_xlsx(data: dict[str, Any]) -> bytes:
    """Numbers as numbers: the quarter and the cumulative value per indicator, then narratives."""
    workbook = xlsx.new_workbook()
    title = [
        f"LAPORAN PENGUKURAN KINERJA {data['quarter_label']} TAHUN {data['year_text']}",
        f"{data['office']} {data['region']}".strip(),
    ]
    rows = []
    for b in data["blocks"]:
        for line in [b.quarter, *([b.cumulative] if b.cumulative else [])]:
            c = line.cell
            ind = b.indicator
            rows.append(
                [
                    ind.code,
                    ind.name,
                    line.label,
                    ind.unit,
                    (c.target_grade or None) if ind.scale else c.target,
                    (c.grade or None) if ind.scale else c.realization,
                    c.achievement,
                    c.predikat,
                    status_label(c.status),
                ]
            )
    sheet = xlsx.add_table_sheet(
        workbook,
        "Pengukuran",
        title_lines=title,
        header=[
            "KODE",
            "INDIKATOR",
            "PERIODE",
            "SATUAN",
            "TARGET",
            "REALISASI",
            "CAPAIAN (%)",
            "PREDIKAT",
            "STATUS",
        ],
        rows=rows,
        places=[None, None, None, None, 2, 2, ACHIEVEMENT_PLACES, None, None],
        widths=[8, 48, 18, 10, 12, 12, 13, 16, 16],
    )
    # decimals of each indicator for target and realization
    start = len(title) + 2
    index = 0
    for b in data["blocks"]:
        for _repeat in range(2 if b.cumulative else 1):
            for col in (5, 6):
                cell = sheet.cell(row=start + index, column=col)
                if isinstance(cell.value, float):
                    cell.number_format = xlsx.number_format(b.indicator.decimals)
            index += 1
    xlsx.add_table_sheet(
        workbook,
        "Kendala dan upaya",
        title_lines=title,
        header=["KODE", "INDIKATOR", "KENDALA", "UPAYA", "RENCANA TINDAK LANJUT"],
        rows=[
            [b.indicator.code, b.indicator.name, b.kendala, b.upaya, b.rencana]
            for b in data["blocks"]
        ],
        widths=[8, 40, 45, 45, 45],
    )
    return xlsx.to_bytes(workbook)


def pengukuran_docx(data: dict[str, Any], paper: str) -> bytes:
    doc = word.new_document(paper)
    word.add_kop(doc, data["organisation"])
    word.heading(doc, "LAPORAN PENGUKURAN KINERJA", size=13).paragraph_format.space_after = 0
    word.heading(doc, f"{data['quarter_label']} TAHUN {data['year_text']}", size=13)
    word.heading(doc, "A. Ringkasan capaian", size=11.5, align="left")
    word.add_table(
        doc,
        header=SUMMARY_HEADER,
        rows=summary_rows(data),
        widths_mm=[9, 64, 15, 18, 20, 18, 21],
        align=["center", "left", "center", "right", "right", "right", "center"],
    )
    if data["any_unapproved"]:
        word.paragraph(doc, "*) angka belum disetujui", size=9)
    word.heading(doc, "B. Uraian per indikator", size=11.5, align="left")
    for b in data["blocks"]:
        word.heading(
            doc, f"{b.number}. IKU {b.indicator.code} {b.indicator.name}", size=11.5, align="left"
        )
        lines = [b.quarter, *([b.cumulative] if b.cumulative else [])]
        word.add_table(
            doc,
            header=("PERIODE", "TARGET", "REALISASI", "CAPAIAN (%)", "PREDIKAT"),
            rows=[
                (ln.label, ln.target, _mark(ln, ln.realization), ln.achievement, ln.predikat)
                for ln in lines
            ],
            widths_mm=[40, 30, 30, 30, 35],
            align=["left", "right", "right", "right", "center"],
        )
        word.paragraph(doc, f"Tren tahun {data['year_text']} (pengganti grafik):", size=9.5)
        word.add_table(
            doc,
            header=("TRIWULAN", "TARGET", "REALISASI", "CAPAIAN (%)", "PREDIKAT"),
            rows=[
                (ln.label, ln.target, _mark(ln, ln.realization), ln.achievement, ln.predikat)
                for ln in b.trend
            ],
            widths_mm=[40, 30, 30, 30, 35],
            align=["left", "right", "right", "right", "center"],
        )
        for heading_text, text in (
            ("Kendala", b.kendala),
            ("Upaya", b.upaya),
            ("Rencana tindak lanjut", b.rencana),
        ):
            word.paragraph(doc, heading_text, bold=True, space_after=0)
            word.paragraph(doc, text or EM_DASH, space_after=4)
    word.add_signature(doc, data["signature"], data["date_text"])
    return word.to_bytes(doc)


register_document(
    "pengukuran",
    label="Laporan Pengukuran Kinerja Triwulan",
    context=context,
    renderers={
        "pdf": pdf_template("reports/pengukuran.html"),
        "docx": pengukuran_docx,
        "xlsx": pengukuran_xlsx,
    },
    needs_quarter=True,
    order=30,
    slug="pengukuran-kinerja",
)

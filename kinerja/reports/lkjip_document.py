"""LKjIP, Laporan Kinerja Instansi Pemerintah (JENIS ``lkjip``) of one year.

Ikhtisar Eksekutif; Bab I Pendahuluan (tugas, fungsi and tujuan from the IKU decree, the units, the
villages); Bab II Perencanaan Kinerja (the Renstra targets of the period incl. the end target, the PK
targets of the year); Bab III Akuntabilitas Kinerja (per kinerja utama and indicator: target,
realization, achievement, predikat of the year; the realizations of the two previous years with the
change; the Renstra end target and the progress towards it; the benchmarks entered for the year
(``planning.IndicatorBenchmark``: value, source and the realization's difference from it; "—"
when none is entered); the quarterly trend chart; kendala and upaya written with the values; efficiency: the
programs serving the indicator with pagu, realization, % spent and the unspent share where the
indicator reached its target); Bab IV Penutup; Lampiran: the PK table.

All numbers come from ``performance_table`` (read as a trusted caller, so unapproved values are
printed too, marked "*" [D]) and the planning selectors. Narrative paragraphs are drafted from the
numbers by :func:`draft_narratives` (a pure function); an edited text stored in
:class:`~kinerja.reports.models.LkjipNarrative` wins over the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kinerja.charts import trend_chart
from kinerja.core.numbers import EM_DASH
from kinerja.core.periods import period_label
from kinerja.iku.models import Indicator
from kinerja.iku.selectors import decree_document_context
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.selectors import (
    TRUSTED_READER,
    IndicatorRow,
    Rater,
    assessment_for,
    decree_for_year,
    performance_table,
)
from kinerja.organisations.models import Organisation
from kinerja.planning.models import RenstraPeriod
from kinerja.planning.selectors import agreement_rows, benchmarks_for, renja_rows, target_text
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.documents import DocumentUnavailable, register_document
from kinerja.reports.formatting import QUARTER_LABELS_ID, format_date_id, format_number_id
from kinerja.reports.links import record_link
from kinerja.reports.lkjip_services import stored_narratives
from kinerja.reports.models import LkjipSection
from kinerja.reports.pdf import render_pdf
from kinerja.reports.pengukuran_document import value_text
from kinerja.reports.pk_document import LAMPIRAN_HEADER, agreement_of, lampiran_rows
from kinerja.reports.signatories import head_of
from kinerja.web.templatetags.kinerja_web import office_name

ACHIEVEMENT_PLACES = 2
PREVIOUS_YEARS = 2
HUNDRED = Decimal(100)
BAB3_HEADER = (
    "NO",
    "KINERJA UTAMA",
    "INDIKATOR KINERJA",
    "SATUAN",
    "TARGET",
    "REALISASI",
    "CAPAIAN (%)",
    "PREDIKAT",
)
EFFICIENCY_HEADER = (
    "PROGRAM / KEGIATAN",
    "PAGU (Rp)",
    "REALISASI (Rp)",
    "SERAPAN (%)",
    "CAPAIAN (%)",
    "SISA (%)",
)


# ------------------------------------------------------------------------------ the numbers


@dataclass
class PreviousYear:
    year: int
    realization: str
    change: str
    """This year's realization minus that year's (percentage points for a % indicator), signed."""


@dataclass
class BenchmarkLine:
    source: str
    value: Decimal
    value_text: str
    difference: Decimal | None
    """This year's realization minus the benchmark (percentage points for a % indicator)."""
    difference_text: str
    description: str


@dataclass
class ProgramLine:
    name: str
    budget: str
    spent: str
    share: str
    achievement: str
    unspent: str
    """1 − realisasi/pagu in percent, for an indicator that reached its target; "—" otherwise."""


@dataclass
class IndicatorBlock:
    number: int
    row: IndicatorRow
    goal: str
    target: str
    realization: str
    achievement: str
    predikat: str
    unapproved: bool
    previous: list[PreviousYear]
    renstra_year: str
    renstra_end: str
    progress: str
    benchmarks: list[BenchmarkLine]
    chart: str
    quarters: list[tuple[str, str, str, str, str]]
    kendala: list[str]
    upaya: list[str]
    programs: list[ProgramLine]
    change_unit: str
    first_of_goal: bool = False
    goal_rows: int = 1
    link: str = ""
    """Where the records behind the year's computed realization are listed (absolute), or ""."""

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def benchmark(self) -> str:
        """The benchmarks in one line each ("85,00 (rata-rata …; selisih +5,00)"), or "—"."""
        if not self.benchmarks:
            return EM_DASH
        return "\n".join(
            f"{b.value_text} ({b.source}; selisih {b.difference_text})" for b in self.benchmarks
        )

    @property
    def reached(self) -> bool:
        a = self.row.year.achievement
        return a is not None and a >= HUNDRED


@dataclass
class Facts:
    """What the drafts are written from (plain values, so :func:`draft_narratives` stays pure)."""

    organisation: str
    year: int
    indicators: list[tuple[str, str, Decimal | None, Decimal | None, str]] = field(
        default_factory=list
    )
    """(code, name, achievement, change against the previous year, unit)"""
    renstra_title: str = ""
    pk_present: bool = False
    programs: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)
    """(name, pagu, realization)"""
    spent_share: Decimal | None = None
    """Realization of all top-level programs against their pagu, percent (from the Renja rows)."""


def _signed(value: Decimal | None, places: int) -> str:
    if value is None:
        return EM_DASH
    text = format_number_id(value, places)
    return f"+{text}" if value > 0 else text


def _previous_years(organisation: Organisation, year: int) -> dict[int, dict[str, IndicatorRow]]:
    """The performance tables of the earlier years, by indicator code."""
    out: dict[int, dict[str, IndicatorRow]] = {}
    for earlier in range(year - PREVIOUS_YEARS, year):
        rows = performance_table(user=TRUSTED_READER, organisation=organisation, year=earlier)
        out[earlier] = {r.indicator.code: r for r in rows}
    return out


def _chart(row: IndicatorRow, year: int) -> str:
    indicator = row.indicator
    return mark_safe(  # noqa: S308 - built by kinerja.charts, every text escaped
        trend_chart(
            labels=[period_label(c.period, "id", with_year=False) for c in row.quarters],
            realizations=[c.realization for c in row.quarters],
            targets=[c.target for c in row.quarters],
            colours=[c.colour for c in row.quarters],
            title=f"Tren IKU {indicator.code} tahun {year}",
            desc="Realisasi per triwulan (batang, warna predikat) dan target (garis).",
            decimals=indicator.decimals,
            chart_id=f"lkjip-trend-{indicator.pk}",
        )
    )


def _narratives_of_values(
    organisation: Organisation, year: int, indicators: list[Indicator]
) -> dict[int, tuple[list[str], list[str]]]:
    """Kendala and upaya written with the values of the year, "TW II: …" per quarter."""
    out: dict[int, tuple[list[str], list[str]]] = {i.pk: ([], []) for i in indicators}
    values = IndicatorValue.objects.filter(
        organisation=organisation,
        indicator__in=indicators,
        period__startswith=str(year),
    ).order_by("period")
    for v in values:
        label = period_label(v.period, "id", with_year=False)
        kendala, upaya = out[v.indicator_id]
        if v.kendala.strip():
            kendala.append(f"{label}: {v.kendala.strip()}")
        if v.upaya.strip():
            upaya.append(f"{label}: {v.upaya.strip()}")
    return out


def _renstra(organisation: Organisation, year: int) -> RenstraPeriod | None:
    return (
        RenstraPeriod.objects.filter(
            organisation=organisation, start_year__lte=year, end_year__gte=year
        )
        .order_by("-start_year")
        .first()
    )


def context(organisation: Organisation, year: int) -> dict[str, Any]:
    rows = performance_table(user=TRUSTED_READER, organisation=organisation, year=year)
    if not rows:
        raise DocumentUnavailable(
            _("%(org)s has no IKU decree for %(year)s: there are no indicators to report on.")
            % {"org": organisation, "year": year}
        )
    decree = decree_for_year(user=TRUSTED_READER, organisation=organisation, year=year)
    profile = decree_document_context(decree) if decree else {}
    previous = _previous_years(organisation, year)
    assessment = assessment_for(organisation)
    renstra = _renstra(organisation, year)
    renstra_targets = (
        {(t.indicator_id, t.year): t for t in renstra.targets.all()} if renstra else {}
    )
    renstra_years = list(range(renstra.start_year, renstra.end_year + 1)) if renstra else []
    agreement = agreement_of(organisation, year)
    pk_blocks = agreement_rows(agreement) if agreement else []
    program_rows = renja_rows(organisation=organisation, year=year)
    value_notes = _narratives_of_values(organisation, year, [r.indicator for r in rows])
    benchmarks = benchmarks_for(organisation=organisation, year=year)

    blocks: list[IndicatorBlock] = []
    for number, row in enumerate(rows, 1):
        ind = row.indicator
        cell = row.year
        change_unit = "poin persen" if ind.unit.strip() == "%" else ind.unit
        prev_lines = []
        for earlier in sorted(previous):
            old = previous[earlier].get(ind.code)
            old_value = old.year.realization if old else None
            change = (
                cell.realization - old_value
                if cell.realization is not None and old_value is not None
                else None
            )
            prev_lines.append(
                PreviousYear(
                    year=earlier,
                    realization=value_text(ind, old.year, "realization") if old else EM_DASH,
                    change=_signed(change, ind.decimals),
                )
            )
        end = renstra_targets.get((ind.pk, None))
        progress = (
            Rater(ind, assessment).achievement(
                realization=cell.realization,
                grade=cell.grade,
                target=end.target,
                target_upper=end.target_upper,
                target_grade=end.target_grade,
            )
            if end is not None
            else None
        )
        programs = []
        reached = cell.achievement is not None and cell.achievement >= HUNDRED
        for pr in program_rows:
            if ind.pk not in {i.pk for i in pr.program.indicators.all()}:
                continue
            share = pr.share
            programs.append(
                ProgramLine(
                    name=str(pr.program),
                    budget=format_number_id(pr.program.budget, 0),
                    spent=format_number_id(pr.spent, 0),
                    share=format_number_id(share, 2),
                    achievement=format_number_id(cell.achievement, ACHIEVEMENT_PLACES),
                    unspent=format_number_id(HUNDRED - share, 2)
                    if reached and share is not None
                    else EM_DASH,
                )
            )
        kendala, upaya = value_notes[ind.pk]
        blocks.append(
            IndicatorBlock(
                number=number,
                row=row,
                goal=ind.goal.statement,
                target=value_text(ind, cell, "target"),
                realization=value_text(ind, cell, "realization"),
                achievement=format_number_id(cell.achievement, ACHIEVEMENT_PLACES),
                predikat=cell.predikat or EM_DASH,
                link=(
                    record_link(ind, organisation, cell.period, source=cell.source)
                    if cell.has_value
                    else ""
                ),
                unapproved=any(
                    c.status not in (None, "approved") for c in [*row.quarters, row.year]
                ),
                previous=prev_lines,
                renstra_year=target_text(ind, renstra_targets.get((ind.pk, year))),
                renstra_end=target_text(ind, end),
                progress=format_number_id(progress, ACHIEVEMENT_PLACES),
                benchmarks=[
                    BenchmarkLine(
                        source=bm.source,
                        value=bm.value,
                        value_text=format_number_id(bm.value, ind.decimals),
                        difference=(
                            cell.realization - bm.value if cell.realization is not None else None
                        ),
                        difference_text=_signed(
                            cell.realization - bm.value if cell.realization is not None else None,
                            ind.decimals,
                        ),
                        description=bm.description,
                    )
                    for bm in benchmarks.get(ind.pk, [])
                ],
                chart=_chart(row, year),
                quarters=[
                    (
                        QUARTER_LABELS_ID[n],
                        value_text(ind, c, "target"),
                        value_text(ind, c, "realization"),
                        format_number_id(c.achievement, ACHIEVEMENT_PLACES),
                        c.predikat or EM_DASH,
                    )
                    for n, c in enumerate(row.quarters, 1)
                ],
                kendala=kendala,
                upaya=upaya,
                programs=programs,
                change_unit=change_unit,
            )
        )

    top = [r for r in program_rows if r.depth == 0]
    total_budget = sum((r.program.budget for r in top), Decimal(0))
    total_spent = sum((r.spent for r in top), Decimal(0))
    last_year = year - 1
    facts = Facts(
        organisation=office_name(organisation).title(),
        year=year,
        indicators=[
            (
                b.indicator.code,
                b.indicator.name,
                b.row.year.achievement,
                _change_of(b, previous.get(last_year, {})),
                b.indicator.unit,
            )
            for b in blocks
        ],
        renstra_title=renstra.title if renstra else "",
        pk_present=agreement is not None,
        programs=[(str(r.program), r.program.budget, r.spent) for r in top],
        spent_share=total_spent / total_budget * HUNDRED if total_budget else None,
    )
    drafts = draft_narratives(facts)
    stored = stored_narratives(organisation=organisation, year=year)
    narratives = {key: stored[key].text if key in stored else drafts[key] for key in drafts}

    signature = head_of(organisation)
    parent = organisation.parent
    goals: list[dict[str, Any]] = []
    for b in blocks:
        if not goals or goals[-1]["statement"] != b.goal:
            goals.append({"statement": b.goal, "blocks": []})
        goals[-1]["blocks"].append(b)
    for g in goals:
        g["blocks"][0].first_of_goal = True
        g["blocks"][0].goal_rows = len(g["blocks"])
    return {
        "organisation": organisation,
        "year": year,
        "year_text": str(year),
        "previous_years": sorted(previous),
        "blocks": blocks,
        "goals": goals,
        "any_unapproved": any(b.unapproved for b in blocks),
        "any_benchmark": any(b.benchmarks for b in blocks),
        "decree": decree,
        "duty": decree.duty if decree else "",
        "fungsi": [c.text for c in profile.get("fungsi", [])],
        "tujuan": [c.text for c in profile.get("tujuan", [])],
        "units": list(organisation.units.order_by("order", "name")),
        "villages": list(organisation.children.order_by("name")),
        "renstra": renstra,
        "renstra_years": renstra_years,
        "renstra_rows": [
            (
                b.indicator,
                [
                    target_text(b.indicator, renstra_targets.get((b.indicator.pk, y)))
                    for y in renstra_years
                ],
                b.renstra_end,
            )
            for b in blocks
        ],
        "agreement": agreement,
        "pk_blocks": pk_blocks,
        "pk_rows": lampiran_rows({"blocks": pk_blocks}) if pk_blocks else [],
        "efficiency_total": (
            format_number_id(total_budget, 0),
            format_number_id(total_spent, 0),
            format_number_id(facts.spent_share, 2),
        ),
        "narratives": narratives,
        "drafts": drafts,
        "edited": set(stored),
        "signature": signature,
        "date": timezone.localdate(),
        "date_text": format_date_id(timezone.localdate()),
        "office": office_name(organisation),
        "region": parent.name.upper() if parent else "",
    }


def _change_of(block: IndicatorBlock, last: dict[str, IndicatorRow]) -> Decimal | None:
    old = last.get(block.indicator.code)
    now = block.row.year.realization
    if old is None or old.year.realization is None or now is None:
        return None
    return now - old.year.realization


# ------------------------------------------------------------------------------ the drafts


def _names(items: list[tuple[str, str, Any, Any, str]]) -> str:
    names = [f"IKU {code} ({name})" for code, name, *_rest in items]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " dan " + names[-1]


def draft_narratives(facts: Facts) -> dict[str, str]:
    """The automatic Indonesian paragraphs of every section, from the numbers only (pure)."""
    year = facts.year
    org = facts.organisation
    n = len(facts.indicators)
    measured = [i for i in facts.indicators if i[2] is not None]
    reached = [i for i in measured if i[2] >= HUNDRED]
    missed = [i for i in measured if i[2] < HUNDRED]
    unmeasured = [i for i in facts.indicators if i[2] is None]
    rose = [i for i in facts.indicators if i[3] is not None and i[3] > 0]
    fell = [i for i in facts.indicators if i[3] is not None and i[3] < 0]

    summary = (
        f"Pada tahun {year} {org} mengukur {n} indikator kinerja utama. "
        f"Sebanyak {len(reached)} indikator mencapai atau melampaui target"
        + (f", yaitu {_names(reached)}" if reached else "")
        + f", dan {len(missed)} indikator belum mencapai target"
        + (f", yaitu {_names(missed)}" if missed else "")
        + "."
    )
    if unmeasured:
        summary += f" Capaian {_names(unmeasured)} belum dapat diukur karena datanya belum lengkap."
    trend = ""
    if rose:
        trend += f" Dibandingkan tahun {year - 1}, realisasi {_names(rose)} meningkat."
    if fell:
        trend += f" Realisasi {_names(fell)} menurun dibandingkan tahun {year - 1}."

    ikhtisar = summary + trend
    if facts.spent_share is not None:
        ikhtisar += (
            f" Serapan anggaran program yang mendukung kinerja mencapai "
            f"{format_number_id(facts.spent_share, 2)}% dari pagu."
        )
    pendahuluan = (
        f"Laporan Kinerja Instansi Pemerintah (LKjIP) {org} Tahun {year} disusun sebagai wujud "
        "pertanggungjawaban atas pelaksanaan tugas dan fungsi serta pencapaian sasaran strategis "
        "yang telah ditetapkan dalam Perjanjian Kinerja, sesuai dengan Peraturan Presiden Nomor 29 "
        "Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah."
    )
    perencanaan = (
        f"Perencanaan kinerja tahun {year} mengacu pada "
        + (f"{facts.renstra_title}" if facts.renstra_title else "Rencana Strategis")
        + (
            f" dan dijabarkan dalam Perjanjian Kinerja Tahun {year} yang memuat {n} indikator "
            "kinerja utama beserta target tahunan dan triwulanannya."
            if facts.pk_present
            else f"; Perjanjian Kinerja Tahun {year} belum tersedia dalam sistem."
        )
    )
    akuntabilitas = summary + trend
    if missed:
        akuntabilitas += (
            " Kendala dan upaya pada indikator yang belum mencapai target diuraikan per indikator "
            "di bawah ini."
        )
    if facts.programs:
        efisiensi = (
            f"Pada tahun {year} terdapat {len(facts.programs)} program dengan pagu "
            f"Rp {format_number_id(sum((p[1] for p in facts.programs), Decimal(0)), 0)} dan "
            f"realisasi Rp {format_number_id(sum((p[2] for p in facts.programs), Decimal(0)), 0)}"
            + (
                f" ({format_number_id(facts.spent_share, 2)}%)."
                if facts.spent_share is not None
                else "."
            )
            + " Efisiensi dinilai dari sisa anggaran pada indikator yang telah mencapai target."
        )
    else:
        efisiensi = f"Data anggaran program tahun {year} belum dimasukkan."
    penutup = (
        f"Demikian LKjIP {org} Tahun {year}. "
        + (
            f"Dari {n} indikator kinerja utama, {len(reached)} indikator telah mencapai target. "
            if n
            else ""
        )
        + (
            f"Perbaikan akan difokuskan pada {_names(missed)} melalui upaya yang telah diuraikan."
            if missed
            else "Capaian ini akan dipertahankan dan ditingkatkan pada tahun berikutnya."
        )
    )
    return {
        LkjipSection.IKHTISAR.value: ikhtisar,
        LkjipSection.PENDAHULUAN.value: pendahuluan,
        LkjipSection.PERENCANAAN.value: perencanaan,
        LkjipSection.AKUNTABILITAS.value: akuntabilitas,
        LkjipSection.EFISIENSI.value: efisiensi,
        LkjipSection.PENUTUP.value: penutup,
    }


def drafts_for(organisation: Organisation, year: int) -> dict[str, str]:
    """The automatic drafts of (organisation, year), for the edit page."""
    return context(organisation, year)["drafts"]


# ------------------------------------------------------------------------------ formats


def bab3_rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    return [
        (
            str(b.number),
            b.goal,
            f"{b.indicator.code} {b.indicator.name}",
            b.indicator.unit,
            b.target,
            b.realization + ("*" if b.unapproved and b.realization != EM_DASH else ""),
            b.achievement,
            b.predikat,
        )
        for b in data["blocks"]
    ]


def lkjip_xlsx(data: dict[str, Any]) -> bytes:
    workbook = xlsx.new_workbook()
    title = [
        f"LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN {data['year_text']}",
        f"{data['office']} {data['region']}".strip(),
    ]
    prev = data["previous_years"]
    header = [
        "KODE",
        "KINERJA UTAMA",
        "INDIKATOR",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN (%)",
        "PREDIKAT",
        *[f"REALISASI {y}" for y in prev],
        *[f"PERUBAHAN THD {y}" for y in prev],
        "TARGET AKHIR RENSTRA",
        "PROGRES THD TARGET AKHIR (%)",
        "PEMBANDING",
    ]
    rows = []
    for b in data["blocks"]:
        c = b.row.year
        ind = b.indicator
        rows.append(
            [
                ind.code,
                b.goal,
                ind.name,
                ind.unit,
                (c.target_grade or None) if ind.scale else c.target,
                (c.grade or None) if ind.scale else c.realization,
                c.achievement,
                c.predikat,
                *[p.realization for p in b.previous],
                *[p.change for p in b.previous],
                b.renstra_end,
                b.progress,
                b.benchmark,
            ]
        )
    xlsx.add_table_sheet(
        workbook,
        "Bab III Capaian",
        title_lines=title,
        header=header,
        rows=rows,
        places=[None, None, None, None, 2, 2, ACHIEVEMENT_PLACES] + [None] * (len(header) - 7),
        widths=[8, 36, 40, 10, 12, 12, 13, 16] + [14] * (len(header) - 9) + [40],
    )
    if data["any_benchmark"]:
        xlsx.add_table_sheet(
            workbook,
            "Pembanding",
            title_lines=title,
            header=["KODE", "INDIKATOR", "SATUAN", "SUMBER", "PEMBANDING", "REALISASI", "SELISIH"],
            rows=[
                [
                    b.indicator.code,
                    b.indicator.name,
                    b.indicator.unit,
                    bm.source,
                    bm.value,
                    b.row.year.realization,
                    bm.difference,
                ]
                for b in data["blocks"]
                for bm in b.benchmarks
            ],
            places=[None, None, None, None, 2, 2, 2],
            widths=[8, 40, 10, 40, 14, 14, 14],
        )
    xlsx.add_table_sheet(
        workbook,
        "Renstra",
        title_lines=title,
        header=["KODE", "INDIKATOR", *[str(y) for y in data["renstra_years"]], "AKHIR"],
        rows=[[i.code, i.name, *cells, end] for i, cells, end in data["renstra_rows"]],
        widths=[8, 44] + [10] * (len(data["renstra_years"]) + 1),
    )
    xlsx.add_table_sheet(
        workbook,
        "Efisiensi",
        title_lines=title,
        header=["KODE", "INDIKATOR", *EFFICIENCY_HEADER],
        rows=[
            [
                b.indicator.code,
                b.indicator.name,
                p.name,
                p.budget,
                p.spent,
                p.share,
                p.achievement,
                p.unspent,
            ]
            for b in data["blocks"]
            for p in b.programs
        ],
        widths=[8, 36, 44, 16, 16, 12, 12, 10],
    )
    if data["pk_rows"]:
        xlsx.add_table_sheet(
            workbook,
            "Lampiran PK",
            title_lines=title,
            header=list(LAMPIRAN_HEADER),
            rows=[list(r) for r in data["pk_rows"]],
            widths=[5, 36, 40, 10, 10, 10, 10, 10, 10],
        )
    return xlsx.to_bytes(workbook)


def _doc_paragraphs(doc: Any, text: str) -> None:
    for part in [p for p in text.split("\n") if p.strip()] or [EM_DASH]:
        word.paragraph(doc, part.strip())


def _bab3_table(doc: Any, data: dict[str, Any]) -> None:
    """The achievement table, printed in the Ikhtisar Eksekutif and again in Bab III."""
    word.add_table(
        doc,
        header=BAB3_HEADER,
        rows=bab3_rows(data),
        widths_mm=[8, 34, 40, 12, 16, 18, 16, 20],
        align=["center", "left", "left", "center", "right", "right", "right", "center"],
    )


def lkjip_docx(data: dict[str, Any], paper: str) -> bytes:
    narr = data["narratives"]
    doc = word.new_document(paper)
    word.add_kop(doc, data["organisation"])
    word.heading(doc, "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", size=14)
    word.heading(doc, f"{data['office']} TAHUN {data['year_text']}", size=14)
    word.heading(doc, "IKHTISAR EKSEKUTIF", size=12.5)
    _doc_paragraphs(doc, narr["ikhtisar"])
    _bab3_table(doc, data)
    word.page_break(doc)
    word.heading(doc, "BAB I PENDAHULUAN", size=12.5)
    _doc_paragraphs(doc, narr["pendahuluan"])
    word.heading(doc, "A. Tugas dan fungsi", size=11.5, align="left")
    word.paragraph(doc, data["duty"] or EM_DASH)
    for n, text in enumerate(data["fungsi"], 1):
        word.paragraph(doc, f"{n}. {text}")
    word.heading(doc, "B. Struktur organisasi", size=11.5, align="left")
    for n, unit in enumerate(data["units"], 1):
        word.paragraph(doc, f"{n}. {unit.name}", space_after=0)
    word.heading(doc, "C. Wilayah (desa/kelurahan)", size=11.5, align="left")
    word.paragraph(doc, ", ".join(v.name for v in data["villages"]) or EM_DASH)
    word.page_break(doc)
    word.heading(doc, "BAB II PERENCANAAN KINERJA", size=12.5)
    _doc_paragraphs(doc, narr["perencanaan"])
    word.heading(doc, "A. Rencana Strategis", size=11.5, align="left")
    years = data["renstra_years"]
    if years:
        width = 100 / (len(years) + 1)
        word.add_table(
            doc,
            header=["INDIKATOR", *[str(y) for y in years], "AKHIR"],
            rows=[[f"{i.code} {i.name}", *cells, end] for i, cells, end in data["renstra_rows"]],
            widths_mm=[62, *[width] * (len(years) + 1)],
            align=["left", *["right"] * (len(years) + 1)],
        )
    else:
        word.paragraph(doc, "Renstra untuk tahun ini belum dimasukkan.")
    word.heading(doc, f"B. Perjanjian Kinerja Tahun {data['year_text']}", size=11.5, align="left")
    _pk_table(doc, data)
    word.page_break(doc)
    word.heading(doc, "BAB III AKUNTABILITAS KINERJA", size=12.5)
    _doc_paragraphs(doc, narr["akuntabilitas"])
    _bab3_table(doc, data)
    for b in data["blocks"]:
        word.heading(
            doc, f"{b.number}. IKU {b.indicator.code} {b.indicator.name}", size=11.5, align="left"
        )
        word.paragraph(doc, f"Kinerja utama: {b.goal}", size=10)
        word.add_table(
            doc,
            header=("URAIAN", "NILAI"),
            rows=[
                ("Target " + data["year_text"], b.target),
                ("Realisasi " + data["year_text"], b.realization),
                ("Capaian (%)", b.achievement),
                ("Predikat", b.predikat),
                *[(f"Realisasi {p.year}", p.realization) for p in b.previous],
                *[(f"Perubahan terhadap {p.year} ({b.change_unit})", p.change) for p in b.previous],
                ("Target akhir Renstra", b.renstra_end),
                ("Progres terhadap target akhir (%)", b.progress),
                *(
                    [
                        (
                            f"Pembanding: {bm.source}",
                            f"{bm.value_text} (selisih {bm.difference_text})",
                        )
                        for bm in b.benchmarks
                    ]
                    or [("Pembanding", EM_DASH)]
                ),
            ],
            widths_mm=[90, 70],
            align=["left", "right"],
        )
        word.paragraph(doc, "Capaian per triwulan (pengganti grafik):", size=9.5)
        word.add_table(
            doc,
            header=("TRIWULAN", "TARGET", "REALISASI", "CAPAIAN (%)", "PREDIKAT"),
            rows=b.quarters,
            widths_mm=[40, 30, 30, 30, 35],
            align=["left", "right", "right", "right", "center"],
        )
        word.paragraph(doc, "Kendala", bold=True, space_after=0)
        word.paragraph(doc, "\n".join(b.kendala) or EM_DASH, space_after=4)
        word.paragraph(doc, "Upaya", bold=True, space_after=0)
        word.paragraph(doc, "\n".join(b.upaya) or EM_DASH, space_after=4)
        if b.programs:
            word.paragraph(doc, "Efisiensi anggaran", bold=True, space_after=0)
            word.add_table(
                doc,
                header=EFFICIENCY_HEADER,
                rows=[
                    (p.name, p.budget, p.spent, p.share, p.achievement, p.unspent)
                    for p in b.programs
                ],
                widths_mm=[58, 24, 24, 18, 18, 18],
                align=["left", "right", "right", "right", "right", "right"],
            )
    word.heading(doc, "Efisiensi penggunaan sumber daya", size=11.5, align="left")
    _doc_paragraphs(doc, narr["efisiensi"])
    word.page_break(doc)
    word.heading(doc, "BAB IV PENUTUP", size=12.5)
    _doc_paragraphs(doc, narr["penutup"])
    word.add_signature(doc, data["signature"], data["date_text"])
    word.page_break(doc)
    word.heading(doc, f"LAMPIRAN: PERJANJIAN KINERJA TAHUN {data['year_text']}", size=12.5)
    _pk_table(doc, data)
    return word.to_bytes(doc)


def _pk_table(doc: Any, data: dict[str, Any]) -> None:
    if not data["pk_rows"]:
        word.paragraph(doc, f"Perjanjian Kinerja Tahun {data['year_text']} belum tersedia.")
        return
    word.add_table(
        doc,
        header=LAMPIRAN_HEADER,
        rows=[[format_cell(v) for v in r] for r in data["pk_rows"]],
        widths_mm=[8, 38, 44, 14, 14, 12, 12, 12, 12],
        align=["center", "left", "left", "center", "right", "right", "right", "right", "right"],
        size=8.5,
    )


def format_cell(value: Any) -> str:
    return "" if value is None else str(value)


@register_document("lkjip", label="LKjIP (Laporan Kinerja Instansi Pemerintah)", order=40)
def generate_lkjip_document(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    fmt: str = "pdf",
    paper: str = "A4",
) -> bytes:
    """The LKjIP of ``year`` (``quarter`` is ignored)."""
    data = context(organisation, year)
    if fmt == "xlsx":
        return lkjip_xlsx(data)
    if fmt == "docx":
        return lkjip_docx(data, paper)
    return render_pdf("reports/lkjip.html", data, paper=paper)

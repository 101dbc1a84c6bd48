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

All numbers come from ``performance_table`` read as the requesting user (a member reads the
unapproved values too, printed marked "*" [D]; the public approved values only) and the planning selectors. Narrative paragraphs are drafted from the
numbers by :func:`draft_narratives` (a pure function); an edited text stored in
:class:`~kinerja.reports.models.LkjipNarrative` wins over the draft.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from docx.shared import Mm

from kinerja.accounts.access import UserLike
from kinerja.charts import trend_chart
from kinerja.common.naming import office_name
from kinerja.core.numbers import EM_DASH
from kinerja.core.periods import PeriodType, parse_period, period_label
from kinerja.iku.selectors import decree_document_context
from kinerja.measurement.selectors import (
    IndicatorRow,
    Rater,
    assessment_for,
    decree_for_year,
    performance_table,
    value_notes,
)
from kinerja.organisations.models import Organisation
from kinerja.planning.selectors import (
    agreement_rows,
    benchmarks_for,
    renja_rows,
    renstra_for_year,
    target_text,
)
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.chart_png import svg_to_png
from kinerja.reports.documents import DocumentUnavailable, pdf_template, register_document
from kinerja.reports.formatting import QUARTER_LABELS_ID, format_date_id, format_number_id
from kinerja.reports.links import record_link
from kinerja.reports.lkjip_services import stored_narratives
from kinerja.reports.models import LkjipSection
from kinerja.reports.pengukuran_document import value_text
from kinerja.reports.pk_document import LAMPIRAN_HEADER, agreement_of, lampiran_rows
from kinerja.reports.publication import lkjip_is_published
from kinerja.reports.signatories import head_of

if TYPE_CHECKING:
    from kinerja.iku.models import Indicator
    from kinerja.planning.models import RenstraPeriod

ACHIEVEMENT_PLACES = 2
PREVIOUS_YEARS = 2
HUNDRED = Decimal(100)
ROMAN = ("I", "II", "III", "IV")
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
UNAPPROVED_NOTE = "*) angka belum disetujui"
UNSPENT_NOTE = "Sisa (%) = 1 − realisasi/pagu, dihitung untuk indikator yang mencapai target."
NO_PROGRAM_TEXT = "Tidak ada program yang dikaitkan dengan indikator ini."
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


@dataclass(frozen=True)
class Fact:
    """One row of an indicator's table in Bab III, the same in the PDF and in Word."""

    label: str
    value: str
    after: str = ""
    """Printed right after the value: the asterisk of an unapproved value, the unit."""
    link: str = ""
    """The value links to the records behind it (PDF only)."""
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading of the document as it appears in the Daftar Isi (PDF) and as a Word heading style
    (level 1 chapters, 2 sections, 3 the indicators of Bab III); ``anchor`` is the HTML id."""

    anchor: str
    level: int
    title: str
    lines: tuple[str, ...] = ()
    """A chapter title printed on two lines ("BAB I", "PENDAHULUAN"); empty: the title."""

    @property
    def html(self) -> str:
        """The title for the PDF heading (lines joined with <br>, every text escaped)."""
        return mark_safe("<br>".join(escape(line) for line in self.lines or (self.title,)))  # noqa: S308


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
    facts: list[Fact] = field(default_factory=list)
    heading: Heading | None = None
    chart_caption: str = ""

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

    @property
    def starred(self) -> bool:
        """The realization is printed with "*": a value of the year is not approved yet."""
        return self.unapproved and self.realization != EM_DASH


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


def _previous_years(
    user: UserLike, organisation: Organisation, year: int
) -> dict[int, dict[str, IndicatorRow]]:
    """The performance tables of the earlier years, by indicator code."""
    out: dict[int, dict[str, IndicatorRow]] = {}
    for earlier in range(year - PREVIOUS_YEARS, year):
        rows = performance_table(user=user, organisation=organisation, year=earlier)
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


@dataclass(frozen=True)
class Note:
    """A kendala or upaya text as written on the value of one indicator in one period."""

    indicator: str
    """The indicator's code."""
    period: str
    """The ISO period key of the value ("2022", "2022Q2")."""
    text: str


def _same_text(text: str) -> str:
    """What counts as the same text: case and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


def _join_id(parts: Sequence[str]) -> str:
    """ "a", "a dan b", "a, b dan c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " dan " + parts[-1]


def periods_label(periods: Iterable[str]) -> str:
    """The periods of one text in one phrase: "Tahun 2022 dan TW I–III", "TW II dan TW IV"
    (consecutive quarters as a range)."""
    keys = sorted({parse_period(p) for p in periods}, key=lambda k: k.sort_key())
    parts: list[str] = []
    run: list[int] = []

    def close_run() -> None:
        if run:
            first, last = ROMAN[run[0] - 1], ROMAN[run[-1] - 1]
            parts.append(f"TW {first}" if len(run) == 1 else f"TW {first}–{last}")
            run.clear()

    for key in keys:
        if key.type is PeriodType.QUARTER:
            if run and key.index != run[-1] + 1:
                close_run()
            run.append(key.index)
            continue
        close_run()
        parts.append(f"Tahun {key.year}" if key.type is PeriodType.YEAR else key.label)
    close_run()
    return _join_id(parts)


def grouped_notes(notes: Sequence[Note], order: Sequence[str]) -> dict[str, list[str]]:
    """The lines printed per indicator (by code, in the document's ``order``), each text once:

    - one text written in several periods of an indicator is one line with the periods
      ("Tahun 2022 dan TW I–IV: …"), not one line per period;
    - one text written for several indicators is printed in full at the first of them, naming the
      others ("TW I (juga pada IKU 2.2 dan 2.3): …"); the others refer to it in one short line
      ("TW II: sama dengan uraian pada IKU 2.1.") instead of repeating it.
    """
    periods: dict[str, dict[str, list[str]]] = {code: {} for code in order}
    wording: dict[str, str] = {}
    for note in notes:
        text = " ".join(note.text.split())
        if not text or note.indicator not in periods:
            continue
        key = _same_text(text)
        wording.setdefault(key, text)
        periods[note.indicator].setdefault(key, []).append(note.period)
    holders: dict[str, list[str]] = {}
    for code in order:
        for key in periods[code]:
            holders.setdefault(key, []).append(code)
    out: dict[str, list[str]] = {}
    for code in order:
        lines = []
        for key, keys in periods[code].items():
            label = periods_label(keys)
            first, *others = holders[key]
            if code == first:
                also = f" (juga pada IKU {_join_id(others)})" if others else ""
                lines.append(f"{label}{also}: {wording[key]}")
            else:
                lines.append(f"{label}: sama dengan uraian pada IKU {first}.")
        out[code] = lines
    return out


def _narratives_of_values(
    user: UserLike, organisation: Organisation, year: int, indicators: list[Indicator]
) -> dict[int, tuple[list[str], list[str]]]:
    """Kendala and upaya written with the values of the year, grouped by text
    (:func:`grouped_notes`): "Tahun 2022 dan TW I–II: …"."""
    codes = {i.pk: i.code for i in indicators}
    kendala: list[Note] = []
    upaya: list[Note] = []
    values = value_notes(user=user, organisation=organisation, year=year, indicators=indicators)
    for v in values:
        kendala.append(Note(codes[v.indicator_id], v.period, v.kendala))
        upaya.append(Note(codes[v.indicator_id], v.period, v.upaya))
    order = [i.code for i in indicators]
    kendala_lines = grouped_notes(kendala, order)
    upaya_lines = grouped_notes(upaya, order)
    return {i.pk: (kendala_lines[i.code], upaya_lines[i.code]) for i in indicators}


def _wilayah(office: str, villages: list[str]) -> str:
    """The sentence on the villages of the office (no "0 desa")."""
    if not villages:
        return f"Data desa/kelurahan di wilayah {office} belum dimasukkan."
    count = "satu desa/kelurahan" if len(villages) == 1 else f"{len(villages)} desa/kelurahan"
    return f"Wilayah {office} terdiri atas {count}: {', '.join(villages)}."


def _facts(b: IndicatorBlock, year: int) -> list[Fact]:
    """The rows of an indicator's table in Bab III."""
    unit = b.indicator.unit
    y = str(year)
    rows = [
        Fact(f"Target {y}", b.target, after=f" {unit}"),
        Fact(
            f"Realisasi {y}",
            b.realization,
            after=("*" if b.starred else "") + f" {unit}",
            link=b.link,
        ),
        Fact("Capaian (%) / predikat", f"{b.achievement} / {b.predikat}", bold=True),
    ]
    for p in b.previous:
        rows.append(
            Fact(
                f"Realisasi {p.year} (perubahan {y} terhadap {p.year}, {b.change_unit})",
                p.realization + (f" ({p.change})" if p.change != EM_DASH else ""),
            )
        )
    rows.append(
        Fact(f"Target Renstra {y} / target akhir Renstra", f"{b.renstra_year} / {b.renstra_end}")
    )
    rows.append(Fact("Progres terhadap target akhir Renstra (%)", b.progress))
    rows += [
        Fact(
            f"Pembanding: {bm.source} (selisih realisasi, {b.change_unit})",
            f"{bm.value_text} ({bm.difference_text})",
        )
        for bm in b.benchmarks
    ] or [Fact("Pembanding (benchmark)", EM_DASH)]
    return rows


def outline(
    *, year: int, tujuan: bool, renstra: RenstraPeriod | None, blocks: list[IndicatorBlock]
) -> dict[str, Heading]:
    """Every heading of the LKjIP in document order, by anchor: the Daftar Isi of the PDF, the
    written list of the Word TOC and the headings themselves all come from here."""
    y = str(year)
    letters = iter("ABCDEFGH")
    out: list[Heading] = [
        Heading("pengantar", 1, "KATA PENGANTAR"),
        Heading("ikhtisar", 1, "IKHTISAR EKSEKUTIF"),
        Heading("bab1", 1, "BAB I PENDAHULUAN", ("BAB I", "PENDAHULUAN")),
        Heading("tugas", 2, f"{next(letters)}. Tugas dan fungsi"),
    ]
    if tujuan:
        out.append(Heading("tujuan", 2, f"{next(letters)}. Tujuan"))
    out += [
        Heading("struktur", 2, f"{next(letters)}. Struktur organisasi"),
        Heading("wilayah", 2, f"{next(letters)}. Wilayah"),
        Heading("bab2", 1, "BAB II PERENCANAAN KINERJA", ("BAB II", "PERENCANAAN KINERJA")),
        Heading(
            "renstra",
            2,
            "A. Rencana Strategis"
            + (f" {renstra.start_year}–{renstra.end_year}" if renstra else ""),
        ),
        Heading("pk", 2, f"B. Perjanjian Kinerja Tahun {y}"),
        Heading("bab3", 1, "BAB III AKUNTABILITAS KINERJA", ("BAB III", "AKUNTABILITAS KINERJA")),
        Heading("capaian", 2, f"A. Capaian kinerja tahun {y}"),
        Heading("analisis", 2, "B. Analisis capaian per indikator"),
    ]
    for b in blocks:
        b.heading = Heading(
            f"iku-{b.indicator.pk}", 3, f"{b.number}. IKU {b.indicator.code} {b.indicator.name}"
        )
        out.append(b.heading)
    out += [
        Heading("efisiensi", 2, "C. Efisiensi penggunaan sumber daya"),
        Heading("bab4", 1, "BAB IV PENUTUP", ("BAB IV", "PENUTUP")),
        Heading(
            "lampiran",
            1,
            f"LAMPIRAN PERJANJIAN KINERJA TAHUN {y}",
            ("LAMPIRAN", f"PERJANJIAN KINERJA TAHUN {y}"),
        ),
    ]
    return {h.anchor: h for h in out}


def context(
    *, user: UserLike, organisation: Organisation, year: int, quarter: int | None = None
) -> dict[str, Any]:
    """The LKjIP of ``year`` read as ``user`` (``quarter`` is ignored)."""
    rows = performance_table(user=user, organisation=organisation, year=year)
    if not rows:
        raise DocumentUnavailable(
            _("%(org)s has no IKU decree for %(year)s: there are no indicators to report on.")
            % {"org": organisation, "year": year}
        )
    decree = decree_for_year(user=user, organisation=organisation, year=year)
    profile = decree_document_context(decree) if decree else {}
    previous = _previous_years(user, organisation, year)
    assessment = assessment_for(organisation)
    renstra = renstra_for_year(organisation=organisation, year=year)
    renstra_targets = (
        {(t.indicator_id, t.year): t for t in renstra.targets.all()} if renstra else {}
    )
    renstra_years = list(range(renstra.start_year, renstra.end_year + 1)) if renstra else []
    agreement = agreement_of(user, organisation, year)
    pk_blocks = agreement_rows(agreement) if agreement else []
    program_rows = renja_rows(organisation=organisation, year=year)
    notes = _narratives_of_values(user, organisation, year, [r.indicator for r in rows])
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
        kendala, upaya = notes[ind.pk]
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
                unapproved=any(c.unapproved for c in [*row.quarters, row.year]),
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
    for b in blocks:
        b.facts = _facts(b, year)
        b.chart_caption = f"Tren IKU {b.indicator.code} per triwulan tahun {year}"
    villages = list(organisation.children.order_by("name"))
    tujuan = [c.text for c in profile.get("tujuan", [])]
    headings = outline(year=year, tujuan=bool(tujuan), renstra=renstra, blocks=blocks)
    return {
        "headings": headings,
        "toc": list(headings.values()),
        "organisation": organisation,
        "year": year,
        "year_text": str(year),
        "previous_years": sorted(previous),
        "blocks": blocks,
        "goals": goals,
        "any_unapproved": any(b.unapproved for b in blocks),
        "any_starred": any(b.starred for b in blocks),
        "any_benchmark": any(b.benchmarks for b in blocks),
        "decree": decree,
        "duty": decree.duty if decree else "",
        "fungsi": [c.text for c in profile.get("fungsi", [])],
        "tujuan": tujuan,
        "units": list(organisation.units.order_by("order", "name")),
        "villages": villages,
        "wilayah": _wilayah(facts.organisation, [v.name for v in villages]),
        "efficiency_header": EFFICIENCY_HEADER,
        "no_program_text": NO_PROGRAM_TEXT,
        "unspent_note": UNSPENT_NOTE,
        "unapproved_note": UNAPPROVED_NOTE,
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
    return _join_id([f"IKU {code} ({name})" for code, name, *_rest in items])


def _count(n: int, noun: str = "indikator") -> str:
    """ "satu indikator", "5 indikator" (one spelled out, so no "1 indikator"). Never called with
    0: a sentence about nothing is phrased differently ("Tidak ada indikator yang …")."""
    return f"satu {noun}" if n == 1 else f"{n} {noun}"


def _achievement_sentence(n: int, reached: list[Any], missed: list[Any]) -> str:
    """Who reached the target and who did not, with no count of zero and no "1 indikator"."""
    if not reached and not missed:
        return ""
    if not reached:
        if n == 1:
            return f"Indikator tersebut, {_names(missed)}, belum mencapai target."
        return f"Belum ada indikator yang mencapai target: {_names(missed)} masih di bawah target."
    if not missed and len(reached) == n:
        if n == 1:
            return f"Indikator tersebut, {_names(reached)}, mencapai atau melampaui target."
        return f"Seluruh indikator mencapai atau melampaui target, yaitu {_names(reached)}."
    lead = "Satu indikator" if len(reached) == 1 else f"Sebanyak {len(reached)} indikator"
    sentence = f"{lead} mencapai atau melampaui target, yaitu {_names(reached)}"
    if missed:
        sentence += f", dan {_count(len(missed))} belum mencapai target, yaitu {_names(missed)}"
    return sentence + "."


def draft_narratives(facts: Facts) -> dict[str, str]:
    """The automatic Indonesian paragraphs of every section, from the numbers only (pure).

    Counts are written so that no sentence says "0 indikator" or "1 indikator": nothing is
    "Tidak ada … / Belum ada …", one is "satu indikator", all are "Seluruh indikator"."""
    year = facts.year
    org = facts.organisation
    n = len(facts.indicators)
    reached = [i for i in facts.indicators if i[2] is not None and i[2] >= HUNDRED]
    missed = [i for i in facts.indicators if i[2] is not None and i[2] < HUNDRED]
    unmeasured = [i for i in facts.indicators if i[2] is None]
    rose = [i for i in facts.indicators if i[3] is not None and i[3] > 0]
    fell = [i for i in facts.indicators if i[3] is not None and i[3] < 0]

    if n:
        summary = f"Pada tahun {year} {org} mengukur {_count(n, 'indikator kinerja utama')}."
    else:
        summary = f"Pada tahun {year} {org} belum menetapkan indikator kinerja utama."
    achievement = _achievement_sentence(n, reached, missed)
    if achievement:
        summary += " " + achievement
    if unmeasured:
        whose = "seluruh indikator" if len(unmeasured) == n and n > 1 else _names(unmeasured)
        summary += f" Capaian {whose} belum dapat diukur karena datanya belum lengkap."
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
    pengantar = "\n".join(
        [
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan "
            f"karunia-Nya Laporan Kinerja Instansi Pemerintah (LKjIP) {org} Tahun {year} dapat "
            "diselesaikan.",
            "LKjIP ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
            f"{org} dalam mencapai sasaran yang ditetapkan dalam Perjanjian Kinerja Tahun {year}, "
            "sesuai dengan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
            "Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur Negara dan "
            "Reformasi Birokrasi Nomor 53 Tahun 2014. "
            + (
                f"Laporan ini menyajikan capaian {_count(n, 'indikator kinerja utama')} beserta "
                "analisis, kendala dan upaya yang telah dilakukan."
                if n
                else "Laporan ini menyajikan perencanaan dan capaian kinerja tahun tersebut."
            ),
            "Kami menyadari bahwa laporan ini masih belum sempurna; saran dan masukan untuk "
            "perbaikannya sangat kami harapkan. Semoga laporan ini bermanfaat sebagai bahan "
            "evaluasi dan peningkatan kinerja pada tahun berikutnya.",
        ]
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
            f" dan dijabarkan dalam Perjanjian Kinerja Tahun {year} yang memuat "
            f"{_count(n, 'indikator kinerja utama')} beserta target tahunan dan triwulanannya."
            if facts.pk_present and n
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
            f"Pada tahun {year} terdapat {_count(len(facts.programs), 'program')} dengan pagu "
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
    if not n:
        closing_count = ""
    elif n == 1:
        closing_count = (
            "Indikator kinerja utamanya telah mencapai target. "
            if reached
            else "Indikator kinerja utamanya belum mencapai target. "
        )
    elif len(reached) == n:
        closing_count = f"Seluruh {n} indikator kinerja utama telah mencapai target. "
    elif reached:
        closing_count = (
            f"Dari {n} indikator kinerja utama, {_count(len(reached))} telah mencapai target. "
        )
    else:
        closing_count = f"Dari {n} indikator kinerja utama, belum ada yang mencapai target. "
    penutup = (
        f"Demikian LKjIP {org} Tahun {year}. "
        + closing_count
        + (
            f"Perbaikan akan difokuskan pada {_names(missed)} melalui upaya yang telah diuraikan."
            if missed
            else "Capaian ini akan dipertahankan dan ditingkatkan pada tahun berikutnya."
        )
    )
    return {
        LkjipSection.PENGANTAR.value: pengantar,
        LkjipSection.IKHTISAR.value: ikhtisar,
        LkjipSection.PENDAHULUAN.value: pendahuluan,
        LkjipSection.PERENCANAAN.value: perencanaan,
        LkjipSection.AKUNTABILITAS.value: akuntabilitas,
        LkjipSection.EFISIENSI.value: efisiensi,
        LkjipSection.PENUTUP.value: penutup,
    }


def drafts_for(*, user: UserLike, organisation: Organisation, year: int) -> dict[str, str]:
    """The automatic drafts of (organisation, year) as ``user`` reads the numbers, for the edit
    page."""
    return context(user=user, organisation=organisation, year=year)["drafts"]


# ------------------------------------------------------------------------------ formats


def bab3_rows(data: dict[str, Any]) -> list[tuple[str, ...]]:
    return [
        (
            str(b.number),
            b.goal,
            f"{b.indicator.code} {b.indicator.name}",
            b.indicator.unit,
            b.target,
            b.realization + ("*" if b.starred else ""),
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


def _doc_paragraphs(doc: Any, text: str, *, indent: bool = False) -> None:
    for part in [p for p in text.split("\n") if p.strip()] or [EM_DASH]:
        p = word.paragraph(doc, part.strip())
        if indent:
            p.paragraph_format.first_line_indent = Mm(10)


def _bab3_table(doc: Any, data: dict[str, Any]) -> None:
    """The achievement table, printed in the Ikhtisar Eksekutif and again in Bab III, with the note
    on the asterisk under it when one is printed."""
    word.add_table(
        doc,
        header=BAB3_HEADER,
        rows=bab3_rows(data),
        widths_mm=[8, 34, 40, 12, 16, 18, 16, 20],
        align=["center", "left", "left", "center", "right", "right", "right", "center"],
    )
    if data["any_starred"]:
        word.paragraph(doc, UNAPPROVED_NOTE, size=9, align="left")


def _numbered(doc: Any, items: list[str]) -> None:
    for n, text in enumerate(items, 1):
        p = word.paragraph(doc, f"{n}.\t{text}", align="left", space_after=1)
        p.paragraph_format.left_indent = Mm(8)
        p.paragraph_format.first_line_indent = Mm(-6)


def _facts_table(doc: Any, b: IndicatorBlock) -> None:
    table = word.add_table(
        doc,
        header=None,
        rows=[(f.label, f"{f.value}{f.after}".strip()) for f in b.facts],
        widths_mm=[96, 69],
        align=["left", "right"],
    )
    for row, fact in zip(table.rows, b.facts, strict=True):
        if fact.bold:
            for cell in row.cells:
                for run in (r for p in cell.paragraphs for r in p.runs):
                    run.bold = True


def lkjip_docx(data: dict[str, Any], paper: str) -> bytes:
    """The LKjIP in Word with the PDF's contents: cover with the kop, Kata Pengantar, Daftar Isi
    (a TOC field over the heading styles, with the chapters written out until Word updates it),
    the chapters in the styles Heading 1-3 (the same titles as the PDF, from :func:`outline`),
    the trend charts as pictures (:func:`kinerja.reports.chart_png.svg_to_png` of the PDF's SVG)."""
    narr = data["narratives"]
    h = data["headings"]
    year = data["year_text"]
    doc = word.new_document(paper)
    word.use_heading_styles(doc)
    width = word.text_width_mm(doc)

    word.add_kop(doc, data["organisation"])
    word.paragraph(doc, "", space_after=24)
    word.heading(
        doc, "LAPORAN KINERJA INSTANSI PEMERINTAH", size=18
    ).paragraph_format.space_after = 0
    word.heading(doc, "(LKjIP)", size=18)
    word.paragraph(doc, "", space_after=90)
    word.heading(doc, data["office"], size=16).paragraph_format.space_after = 0
    word.heading(doc, data["region"], size=16).paragraph_format.space_after = 18
    word.heading(doc, f"TAHUN {year}", size=16)
    word.page_break(doc)

    word.styled_heading(doc, h["pengantar"].title, 1)
    _doc_paragraphs(doc, narr["pengantar"], indent=True)
    word.add_signature(doc, data["signature"], data["date_text"])
    word.page_break(doc)

    word.heading(doc, "DAFTAR ISI", size=12.5)  # not a heading style: not listed in itself
    word.add_toc(doc, [(entry.level, entry.title) for entry in data["toc"]])
    word.page_break(doc)

    word.styled_heading(doc, h["ikhtisar"].title, 1)
    _doc_paragraphs(doc, narr["ikhtisar"])
    _bab3_table(doc, data)
    word.page_break(doc)

    word.styled_heading(doc, h["bab1"].title, 1)
    _doc_paragraphs(doc, narr["pendahuluan"])
    word.styled_heading(doc, h["tugas"].title, 2)
    word.paragraph(doc, data["duty"] or EM_DASH)
    if data["fungsi"]:
        word.paragraph(
            doc,
            f"Dalam melaksanakan tugas tersebut, {data['office'].title()} menyelenggarakan fungsi:",
        )
        _numbered(doc, data["fungsi"])
    if data["tujuan"]:
        word.styled_heading(doc, h["tujuan"].title, 2)
        _numbered(doc, data["tujuan"])
    word.styled_heading(doc, h["struktur"].title, 2)
    if data["units"]:
        _numbered(doc, [u.name for u in data["units"]])
    else:
        word.paragraph(doc, EM_DASH)
    word.styled_heading(doc, h["wilayah"].title, 2)
    word.paragraph(doc, data["wilayah"])
    word.page_break(doc)

    word.styled_heading(doc, h["bab2"].title, 1)
    _doc_paragraphs(doc, narr["perencanaan"])
    word.styled_heading(doc, h["renstra"].title, 2)
    years = data["renstra_years"]
    if data["renstra"]:
        column = (width - 62) / (len(years) + 1)
        word.add_table(
            doc,
            header=["INDIKATOR KINERJA", *[str(y) for y in years], "AKHIR"],
            rows=[[f"{i.code} {i.name}", *cells, end] for i, cells, end in data["renstra_rows"]],
            widths_mm=[62, *[column] * (len(years) + 1)],
            align=["left", *["right"] * (len(years) + 1)],
            size=8.5,
        )
    else:
        word.paragraph(doc, f"Renstra yang mencakup tahun {year} belum dimasukkan.")
    word.styled_heading(doc, h["pk"].title, 2)
    _pk_table(doc, data)
    word.page_break(doc)

    word.styled_heading(doc, h["bab3"].title, 1)
    _doc_paragraphs(doc, narr["akuntabilitas"])
    word.styled_heading(doc, h["capaian"].title, 2)
    _bab3_table(doc, data)
    word.styled_heading(doc, h["analisis"].title, 2)
    for b in data["blocks"]:
        word.styled_heading(doc, b.heading.title, 3)
        goal = word.paragraph(doc, f"Kinerja utama: {b.goal}", size=10.5, align="left")
        goal.runs[0].italic = True
        goal.paragraph_format.keep_with_next = True
        _facts_table(doc, b)
        word.add_image(
            doc, svg_to_png(str(b.chart)), width_mm=round(width * 0.58), caption=b.chart_caption
        )
        for title, lines in (
            ("Analisis penyebab (kendala)", b.kendala),
            ("Upaya yang dilakukan", b.upaya),
        ):
            label = word.paragraph(doc, title, bold=True, align="left", size=10.5, space_after=0)
            label.paragraph_format.keep_with_next = True
            for line in lines or [EM_DASH]:
                word.paragraph(doc, line, space_after=1)
        label = word.paragraph(
            doc, "Efisiensi penggunaan anggaran", bold=True, align="left", size=10.5, space_after=0
        )
        label.paragraph_format.keep_with_next = True
        if b.programs:
            word.add_table(
                doc,
                header=EFFICIENCY_HEADER,
                rows=[
                    (p.name, p.budget, p.spent, p.share, p.achievement, p.unspent)
                    for p in b.programs
                ],
                widths_mm=[width - 107, 24, 24, 19, 20, 20],
                align=["left", "right", "right", "right", "right", "right"],
                size=8.5,
            )
        else:
            word.paragraph(doc, NO_PROGRAM_TEXT)
    word.styled_heading(doc, h["efisiensi"].title, 2)
    _doc_paragraphs(doc, narr["efisiensi"])
    word.paragraph(doc, UNSPENT_NOTE, size=9, align="left")
    word.page_break(doc)

    word.styled_heading(doc, h["bab4"].title, 1)
    _doc_paragraphs(doc, narr["penutup"])
    word.add_signature(doc, data["signature"], data["date_text"])
    word.page_break(doc)

    word.styled_heading(doc, h["lampiran"].title, 1)
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


register_document(
    "lkjip",
    label="LKjIP (Laporan Kinerja Instansi Pemerintah)",
    context=context,
    renderers={"pdf": pdf_template("reports/lkjip.html"), "docx": lkjip_docx, "xlsx": lkjip_xlsx},
    order=40,
    published=lkjip_is_published,
)

"""Sample planning data for `kinerja demo`, labelled DATA CONTOH: a Renstra 2021-2026, a signed PK
per sample year with annual and TW I-IV targets for the decree's indicators, and a Renja with
programs, budgets (Rupiah) and quarterly realizations. Made up (no published targets of Mayang
exist); idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from kinerja.accounts.demo import SAMPLE_LABEL, register_sample_data_step
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Organisation
from kinerja.planning.models import AgreementStatus, PerformanceAgreement, Program, RenstraPeriod
from kinerja.planning.services.agreements import (
    IndicatorTargetsInput,
    agreement_defaults,
    agreement_save,
    agreement_sign,
    agreement_targets_set,
)
from kinerja.planning.services.renja import budget_realization_set, program_save
from kinerja.planning.services.renstra import renstra_save, renstra_target_set
from kinerja.planning.services.target_values import TargetInput

RENSTRA_START, RENSTRA_END = 2021, 2026
BUPATI = "H. HENDY SISWANTO, S.T., IPU."

# Annual targets of the first sample year and their yearly step; quarters are cumulative for the
# ratio indicators (TW IV = the year), as docs/planning.md explains.
BASE = {
    "1.1": (Decimal(82), Decimal(1)),
    "2.1": (Decimal(80), Decimal(2)),
    "2.2": (Decimal(85), Decimal("2.5")),
    "2.3": (Decimal(80), Decimal(2)),
    "2.4": (Decimal(80), Decimal(2)),
}
QUARTER_OFFSETS = {"1.1": (Decimal(-2), Decimal(-1), Decimal("-0.5"), Decimal(0))}
DEFAULT_OFFSETS = (Decimal(-10), Decimal(-5), Decimal(-2), Decimal(0))

# (code, level, name, budget, indicator codes, share spent per quarter in %)
PROGRAMS = [
    (
        "7.01.01",
        "program",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        Decimal(0),
        ["1.1", "2.1", "2.2"],
        None,
    ),
    (
        "7.01.01.2.01",
        "kegiatan",
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        Decimal(185_000_000),
        ["2.1", "2.2"],
        (20, 25, 25, 24),
    ),
    (
        "7.01.01.2.02",
        "kegiatan",
        "Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan (PATEN)",
        Decimal(120_000_000),
        ["1.1"],
        (18, 26, 24, 27),
    ),
    (
        "7.01.02",
        "program",
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
        Decimal(0),
        ["2.3"],
        None,
    ),
    (
        "7.01.02.2.01",
        "kegiatan",
        "Koordinasi Pemberdayaan Desa dan Ketenteraman Ketertiban Umum",
        Decimal(95_000_000),
        ["2.3", "2.4"],
        (15, 25, 30, 25),
    ),
]


def _target(code: str, year: int) -> Decimal:
    base, step = BASE.get(code, (Decimal(80), Decimal(2)))
    return min(base + step * (year - 2022), Decimal(100))


@register_sample_data_step
@transaction.atomic
def planning_sample(organisation: Organisation, years: list[int]) -> None:
    decree = organisation.decrees.in_force().first()
    if decree is None:
        return
    indicators = list(decree.active_indicators())
    _renstra(organisation, indicators)
    for year in years:
        _agreement(organisation, indicators, year)
        _renja(organisation, indicators, year)


def _renstra(organisation: Organisation, indicators: list[Indicator]) -> None:
    renstra = RenstraPeriod.objects.filter(
        organisation=organisation, start_year=RENSTRA_START
    ).first()
    if renstra is None:
        renstra = renstra_save(
            actor=None,
            organisation=organisation,
            title=f"Renstra Kecamatan {organisation.name.removeprefix('Kecamatan ')} "
            f"{RENSTRA_START}-{RENSTRA_END} ({SAMPLE_LABEL})",
            start_year=RENSTRA_START,
            end_year=RENSTRA_END,
        )
    if renstra.targets.exists():
        return
    for indicator in indicators:
        if indicator.scale:
            continue
        for year in range(RENSTRA_START, RENSTRA_END + 1):
            renstra_target_set(
                actor=None,
                renstra=renstra,
                indicator=indicator,
                year=year,
                target=_target(indicator.code, year),
            )
        renstra_target_set(
            actor=None,
            renstra=renstra,
            indicator=indicator,
            year=None,
            target=_target(indicator.code, RENSTRA_END),
        )


def _agreement(organisation: Organisation, indicators: list[Indicator], year: int) -> None:
    agreement = PerformanceAgreement.objects.filter(organisation=organisation, year=year).first()
    if agreement is not None and agreement.status == AgreementStatus.SIGNED:
        return
    defaults = agreement_defaults(organisation)
    if agreement is None:
        agreement = agreement_save(
            actor=None,
            organisation=organisation,
            year=year,
            first_party=defaults["first_party"],
            second_party_name=BUPATI,
            second_party_position=defaults["second_party_position"] or "BUPATI JEMBER",
            place=defaults["place"] or "Jember",
            date_signed=dt.date(year, 1, 31),
        )
    rows = {}
    for indicator in indicators:
        if indicator.scale:
            continue
        annual = _target(indicator.code, year)
        offsets = QUARTER_OFFSETS.get(indicator.code, DEFAULT_OFFSETS)
        values = {str(year): TargetInput(annual)}
        for index, offset in enumerate(offsets, start=1):
            values[f"{year}Q{index}"] = TargetInput(annual + offset)
        rows[indicator.pk] = IndicatorTargetsInput(values=values)
    agreement_targets_set(actor=None, agreement=agreement, rows=rows)
    agreement_sign(actor=None, agreement=agreement)


def _renja(organisation: Organisation, indicators: list[Indicator], year: int) -> None:
    if Program.objects.filter(organisation=organisation, year=year).exists():
        return
    by_code = {i.code: i for i in indicators}
    parents: dict[str, Program] = {}
    for code, level, name, budget, served, shares in PROGRAMS:
        parent = parents.get(code.rsplit(".", 2)[0]) if level != "program" else None
        scaled = budget * (1 + Decimal(year - 2022) / 20)  # 5 % more each year
        program = program_save(
            actor=None,
            organisation=organisation,
            year=year,
            level=level,
            parent=parent,
            code=code,
            name=name,
            budget=scaled.quantize(Decimal(1)),
            indicators=[by_code[c] for c in served if c in by_code],
        )
        parents[code] = program
        if shares is None:
            continue
        for quarter, share in enumerate(shares, start=1):
            amount = (program.budget * share / 100).quantize(Decimal(1))
            budget_realization_set(
                actor=None, program=program, period=f"{year}Q{quarter}", amount=amount
            )
    # A program's budget is the sum of its activities' budgets.
    for program in parents.values():
        if program.level == "program":
            total = sum((c.budget for c in program.children.all()), Decimal(0))
            program_save(
                actor=None,
                organisation=organisation,
                program=program,
                year=year,
                level=program.level,
                code=program.code,
                name=program.name,
                budget=total,
                indicators=list(program.indicators.all()),
            )

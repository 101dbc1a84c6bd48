"""Sample realizations (DATA CONTOH) of the indicators in force, taken through the workflow.

For every sample year and quarter: indicators computed from a source (SKM, registers) take their
numbers from it; where the source has nothing (or for manual indicators) plausible components are
made up; the year of a computed indicator is stored from its source as well. Everything is
submitted, verified and approved (three steps, the default workflow) except the last quarter of
the last year, left submitted (waiting for the Perencana's verification), and the year value of
the last year, left verified (ready for the Camat's approval), so both sections of the approval
queue show something. Idempotent: values past draft are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from kinerja.accounts.demo import SAMPLE_LABEL, VALUES_STAGE, register_sample_data_step
from kinerja.accounts.models import Role
from kinerja.iku.models import Indicator
from kinerja.measurement import services
from kinerja.measurement.models import IndicatorValue, ValueStatus
from kinerja.organisations.models import Organisation


def _components(indicator: Indicator, year: int, quarter: int) -> tuple[Decimal, Decimal]:
    """Plausible made-up components, varying by year and quarter (deterministic)."""
    wobble = (year * 3 + quarter * 7) % 5  # 0..4
    if indicator.code == "1.1":
        # SKM: sum of unsur averages over 9 unsur, × 25 gives ~78-84
        return Decimal("28.1") + Decimal(wobble) * Decimal("0.3"), Decimal(9)
    if indicator.code == "2.2":
        # villages of Mayang with correct and timely APBDes/SPJ, out of 7
        return Decimal(5 + min(wobble, 2)), Decimal(7)
    # coordination results in the quarter (6-10) and those followed up (5-9)
    results = 6 + wobble
    followed = max(results - 1 - (quarter + year) % 2, 0)
    return Decimal(followed), Decimal(results)


def _member(organisation: Organisation, role: Role, unit_id: int | None = None) -> Any:
    users = get_user_model().objects.filter(
        memberships__organisation=organisation, memberships__role=role
    )
    if unit_id is not None:
        users = users.filter(memberships__unit_id=unit_id)
    return users.order_by("id").first()


#: The sample kendala / upaya / rencana tindak lanjut of an indicator that no source claims.
GENERAL_NARRATIVE: dict[str, str] = {
    "kendala": "data pendukung capaian belum lengkap pada akhir periode.",
    "upaya": "seksi penanggung jawab melengkapi data dan bukti dukung bersama perencana.",
    "rencana_tindak_lanjut": "pemeriksaan kelengkapan data dan bukti dukung setiap bulan.",
}

SampleNarrative = Callable[[Indicator], "tuple[str, dict[str, str]] | None"]
_SAMPLE_NARRATIVES: list[SampleNarrative] = []


def register_sample_narrative(fn: SampleNarrative) -> SampleNarrative:
    """Add a source's sample narratives: ``fn(indicator)`` gives (kind, texts) when the indicator
    measures what the source counts (by its source and parameters, kept when the values are typed
    in by hand), else None. Asked in registration order (the apps' order)."""
    if fn not in _SAMPLE_NARRATIVES:
        _SAMPLE_NARRATIVES.append(fn)
    return fn


def _narrative_of(indicator: Indicator) -> tuple[str, dict[str, str]]:
    for fn in _SAMPLE_NARRATIVES:
        found = fn(indicator)
        if found is not None:
            return found
    return "other", GENERAL_NARRATIVE


def narrative_kind(indicator: Indicator) -> str:
    """Which sample narrative fits ``indicator``: the kind its source's narratives name, "other"
    when no source claims it."""
    return _narrative_of(indicator)[0]


def narrative(indicator: Indicator) -> dict[str, str]:
    """The sample kendala, upaya and rencana tindak lanjut of ``indicator``, labelled DATA CONTOH."""
    texts = _narrative_of(indicator)[1]
    return {field: f"{SAMPLE_LABEL}: {text}" for field, text in texts.items()}


# After the SKM's and the registers' sample data (the records stage): values are computed from them.
@register_sample_data_step(stage=VALUES_STAGE)
@transaction.atomic
def realizations_sample(organisation: Organisation, years: list[int]) -> None:
    decree = organisation.decrees.in_force().first()
    if decree is None or not years:
        return
    camat = _member(organisation, Role.CAMAT)
    perencana = _member(organisation, Role.PERENCANA)
    last = (years[-1], 4)
    for indicator in decree.active_indicators().order_by("goal__order", "order"):
        kasi = _member(organisation, Role.KEPALA_SEKSI, indicator.responsible_unit_id)
        for year in years:
            for quarter in range(1, 5):
                _one(
                    indicator,
                    organisation,
                    year,
                    quarter,
                    ValueStatus.SUBMITTED if (year, quarter) == last else None,
                    kasi,
                    perencana,
                    camat,
                )
            # The year of a computed indicator is stored from its source (the year's own count);
            # it goes through the same review as the quarters.
            leave = ValueStatus.VERIFIED if year == last[0] else None
            _one(indicator, organisation, year, None, leave, kasi, perencana, camat)


def _one(
    indicator: Indicator,
    organisation: Organisation,
    year: int,
    quarter: int | None,
    leave_at: ValueStatus | None,
    kasi: Any,
    perencana: Any,
    camat: Any,
) -> None:
    period = f"{year}Q{quarter}" if quarter is not None else str(year)
    value = IndicatorValue.objects.filter(
        indicator=indicator, organisation=organisation, period=period
    ).first()
    if value is not None and value.status not in services.EDITABLE_STATUSES:
        return
    if indicator.scale or not services.has_components(indicator):
        return  # the sample indicators all have components; nothing plausible to invent here
    computed = None
    if indicator.value_source != "manual":
        result = services.compute_from_source(
            indicator, organisation, services.parse_period(period)
        )
        if result is not None and result.denominator:
            computed = result
    if quarter is None and computed is None:
        return  # a year without its own source count follows from the quarters
    override_reason = ""
    if computed is not None:
        refreshed = services.value_refresh_from_source(
            actor=None, indicator=indicator, organisation=organisation, period=period
        )
        numerator, denominator = refreshed.numerator, refreshed.denominator
    else:
        assert quarter is not None
        numerator, denominator = _components(indicator, year, quarter)
        if indicator.value_source != "manual":
            override_reason = f"{SAMPLE_LABEL}: sumber belum berisi data periode ini."
    texts = narrative(indicator)
    value = services.value_save(
        actor=None,
        indicator=indicator,
        organisation=organisation,
        period=period,
        numerator=numerator,
        denominator=denominator,
        override_reason=override_reason,
        kendala=texts["kendala"],
        upaya=texts["upaya"],
        rencana_tindak_lanjut=texts["rencana_tindak_lanjut"],
    )
    value = services.value_submit(actor=kasi, value=value)
    if leave_at == ValueStatus.SUBMITTED:
        return
    value = services.value_verify(actor=perencana, value=value)
    if leave_at == ValueStatus.VERIFIED:
        return
    services.value_approve(actor=camat, value=value)
    assert value.status in (ValueStatus.VERIFIED, ValueStatus.APPROVED)

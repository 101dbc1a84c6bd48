"""Writes of the Perjanjian Kinerja (PK): the statement, signing, its annual and quarterly targets
and their revisions after signing.

Keyword-only, one transaction, the permission door, ``full_clean`` and the actor in the audit
history; ``actor`` None is a trusted caller (a command or the demo). Rules (docs/planning.md):

* a PK is edited freely while it is a draft; signing needs a date, both parties and an annual
  target for every active indicator of the IKU decree in force;
* after signing every target change is a :class:`~kinerja.planning.models.TargetRevision` with a
  reason and the legal document (number and date) that allows it;
* quarterly targets that disagree with the annual target under the indicator's aggregation rule
  (:func:`kinerja.core.targets.check_quarterly_targets`) are allowed with a written reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.common.services import delete_recorded, save_validated
from kinerja.core.numbers import format_id
from kinerja.core.periods import parse_period, quarters_of
from kinerja.core.targets import QuarterCheck, check_quarterly_targets
from kinerja.iku.models import Indicator, Polarity
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import AgreementStatus, PerformanceAgreement, Target, TargetRevision
from kinerja.planning.services._shared import (
    NumberInput,
    _active_decree,
    _check_indicator,
    _is_empty,
    _require,
)
from kinerja.planning.services.target_values import TargetInput, clean_target_values


@dataclass
class TargetsSaved:
    """The targets written for one indicator and the mismatch warning, if any (never a block)."""

    targets: dict[str, Target | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    revisions: list[TargetRevision] = field(default_factory=list)


def agreement_defaults(organisation: Organisation) -> dict[str, Any]:
    """What a new PK form starts from: the Camat as first party (the signatory of the decree in
    force, else an active official whose position names the Camat) and the regent's office as the
    second party's position; the second party's name is left for the user [D]."""
    decree = _active_decree(organisation)
    first = decree.signatory if decree is not None and decree.signatory else None
    if first is None:
        first = (
            Official.objects.filter(
                organisation=organisation, active=True, position__istartswith="camat"
            )
            .order_by("name")
            .first()
        )
    kabupaten = organisation.parent
    position = ""
    if kabupaten is not None:
        name = kabupaten.name
        for prefix, title in (("Kabupaten ", "BUPATI "), ("Kota ", "WALI KOTA ")):
            if name.startswith(prefix):
                position = title + name.removeprefix(prefix).upper()
                break
        else:
            position = "BUPATI " + name.upper()
    return {
        "first_party": first,
        "second_party_name": "",
        "second_party_position": position,
        "place": organisation.city
        or (kabupaten.name.removeprefix("Kabupaten ") if kabupaten else ""),
    }


def _refuse_signed(agreement: PerformanceAgreement) -> None:
    if agreement.status == AgreementStatus.SIGNED:
        raise ValidationError(
            _(
                "The PK %(year)s is signed: its targets change only by a revision with a reason "
                "and a legal document."
            )
            % {"year": agreement.year}
        )


@transaction.atomic
def agreement_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    agreement: PerformanceAgreement | None = None,
    year: int,
    first_party: Official | None,
    second_party_name: str = "",
    second_party_position: str = "",
    place: str = "",
    date_signed: dt.date | None = None,
) -> PerformanceAgreement:
    """Create or change a draft PK (the statement's parties, place and date)."""
    _require(actor, organisation)
    if agreement is None:
        agreement = PerformanceAgreement(organisation=organisation)
    else:
        _refuse_signed(agreement)
        if agreement.organisation_id != organisation.pk:
            raise ValidationError({"organisation": _("A PK cannot move to another organisation.")})
        if agreement.year != year and agreement.targets.exists():
            raise ValidationError({"year": _("A PK with targets cannot move to another year.")})
    if first_party is not None and first_party.organisation_id != organisation.pk:
        raise ValidationError(
            {
                "first_party": _("The first party must be an official of %(org)s.")
                % {"org": organisation}
            }
        )
    agreement.year = year
    agreement.first_party = first_party
    agreement.second_party_name = second_party_name.strip()
    agreement.second_party_position = second_party_position.strip()
    agreement.place = place.strip()
    agreement.date_signed = date_signed
    save_validated(agreement, actor=actor)
    return agreement


def _annual_complete(indicator: Indicator, target: Target | None) -> bool:
    if target is None:
        return False
    if indicator.scale:
        return bool(target.target_grade)
    if indicator.polarity == Polarity.RANGE:
        return target.target is not None and target.target_upper is not None
    return target.target is not None


@transaction.atomic
def agreement_sign(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    date_signed: dt.date | None = None,
) -> PerformanceAgreement:
    """Draft → signed. Needs the date, both parties and an annual target for every active
    indicator of the IKU decree in force; from then on targets change only by revision."""
    _require(actor, agreement.organisation)
    if agreement.status == AgreementStatus.SIGNED:
        raise ValidationError(_("The PK %(year)s is already signed.") % {"year": agreement.year})
    errors: dict[str, list[str]] = {}
    date_signed = date_signed or agreement.date_signed
    if date_signed is None:
        errors["date_signed"] = [_("Enter the date the PK was signed.")]
    if agreement.first_party is None:
        errors["first_party"] = [_("Choose the first party (the Camat) before signing.")]
    if not agreement.second_party_name:
        errors["second_party_name"] = [_("Enter the second party's name before signing.")]
    decree = _active_decree(agreement.organisation)
    if decree is None:
        errors[NON_FIELD_ERRORS] = [
            _("%(org)s has no IKU decree in force: there are no indicators to agree on.")
            % {"org": agreement.organisation}
        ]
    else:
        annual = {t.indicator_id: t for t in agreement.targets.filter(period=str(agreement.year))}
        missing = [
            i.code for i in decree.active_indicators() if not _annual_complete(i, annual.get(i.pk))
        ]
        if missing:
            errors[NON_FIELD_ERRORS] = [
                _("Every indicator needs an annual target before signing; missing: %(codes)s.")
                % {"codes": ", ".join(missing)}
            ]
    if errors:
        raise ValidationError(errors)
    agreement.date_signed = date_signed
    agreement.status = AgreementStatus.SIGNED
    save_validated(agreement, actor=actor)
    return agreement


def _target_periods(agreement: PerformanceAgreement) -> list[str]:
    return [str(agreement.year)] + [str(q) for q in quarters_of(agreement.year)]


def _check_period(agreement: PerformanceAgreement, period: str) -> str:
    try:
        canonical = str(parse_period(period))
    except ValueError:
        canonical = ""
    if canonical not in _target_periods(agreement):
        raise ValidationError(
            {
                "period": _(
                    "A PK %(year)s has targets for %(year)s and its quarters %(year)sQ1-%(year)sQ4."
                )
                % {"year": agreement.year}
            }
        )
    return canonical


def _targets_by_period(
    agreement: PerformanceAgreement,
    indicator: Indicator,
    rows: Mapping[str, Target] | None,
) -> Mapping[str, Target]:
    """``rows`` when the caller has already read the indicator's targets, else read them."""
    if rows is not None:
        return rows
    return {t.period: t for t in agreement.targets.filter(indicator=indicator)}


def quarter_check(
    agreement: PerformanceAgreement,
    indicator: Indicator,
    *,
    rows: Mapping[str, Target] | None = None,
) -> QuarterCheck | None:
    """How the stored quarterly targets of ``indicator`` compare with its annual target.

    ``rows``: the indicator's targets of ``agreement`` by period, when already read.
    Ordinal indicators (grades) are compared as LAST: TW IV's grade is the year's [D]; the result
    is then None when consistent or not checkable."""
    rows = _targets_by_period(agreement, indicator, rows)
    periods = _target_periods(agreement)
    annual, quarters = rows.get(periods[0]), [rows.get(p) for p in periods[1:]]
    if indicator.scale:
        return None
    return check_quarterly_targets(
        annual.target if annual else None,
        [q.target if q else None for q in quarters],
        indicator.aggregation,
        places=indicator.decimals,
    )


def mismatch_warning(
    agreement: PerformanceAgreement,
    indicator: Indicator,
    *,
    rows: Mapping[str, Target] | None = None,
) -> str | None:
    """The warning text when the quarters disagree with the annual target, else None.

    ``rows``: the indicator's targets of ``agreement`` by period, when already read."""
    rows = _targets_by_period(agreement, indicator, rows)
    periods = _target_periods(agreement)
    if indicator.scale:
        annual, last = rows.get(periods[0]), rows.get(periods[4])
        if (
            annual
            and last
            and annual.target_grade
            and last.target_grade
            and (annual.target_grade != last.target_grade)
        ):
            return _(
                "Indicator %(code)s: the TW IV target (%(q4)s) differs from the annual target "
                "(%(annual)s)."
            ) % {"code": indicator.code, "q4": last.target_grade, "annual": annual.target_grade}
        return None
    check = quarter_check(agreement, indicator, rows=rows)
    if check is None or check.consistent:
        return None
    rule_text = {
        "sum": _("the sum of TW I-IV"),
        "last": _("the TW IV target"),
        "average": _("the mean of TW I-IV"),
        "ratio": _("the TW IV target (quarterly targets of a ratio are cumulative)"),
    }[str(check.rule)]
    return _("Indicator %(code)s: %(rule)s is %(implied)s but the annual target is %(annual)s.") % {
        "code": indicator.code,
        "rule": rule_text,
        "implied": format_id(check.implied, indicator.decimals),
        "annual": format_id(check.annual, indicator.decimals),
    }


def _settle_mismatch(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    indicator: Indicator,
    mismatch_reason: str | None,
) -> list[str]:
    """After writing: warn about a mismatch and require its reason (stored on the annual target).

    ``mismatch_reason`` None keeps the stored reason; "" clears it."""
    warning = mismatch_warning(agreement, indicator)
    annual = agreement.targets.filter(indicator=indicator, period=str(agreement.year)).first()
    if annual is None:
        return [warning] if warning else []
    reason = annual.mismatch_reason if mismatch_reason is None else mismatch_reason.strip()
    if warning is None:
        reason = ""
    elif not reason:
        raise ValidationError(
            {
                "mismatch_reason": warning
                + " "
                + _(
                    "The quarterly targets do not agree with the annual target. Write the reason "
                    "in the field “Reason for the difference” to save them anyway."
                )
            }
        )
    if annual.mismatch_reason != reason:
        annual.mismatch_reason = reason
        save_validated(annual, actor=actor, exclude=["agreement", "indicator"])
    return [warning] if warning else []


def _write_target(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    indicator: Indicator,
    period: str,
    values: tuple[Decimal | None, Decimal | None, str],
    keep_empty: bool,
) -> Target | None:
    target, upper, grade = values
    existing = Target.objects.filter(
        agreement=agreement, indicator=indicator, period=period
    ).first()
    if _is_empty(target, upper, grade) and not keep_empty:
        if existing is not None:
            delete_recorded(existing, actor=actor)
        return None
    row = existing or Target(agreement=agreement, indicator=indicator, period=period)
    row.target, row.target_upper, row.target_grade = target, upper, grade
    save_validated(row, actor=actor, exclude=["agreement", "indicator"])
    return row


def _indicator_targets_write(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    indicator: Indicator,
    values: Mapping[str, TargetInput],
    mismatch_reason: str | None,
    prefix: str = "",
) -> TargetsSaved:
    _check_indicator(agreement.organisation, indicator)
    cleaned: dict[str, tuple[Decimal | None, Decimal | None, str]] = {}
    errors: dict[str, list[str]] = {}
    for period, value in values.items():
        try:
            canonical = _check_period(agreement, period)
            cleaned[canonical] = clean_target_values(indicator, value)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"{prefix}{period}/{name}" if prefix else name] = messages
    if errors:
        raise ValidationError(errors)
    saved = TargetsSaved()
    for period, triple in cleaned.items():
        saved.targets[period] = _write_target(
            actor=actor,
            agreement=agreement,
            indicator=indicator,
            period=period,
            values=triple,
            keep_empty=False,
        )
    try:
        saved.warnings = _settle_mismatch(
            actor=actor, agreement=agreement, indicator=indicator, mismatch_reason=mismatch_reason
        )
    except ValidationError as exc:
        if prefix:
            raise ValidationError({f"{prefix}mismatch_reason": exc.messages}) from None
        raise
    return saved


@transaction.atomic
def target_set(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    indicator: Indicator,
    period: str,
    target: NumberInput = None,
    target_upper: NumberInput = None,
    target_grade: str = "",
    mismatch_reason: str | None = None,
) -> TargetsSaved:
    """Set one target of a draft PK (``period`` the year or one of its quarters; all empty
    removes it). Returns the mismatch warning, if any; a mismatch without a reason is refused."""
    _require(actor, agreement.organisation)
    _refuse_signed(agreement)
    return _indicator_targets_write(
        actor=actor,
        agreement=agreement,
        indicator=indicator,
        values={period: TargetInput(target, target_upper, target_grade)},
        mismatch_reason=mismatch_reason,
    )


@dataclass(frozen=True)
class IndicatorTargetsInput:
    """One row of the PK target form: the year and its quarters, and the mismatch reason."""

    values: Mapping[str, TargetInput]
    mismatch_reason: str | None = None


@transaction.atomic
def agreement_targets_set(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    rows: Mapping[int, IndicatorTargetsInput],
) -> dict[int, TargetsSaved]:
    """All targets of a draft PK in one go, keyed by indicator id. Errors are keyed
    ``"<indicator id>/<period>/<field>"`` and ``"<indicator id>/mismatch_reason"``; nothing is
    written when any is bad."""
    _require(actor, agreement.organisation)
    _refuse_signed(agreement)
    indicators = {
        i.pk: i for i in Indicator.objects.select_related("decree").filter(pk__in=list(rows))
    }
    errors: dict[str, list[str]] = {}
    saved: dict[int, TargetsSaved] = {}
    for indicator_id, row in rows.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            errors[f"{indicator_id}/indicator"] = [_("No such indicator.")]
            continue
        try:
            saved[indicator_id] = _indicator_targets_write(
                actor=actor,
                agreement=agreement,
                indicator=indicator,
                values=row.values,
                mismatch_reason=row.mismatch_reason,
                prefix=f"{indicator_id}/",
            )
        except ValidationError as exc:
            errors.update(
                {
                    (k if k.startswith(f"{indicator_id}/") else f"{indicator_id}/{k}"): v
                    for k, v in exc.message_dict.items()
                }
            )
    if errors:
        raise ValidationError(errors)
    return saved


@transaction.atomic
def target_revise(
    *,
    actor: UserLike | None,
    agreement: PerformanceAgreement,
    indicator: Indicator,
    period: str,
    target: NumberInput = None,
    target_upper: NumberInput = None,
    target_grade: str = "",
    reason: str,
    document_number: str,
    document_date: dt.date | None,
    mismatch_reason: str | None = None,
) -> TargetsSaved:
    """Change a target of a signed PK: records old and new value, reason, the legal document
    (number and date), who and when (:class:`TargetRevision`)."""
    _require(actor, agreement.organisation)
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError(
            _("The PK %(year)s is not signed yet: change its targets directly.")
            % {"year": agreement.year}
        )
    _check_indicator(agreement.organisation, indicator)
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["reason"] = _("Write the reason for the revision.")
    if not (document_number or "").strip():
        errors["document_number"] = _(
            "Enter the number of the legal document that allows the revision."
        )
    if document_date is None:
        errors["document_date"] = _("Enter the date of the legal document.")
    new: tuple[Decimal | None, Decimal | None, str] = (None, None, "")
    try:
        period = _check_period(agreement, period)
        new = clean_target_values(indicator, TargetInput(target, target_upper, target_grade))
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if not errors and period == str(agreement.year) and _is_empty(*new):
        errors["target"] = _("A signed PK keeps an annual target for every indicator.")
    existing = (
        None
        if "period" in errors
        else Target.objects.filter(agreement=agreement, indicator=indicator, period=period).first()
    )
    old = (
        (existing.target, existing.target_upper, existing.target_grade)
        if existing
        else (None, None, "")
    )
    if not errors and _same(old, new):
        errors["target"] = _("The new target is the same as the current one.")
    if errors:
        raise ValidationError(errors)
    row = _write_target(
        actor=actor,
        agreement=agreement,
        indicator=indicator,
        period=period,
        values=new,
        keep_empty=True,
    )
    assert row is not None
    assert document_date is not None  # refused above
    revision = TargetRevision(
        target=row,
        old_target=old[0],
        new_target=new[0],
        old_target_upper=old[1],
        new_target_upper=new[1],
        old_grade=old[2],
        new_grade=new[2],
        reason=reason.strip(),
        document_number=document_number.strip(),
        document_date=document_date,
        revised_by=actor if actor is not None and actor.is_authenticated else None,
    )
    save_validated(revision, actor=actor)
    warnings = _settle_mismatch(
        actor=actor, agreement=agreement, indicator=indicator, mismatch_reason=mismatch_reason
    )
    return TargetsSaved(targets={period: row}, warnings=warnings, revisions=[revision])


def _same(
    old: tuple[Decimal | None, Decimal | None, str], new: tuple[Decimal | None, Decimal | None, str]
) -> bool:
    def eq(a: Decimal | None, b: Decimal | None) -> bool:
        return (a is None and b is None) or (a is not None and b is not None and a == b)

    return eq(old[0], new[0]) and eq(old[1], new[1]) and old[2] == new[2]

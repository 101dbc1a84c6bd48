"""Writes of planning data: Renstra, Renja programs and budget, Perjanjian Kinerja and targets.

Every function is keyword-only, runs in one transaction, checks the permission door
(:func:`kinerja.accounts.access.can_act_in`), validates with ``full_clean`` and records who acted
in the audit history. ``actor`` None means a trusted caller (a command or the demo).

Rules (docs/planning.md):

* a PK is edited freely while it is a draft; signing needs a date, both parties and an annual
  target for every active indicator of the IKU decree in force;
* after signing every target change is a :class:`~kinerja.planning.models.TargetRevision` with a
  reason and the legal document (number and date) that allows it;
* quarterly targets that disagree with the annual target under the indicator's aggregation rule
  (:func:`kinerja.core.targets.check_quarterly_targets`) are allowed with a written reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in
from kinerja.common.services import save_validated
from kinerja.core.achievement import SCALES
from kinerja.core.numbers import format_id, parse_number
from kinerja.core.periods import PeriodType, parse_period, quarters_of
from kinerja.core.targets import QuarterCheck, check_quarterly_targets
from kinerja.iku.models import Decree, Indicator, Polarity
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import (
    AgreementStatus,
    BudgetRealization,
    IndicatorBenchmark,
    PerformanceAgreement,
    Program,
    ProgramLevel,
    RenstraPeriod,
    RenstraTarget,
    Target,
    TargetRevision,
)

# The level a program's parent must have.
PARENT_LEVEL = {
    ProgramLevel.PROGRAM: None,
    ProgramLevel.KEGIATAN: ProgramLevel.PROGRAM,
    ProgramLevel.SUBKEGIATAN: ProgramLevel.KEGIATAN,
}

NumberInput = Decimal | int | str | None


@dataclass(frozen=True)
class TargetInput:
    """What a user gives for one target: numbers as numbers or as typed text ("81,5")."""

    target: NumberInput = None
    target_upper: NumberInput = None
    target_grade: str = ""


@dataclass
class TargetsSaved:
    """The targets written for one indicator and the mismatch warning, if any (never a block)."""

    targets: dict[str, Target | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    revisions: list[TargetRevision] = field(default_factory=list)


@dataclass
class BudgetSaved:
    realizations: list[BudgetRealization | None] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _require(user: UserLike | None, organisation: Organisation) -> None:
    if user is not None and not can_act_in(user, Action.CHANGE, organisation):
        raise PermissionDenied(
            _("You may not change the planning of %(org)s.") % {"org": organisation}
        )


def _number(value: NumberInput, field_name: str) -> Decimal | None:
    """A number from a service argument; typed text is read as Indonesian (core.numbers)."""
    if value is None:
        return None
    if isinstance(value, bool | float):
        raise TypeError("numbers must be Decimal, int or text")
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return parse_number(value)
        except ValueError:
            raise ValidationError(
                {
                    field_name: _("“%(value)s” is not a number. Write it like 82, 81,5 or 1.234,5.")
                    % {"value": value.strip()}
                }
            ) from None
    return Decimal(value)


def _active_decree(organisation: Organisation) -> Decree | None:
    return organisation.decrees.in_force().first()


def _check_indicator(organisation: Organisation, indicator: Indicator) -> None:
    if indicator.decree.organisation_id != organisation.pk:
        raise ValidationError(
            {
                "indicator": _("Indicator %(code)s is not an indicator of %(org)s.")
                % {"code": indicator.code, "org": organisation}
            }
        )


def clean_target_values(
    indicator: Indicator, value: TargetInput
) -> tuple[Decimal | None, Decimal | None, str]:
    """Check one target of ``indicator``; returns (target, upper, grade) or raises
    ``ValidationError`` keyed by ``target``, ``target_upper`` and ``target_grade``."""
    errors: dict[str, str] = {}
    target = upper = None
    try:
        target = _number(value.target, "target")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    try:
        upper = _number(value.target_upper, "target_upper")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    grade = (value.target_grade or "").strip()
    scale = SCALES.get(indicator.scale)
    if scale is not None:
        if target is not None or upper is not None:
            errors["target"] = _(
                "Indicator %(code)s is measured as a grade; choose a grade instead of a number."
            ) % {"code": indicator.code}
        if grade:
            try:
                scale.score(grade)
            except ValueError:
                errors["target_grade"] = _(
                    "“%(grade)s” is not a grade of %(scale)s; choose one of %(grades)s."
                ) % {
                    "grade": grade,
                    "scale": scale.name,
                    "grades": ", ".join(g for g, _score in scale.grades),
                }
    else:
        if grade:
            errors["target_grade"] = _(
                "Indicator %(code)s is measured as a number, not a grade."
            ) % {"code": indicator.code}
        if indicator.polarity == Polarity.RANGE:
            if (target is None) != (upper is None) and "target" not in errors:
                errors["target_upper" if upper is None else "target"] = _(
                    "A range target needs both its lower and its upper bound."
                )
            elif target is not None and upper is not None and target > upper:
                errors["target_upper"] = _(
                    "The upper bound (%(upper)s) must not be below the lower bound (%(lower)s)."
                ) % {
                    "upper": format_id(upper, indicator.decimals),
                    "lower": format_id(target, indicator.decimals),
                }
        elif upper is not None:
            errors["target_upper"] = _(
                "Only an indicator measured within a range has an upper bound."
            )
        if indicator.unit.strip() == "%":
            for name, number in (("target", target), ("target_upper", upper)):
                if number is not None and number < 0 and name not in errors:
                    errors[name] = _("A percentage target cannot be negative.")
    if errors:
        raise ValidationError(errors)
    return target, upper, grade


def _is_empty(target: Decimal | None, upper: Decimal | None, grade: str) -> bool:
    return target is None and upper is None and not grade


# ---------------------------------------------------------------- Renstra


@transaction.atomic
def renstra_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    renstra: RenstraPeriod | None = None,
    title: str,
    start_year: int,
    end_year: int,
    document_number: str = "",
    document_date: dt.date | None = None,
) -> RenstraPeriod:
    """Create or change a Renstra period (e.g. 2021-2026)."""
    _require(actor, organisation)
    if renstra is None:
        renstra = RenstraPeriod(organisation=organisation)
    elif renstra.organisation_id != organisation.pk:
        raise ValidationError({"organisation": _("A Renstra cannot move to another organisation.")})
    renstra.title = title
    renstra.start_year = start_year
    renstra.end_year = end_year
    renstra.document_number = document_number
    renstra.document_date = document_date
    if start_year >= end_year:
        raise ValidationError({"end_year": _("The last year must come after the first year.")})
    outside = (
        renstra.targets.exclude(year__isnull=True).exclude(year__gte=start_year, year__lte=end_year)
        if renstra.pk
        else RenstraTarget.objects.none()
    )
    if outside.exists():
        raise ValidationError(
            {
                "end_year": _(
                    "Targets exist for years outside %(start)s-%(end)s; remove them first."
                )
                % {"start": start_year, "end": end_year}
            }
        )
    save_validated(renstra, actor=actor)
    return renstra


def _renstra_target_write(
    *,
    actor: UserLike | None,
    renstra: RenstraPeriod,
    indicator: Indicator,
    year: int | None,
    value: TargetInput,
) -> RenstraTarget | None:
    _check_indicator(renstra.organisation, indicator)
    if year is not None and not renstra.start_year <= year <= renstra.end_year:
        raise ValidationError(
            {
                "year": _("%(year)s is not a year of the Renstra %(start)s-%(end)s.")
                % {"year": year, "start": renstra.start_year, "end": renstra.end_year}
            }
        )
    target, upper, grade = clean_target_values(indicator, value)
    existing = RenstraTarget.objects.filter(renstra=renstra, indicator=indicator, year=year).first()
    if _is_empty(target, upper, grade):
        if existing is not None:
            existing.delete()
        return None
    row = existing or RenstraTarget(renstra=renstra, indicator=indicator, year=year)
    row.target, row.target_upper, row.target_grade = target, upper, grade
    # The unique constraints are checked by the lookup above (a NULL year escapes full_clean).
    save_validated(row, actor=actor, exclude=["renstra", "indicator"])
    return row


@transaction.atomic
def renstra_target_set(
    *,
    actor: UserLike | None,
    renstra: RenstraPeriod,
    indicator: Indicator,
    year: int | None,
    target: NumberInput = None,
    target_upper: NumberInput = None,
    target_grade: str = "",
) -> RenstraTarget | None:
    """Set the Renstra target of ``indicator`` for ``year``, or for the end of the period
    (``year`` None). An empty target removes it."""
    _require(actor, renstra.organisation)
    return _renstra_target_write(
        actor=actor,
        renstra=renstra,
        indicator=indicator,
        year=year,
        value=TargetInput(target, target_upper, target_grade),
    )


@transaction.atomic
def renstra_targets_set(
    *,
    actor: UserLike | None,
    renstra: RenstraPeriod,
    cells: Mapping[tuple[int, int | None], TargetInput],
) -> None:
    """The Renstra grid in one go: ``cells`` keyed by (indicator id, year or None for the end).

    Every bad cell is reported (keys ``"<indicator id>/<year or end>/<field>"``) and nothing is
    written when any is bad."""
    _require(actor, renstra.organisation)
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={k[0] for k in cells})}
    errors: dict[str, list[str]] = {}
    for (indicator_id, year), value in cells.items():
        try:
            _renstra_target_write(
                actor=actor,
                renstra=renstra,
                indicator=indicators[indicator_id],
                year=year,
                value=value,
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"{indicator_id}/{year or 'end'}/{name}"] = messages
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------- Renja: programs and budget


@transaction.atomic
def program_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    program: Program | None = None,
    year: int,
    level: str,
    parent: Program | None = None,
    code: str = "",
    name: str,
    budget: NumberInput,
    indicators: Iterable[Indicator] = (),
) -> Program:
    """Create or change a program, kegiatan or sub kegiatan of the Renja with its budget (pagu)
    and the indicators it serves."""
    _require(actor, organisation)
    errors: dict[str, str] = {}
    try:
        amount = _number(budget, "budget")
    except ValidationError as exc:
        errors["budget"] = exc.message_dict["budget"][0]
        amount = None
    if amount is None and "budget" not in errors:
        errors["budget"] = _("Enter the budget (pagu) in Rupiah; 0 is allowed.")
    elif amount is not None and amount < 0:
        errors["budget"] = _("A budget cannot be negative.")
    try:
        level = ProgramLevel(level)
    except ValueError:
        errors["level"] = _("Choose program, kegiatan or sub kegiatan.")
    else:
        wanted = PARENT_LEVEL[level]
        if wanted is None and parent is not None:
            errors["parent"] = _("A program is not part of another program.")
        elif wanted is not None and (parent is None or parent.level != wanted):
            errors["parent"] = _("A %(level)s must be part of a %(parent)s.") % {
                "level": level.label,
                "parent": ProgramLevel(wanted).label,
            }
        elif parent is not None and (
            parent.organisation_id != organisation.pk or parent.year != year
        ):
            errors["parent"] = _("The parent must be of the same organisation and year.")
    indicators = list(indicators)
    for indicator in indicators:
        if indicator.decree.organisation_id != organisation.pk:
            errors["indicators"] = _("Indicator %(code)s is not an indicator of %(org)s.") % {
                "code": indicator.code,
                "org": organisation,
            }
    if (
        program is not None
        and program.pk
        and (program.year != year or program.organisation_id != organisation.pk)
        and program.children.exists()
    ):
        errors["year"] = _("A program with activities cannot move to another year.")
    if errors:
        raise ValidationError(errors)
    if program is None:
        program = Program(organisation=organisation)
    program.year = year
    program.level = level
    program.parent = parent
    program.code = code.strip()
    program.name = name.strip()
    assert amount is not None  # refused above
    program.budget = amount
    save_validated(program, actor=actor)
    program.indicators.set(indicators)
    return program


def _spent(program: Program) -> Decimal:
    return sum((r.amount for r in program.realizations.all()), Decimal(0))


def _budget_write(
    *, actor: UserLike | None, program: Program, period: str, amount: NumberInput
) -> BudgetRealization | None:
    try:
        parsed = parse_period(period)
    except ValueError:
        parsed = None
    if parsed is None or parsed.type is not PeriodType.QUARTER or parsed.year != program.year:
        raise ValidationError(
            {
                "period": _("Budget is realised per quarter of %(year)s (e.g. %(year)sQ1).")
                % {"year": program.year}
            }
        )
    value = _number(amount, "amount")
    if value is not None and value < 0:
        raise ValidationError({"amount": _("Spending cannot be negative.")})
    existing = BudgetRealization.objects.filter(program=program, period=str(parsed)).first()
    if value is None:
        if existing is not None:
            existing.delete()
        return None
    row = existing or BudgetRealization(program=program, period=str(parsed))
    row.amount = value
    save_validated(row, actor=actor, exclude=["program"])
    return row


def _overspent_warning(program: Program) -> str | None:
    spent = _spent(program)
    if spent > program.budget:
        return _(
            "%(program)s: spending so far (Rp %(spent)s) exceeds its budget (Rp %(budget)s)."
        ) % {
            "program": program,
            "spent": format_id(spent, 0),
            "budget": format_id(program.budget, 0),
        }
    return None


@transaction.atomic
def budget_realization_set(
    *, actor: UserLike | None, program: Program, period: str, amount: NumberInput
) -> BudgetSaved:
    """Set what ``program`` spent in one quarter (empty removes it); warns, without refusing,
    when the spending of the year so far exceeds the budget."""
    _require(actor, program.organisation)
    row = _budget_write(actor=actor, program=program, period=period, amount=amount)
    warning = _overspent_warning(program)
    return BudgetSaved(realizations=[row], warnings=[warning] if warning else [])


@transaction.atomic
def budget_realizations_set(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    year: int,
    cells: Mapping[tuple[int, str], NumberInput],
) -> BudgetSaved:
    """The Renja realization grid in one go, keyed by (program id, period); errors keyed
    ``"<program id>/<period>"``; nothing is written when any cell is bad."""
    _require(actor, organisation)
    programs = {
        p.pk: p
        for p in Program.objects.filter(
            organisation=organisation, year=year, pk__in={k[0] for k in cells}
        )
    }
    errors: dict[str, list[str]] = {}
    saved = BudgetSaved()
    for (program_id, period), amount in cells.items():
        program = programs.get(program_id)
        if program is None:
            errors[f"{program_id}/{period}"] = [_("No such program in this Renja.")]
            continue
        try:
            saved.realizations.append(
                _budget_write(actor=actor, program=program, period=period, amount=amount)
            )
        except ValidationError as exc:
            errors[f"{program_id}/{period}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    for program in programs.values():
        warning = _overspent_warning(program)
        if warning:
            saved.warnings.append(warning)
    return saved


# ---------------------------------------------------------------- Perjanjian Kinerja


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
            existing.delete()
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


# ---------------------------------------------------------------- benchmarks (pembanding)

BENCHMARK_YEARS = (2000, 2100)


@transaction.atomic
def benchmark_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    indicator: Indicator,
    year: int,
    value: NumberInput,
    source: str,
    description: str = "",
    benchmark: IndicatorBenchmark | None = None,
) -> IndicatorBenchmark:
    """Enter or change the benchmark of ``indicator`` for ``year`` from ``source`` (e.g. "rata-rata
    kecamatan se-Kabupaten Jember"). Without ``benchmark`` an existing value of the same source is
    replaced, so entering it twice changes it rather than failing. A benchmark is a number in the
    indicator's unit: grade indicators have none."""
    _require(actor, organisation)
    if benchmark is not None and benchmark.organisation_id != organisation.pk:
        raise ValidationError(
            {"organisation": _("A benchmark cannot move to another organisation.")}
        )
    _check_indicator(organisation, indicator)
    if indicator.scale:
        raise ValidationError(
            {
                "indicator": _(
                    "Indicator %(code)s is rated by grade; a benchmark must be a number."
                )
                % {"code": indicator.code}
            }
        )
    if not BENCHMARK_YEARS[0] <= year <= BENCHMARK_YEARS[1]:
        raise ValidationError({"year": _("The year must be a number such as 2022.")})
    number = _number(value, "value")
    if number is None:
        raise ValidationError({"value": _("Enter the benchmark value.")})
    source = " ".join((source or "").split())
    if benchmark is None:
        benchmark = IndicatorBenchmark.objects.filter(
            indicator=indicator, organisation=organisation, year=year, source=source
        ).first() or IndicatorBenchmark(organisation=organisation)
    benchmark.indicator = indicator
    benchmark.year = year
    benchmark.value = number
    benchmark.source = source
    benchmark.description = (description or "").strip()
    if actor is not None and actor.is_authenticated:
        benchmark.entered_by = actor
    save_validated(benchmark, actor=actor)
    return benchmark


@transaction.atomic
def benchmark_delete(*, actor: UserLike | None, benchmark: IndicatorBenchmark) -> None:
    """Remove a benchmark (its history keeps it)."""
    _require(actor, benchmark.organisation)
    if actor is not None and getattr(actor, "is_authenticated", False):
        benchmark._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history, not a model field
    benchmark.delete()

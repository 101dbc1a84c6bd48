"""Writes of the Renja: programs, kegiatan and sub kegiatan with their budget (pagu) and the
quarterly budget realization.

Keyword-only, one transaction, the permission door, ``full_clean`` and the actor in the audit
history; ``actor`` None is a trusted caller (a command or the demo). Rules: docs/planning.md."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.common.services import delete_recorded, save_validated
from kinerja.core.numbers import format_id
from kinerja.core.periods import PeriodType, parse_period
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Organisation
from kinerja.planning.models import BudgetRealization, Program, ProgramLevel
from kinerja.planning.services._shared import NumberInput, _number, _require

# The level a program's parent must have.
PARENT_LEVEL = {
    ProgramLevel.PROGRAM: None,
    ProgramLevel.KEGIATAN: ProgramLevel.PROGRAM,
    ProgramLevel.SUBKEGIATAN: ProgramLevel.KEGIATAN,
}


@dataclass
class BudgetSaved:
    realizations: list[BudgetRealization | None] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    program.budget = amount  # type: ignore[assignment]
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
            delete_recorded(existing, actor=actor)
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

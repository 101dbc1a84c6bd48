"""Writes of the Renstra: the period (e.g. 2021-2026) and its yearly and end targets.

Keyword-only, one transaction, the permission door, ``full_clean`` and the actor in the audit
history; ``actor`` None is a trusted caller (a command or the demo). Rules: docs/planning.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.common.services import delete_recorded, save_validated
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Organisation
from kinerja.planning.models import RenstraPeriod, RenstraTarget
from kinerja.planning.services._shared import NumberInput, _check_indicator, _is_empty, _require
from kinerja.planning.services.target_values import TargetInput, clean_target_values


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
            delete_recorded(existing, actor=actor)
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

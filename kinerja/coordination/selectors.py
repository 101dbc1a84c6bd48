"""Reads of the coordination register, always through ``for_user``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kinerja.accounts.access import Action, UserLike
from kinerja.coordination.models import (
    CoordinationActivity,
    CoordinationField,
    FollowUp,
    FollowUpStatus,
    Recommendation,
)
from kinerja.coordination.source import state_on
from kinerja.organisations.models import Organisation, Unit


def fields_for(*, user: UserLike, organisation: Organisation) -> QuerySet[CoordinationField]:
    return (
        CoordinationField.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation)
        .select_related("responsible_unit")
    )


def can_change_field(*, user: UserLike, field: CoordinationField) -> bool:
    return CoordinationField.objects.for_user(user, Action.CHANGE).filter(pk=field.pk).exists()


def activities_for(
    *, user: UserLike, field: CoordinationField, year: int | None = None
) -> QuerySet[CoordinationActivity]:
    """The activities of a field with their results, recommendations and follow-ups."""
    qs = CoordinationActivity.objects.for_user(user, Action.VIEW).filter(field=field)
    if year:
        qs = qs.filter(date__year=year)
    return qs.select_related("field", "entered_by", "verified_by").prefetch_related(
        "results__recommendations__followups"
    )


def recommendation_state(recommendation: Recommendation, today: dt.date | None = None) -> str:
    """The current status of a recommendation ("belum" when no follow-up was recorded)."""
    return state_on(list(recommendation.followups.all()), today) or FollowUpStatus.NOT_STARTED


@dataclass
class OverdueRow:
    recommendation: Recommendation
    field: CoordinationField
    status: str
    days_late: int


def _overdue_queryset(today: dt.date) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(due_date__lt=today)
        .exclude(result__activity__status="draft")
        .select_related("result__activity__field__responsible_unit")
        .prefetch_related(Prefetch("followups", queryset=FollowUp.objects.order_by("date", "id")))
        .order_by("due_date", "id")
    )


def _is_open(recommendation: Recommendation) -> bool:
    return recommendation_state(recommendation) != FollowUpStatus.DONE


def overdue_recommendations(
    *, user: UserLike, organisation: Organisation, today: dt.date | None = None
) -> list[tuple[Unit, list[OverdueRow]]]:
    """Recommendations past their follow-up due date without a "selesai" follow-up, grouped by
    the section responsible for their field (for the dashboard)."""
    today = today or timezone.localdate()
    visible = CoordinationActivity.objects.for_user(user, Action.VIEW).filter(
        field__organisation=organisation
    )
    groups: dict[int, tuple[Unit, list[OverdueRow]]] = {}
    for rec in _overdue_queryset(today).filter(result__activity__in=visible):
        if not _is_open(rec):
            continue
        field = rec.result.activity.field
        unit = field.responsible_unit
        groups.setdefault(unit.pk, (unit, []))[1].append(
            OverdueRow(rec, field, recommendation_state(rec), (today - rec.due_date).days)
        )
    return sorted(groups.values(), key=lambda g: (g[0].order, g[0].name))


def overdue_by_section(*, today: dt.date) -> dict[Unit, list[Recommendation]]:
    """Every kecamatan's overdue recommendations per responsible section (for the email
    reminders; a trusted, system-wide read)."""
    groups: dict[Unit, list[Recommendation]] = {}
    for rec in _overdue_queryset(today):
        if _is_open(rec):
            groups.setdefault(rec.result.activity.field.responsible_unit, []).append(rec)
    return groups


def lineage_rows(records: list[Any]) -> dict[str, Any]:
    """The records behind a computed value, split for display."""
    numerator = [r for r in records if "pembilang" in r.counted_in]
    denominator = [r for r in records if "penyebut" in r.counted_in]
    return {"all": records, "numerator": numerator, "denominator": denominator}

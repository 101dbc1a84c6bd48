"""Reads of decrees and indicators. Anything a user sees goes through ``for_user``."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from kinerja.accounts.access import Action, UserLike, kecamatan_ids, roles_for_action
from kinerja.iku.models import (
    Clause,
    Decree,
    DecreeQuerySet,
    DecreeStatus,
    Diktum,
    DiktumItem,
    Indicator,
    PerformanceGoal,
)
from kinerja.organisations.models import Official, Organisation


def decree_list(*, user: UserLike) -> DecreeQuerySet:
    return Decree.objects.for_user(user, Action.VIEW).select_related("organisation")


def decree_get(*, user: UserLike, pk: int, action: Action = Action.VIEW) -> Decree | None:
    return (
        Decree.objects.for_user(user, action)
        .select_related("organisation__parent__parent", "signatory", "replaces")
        .filter(pk=pk)
        .first()
    )


def decree_document_context(decree: Decree) -> dict[str, Any]:
    """Everything the decree page and its printed form show, in as few queries as possible."""
    clauses = list(decree.clauses.all())
    goals = list(
        decree.goals.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.active().select_related("responsible_unit"),
            )
        )
    )
    return {
        "decree": decree,
        "menimbang": [c for c in clauses if c.section == "menimbang"],
        "mengingat": [c for c in clauses if c.section == "mengingat"],
        "tujuan": [c for c in clauses if c.section == "tujuan"],
        "fungsi": [c for c in clauses if c.section == "fungsi"],
        "dicta": list(decree.dicta.prefetch_related("items")),
        "goals": goals,
        "archived": list(decree.indicators.filter(archived_at__isnull=False)),
    }


def decree_for_export(*, organisation_code: str | None, number: str | None) -> Decree | None:
    """The decree a command names (trusted caller: no user scope)."""
    code = organisation_code or settings.KINERJA_DEFAULT_ORGANISATION
    decrees = Decree.objects.filter(organisation__code=code)
    if number:
        return decrees.filter(number=number).first()
    return decrees.filter(status=DecreeStatus.IN_FORCE).first() or decrees.first()


def organisations_for_change(*, user: UserLike) -> "QuerySet[Organisation]":
    """The kecamatan whose decrees ``user`` may create or change."""
    kecamatan = Organisation.objects.kecamatan()
    ids = kecamatan_ids(user, roles_for_action(Action.CHANGE))
    return kecamatan if ids is None else kecamatan.filter(pk__in=ids)


def officials_for_change(*, user: UserLike) -> "QuerySet[Official]":
    """Officials who may sign a decree of an organisation ``user`` may change."""
    return Official.objects.filter(
        active=True, organisation__in=organisations_for_change(user=user)
    ).select_related("organisation")


@dataclass
class HistoryChange:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    model: str
    object: str
    changes: list[HistoryChange]


HISTORY_IGNORED = {"updated_at", "created_at", "id"}


def decree_history(*, decree: Decree, limit: int = 500) -> list[HistoryEntry]:
    """The audit trail of a decree and everything in it, newest first.

    Each record is compared with the previous record of the same object (django-simple-history's
    ``diff_against``); the caller must already have checked that the user may see the decree.
    """
    diktum_ids = Diktum.history.filter(decree_id=decree.pk).values_list("id", flat=True)
    sources = [
        decree.history.all(),
        Clause.history.filter(decree_id=decree.pk),
        Diktum.history.filter(decree_id=decree.pk),
        DiktumItem.history.filter(diktum_id__in=list(diktum_ids)),
        PerformanceGoal.history.filter(decree_id=decree.pk),
        Indicator.history.filter(decree_id=decree.pk),
    ]
    entries: list[HistoryEntry] = []
    for records in sources:
        previous: dict[int, object] = {}
        for record in records.select_related("history_user").order_by("id", "history_date"):
            prev = previous.get(record.id)
            changes: list[HistoryChange] = []
            model = record.instance_type
            if prev is not None and record.history_type == "~":
                delta = record.diff_against(prev)
                for change in delta.changes:
                    if change.field in HISTORY_IGNORED:
                        continue
                    field = model._meta.get_field(change.field)
                    changes.append(
                        HistoryChange(
                            field=str(field.verbose_name),
                            old=_display(record, field, change.old),
                            new=_display(record, field, change.new),
                        )
                    )
                if not changes:
                    previous[record.id] = record
                    continue
            previous[record.id] = record
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=record.history_user,
                    kind=record.history_type,
                    model=str(model._meta.verbose_name),
                    object=str(record.instance),
                    changes=changes,
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _display(record: object, field: object, value: object) -> object:
    choices = getattr(field, "choices", None)
    if choices and value is not None:
        return dict(choices).get(value, value)
    if getattr(field, "many_to_one", False) and value is not None:
        related = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[attr-defined]  # many_to_one was checked: a relation, which has related_model
        return related if related is not None else value
    return value

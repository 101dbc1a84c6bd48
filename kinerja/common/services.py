"""Helpers shared by the services of every app (the one door for writes)."""

from typing import Any

from django.db import models


def save_validated(
    instance: models.Model, *, actor: Any = None, exclude: list[str] | None = None
) -> None:
    """Validate with ``full_clean`` and save, recording ``actor`` in the audit history."""
    instance.full_clean(exclude=exclude)
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history, not a model field
    instance.save()


def _as_actor(instance: models.Model, actor: Any) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history, not a model field


def delete_recorded(instance: models.Model, *, actor: Any = None) -> None:
    """Delete one row, recording ``actor`` on its history record (outside a request the history
    middleware knows no user, so a service says who deleted)."""
    _as_actor(instance, actor)
    instance.delete()


def update_each(queryset: models.QuerySet[Any], *, actor: Any = None, **changes: Any) -> int:
    """``queryset.update(**changes)`` row by row, so the audit history keeps every change and who
    made it (a queryset's ``update`` bypasses ``save`` and leaves no trace). Returns the count."""
    count = 0
    for instance in queryset:
        if all(getattr(instance, name) == value for name, value in changes.items()):
            continue
        for name, value in changes.items():
            setattr(instance, name, value)
        _as_actor(instance, actor)
        instance.save(update_fields=list(changes))
        count += 1
    return count


def delete_each(queryset: models.QuerySet[Any], *, actor: Any = None) -> int:
    """``queryset.delete()`` row by row, so the audit history records each deletion and by whom."""
    count = 0
    for instance in queryset:
        delete_recorded(instance, actor=actor)
        count += 1
    return count

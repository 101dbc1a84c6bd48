"""Helpers shared by the services of every app (the one door for writes)."""

from typing import Any

from django.db import models


def save_validated(
    instance: models.Model, *, actor: Any = None, exclude: list[str] | None = None
) -> None:
    """Validate with ``full_clean`` and save, recording ``actor`` in the audit history."""
    instance.full_clean(exclude=exclude)
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    instance.save()

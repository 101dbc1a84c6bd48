"""Lineage of computed values: has what an approved value was computed from changed since?"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.core.periods import parse_period
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source


def _number(text: Any) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def _record_keys(records: list[Any]) -> set[tuple[str, int, tuple[str, ...]]]:
    keys = set()
    for r in records:
        if isinstance(r, dict):
            keys.add((r["kind"], int(r["id"]), tuple(sorted(r["counted_in"]))))
        else:
            keys.add((r.kind, int(r.id), tuple(sorted(r.counted_in))))
    return keys


def sources_changed_since_approval(value: IndicatorValue) -> bool:
    """Whether the source of an approved (locked) value now gives other components or other
    records than those frozen in its approval snapshot. Generic over every computed source;
    False for manual values, overrides and values never approved. Labels are ignored: only
    what is counted, and where, matters. A value that is not approved now (never, or unlocked
    since) has nothing to compare: it follows its source again."""
    snap = value.approved_snapshot
    if not value.is_locked or not snap or snap.get("source") in (None, "manual", "override"):
        return False
    result = compute_from_source(value.indicator, value.organisation, parse_period(value.period))
    if result is None:
        return False
    return (
        _number(snap.get("numerator")) != result.numerator
        or _number(snap.get("denominator")) != result.denominator
        or _record_keys(snap.get("records") or []) != _record_keys(result.records)
    )

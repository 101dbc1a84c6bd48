"""Lineage of computed values: has what an approved value was computed from changed since?

At approval the value stores the digest of its components and of the records counted in them
(``IndicatorValue.approved_digest``, :meth:`kinerja.measurement.sources.Source.digest`); the
question compares that stored digest with the digest of what the source gives now. A value
approved before the digest existed has it filled by migration; one without it (e.g. restored
from an old backup) has it computed from its approval snapshot.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.core.periods import parse_period
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import SourceResult, compute_from_source, source_of


def _decimal(text: Any) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def approved_digest(value: IndicatorValue) -> str:
    """The digest of what was approved: stored at approval, else computed from the snapshot
    (the components then stored and the records then counted); "" for manual values, overrides
    and values never approved."""
    snap = value.approved_snapshot
    if not snap or snap.get("source") in (None, "manual", "override"):
        return ""
    if value.approved_digest:
        return value.approved_digest
    source = source_of(value.indicator)
    if source is None:
        return ""
    return source.digest(
        SourceResult(
            _decimal(snap.get("numerator")),
            _decimal(snap.get("denominator")),
            None,
            list(snap.get("records") or []),
        )
    )


def sources_changed_since_approval(value: IndicatorValue, current: Any = None) -> bool:
    """Whether the source of an approved (locked) value now gives other components or other
    records than those it was approved with. Generic over every computed source; False for
    manual values, overrides and values never approved. Labels are ignored: only what is
    counted, and where, matters. A value that is not approved now (never, or unlocked since) has
    nothing to compare: it follows its source again. ``current``: the source's result for the
    value when the caller already has it (not computed twice)."""
    if not value.is_locked:
        return False
    stored = approved_digest(value)
    if not stored:
        return False
    source = source_of(value.indicator)
    if source is None:
        return False
    if current is None:
        current = compute_from_source(
            value.indicator, value.organisation, parse_period(value.period)
        )
    return current is not None and source.digest(current) != stored

"""The recompute loop every source shares: when a source's records change, its values that may
still change take the new components (:meth:`kinerja.measurement.sources.Source.refresh`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kinerja.core.periods import Period, parse_period
from kinerja.measurement import services as measurement
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source

if TYPE_CHECKING:
    from kinerja.accounts.access import UserLike
    from kinerja.iku.models import Indicator
    from kinerja.organisations.models import Organisation


def refresh_values(
    *,
    actor: UserLike | None,
    indicators: list[Indicator],
    organisation: Organisation,
    years: set[int],
    periods: list[Period],
) -> list[Any]:
    """Recompute, from their source, the values of ``indicators`` in ``organisation``: ``periods``
    (created when missing) and every other stored period of ``years``. Values that are no longer
    editable (submitted, verified, approved) keep their numbers, and so does a manual override
    (it has a reason and is audited; taking the source again is the user's explicit step on the
    entry page). Each write runs as ``actor`` when they may enter the indicator, else as the
    system. Shared by every source (the registers call it through ``Source.refresh``)."""
    refreshed = []
    for indicator in indicators:
        stored = {
            v.period: v
            for v in IndicatorValue.objects.filter(
                indicator=indicator, organisation=organisation, period_start__year__in=years
            )
        }
        for period in sorted({str(p) for p in periods} | set(stored)):
            value = stored.get(period)
            if value is not None and (
                value.status not in measurement.EDITABLE_STATUSES
                or value.source == measurement.OVERRIDE_SOURCE
            ):
                continue
            if value is not None and value.source == indicator.value_source:
                result = compute_from_source(indicator, organisation, parse_period(period))
                if result is not None and (result.numerator, result.denominator) == (
                    value.numerator,
                    value.denominator,
                ):
                    continue  # nothing changed: no new version
            who = actor if measurement.can_enter(actor, indicator, organisation) else None
            refreshed.append(
                measurement.value_refresh_from_source(
                    actor=who, indicator=indicator, organisation=organisation, period=period
                )
            )
    return refreshed

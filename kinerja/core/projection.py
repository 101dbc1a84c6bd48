"""Year-end projection of an indicator from the quarters reported so far, and the risk flag.

Rules [D] (documented in docs/dashboard.md):

* ``RATIO``: the pooled components so far (sum of numerators / sum of denominators) are the best
  estimate of the year's ratio, so the projection is the year-to-date ratio (domain.md: never average
  percentages).
* ``SUM``: linear extrapolation: the mean of the reported quarters times four (a quarter with no
  value is not counted as zero).
* ``LAST``: the last known value is carried to the year end.
* ``AVERAGE``: the mean of the known quarters is carried.
* With no quarter reported there is no projection (``None``).

Risk: a projected achievement below the lower bound of the "Tinggi" band (76 in the default
Permendagri 86/2017 table) is *at risk*; one at or above that bound but below 100 is *below target*;
100 or more is *on track*; no projected achievement is *unknown*.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from kinerja.core.aggregation import AggregationRule, Value, aggregate
from kinerja.core.numbers import Number, to_decimal, to_fraction

__all__ = ["Risk", "project_year", "risk"]

_HUNDRED = Decimal(100)


class Risk(StrEnum):
    ON_TRACK = "on_track"
    BELOW_TARGET = "below_target"
    AT_RISK = "at_risk"
    UNKNOWN = "unknown"


def project_year(
    quarters: Sequence[Value],
    rule: AggregationRule | str,
    factor: Number = _HUNDRED,
    *,
    quarters_in_year: int = 4,
) -> Value | None:
    """Projected full-year value from the quarters reported so far (missing ones as ``Value()``).

    Returns ``None`` when no quarter has a known value; the result of a ratio keeps the pooled
    components so far.
    """
    rule = AggregationRule(rule)
    known = [q for q in quarters if q.known_value(factor) is not None]
    if rule is AggregationRule.RATIO:
        known = [q for q in quarters if q.has_components and q.known_value(factor) is not None]
    if not known:
        return None
    if rule is AggregationRule.SUM:
        total = aggregate(known, rule, factor).value
        assert total is not None
        return Value(value=to_decimal(to_fraction(total) * Fraction(quarters_in_year, len(known))))
    return aggregate(known, rule, factor)


def risk(achievement: Number | None, *, at_risk_below: Number, target: Number = 100) -> Risk:
    """Risk of a projected ``achievement`` (percent): see the module docstring."""
    if achievement is None:
        return Risk.UNKNOWN
    value = to_fraction(achievement)
    if value < to_fraction(at_risk_below):
        return Risk.AT_RISK
    if value < to_fraction(target):
        return Risk.BELOW_TARGET
    return Risk.ON_TRACK

"""Indicator values from components, and their aggregation over time.

Rules (domain.md section 2, "Aggregating periods"; learned from DHIS2 [S]):

* store the components (numerator "pembilang", denominator "penyebut") and compute the indicator from
  them; never average percentages. Q1 1/1 and Q2 9/10 give 10/11 = 90.909...% for the half year, not 95%.
* every indicator names how it aggregates over time: :attr:`AggregationRule.RATIO` (ratio of summed
  components), :attr:`~AggregationRule.LAST` (last known value), :attr:`~AggregationRule.SUM` and
  :attr:`~AggregationRule.AVERAGE` (mean of the known values).
* a zero or missing denominator means "no value" (``None``), never an error and never infinity [D].

IKU 2.1-2.4 of the Mayang decree (Keputusan Camat Mayang 065/2/26/2022, lampiran) are all ratios
"x 100%", so their factor is 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from kinerja.core.numbers import Number, to_decimal, to_fraction
from kinerja.core.periods import Period

__all__ = [
    "AggregationRule",
    "Value",
    "aggregate",
    "aggregate_periods",
    "compute_value",
]

_HUNDRED = Decimal(100)


class AggregationRule(StrEnum):
    """How an indicator's values of sub-periods combine into a longer period."""

    RATIO = "ratio"
    LAST = "last"
    SUM = "sum"
    AVERAGE = "average"


@dataclass(frozen=True)
class Value:
    """The value of one indicator for one period: its components and the indicator value.

    Any field may be ``None`` (not reported). For a ratio indicator the components are the truth and
    ``value`` is derived from them; other indicators may carry ``value`` alone.
    """

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None

    @property
    def has_components(self) -> bool:
        """True when both components are known (a zero denominator still counts as known)."""
        return self.numerator is not None and self.denominator is not None

    def known_value(self, factor: Number = _HUNDRED) -> Decimal | None:
        """``value`` if given, else the value computed from the components, else ``None``."""
        if self.value is not None:
            return self.value
        return compute_value(self.numerator, self.denominator, factor)


def compute_value(
    numerator: Number | None, denominator: Number | None, factor: Number = _HUNDRED
) -> Decimal | None:
    """``numerator / denominator x factor``; ``None`` when a component is missing or the denominator is 0.

    A zero denominator (e.g. no coordination recommendations at all in a quarter) leaves the indicator
    without a value rather than 0% or 100% [D]. The division is exact; see :func:`to_decimal` for how a
    non-terminating quotient is written.
    """
    if numerator is None or denominator is None:
        return None
    den = to_fraction(denominator)
    if den == 0:
        return None
    return to_decimal(to_fraction(numerator) / den * to_fraction(factor))


def _sum(items: Iterable[Decimal]) -> Decimal:
    return to_decimal(sum((to_fraction(x) for x in items), Fraction(0)))


def aggregate(
    values: Sequence[Value], rule: AggregationRule | str, factor: Number = _HUNDRED
) -> Value:
    """Combine the values of consecutive sub-periods, given in chronological order, by ``rule``.

    * ``RATIO``: sums the numerators and the denominators of the periods where both are known (periods
      without components are skipped), value = sum(numerators) / sum(denominators) x ``factor``
      (``None`` when the summed denominator is 0). The result keeps the summed components, so
      aggregating aggregates gives the same value as aggregating the sub-periods directly.
    * ``LAST``: the last period with a known value (see :meth:`Value.known_value`), returned whole.
    * ``SUM``: sum of the known values; the components are summed where known, for traceability.
    * ``AVERAGE``: arithmetic mean of the known values (no components). Unlike the other rules it is
      not invariant to how the period is split (a mean of means is not a mean).

    With no known data at all the result is an empty ``Value()``.
    """
    rule = AggregationRule(rule)
    if rule is AggregationRule.RATIO:
        complete = [v for v in values if v.has_components]
        if not complete:
            return Value()
        numerator = _sum(v.numerator for v in complete if v.numerator is not None)
        denominator = _sum(v.denominator for v in complete if v.denominator is not None)
        return Value(numerator, denominator, compute_value(numerator, denominator, factor))

    known = [(v, v.known_value(factor)) for v in values]
    known_values = [x for _, x in known if x is not None]
    if not known_values:
        return Value()
    if rule is AggregationRule.LAST:
        last, last_value = next((v, x) for v, x in reversed(known) if x is not None)
        return Value(last.numerator, last.denominator, last_value)
    if rule is AggregationRule.SUM:
        numerators = [v.numerator for v in values if v.numerator is not None]
        denominators = [v.denominator for v in values if v.denominator is not None]
        return Value(
            _sum(numerators) if numerators else None,
            _sum(denominators) if denominators else None,
            _sum(known_values),
        )
    mean = sum((to_fraction(x) for x in known_values), Fraction(0)) / len(known_values)
    return Value(value=to_decimal(mean))


def aggregate_periods(
    values: Mapping[Period, Value], rule: AggregationRule | str, factor: Number = _HUNDRED
) -> Value:
    """:func:`aggregate` over values keyed by period, taken in chronological order."""
    return aggregate([values[p] for p in sorted(values)], rule, factor)

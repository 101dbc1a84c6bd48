"""Consistency of quarterly targets (TW I-IV) with the annual target of a Perjanjian Kinerja.

Indonesian e-SAKIP apps warn (they do not block) when the quarterly targets disagree with the annual
target [S, domain.md section 4]. What "agree" means follows the indicator's aggregation rule over time
(:class:`~kinerja.core.aggregation.AggregationRule`):

* ``SUM``: TW I + TW II + TW III + TW IV = annual;
* ``LAST``: TW IV = annual (the value at the end of the year is the year's value);
* ``AVERAGE``: (TW I + TW II + TW III + TW IV) / 4 = annual;
* ``RATIO``: quarterly targets of a ratio indicator are **cumulative year-to-date targets** ("s.d.
  TW III"), so TW IV = annual [D]. Quarterly targets of a ratio cannot be pooled (their components
  are not planned), and the year-to-date reading is how kecamatan PK annexes print them [S].

Both sides are compared rounded half-up to ``places`` decimals (the indicator's display decimals),
so that a mean such as 81,125 printed as 81,13 does not raise a warning the user cannot see [D].
When a quarter the rule needs is missing the check cannot be made and the result says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from kinerja.core.aggregation import AggregationRule
from kinerja.core.numbers import Number, round_half_up, to_decimal, to_fraction

__all__ = ["QuarterCheck", "check_quarterly_targets", "quarters_imply"]


@dataclass(frozen=True)
class QuarterCheck:
    """The outcome of a check: ``implied`` is the annual target the quarters give under the rule
    (``None`` when a quarter the rule needs is missing, or there is no annual target to compare)."""

    rule: AggregationRule
    annual: Decimal | None
    implied: Decimal | None

    @property
    def checkable(self) -> bool:
        return self.annual is not None and self.implied is not None

    @property
    def consistent(self) -> bool:
        """True unless both sides are known and differ (an incomplete plan is not a mismatch)."""
        return not self.checkable or self.implied == self.annual


def quarters_imply(
    quarters: Sequence[Number | None], rule: AggregationRule | str
) -> Decimal | None:
    """The annual target the four quarterly targets give under ``rule`` (exact), or ``None``."""
    rule = AggregationRule(rule)
    if len(quarters) != 4:
        raise ValueError(f"expected 4 quarterly targets, got {len(quarters)}")
    if rule in (AggregationRule.LAST, AggregationRule.RATIO):
        last = quarters[3]
        return None if last is None else to_decimal(to_fraction(last))
    if any(q is None for q in quarters):
        return None
    total = sum((to_fraction(q) for q in quarters if q is not None), Fraction(0))
    if rule is AggregationRule.SUM:
        return to_decimal(total)
    return to_decimal(total / 4)


def check_quarterly_targets(
    annual: Number | None,
    quarters: Sequence[Number | None],
    rule: AggregationRule | str,
    *,
    places: int | None = 2,
) -> QuarterCheck:
    """Compare the quarters with ``annual`` under ``rule``; see the module docstring for the rules.

    ``places`` None compares exactly.
    """
    rule = AggregationRule(rule)
    implied = quarters_imply(quarters, rule)
    annual_value = None if annual is None else to_decimal(to_fraction(annual))
    if places is not None:
        if implied is not None:
            implied = round_half_up(implied, places)
        if annual_value is not None:
            annual_value = round_half_up(annual_value, places)
    return QuarterCheck(rule=rule, annual=annual_value, implied=implied)

"""Achievement ("capaian kinerja", in %) of a realization against its target.

Sources (domain.md section 2, "Achievement"):

* higher is better: capaian = R / T x 100 [S].
* lower is better: capaian = (1 + (1 - R/T)) x 100 = (2 - R/T) x 100, the PermenPANRB
  performance-management rule [S]; T 7, R 6.5 gives 107.142857...; T 8, R 9 gives 87.5. Some e-SAKIP apps
  use T / R x 100 instead: selectable with :attr:`LowerRule.INVERSE_RATIO` [S].
* range target: above the range the realization is measured against the upper bound as lower-better,
  below it against the lower bound as higher-better [S]; inside the range it is 100 [D].
* ordinal targets (an SAKIP grade, a BPK opinion): score(R) / score(T) x 100 [D, common practice].
* compute from unrounded values, round only for display (:func:`round_half_up`) [S].

Decisions where the rules are silent [D]:

* Results are exact (``Fraction`` inside) and returned as ``Decimal`` via :func:`to_decimal`; ``None``
  means "not computable" and is shown as an em dash. Nothing divides by zero or returns infinity.
* Target 0: a realization that meets the target (R >= 0 when higher is better, R <= 0 when lower is
  better) scores 100; one that misses it is not computable (``None``): any percentage of zero is arbitrary.
* Negative targets use the relative-distance form 100 + (R - T) / |T| x 100 (higher) and
  100 - (R - T) / |T| x 100 (lower), which equals the regulation's formula for every positive target and
  keeps "better realization, higher achievement" when T < 0. The T/R rule is not computable for T < 0.
* T/R rule with R <= 0 (e.g. zero complaints against a target of 5): T/R grows without bound as R falls
  to 0, so the result is the ``cap`` when one is given and ``None`` otherwise.
* No floor by default: a lower-better realization above twice the target gives a negative achievement,
  as the formula says; pass ``floor=0`` to clip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from kinerja.core.numbers import Number, round_half_up, to_decimal, to_fraction

__all__ = [
    "BPK_OPINION",
    "LowerRule",
    "Polarity",
    "SAKIP_GRADE",
    "SCALES",
    "Scale",
    "achievement",
    "achievement_higher",
    "achievement_lower",
    "achievement_ordinal",
    "achievement_range",
    "round_half_up",
]

_HUNDRED = Fraction(100)


class Polarity(StrEnum):
    """Which direction of the realization is better."""

    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"


class LowerRule(StrEnum):
    """Formula for lower-is-better indicators."""

    TWO_MINUS_RATIO = "two_minus_ratio"
    """(2 - R/T) x 100, the PermenPANRB rule and the default [S]."""
    INVERSE_RATIO = "inverse_ratio"
    """T / R x 100, used by some applications [S]."""


def _higher(r: Fraction, t: Fraction) -> Fraction | None:
    if t == 0:
        return _HUNDRED if r >= 0 else None
    return _HUNDRED + (r - t) / abs(t) * _HUNDRED


def _lower(r: Fraction, t: Fraction, rule: LowerRule, cap: Fraction | None) -> Fraction | None:
    if t == 0:
        return _HUNDRED if r <= 0 else None
    if rule is LowerRule.TWO_MINUS_RATIO:
        return _HUNDRED - (r - t) / abs(t) * _HUNDRED
    if t < 0:
        return None
    if r <= 0:
        return (
            cap  # T/R is unbounded as R falls to 0: the cap when there is one, else not computable
        )
    return t / r * _HUNDRED


def _limit(value: Fraction | None, cap: Fraction | None, floor: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    if cap is not None and value > cap:
        value = cap
    if floor is not None and value < floor:
        value = floor
    return to_decimal(value)


def _optional(value: Number | None) -> Fraction | None:
    return None if value is None else to_fraction(value)


def achievement_higher(
    realization: Number, target: Number, *, cap: Number | None = None, floor: Number | None = None
) -> Decimal | None:
    """Higher is better: R / T x 100 [S]; target 0 and negative targets as in the module docstring."""
    return _limit(
        _higher(to_fraction(realization), to_fraction(target)), _optional(cap), _optional(floor)
    )


def achievement_lower(
    realization: Number,
    target: Number,
    rule: LowerRule | str = LowerRule.TWO_MINUS_RATIO,
    *,
    cap: Number | None = None,
    floor: Number | None = None,
) -> Decimal | None:
    """Lower is better: (2 - R/T) x 100 by default, T / R x 100 with ``LowerRule.INVERSE_RATIO`` [S].

    T 7, R 6.5 -> 107.142857...; T 8, R 9 -> 87.5. Zero and negative values: see the module docstring.
    """
    cap_f = _optional(cap)
    value = _lower(to_fraction(realization), to_fraction(target), LowerRule(rule), cap_f)
    return _limit(value, cap_f, _optional(floor))


def achievement_range(
    realization: Number,
    lower: Number,
    upper: Number,
    rule: LowerRule | str = LowerRule.TWO_MINUS_RATIO,
    *,
    cap: Number | None = None,
    floor: Number | None = None,
) -> Decimal | None:
    """Target range ``lower..upper`` (both inclusive).

    Inside the range: 100 [D]. Above it: lower-better against ``upper`` (with ``rule``). Below it:
    higher-better against ``lower`` [S]. ``ValueError`` when ``lower > upper``.
    """
    r, lo, hi = to_fraction(realization), to_fraction(lower), to_fraction(upper)
    if lo > hi:
        raise ValueError(f"range lower bound {lower} is above its upper bound {upper}")
    cap_f = _optional(cap)
    value: Fraction | None
    if r > hi:
        value = _lower(r, hi, LowerRule(rule), cap_f)
    elif r < lo:
        value = _higher(r, lo)
    else:
        value = _HUNDRED
    return _limit(value, cap_f, _optional(floor))


def achievement(
    realization: Number | None,
    target: Number | None,
    polarity: Polarity | str = Polarity.HIGHER,
    *,
    target_upper: Number | None = None,
    lower_rule: LowerRule | str = LowerRule.TWO_MINUS_RATIO,
    cap: Number | None = None,
    floor: Number | None = None,
) -> Decimal | None:
    """Achievement of ``realization`` against ``target`` for an indicator of the given polarity.

    For ``Polarity.RANGE`` the range is ``target..target_upper``. A missing realization or target gives
    ``None``. ``cap`` (e.g. 120) and ``floor`` (e.g. 0) clip the result when given.
    """
    polarity = Polarity(polarity)
    if realization is None or target is None:
        return None
    if polarity is Polarity.HIGHER:
        return achievement_higher(realization, target, cap=cap, floor=floor)
    if polarity is Polarity.LOWER:
        return achievement_lower(realization, target, lower_rule, cap=cap, floor=floor)
    if target_upper is None:
        raise ValueError("a range target needs target_upper")
    return achievement_range(realization, target, target_upper, lower_rule, cap=cap, floor=floor)


@dataclass(frozen=True)
class Scale:
    """An ordinal scale: grades, each with a positive score (a higher score is better).

    ``grades`` is a tuple of ``(grade, score)`` pairs; grade names are unique and matched exactly
    (surrounding spaces ignored).
    """

    name: str
    grades: tuple[tuple[str, Fraction], ...]

    def __post_init__(self) -> None:
        names = [g for g, _ in self.grades]
        if not names:
            raise ValueError("a scale needs at least one grade")
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate grade in scale {self.name!r}")
        if any(score <= 0 for _, score in self.grades):
            raise ValueError(f"scores of scale {self.name!r} must be positive")

    @classmethod
    def of(cls, name: str, grades: Iterable[tuple[str, Number]]) -> Scale:
        """Build a scale from ``(grade, score)`` pairs with any exact scores."""
        return cls(name, tuple((g, to_fraction(s)) for g, s in grades))

    def score(self, grade: str) -> Fraction:
        """Score of ``grade`` (``ValueError`` for a grade not on the scale)."""
        key = grade.strip()
        for name, score in self.grades:
            if name == key:
                return score
        raise ValueError(f"{grade!r} is not a grade of scale {self.name!r}")


SAKIP_GRADE = Scale.of(
    "Predikat SAKIP", [("AA", 7), ("A", 6), ("BB", 5), ("B", 4), ("CC", 3), ("C", 2), ("D", 1)]
)
"""SAKIP evaluation grades (PermenPANRB 88/2021 [S]) scored 7..1 in their order [D]."""

BPK_OPINION = Scale.of("Opini BPK", [("WTP", 4), ("WDP", 3), ("TW", 2), ("TMP", 1)])
"""BPK audit opinions (UU 15/2004 Pasal 16 and its elucidation [S]: wajar tanpa pengecualian, wajar dengan pengecualian,
tidak wajar, tidak menyatakan pendapat) scored 4..1 [D]."""

SCALES: dict[str, Scale] = {"sakip": SAKIP_GRADE, "bpk": BPK_OPINION}
"""The scales by the key an indicator names (``Indicator.scale``)."""


def achievement_ordinal(
    realization: str, target: str, scale: Scale, *, cap: Number | None = None
) -> Decimal | None:
    """score(R) / score(T) x 100 on an ordinal ``scale`` [D]: WDP against a WTP target gives 75."""
    value = scale.score(realization) / scale.score(target) * _HUNDRED
    return _limit(value, _optional(cap), None)

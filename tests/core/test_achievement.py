from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kinerja.core.achievement import (
    BPK_OPINION,
    SAKIP_GRADE,
    LowerRule,
    Polarity,
    Scale,
    achievement,
    achievement_higher,
    achievement_lower,
    achievement_ordinal,
    achievement_range,
    round_half_up,
)
from kinerja.core.numbers import to_decimal

D = Decimal


def test_higher_is_better() -> None:
    assert achievement_higher(D(45), D(50)) == 90
    assert achievement_higher(D("66.67"), D(70)) == to_decimal(Fraction(6667, 70))
    # compute unrounded, round for display: 66,67 / 70 prints as 95,24
    assert round_half_up(achievement_higher(D("66.67"), D(70)) or 0, 2) == D("95.24")
    assert achievement(D(120), D(100)) == 120


def test_lower_is_better_default_rule() -> None:
    assert achievement_lower(D("6.5"), D(7)) == to_decimal(Fraction(750, 7))
    assert str(achievement_lower(D("6.5"), D(7))).startswith("107.142857")
    assert achievement_lower(D(9), D(8)) == D("87.5")
    assert achievement_lower(D(8), D(8)) == 100
    assert achievement_lower(D(0), D(8)) == 200
    assert achievement_lower(D(24), D(8)) == -100  # no floor unless asked
    assert achievement_lower(D(24), D(8), floor=0) == 0
    assert achievement(D(9), D(8), Polarity.LOWER) == D("87.5")


def test_lower_is_better_inverse_rule() -> None:
    rule = LowerRule.INVERSE_RATIO
    assert achievement_lower(D(8), D(10), rule) == 125
    assert achievement_lower(D(9), D(8), rule) == to_decimal(Fraction(800, 9))
    # R = 0 below a positive target: T/R is unbounded -> the cap, or not computable without one
    assert achievement_lower(D(0), D(5), rule) is None
    assert achievement_lower(D(0), D(5), rule, cap=D(120)) == 120
    assert achievement_lower(D(3), D(-5), rule) is None
    assert achievement(D(9), D(8), "lower", lower_rule="inverse_ratio") == to_decimal(
        Fraction(800, 9)
    )


def test_zero_targets() -> None:
    assert achievement_higher(D(0), D(0)) == 100
    assert achievement_higher(D(3), D(0)) == 100
    assert achievement_higher(D(-1), D(0)) is None
    assert achievement_lower(D(0), D(0)) == 100
    assert achievement_lower(D(-1), D(0)) == 100
    assert achievement_lower(D(3), D(0)) is None
    assert achievement_lower(D(0), D(0), LowerRule.INVERSE_RATIO) == 100
    assert achievement_lower(D(3), D(0), LowerRule.INVERSE_RATIO) is None


def test_negative_targets_keep_direction() -> None:
    # growth target -5%, realization -3%: better than target
    assert achievement_higher(D(-3), D(-5)) == 140
    assert achievement_higher(D(-5), D(-5)) == 100
    assert achievement_lower(D(-7), D(-5)) == 140


def test_range() -> None:
    assert achievement_range(D(75), D(70), D(80)) == 100
    assert achievement_range(D(70), D(70), D(80)) == 100
    assert achievement_range(D(80), D(70), D(80)) == 100
    assert achievement_range(D(88), D(70), D(80)) == 90  # (2 - 88/80) x 100
    assert achievement_range(D(56), D(70), D(80)) == 80  # 56/70 x 100
    assert achievement_range(D(100), D(70), D(80), LowerRule.INVERSE_RATIO) == 80
    assert achievement(D(56), D(70), Polarity.RANGE, target_upper=D(80)) == 80
    with pytest.raises(ValueError):
        achievement_range(D(1), D(80), D(70))
    with pytest.raises(ValueError):
        achievement(D(1), D(80), Polarity.RANGE)


def test_missing_inputs_and_cap() -> None:
    assert achievement(None, D(5)) is None
    assert achievement(D(5), None) is None
    assert achievement(D(150), D(100), cap=D(120)) == 120
    assert achievement(D(110), D(100), cap=D(120)) == 110
    assert achievement(D(1), D(100), Polarity.LOWER, cap=120) == 120


def test_ordinal_scales() -> None:
    assert achievement_ordinal("WDP", "WTP", BPK_OPINION) == 75
    assert achievement_ordinal("WTP", "WTP", BPK_OPINION) == 100
    assert achievement_ordinal("TMP", "WTP", BPK_OPINION) == 25
    assert achievement_ordinal("WTP", "WDP", BPK_OPINION, cap=100) == 100
    assert achievement_ordinal("BB", "A", SAKIP_GRADE) == to_decimal(Fraction(500, 6))
    assert achievement_ordinal(" AA ", "AA", SAKIP_GRADE) == 100
    with pytest.raises(ValueError):
        achievement_ordinal("XX", "WTP", BPK_OPINION)
    with pytest.raises(ValueError):
        Scale.of("bad", [("A", 1), ("A", 2)])
    with pytest.raises(ValueError):
        Scale.of("bad", [("A", 0)])


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        achievement_higher(1.5, D(2))  # type: ignore[arg-type]


amounts = st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False)
targets = st.decimals(min_value=D("0.001"), max_value=100_000, places=3, allow_nan=False)


@settings(max_examples=200)
@given(amounts, amounts, targets, st.sampled_from(list(LowerRule)))
def test_lower_is_better_strictly_decreases_as_realization_grows(
    r1: Decimal, r2: Decimal, t: Decimal, rule: LowerRule
) -> None:
    assume(r1 < r2)
    a1, a2 = achievement_lower(r1, t, rule), achievement_lower(r2, t, rule)
    if rule is LowerRule.INVERSE_RATIO and r1 == 0:
        assert a1 is None
        return
    assert a1 is not None and a2 is not None and a1 > a2


@settings(max_examples=200)
@given(amounts, amounts, targets)
def test_higher_is_better_strictly_increases(r1: Decimal, r2: Decimal, t: Decimal) -> None:
    assume(r1 < r2)
    a1, a2 = achievement_higher(r1, t), achievement_higher(r2, t)
    assert a1 is not None and a2 is not None and a1 < a2


@settings(max_examples=200)
@given(
    amounts,
    targets,
    st.decimals(min_value=1, max_value=500, places=1, allow_nan=False),
    st.sampled_from(["higher", "lower", "range"]),
    st.sampled_from(list(LowerRule)),
)
def test_cap_is_respected(
    r: Decimal, t: Decimal, cap: Decimal, polarity: str, rule: LowerRule
) -> None:
    result = achievement(r, t, polarity, target_upper=t * 2, lower_rule=rule, cap=cap)
    assert result is None or result <= cap


@settings(max_examples=200)
@given(
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False),
    st.sampled_from(["higher", "lower"]),
    st.sampled_from(list(LowerRule)),
)
def test_never_raises_never_infinite(
    r: Decimal, t: Decimal, polarity: str, rule: LowerRule
) -> None:
    result = achievement(r, t, polarity, lower_rule=rule)
    assert result is None or result.is_finite()


@settings(max_examples=200)
@given(amounts, targets, targets)
def test_range_is_100_inside_and_continuous_at_bounds(r: Decimal, a: Decimal, b: Decimal) -> None:
    lo, hi = min(a, b), max(a, b)
    result = achievement_range(r, lo, hi)
    assert result is not None
    if lo <= r <= hi:
        assert result == 100
    else:
        assert result < 100

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.aggregation import (
    AggregationRule,
    Value,
    aggregate,
    aggregate_periods,
    compute_value,
)
from kinerja.core.numbers import to_decimal
from kinerja.core.periods import parse_period


def v(num: str | None, den: str | None, value: str | None = None) -> Value:
    def dec(x: str | None) -> Decimal | None:
        return None if x is None else Decimal(x)

    return Value(dec(num), dec(den), dec(value))


def test_compute_value() -> None:
    assert compute_value(Decimal(9), Decimal(10)) == Decimal(90)
    assert compute_value(Decimal(1), Decimal(3), Decimal(1)) == to_decimal(Fraction(1, 3))
    assert compute_value(Decimal(5), Decimal(0)) is None
    assert compute_value(None, Decimal(3)) is None
    assert compute_value(Decimal(3), None) is None
    assert compute_value(Decimal(0), Decimal(7)) == 0


def test_ratio_pools_components_not_percentages() -> None:
    # Q1 1/1 (100%) and Q2 9/10 (90%): the half year is 10/11 = 90.909...%, not 95%.
    result = aggregate([v("1", "1"), v("9", "10")], AggregationRule.RATIO)
    assert result.numerator == 10 and result.denominator == 11
    assert result.value == to_decimal(Fraction(1000, 11))
    assert str(result.value).startswith("90.9090909")


def test_ratio_skips_periods_without_data_and_zero_denominator_gives_none() -> None:
    result = aggregate([v(None, None), v("3", "4"), v("5", None), v("1", "4")], "ratio")
    assert (result.numerator, result.denominator, result.value) == (
        Decimal(4),
        Decimal(8),
        Decimal(50),
    )
    assert aggregate([v("0", "0"), v("0", "0")], "ratio") == Value(Decimal(0), Decimal(0), None)
    assert aggregate([v(None, None)], "ratio") == Value()
    assert aggregate([], "ratio") == Value()


def test_ratio_factor() -> None:
    assert aggregate([v("1", "4")], "ratio", factor=Decimal(1000)).value == 250


def test_last() -> None:
    result = aggregate([v("1", "2"), v(None, None, "70"), v(None, None)], AggregationRule.LAST)
    assert result == v(None, None, "70")
    # a value known only through its components counts as known
    assert aggregate([v(None, None, "70"), v("1", "4")], "last").value == 25
    assert aggregate([v(None, None), v(None, None)], "last") == Value()


def test_sum() -> None:
    result = aggregate([v(None, None, "3"), v(None, None), v("2", None, "4.5")], "sum")
    assert result.value == Decimal("7.5")
    assert result.numerator == 2 and result.denominator is None


def test_average_of_known_values() -> None:
    assert aggregate([v(None, None, "80"), v(None, None), v(None, None, "91")], "average") == Value(
        value=Decimal("85.5")
    )
    assert aggregate(
        [v(None, None, "1"), v(None, None, "2"), v(None, None, "2")], "average"
    ).value == (to_decimal(Fraction(5, 3)))


def test_aggregate_periods_sorts_chronologically() -> None:
    values = {
        parse_period("2022Q2"): v(None, None, "60"),
        parse_period("2022Q1"): v(None, None, "50"),
    }
    assert aggregate_periods(values, "last").value == 60


def test_unknown_rule() -> None:
    with pytest.raises(ValueError):
        aggregate([], "median")


components = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
values_st = st.one_of(
    st.builds(Value, components, components, st.none()),
    st.builds(Value, st.none(), st.none(), st.none()),
    st.builds(Value, components, st.none(), st.none()),
)


@settings(max_examples=200)
@given(st.lists(values_st, max_size=12))
def test_ratio_equals_value_of_pooled_components(values: list[Value]) -> None:
    complete = [x for x in values if x.numerator is not None and x.denominator is not None]
    pooled_num = sum(
        (Fraction(x.numerator) for x in complete if x.numerator is not None), Fraction(0)
    )
    pooled_den = sum(
        (Fraction(x.denominator) for x in complete if x.denominator is not None), Fraction(0)
    )
    result = aggregate(values, "ratio")
    if not complete:
        assert result == Value()
    elif pooled_den == 0:
        assert result.value is None
    else:
        assert result.value == to_decimal(pooled_num / pooled_den * 100)


@settings(max_examples=200)
@given(
    st.lists(values_st, max_size=12),
    st.integers(0, 12),
    st.sampled_from([AggregationRule.RATIO, AggregationRule.SUM, AggregationRule.LAST]),
)
def test_aggregation_is_invariant_to_splitting(
    values: list[Value], cut: int, rule: AggregationRule
) -> None:
    whole = aggregate(values, rule)
    split = aggregate([aggregate(values[:cut], rule), aggregate(values[cut:], rule)], rule)
    assert split.value == whole.value
    if rule is AggregationRule.RATIO:
        assert split == whole

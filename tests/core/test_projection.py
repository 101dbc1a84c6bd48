from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.aggregation import AggregationRule, Value, aggregate
from kinerja.core.numbers import to_decimal
from kinerja.core.projection import Risk, project_year, risk

D = Decimal


def test_ratio_projects_pooled_components() -> None:
    # Q1 1/1, Q2 9/10, Q3 and Q4 not reported: projection = 10/11 x 100 = 90.909...
    result = project_year([Value(D(1), D(1)), Value(D(9), D(10)), Value(), Value()], "ratio")
    assert result is not None
    assert (result.numerator, result.denominator) == (D(10), D(11))
    assert result.value == to_decimal(Fraction(1000, 11))


def test_sum_extrapolates_linearly() -> None:
    # Q1 3, Q2 5 -> 8 in two quarters -> 8 / 2 x 4 = 16.
    result = project_year([Value(value=D(3)), Value(value=D(5)), Value(), Value()], "sum")
    assert result is not None and result.value == D(16)
    # Three quarters 1, 1, 2 -> 4 / 3 x 4 = 16/3 = 5.333...
    three = project_year([Value(value=D(1)), Value(value=D(1)), Value(value=D(2)), Value()], "sum")
    assert three is not None and three.value == to_decimal(Fraction(16, 3))


def test_last_and_average_carry() -> None:
    quarters = [Value(value=D(80)), Value(value=D(70)), Value(), Value()]
    last = project_year(quarters, "last")
    average = project_year(quarters, "average")
    assert last is not None and last.value == D(70)
    assert average is not None and average.value == D(75)  # (80 + 70) / 2


def test_nothing_reported_gives_no_projection() -> None:
    for rule in AggregationRule:
        assert project_year([Value()] * 4, rule) is None
    # A zero denominator is no value either.
    assert project_year([Value(D(0), D(0)), Value(), Value(), Value()], "ratio") is None


def test_risk_bands() -> None:
    assert risk(D("75.99"), at_risk_below=76) is Risk.AT_RISK
    assert risk(D(76), at_risk_below=76) is Risk.BELOW_TARGET
    assert risk(D("99.999"), at_risk_below=76) is Risk.BELOW_TARGET
    assert risk(D(100), at_risk_below=76) is Risk.ON_TRACK
    assert risk(None, at_risk_below=76) is Risk.UNKNOWN


components = st.tuples(st.integers(0, 1000), st.integers(1, 1000)).map(
    lambda t: Value(D(t[0]), D(t[1]))
)


@settings(deadline=None)
@given(st.lists(components, min_size=1, max_size=4))
def test_ratio_projection_equals_year_to_date(quarters: list[Value]) -> None:
    padded = quarters + [Value()] * (4 - len(quarters))
    projected = project_year(padded, "ratio")
    assert projected == aggregate(quarters, "ratio")


@settings(deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=4, max_size=4))
def test_full_year_sum_projection_is_the_sum(values: list[int]) -> None:
    # With all four quarters in, the linear extrapolation is just the year's sum.
    projected = project_year([Value(value=D(x)) for x in values], "sum")
    assert projected is not None and projected.value == sum(values)


@settings(deadline=None)
@given(st.decimals(-1000, 1000, places=2), st.decimals(-1000, 1000, places=2))
def test_risk_is_monotone(a: Decimal, b: Decimal) -> None:
    order = [Risk.AT_RISK, Risk.BELOW_TARGET, Risk.ON_TRACK]
    low, high = sorted([a, b])
    assert order.index(risk(low, at_risk_below=76)) <= order.index(risk(high, at_risk_below=76))

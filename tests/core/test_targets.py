from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.aggregation import AggregationRule
from kinerja.core.targets import check_quarterly_targets, quarters_imply


def test_sum_rule() -> None:
    # 10 + 20 + 30 + 40 = 100
    assert quarters_imply([D(10), D(20), D(30), D(40)], "sum") == D(100)
    assert check_quarterly_targets(D(100), [D(10), D(20), D(30), D(40)], "sum").consistent
    # 10 + 20 + 30 + 30 = 90, the year says 100
    check = check_quarterly_targets(D(100), [D(10), D(20), D(30), D(30)], "sum")
    assert not check.consistent
    assert check.implied == D("90.00") and check.annual == D("100.00")


def test_last_rule_uses_tw_iv() -> None:
    assert check_quarterly_targets(D(82), [D(1), D(2), D(3), D(82)], "last").consistent
    check = check_quarterly_targets(D(82), [D(82), D(82), D(82), D(81)], "last")
    assert not check.consistent and check.implied == D("81.00")


def test_average_rule() -> None:
    # (80 + 81 + 81.5 + 82) / 4 = 324.5 / 4 = 81.125
    assert quarters_imply([D(80), D(81), D("81.5"), D(82)], "average") == D("81.125")
    # shown with 2 decimals 81.125 -> 81.13 (half up): the same as an annual target of 81.13
    assert check_quarterly_targets(
        D("81.13"), [D(80), D(81), D("81.5"), D(82)], "average"
    ).consistent
    assert not check_quarterly_targets(
        D(82), [D(80), D(81), D("81.5"), D(82)], "average"
    ).consistent
    # compared exactly, 81.13 is not 81.125
    assert not check_quarterly_targets(
        D("81.13"), [D(80), D(81), D("81.5"), D(82)], "average", places=None
    ).consistent


def test_ratio_quarters_are_cumulative_so_tw_iv_is_the_year() -> None:
    # Nilai SKM sample: 80 / 81 / 81.5 / 82 with an annual 82 agrees (82 = TW IV)
    assert check_quarterly_targets(D(82), [D(80), D(81), D("81.5"), D(82)], "ratio").consistent
    # a ratio summed would give 324.5; the rule does not sum
    check = check_quarterly_targets(D(90), [D(75), D(80), D(85), D(88)], AggregationRule.RATIO)
    assert not check.consistent and check.implied == D("88.00")


def test_incomplete_quarters_cannot_be_checked() -> None:
    check = check_quarterly_targets(D(100), [D(10), None, D(30), D(40)], "sum")
    assert not check.checkable and check.consistent and check.implied is None
    # LAST/RATIO only need TW IV
    assert not check_quarterly_targets(D(5), [None, None, None, D(4)], "last").consistent
    assert check_quarterly_targets(None, [D(1), D(2), D(3), D(4)], "sum").consistent


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        quarters_imply([D(1), D(2), D(3)], "sum")
    with pytest.raises(ValueError):
        quarters_imply([D(1), D(2), D(3), D(4)], "median")
    with pytest.raises(TypeError):
        quarters_imply([1.0, 2.0, 3.0, 4.0], "sum")  # type: ignore[list-item]


amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


@settings(max_examples=200)
@given(st.lists(amounts, min_size=4, max_size=4), st.sampled_from(list(AggregationRule)))
def test_quarters_always_agree_with_what_they_imply(
    quarters: list[D], rule: AggregationRule
) -> None:
    implied = quarters_imply(quarters, rule)
    assert check_quarterly_targets(implied, quarters, rule, places=None).consistent


@settings(max_examples=200)
@given(st.lists(amounts, min_size=4, max_size=4), amounts)
def test_sum_mismatch_iff_totals_differ(quarters: list[D], annual: D) -> None:
    assert check_quarterly_targets(annual, quarters, "sum").consistent == (sum(quarters) == annual)

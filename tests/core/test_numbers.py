from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.numbers import format_id, parse_number, round_half_up, to_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", "1234.5"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("1234.5", "1234.5"),
        ("1.234.567", "1234567"),
        ("-3", "-3"),
        (" 12 ", "12"),
        ("1.234", "1234"),  # one dot + exactly three digits: thousands separator
        ("12.500", "12500"),
        ("999.999", "999999"),
        ("0.125", "0.125"),  # a leading 0 cannot start a thousands group
        ("1.2345", "1.2345"),
        ("1234.567", "1234.567"),  # four digits before the dot: a decimal point
        ("1,234", "1.234"),  # a lone comma is always the decimal mark
        ("1,234.5", "1234.5"),
        ("1.234.567,891", "1234567.891"),
        ("-1.234,50", "-1234.5"),
        ("+7", "7"),
        ("\u22122,5", "-2.5"),
        ("0", "0"),
        ("007", "7"),
    ],
)
def test_parse(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "abc",
        "1,2,3",
        "1,234,567",
        "1.23.4",
        "1.2345.678",
        "12,34.5",
        "1.234,5.6",
        ",5",
        "5,",
        ".5",
        "5.",
        "1 234",
        "--1",
        "-",
        "1e3",
        "12%",
        "Rp 5",
        "1,,5",
        "1..5",
        "nan",
    ],
)
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


def test_format_id() -> None:
    assert format_id(Decimal("1234.5"), 2) == "1.234,50"
    assert format_id(None) == "\u2014"
    assert format_id(Decimal("1234567.891"), 0) == "1.234.568"
    assert format_id(Decimal("-1234.5"), 1) == "-1.234,5"
    assert format_id(Decimal("-0.001"), 2) == "0,00"
    assert format_id(Decimal("0.5"), 0) == "1"
    assert format_id(Fraction(1000, 11), 2) == "90,91"
    assert format_id(7) == "7,00"
    assert format_id(Decimal("999.995"), 2) == "1.000,00"


def test_round_half_up() -> None:
    assert round_half_up(Decimal("66.665"), 2) == Decimal("66.67")
    assert round_half_up(Decimal("2.5"), 0) == 3
    assert round_half_up(Decimal("-2.5"), 0) == -3
    assert round_half_up(Fraction(2, 3), 2) == Decimal("0.67")
    assert str(round_half_up(Decimal("1.2"), 3)) == "1.200"
    assert round_half_up(Decimal("88.305"), 2) == Decimal("88.31")
    # beyond the default context precision of 28 digits
    assert round_half_up(Decimal("1234567890123456789012345678.5"), 0) == Decimal(
        "1234567890123456789012345679"
    )


def test_to_decimal() -> None:
    assert to_decimal(Fraction(1, 8)) == Decimal("0.125")
    assert to_decimal(Fraction(1000, 11)) == Decimal("90.90909090909090909091")
    with pytest.raises(TypeError):
        to_decimal(1.5)  # type: ignore[arg-type]


decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False
)


@settings(max_examples=300)
@given(decimals, st.integers(0, 4))
def test_parse_format_round_trip(value: Decimal, places: int) -> None:
    assert parse_number(format_id(value, places)) == round_half_up(value, places)


@settings(max_examples=200)
@given(decimals)
def test_plain_str_round_trip_with_decimal_comma(value: Decimal) -> None:
    plain = format(value, "f").replace(".", ",")
    assert parse_number(plain) == value


def test_format_percent():
    from kinerja.core.numbers import format_percent

    # 66,67 / 70 = 95,2428... -> 95,24 %
    assert format_percent(Decimal("66.67") / Decimal(70) * 100) == "95,24 %"
    assert format_percent(Decimal("107.142857"), 1) == "107,1 %"
    assert format_percent(None) == "\u2014"

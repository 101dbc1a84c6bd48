from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.numbers import Number, to_fraction
from kinerja.core.predikat import (
    DEFAULT_TABLE,
    Band,
    ThresholdTable,
    sakip_grade_table,
    table_from_rows,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("130", "Sangat Tinggi"),
        ("100", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.995", "Sangat Tinggi"),  # prints as 91,00
        ("90.994", "Tinggi"),
        ("90.5", "Tinggi"),  # the printed gap 90 < x < 91
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.5", "Rendah"),
        ("51", "Rendah"),
        ("50.5", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
        ("-40", "Sangat Rendah"),
    ],
)
def test_default_table(value: str, label: str) -> None:
    assert DEFAULT_TABLE.classify(D(value)).label == label


def test_default_table_colours_and_missing() -> None:
    assert DEFAULT_TABLE.classify(95).colour == "dark-green"
    assert DEFAULT_TABLE.label(None) is None
    assert DEFAULT_TABLE.label(D(70)) == "Sedang"


def test_exact_classification_without_rounding() -> None:
    exact = ThresholdTable("exact", DEFAULT_TABLE.bands, round_places=None)
    assert exact.classify(Fraction(91) - Fraction(1, 10**9)).label == "Tinggi"


KECAMATAN_ROWS: list[dict[str, object]] = [
    {"lower": "100", "inclusive": False, "label": "Sangat Baik", "colour": "dark-green"},
    {"lower": "75", "label": "Baik", "colour": "green"},
    {"lower": "55", "label": "Cukup", "colour": "yellow"},
    {"label": "Kurang", "colour": "red"},
]


def test_loader_kecamatan_scale() -> None:
    table = table_from_rows(KECAMATAN_ROWS, name="Kecamatan X")
    assert [
        table.classify(D(x)).label for x in ("100.01", "100", "75", "74.99", "55", "54", "-1")
    ] == [
        "Sangat Baik",
        "Baik",
        "Baik",
        "Cukup",
        "Cukup",
        "Kurang",
        "Kurang",
    ]
    ascending = table_from_rows(list(reversed(KECAMATAN_ROWS)), name="Kecamatan X")
    assert ascending == table


def test_loader_accepts_numbers_and_indonesian_strings() -> None:
    table = table_from_rows(
        [
            {"lower": None, "label": "Kurang"},
            {"lower": 30, "label": "Cukup"},
            {"lower": "85,5", "label": "Memuaskan"},
        ]
    )
    assert table.classify(D("85.5")).label == "Memuaskan"
    assert table.bands[2].lower == Fraction(171, 2)


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [{"lower": "50", "label": "A"}, {"lower": "40", "label": "B"}],  # no lowest band
        [
            {"label": "A"},
            {"lower": "50", "label": "B"},
            {"lower": "50", "label": "C"},
        ],  # duplicate bound
        [{"label": "A"}, {"lower": "50", "label": "A"}],  # duplicate label
        [{"label": "A"}, {"lower": "80", "label": "B"}, {"lower": "50", "label": "C"}],  # jumbled
        [{"label": "A"}, {"label": "B"}],  # two unbounded
        [{"label": "A"}, {"lower": "x", "label": "B"}],
        [{"label": "A"}, {"lower": 50.5, "label": "B"}],  # floats are not exact bounds
        [{"label": ""}],
        [{"label": "A", "min": 3}],  # unknown key
        [{"label": "A", "inclusive": "yes"}],
    ],
)
def test_loader_validation(rows: list[dict[str, object]]) -> None:
    with pytest.raises(ValueError):
        table_from_rows(rows)


@pytest.mark.parametrize(
    ("score", "as_printed", "boundary_up"),
    [
        ("100", "AA", "AA"),
        ("90.01", "AA", "AA"),
        ("90", "A", "AA"),
        ("85", "A", "A"),
        ("80", "BB", "A"),
        ("70", "B", "BB"),
        ("60", "CC", "B"),
        ("50", "C", "CC"),
        ("30", "D", "C"),
        ("29.99", "D", "D"),
        ("0", "D", "D"),
    ],
)
def test_sakip_grades(score: str, as_printed: str, boundary_up: str) -> None:
    assert sakip_grade_table().classify(D(score)).label == as_printed
    assert sakip_grade_table(boundary_goes_up=True).classify(D(score)).label == boundary_up


def test_table_invariants() -> None:
    with pytest.raises(ValueError):
        ThresholdTable("x", (Band(Fraction(0), "A"),))


tables = st.sampled_from(
    [
        DEFAULT_TABLE,
        sakip_grade_table(),
        sakip_grade_table(boundary_goes_up=True),
        table_from_rows(KECAMATAN_ROWS),
    ]
)
numbers = st.one_of(
    st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False),
    st.fractions(min_value=-1000, max_value=1000, max_denominator=1000),
    st.integers(-1000, 1000),
)


@settings(max_examples=300)
@given(tables, numbers, numbers)
def test_classify_is_total_and_monotone(table: ThresholdTable, a: Number, b: Number) -> None:
    x, y = sorted([to_fraction(a), to_fraction(b)])
    bx, by = table.classify(x), table.classify(y)
    assert bx in table.bands and by in table.bands
    assert table.bands.index(bx) <= table.bands.index(by)

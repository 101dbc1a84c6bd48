"""performance_table: hand-computed values for each aggregation rule and polarity."""

from decimal import Decimal
from fractions import Fraction

import pytest

from kinerja.accounts.access import OrganisationReader
from kinerja.core.numbers import to_decimal
from kinerja.iku.models import Indicator
from kinerja.measurement.models import AssessmentPolicy
from kinerja.measurement.selectors import IndicatorRow, performance_table
from tests.measurement.perf_data import indicator, put_target, put_value

pytestmark = pytest.mark.django_db
D = Decimal


def table(mayang, user=None, year=2022, **kw) -> dict[str, IndicatorRow]:
    """The table as a member of ``mayang`` reads it (``user``: as that user does)."""
    user = OrganisationReader.of(mayang) if user is None else user
    return {
        r.indicator.code: r
        for r in performance_table(user=user, organisation=mayang, year=year, **kw)
    }


def test_indicators_in_decree_order_with_empty_cells(mayang, default_decree):
    rows = performance_table(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    assert [r.indicator.code for r in rows] == ["1.1", "2.1", "2.2", "2.3", "2.4"]
    row = rows[1]
    assert [c.period for c in row.quarters] == ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    assert [c.period for c in row.year_to_date] == ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    assert row.year.period == "2022"
    assert row.year.realization is None and row.year.achievement is None
    assert row.year.source == "derived" and row.year.status is None


def test_ratio_pools_components(mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1)
    put_value(ind, mayang, "2022Q2", 9, 10)
    put_target(ind, mayang, "2022Q2", 100)
    put_target(ind, mayang, "2022", 100)
    row = table(mayang)["2.1"]
    assert row.quarters[0].realization == 100 and row.quarters[1].realization == 90
    # Q1..Q2: (1 + 9) / (1 + 10) x 100 = 1000/11 = 90.909...% (never (100 + 90)/2 = 95).
    s1 = row.year_to_date[1]
    assert (s1.numerator, s1.denominator) == (D(10), D(11))
    assert s1.realization == to_decimal(Fraction(1000, 11))
    # Target of the cumulative cell of a ratio indicator = the last quarter's target (100):
    # achievement = 90.909.../100 x 100 = 90.909...: rounded 90.91 >= 76 < 91 -> Tinggi.
    assert s1.target == 100 and s1.achievement == to_decimal(Fraction(1000, 11))
    assert s1.predikat == "Tinggi" and s1.colour == "green"
    # The year follows from the quarters the same way; status/source say it is derived.
    assert row.year.realization == to_decimal(Fraction(1000, 11))
    assert row.year.status is None and row.year.source == "derived"
    # The stored quarter carries its workflow state and id.
    assert row.quarters[1].status == "approved" and row.quarters[1].value_id is not None


def test_stored_year_row_wins_over_aggregation(mayang, default_decree):
    skm = indicator(default_decree, "1.1")  # factor 25: total/unsur x 25
    put_value(skm, mayang, "2022Q1", 30, 10)  # 3 x 25 = 75
    put_value(skm, mayang, "2022", value="88.5", source="skm")
    put_target(skm, mayang, "2022", 80)
    row = table(mayang)["1.1"]
    assert row.quarters[0].realization == 75
    assert row.year.realization == D("88.5") and row.year.source == "skm"
    # 88.5 / 80 x 100 = 110.625 -> Sangat Tinggi.
    assert row.year.achievement == D("110.625") and row.year.predikat == "Sangat Tinggi"


def test_sum_last_average_rules(mayang, default_decree):
    codes = {"2.2": "sum", "2.3": "last", "2.4": "average"}
    for code, rule in codes.items():
        Indicator.objects.filter(decree=default_decree, code=code).update(aggregation=rule)
        ind = indicator(default_decree, code)
        put_value(ind, mayang, "2022Q1", value=4)
        put_value(ind, mayang, "2022Q2", value=8)
        put_value(ind, mayang, "2022Q3", value=6)
    rows = table(mayang)
    # sum: 4 + 8 + 6 = 18; last: 6; average: (4 + 8 + 6) / 3 = 6; cumulative Q1..Q2: 12, 8, 6.
    assert rows["2.2"].year.realization == 18 and rows["2.2"].year_to_date[1].realization == 12
    assert rows["2.3"].year.realization == 6 and rows["2.3"].year_to_date[1].realization == 8
    assert rows["2.4"].year.realization == 6 and rows["2.4"].year_to_date[1].realization == 6


def test_sum_target_of_cumulative_cell_is_the_sum(mayang, default_decree):
    Indicator.objects.filter(decree=default_decree, code="2.2").update(aggregation="sum")
    ind = indicator(default_decree, "2.2")
    for q, t in (("2022Q1", 5), ("2022Q2", 5)):
        put_target(ind, mayang, q, t)
        put_value(ind, mayang, q, value=4)
    s1 = table(mayang)["2.2"].year_to_date[1]
    # realization 4 + 4 = 8 against 5 + 5 = 10 -> 80%.
    assert s1.target == 10 and s1.realization == 8 and s1.achievement == 80


@pytest.mark.parametrize(
    ("target", "realization", "expected", "predikat"),
    [
        # (2 - 6.5/7) x 100 = (14 - 6.5)/7 x 100 = 750/7 = 107.142857...
        ("7", "6.5", to_decimal(Fraction(750, 7)), "Sangat Tinggi"),
        # (2 - 9/8) x 100 = 87.5
        ("8", "9", D("87.5"), "Tinggi"),
    ],
)
def test_lower_is_better(mayang, default_decree, target, realization, expected, predikat):
    Indicator.objects.filter(decree=default_decree, code="2.1").update(polarity="lower")
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", value=realization)
    put_target(ind, mayang, "2022Q1", target)
    cell = table(mayang)["2.1"].quarters[0]
    assert cell.achievement == expected and cell.predikat == predikat


def test_lower_is_better_policy_inverse_ratio_and_cap(mayang, default_decree):
    AssessmentPolicy.objects.create(
        organisation=mayang.parent, lower_better_rule="t/r", achievement_cap=D(105)
    )
    Indicator.objects.filter(decree=default_decree, code="2.1").update(polarity="lower")
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", value="9")
    put_target(ind, mayang, "2022Q1", "8")
    put_value(ind, mayang, "2022Q2", value="6.5")
    put_target(ind, mayang, "2022Q2", "7")
    row = table(mayang)["2.1"]
    # T/R: 8/9 x 100 = 88.888...; 7/6.5 x 100 = 107.69... capped at 105.
    assert row.quarters[0].achievement == to_decimal(Fraction(800, 9))
    assert row.quarters[1].achievement == 105


def test_policy_predikat_table(mayang, default_decree):
    AssessmentPolicy.objects.create(
        organisation=mayang.parent,
        predikat_rows=[
            {"lower": "100", "inclusive": False, "label": "Sangat Baik", "colour": "dark-green"},
            {"lower": "75", "label": "Baik", "colour": "green"},
            {"lower": "55", "label": "Cukup", "colour": "yellow"},
            {"label": "Kurang", "colour": "red"},
        ],
    )
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 7, 10)
    put_target(ind, mayang, "2022Q1", 100)
    cell = table(mayang)["2.1"].quarters[0]
    assert cell.achievement == 70 and cell.predikat == "Cukup" and cell.colour == "yellow"


@pytest.mark.parametrize(
    ("realization", "expected"),
    [
        ("85", D(100)),  # inside 80..90
        ("95", to_decimal(Fraction(850, 9))),  # above: (2 - 95/90) x 100 = 94.444...
        ("60", D(75)),  # below: 60 / 80 x 100
    ],
)
def test_range_target(mayang, default_decree, realization, expected):
    Indicator.objects.filter(decree=default_decree, code="2.1").update(polarity="range")
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", value=realization)
    put_target(ind, mayang, "2022Q1", 80, upper=90)
    cell = table(mayang)["2.1"].quarters[0]
    assert cell.achievement == expected and cell.target_upper == 90


def test_ordinal_bpk_opinion(mayang, default_decree):
    Indicator.objects.filter(decree=default_decree, code="2.1").update(scale="bpk")
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022", grade="WDP")
    put_target(ind, mayang, "2022", grade="WTP")
    year = table(mayang)["2.1"].year
    # WDP 3 / WTP 4 x 100 = 75 -> Sedang.
    assert year.grade == "WDP" and year.target_grade == "WTP"
    assert year.achievement == 75 and year.predikat == "Sedang"


def test_denominator_zero_is_no_value(mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 0, 0)
    put_target(ind, mayang, "2022Q1", 100)
    row = table(mayang)["2.1"]
    assert row.quarters[0].realization is None and row.quarters[0].achievement is None
    assert row.quarters[0].predikat is None and row.quarters[0].status == "approved"
    assert row.year.realization is None


def test_visibility_and_approved_only(mayang, default_decree, users):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 2, status="approved")
    put_value(ind, mayang, "2022Q2", 3, 4, status="submitted")
    for role in ("camat", "perencana", "kepala_seksi", "operator_desa", "admin_kabupaten"):
        row = table(mayang, getattr(users, role))["2.1"]
        assert row.quarters[1].realization == 75, role
    for user in (users.outsider, users.anonymous):
        row = table(mayang, user)["2.1"]
        assert row.quarters[0].realization == 50 and row.quarters[1].realization is None
    row = table(mayang, users.camat, approved_only=True)["2.1"]
    assert row.quarters[1].realization is None


def test_unsigned_targets_are_not_public(mayang, default_decree, users):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 2)
    put_target(ind, mayang, "2022Q1", 100, signed=False)
    assert table(mayang, users.camat)["2.1"].quarters[0].target == 100
    assert table(mayang, users.outsider)["2.1"].quarters[0].target is None


def test_query_count_does_not_grow_with_data(mayang, default_decree, django_assert_max_num_queries):
    for code in ("1.1", "2.1", "2.2", "2.3", "2.4"):
        ind = indicator(default_decree, code)
        for q in (1, 2, 3, 4):
            put_value(ind, mayang, f"2022Q{q}", q, 10)
            put_target(ind, mayang, f"2022Q{q}", 100)
        put_target(ind, mayang, "2022", 100)
    with django_assert_max_num_queries(8):
        rows = performance_table(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
        # touching the cells and the responsible unit must not query again
        assert all(r.year.realization is not None for r in rows)
        assert [r.indicator.responsible_unit.name for r in rows]

"""Indicators 2.1/2.3/2.4 from the coordination register: the scenario year of conftest.py,
expected values computed by hand, under each setting of the indicator."""

from decimal import Decimal
from typing import Any

import pytest

from kinerja.core.periods import parse_period
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source

pytestmark = pytest.mark.django_db


def compute(indicator: Any, period: str, **params: Any) -> Any:
    indicator.refresh_from_db(fields=["source_params"])  # the seed's settings, then ``params``
    indicator.source_params = {**indicator.source_params, **params}
    result = compute_from_source(indicator, indicator.decree.organisation, parse_period(period))
    assert result is not None
    # lineage: the components equal the counts of their records
    assert result.numerator == sum("pembilang" in r.counted_in for r in result.records)
    assert result.denominator == sum("penyebut" in r.counted_in for r in result.records)
    assert all(r.url.startswith("/koordinasi/") for r in result.records)
    return result


def nd(result: Any) -> tuple[int, int]:
    return int(result.numerator), int(result.denominator)


def test_seed_indicator_is_computed_from_the_register(ind: Any) -> None:
    indicator = ind("2.1")
    assert indicator.value_source == "register"
    assert indicator.source_params["register"] == "coordination"
    assert indicator.source_params["field"] == "pemerintahan"
    assert {ind("2.3").source_params["field"], ind("2.4").source_params["field"]} == {
        "pmks",
        "trantib",
    }


def test_defaults_per_quarter_and_year(scenario: Any, ind: Any) -> None:
    i = ind("2.1")
    # Q1: R1 (a, b done by 31 Mar) counts; R2 (c only "proses" on 31 Mar) does not; R3 has no
    # recommendation and is left out -> 1/2
    assert nd(compute(i, "2022Q1")) == (1, 2)
    # Q2: R4 (d done 1 Jun) yes, R5 (e "belum") no -> 1/2
    assert nd(compute(i, "2022Q2")) == (1, 2)
    # Q3: the only activity is a draft -> 0/0, no value
    assert nd(compute(i, "2022Q3")) == (0, 0)
    # Q4: R7 belongs to its activity's date (28 Dec); g done 10 Jan 2023, after the quarter -> 0/1
    assert nd(compute(i, "2022Q4")) == (0, 1)
    # the year 2022 on 31 Dec: R1 yes, R2 yes (c done 5 Apr), R4 yes, R5 no, R7 no -> 3/5
    year = compute(i, "2022")
    assert nd(year) == (3, 5)
    kinds = {(r.kind, r.counted_in) for r in year.records}
    assert kinds == {
        ("hasil_koordinasi", ("pembilang", "penyebut")),
        ("hasil_koordinasi", ("penyebut",)),
    }


def test_followup_after_the_quarter_under_each_setting(scenario: Any, ind: Any) -> None:
    i = ind("2.1")
    # period_end (default): c was done on 5 Apr, after Q1 -> Q1 1/2
    assert nd(compute(i, "2022Q1", followup_counts_if_completed_by="period_end")) == (1, 2)
    # report_date = 31 Mar + 10 days = 10 Apr: c counts -> 2/2
    assert nd(compute(i, "2022Q1", followup_counts_if_completed_by="report_date")) == (2, 2)
    # with only 3 days to report (3 Apr) c still does not count -> 1/2
    assert nd(
        compute(i, "2022Q1", followup_counts_if_completed_by="report_date", report_days=3)
    ) == (1, 2)
    # Q4 with report_date: 31 Dec + 10 = 10 Jan 2023, g done that day -> 1/1
    assert nd(compute(i, "2022Q4", followup_counts_if_completed_by="report_date")) == (1, 1)
    # any: whatever was done by now -> Q1 2/2, Q2 still 1/2 (e never done), Q4 1/1
    assert nd(compute(i, "2022Q1", followup_counts_if_completed_by="any")) == (2, 2)
    assert nd(compute(i, "2022Q2", followup_counts_if_completed_by="any")) == (1, 2)
    assert nd(compute(i, "2022Q4", followup_counts_if_completed_by="any")) == (1, 1)


def test_other_settings(scenario: Any, ind: Any) -> None:
    i = ind("2.1")
    # counting recommendations: Q1 a and b done by 31 Mar -> 2 over 2 results
    q1 = compute(i, "2022Q1", count="recommendations_followed_up")
    assert nd(q1) == (2, 2)
    assert sorted(r.kind for r in q1.records) == [
        "hasil_koordinasi",
        "hasil_koordinasi",
        "rekomendasi",
        "rekomendasi",
    ]
    # a result without recommendation counted as followed up: Q1 R1, R3 / R1, R2, R3 -> 2/3
    assert nd(compute(i, "2022Q1", result_without_recommendation="counts_followed_up")) == (2, 3)
    assert nd(compute(i, "2022Q1", result_without_recommendation="counts_not_followed_up")) == (
        1,
        3,
    )
    # "proses" counting as followed up: c was "proses" on 31 Mar -> Q1 2/2; e "belum" -> Q2 1/2
    both = ["selesai", "proses"]
    assert nd(compute(i, "2022Q1", followup_status=both)) == (2, 2)
    assert nd(compute(i, "2022Q2", followup_status=both)) == (1, 2)
    # the result's own date places R7 (3 Jan 2023) in 2023Q1: Q4 0/0; 2023Q1 g done 10 Jan -> 1/1
    assert nd(compute(i, "2022Q4", period_date="result_date")) == (0, 0)
    assert nd(compute(i, "2023Q1", period_date="result_date")) == (1, 1)
    # drafts counted when the setting says so: Q3 R6 (f done 2 Aug) -> 1/1
    assert nd(compute(i, "2022Q3", activity_status=["draft", "submitted", "verified"])) == (1, 1)
    # another field's indicator sees none of these records
    assert nd(compute(ind("2.3"), "2022")) == (0, 0)


def test_unknown_setting_is_refused(scenario: Any, ind: Any) -> None:
    with pytest.raises(ValueError, match="count"):
        compute(ind("2.1"), "2022Q1", count="percent")


def test_register_flows_into_stored_values(scenario: Any, ind: Any) -> None:
    """The trusted calls of the scenario refreshed the quarter values (no typing)."""
    values = {
        v.period: v
        for v in IndicatorValue.objects.filter(indicator=ind("2.1"), period__startswith="2022")
    }
    assert (values["2022Q1"].numerator, values["2022Q1"].denominator) == (1, 2)
    assert values["2022Q1"].value == Decimal(50)  # 1/2 × 100
    assert values["2022Q1"].source == "register"
    assert (values["2022Q2"].numerator, values["2022Q2"].denominator) == (1, 2)
    assert values["2022Q4"].value == Decimal(0)  # 0/1 × 100
    assert values["2022Q3"].value is None  # the draft created the value with 0/0


def test_year_row_is_the_registers_year_not_a_sum_of_quarters(scenario: Any, ind: Any) -> None:
    """The year row of the dashboard and of ``kinerja capaian`` shows the register's count for the
    year, stored like a quarter: R2's follow-up was completed on 5 Apr, after Q1, so it counts in
    no quarter (1/2 + 1/2 + 0/0 + 0/1 = 2/5 summed) but in the year (3/5 = 60 %), and the year's
    records are exactly the ones counted."""
    from kinerja.accounts.access import OrganisationReader
    from kinerja.measurement.selectors import capaian_records, performance_table

    mayang = ind("2.1").decree.organisation
    stored = IndicatorValue.objects.get(indicator=ind("2.1"), organisation=mayang, period="2022")
    assert (stored.numerator, stored.denominator, stored.source) == (3, 5, "register")
    rows = performance_table(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    row = next(r for r in rows if r.indicator.code == "2.1")
    assert (row.year.numerator, row.year.denominator) == (3, 5)
    assert row.year.realization == Decimal(60)
    record = next(
        r for r in capaian_records(rows) if r["kode_indikator"] == "2.1" and r["periode"] == "2022"
    )
    assert (record["pembilang"], record["penyebut"], record["realisasi"]) == (3, 5, 60)
    assert sum("pembilang" in r["dihitung_pada"] for r in record["rincian"]) == 3
    assert sum("penyebut" in r["dihitung_pada"] for r in record["rincian"]) == 5


def test_projection_of_a_year_with_its_own_value_is_that_value(scenario: Any, ind: Any) -> None:
    """The quarters alone would project 2/5 = 40 % for 2022; the year's own count is 3/5 = 60 %,
    and that is what the dashboard says the year comes to."""
    from kinerja.accounts.access import OrganisationReader
    from kinerja.measurement.selectors import (
        assessment_for,
        performance_table,
        projections,
    )

    mayang = ind("2.1").decree.organisation
    rows = performance_table(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    by_code = {p.indicator.code: p for p in projections(rows, assessment=assessment_for(mayang))}
    assert by_code["2.1"].projected.value == Decimal(60)
    # without a stored year the quarters are projected: 2/5 × 100 = 40
    IndicatorValue.objects.filter(indicator=ind("2.1"), period="2022").delete()
    rows = performance_table(user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    by_code = {p.indicator.code: p for p in projections(rows, assessment=assessment_for(mayang))}
    assert by_code["2.1"].projected.value == Decimal(40)

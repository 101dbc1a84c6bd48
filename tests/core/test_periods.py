from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.periods import (
    Period,
    PeriodType,
    contains,
    months_of,
    parse_period,
    period_label,
    quarters_of,
    semesters_of,
    sub_periods,
    year_to_date,
)


@pytest.mark.parametrize(
    ("text", "kind", "index", "start", "end"),
    [
        ("2022", PeriodType.YEAR, 1, date(2022, 1, 1), date(2022, 12, 31)),
        ("2022S1", PeriodType.SEMESTER, 1, date(2022, 1, 1), date(2022, 6, 30)),
        ("2022S2", PeriodType.SEMESTER, 2, date(2022, 7, 1), date(2022, 12, 31)),
        ("2022Q1", PeriodType.QUARTER, 1, date(2022, 1, 1), date(2022, 3, 31)),
        ("2022Q2", PeriodType.QUARTER, 2, date(2022, 4, 1), date(2022, 6, 30)),
        ("2022Q3", PeriodType.QUARTER, 3, date(2022, 7, 1), date(2022, 9, 30)),
        ("2022Q4", PeriodType.QUARTER, 4, date(2022, 10, 1), date(2022, 12, 31)),
        ("2022-03", PeriodType.MONTH, 3, date(2022, 3, 1), date(2022, 3, 31)),
        ("2024-02", PeriodType.MONTH, 2, date(2024, 2, 1), date(2024, 2, 29)),
        ("2022-02", PeriodType.MONTH, 2, date(2022, 2, 1), date(2022, 2, 28)),
    ],
)
def test_parse_dates_and_round_trip(
    text: str, kind: PeriodType, index: int, start: date, end: date
) -> None:
    period = parse_period(text)
    assert (period.type, period.year, period.index) == (kind, int(text[:4]), index)
    assert (period.start, period.end) == (start, end)
    assert str(period) == text
    assert Period.parse(text) == period


def test_parse_is_lenient_about_case_and_spaces_only() -> None:
    assert str(parse_period(" 2022q3 ")) == "2022Q3"
    assert str(parse_period("2022s2")) == "2022S2"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "22",
        "2022Q5",
        "2022Q0",
        "2022S3",
        "2022-13",
        "2022-00",
        "2022-3",
        "2022M03",
        "Q1 2022",
        "2022 Q1",
        "tahun 2022",
        "0000",
        "2022-03-01",
        "20222",
    ],
)
def test_parse_rejects_garbage(bad: str) -> None:
    with pytest.raises(ValueError, match="period|year"):
        parse_period(bad)


def test_labels() -> None:
    assert [q.short_label for q in quarters_of(2022)] == ["TW I", "TW II", "TW III", "TW IV"]
    assert [s.short_label for s in semesters_of(2022)] == ["Semester I", "Semester II"]
    assert parse_period("2022Q3").label == "TW III 2022"
    assert parse_period("2022S1").label == "Semester I 2022"
    assert parse_period("2022-03").label == "Maret 2022"
    assert parse_period("2022").label == "Tahun 2022"
    assert parse_period("2022").short_label == "Tahun 2022"


@pytest.mark.parametrize(
    ("period", "language", "options", "expected"),
    [
        ("2025", "id", {}, "Tahun 2025"),
        ("2025S1", "id", {}, "Semester I 2025"),
        ("2025Q4", "id", {}, "TW IV 2025"),
        ("2025Q2", "id", {}, "TW II 2025"),
        ("2025-01", "id", {}, "Januari 2025"),
        ("2025-12", "id", {}, "Desember 2025"),
        ("2025Q3", "id", {"with_year": False}, "TW III"),
        ("2025S2", "id", {"with_year": False}, "Semester II"),
        ("2025-08", "id", {"with_year": False}, "Agustus"),
        ("2025", "id", {"with_year": False}, "Tahun 2025"),
        ("2025Q2", "id", {"formal": True}, "Triwulan II Tahun 2025"),
        ("2025S1", "id", {"formal": True}, "Semester I Tahun 2025"),
        ("2025Q4", "id", {"formal": True, "with_year": False}, "Triwulan IV"),
        ("2025", "id", {"formal": True}, "Tahun 2025"),
        ("2025-03", "id", {"formal": True}, "Maret 2025"),
        ("2025", "en", {}, "Year 2025"),
        ("2025Q4", "en", {}, "Q4 2025"),
        ("2025S2", "en", {}, "H2 2025"),
        ("2025-01", "en", {}, "January 2025"),
        ("2025Q1", "en", {"with_year": False}, "Q1"),
        ("2025Q3", "en", {"formal": True}, "Quarter 3 2025"),
        ("2025Q3", "en-us", {}, "Q3 2025"),
        # any language but English is written in Indonesian, the default
        ("2025Q3", "fr", {}, "TW III 2025"),
    ],
)
def test_period_label(period: str, language: str, options: dict, expected: str) -> None:
    assert period_label(period, language, **options) == expected
    assert period_label(parse_period(period), language, **options) == expected


def test_period_label_of_a_year_given_as_a_number_and_of_garbage() -> None:
    assert period_label(2024) == "Tahun 2024"
    assert period_label(2024, "en") == "Year 2024"
    with pytest.raises(ValueError, match="period"):
        period_label("2024Q5")
    with pytest.raises(TypeError):
        period_label(True)  # type: ignore[arg-type]


@given(st.integers(1, 9999), st.integers(1, 4), st.sampled_from(["id", "en"]))
def test_period_label_never_prints_the_iso_form(year: int, quarter: int, language: str) -> None:
    period = Period(PeriodType.QUARTER, year, quarter)
    label = period_label(period, language)
    assert str(period) not in label
    assert label.endswith(f" {year}")


def test_contains() -> None:
    year, s1, q2, q3, march = (
        parse_period(t) for t in ("2022", "2022S1", "2022Q2", "2022Q3", "2022-03")
    )
    assert contains(year, q3) and contains(s1, q2) and contains(s1, march) and contains(q2, q2)
    assert not contains(s1, q3)
    assert not contains(q2, s1)
    assert not contains(parse_period("2023"), q3)
    assert year.contains(march)


def test_splitting() -> None:
    assert [str(p) for p in quarters_of(2022)] == ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    assert [str(p) for p in quarters_of(parse_period("2022S2"))] == ["2022Q3", "2022Q4"]
    assert [str(p) for p in months_of(parse_period("2022Q2"))] == ["2022-04", "2022-05", "2022-06"]
    assert len(months_of(2022)) == 12
    assert sub_periods(parse_period("2022Q1"), PeriodType.QUARTER) == [parse_period("2022Q1")]
    with pytest.raises(ValueError):
        sub_periods(parse_period("2022Q1"), PeriodType.SEMESTER)


def test_year_to_date() -> None:
    assert [str(p) for p in year_to_date(parse_period("2022Q3"))] == ["2022Q1", "2022Q2", "2022Q3"]
    assert [str(p) for p in year_to_date(parse_period("2022-02"))] == ["2022-01", "2022-02"]
    assert [str(p) for p in year_to_date(parse_period("2022"))] == ["2022"]


def test_ordering() -> None:
    texts = ["2023", "2022-02", "2022Q2", "2022-01", "2022S1", "2022", "2022Q1", "2021Q4"]
    ordered = [str(p) for p in sorted(parse_period(t) for t in texts)]
    assert ordered == ["2021Q4", "2022", "2022S1", "2022Q1", "2022-01", "2022-02", "2022Q2", "2023"]
    assert parse_period("2022Q1") < parse_period("2022Q2") <= parse_period("2022Q2")


def test_invalid_construction() -> None:
    with pytest.raises(ValueError):
        Period(PeriodType.QUARTER, 2022, 5)


periods = st.builds(
    lambda kind, year, raw: Period(kind, year, raw % kind.per_year + 1),
    st.sampled_from(list(PeriodType)),
    st.integers(1000, 9999),
    st.integers(0, 11),
)


@settings(max_examples=200)
@given(periods)
def test_str_parse_round_trip(period: Period) -> None:
    assert parse_period(str(period)) == period


@settings(max_examples=200)
@given(periods, periods)
def test_contains_matches_dates(a: Period, b: Period) -> None:
    assert contains(a, b) == (a.start <= b.start and b.end <= a.end)
    if a != b:
        assert (a < b) != (b < a)


@settings(max_examples=100)
@given(periods, st.sampled_from(list(PeriodType)))
def test_sub_periods_tile_the_period(period: Period, kind: PeriodType) -> None:
    if kind.months > period.type.months:
        return
    parts = sub_periods(period, kind)
    assert parts[0].start == period.start and parts[-1].end == period.end
    assert all(contains(period, p) for p in parts)
    assert all((b.start - a.end).days == 1 for a, b in zip(parts, parts[1:], strict=False))

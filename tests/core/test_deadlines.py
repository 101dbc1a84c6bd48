from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.deadlines import Completeness, completeness, deadline
from kinerja.core.periods import Period, PeriodType, parse_period

Q1 = parse_period("2022Q1")


def test_deadline_is_days_after_the_quarter_end() -> None:
    # TW I ends 31 March 2022; + 10 days = 10 April 2022.
    assert deadline(Q1) == date(2022, 4, 10)
    # TW IV ends 31 December 2022; + 15 days = 15 January 2023.
    assert deadline(parse_period("2022Q4"), 15) == date(2023, 1, 15)
    assert deadline(Q1, 0) == date(2022, 3, 31)
    with pytest.raises(ValueError):
        deadline(Q1, -1)


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        (None, date(2022, 3, 31), Completeness.NOT_DUE),  # last day of the quarter
        (None, date(2022, 4, 1), Completeness.OPEN),
        (None, date(2022, 4, 10), Completeness.OPEN),  # the deadline day is still on time
        (None, date(2022, 4, 11), Completeness.OVERDUE),
        ("draft", date(2022, 5, 1), Completeness.OVERDUE),
        ("returned", date(2022, 5, 1), Completeness.OVERDUE),
        ("submitted", date(2022, 5, 1), Completeness.DONE),
        ("verified", date(2022, 5, 1), Completeness.DONE),
        ("approved", date(2022, 2, 1), Completeness.DONE),
    ],
)
def test_completeness(status: str | None, today: date, expected: Completeness) -> None:
    assert completeness(Q1, status, today, 10) == expected


@settings(deadline=None)
@given(
    st.integers(2000, 2100),
    st.integers(1, 4),
    st.integers(0, 60),
    st.dates(date(1999, 1, 1), date(2102, 1, 1)),
)
def test_unsubmitted_state_follows_the_calendar(year: int, q: int, days: int, today: date) -> None:
    period = Period(PeriodType.QUARTER, year, q)
    state = completeness(period, None, today, days)
    due = period.end + timedelta(days=days)
    if today <= period.end:
        assert state is Completeness.NOT_DUE
    elif today <= due:
        assert state is Completeness.OPEN
    else:
        assert state is Completeness.OVERDUE
    # Submitting always completes, whatever the day.
    assert completeness(period, "submitted", today, days) is Completeness.DONE

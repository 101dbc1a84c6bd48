"""Reporting deadlines of quarterly values and the completeness state of one value.

A quarter's realization is due some days after the quarter ends; the number of days is the regency's
``AssessmentPolicy.deadline_days`` (default 10, a common practice [S], kept configurable [D]).
The deadline day itself is still on time [D].
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from kinerja.core.periods import Period

__all__ = [
    "DEFAULT_DEADLINE_DAYS",
    "DONE_STATUSES",
    "Completeness",
    "completeness",
    "deadline",
]

DEFAULT_DEADLINE_DAYS = 10
"""Days after the end of a period by which its value must be submitted [D default]."""

DONE_STATUSES = frozenset({"submitted", "verified", "approved"})
"""Workflow states in which the responsible section has done its part (submitted)."""


class Completeness(StrEnum):
    """Where a period's value stands against its deadline."""

    DONE = "done"
    """Submitted (or further along the workflow)."""
    NOT_DUE = "not_due"
    """The period has not ended yet."""
    OPEN = "open"
    """The period has ended, the deadline not yet passed, nothing submitted."""
    OVERDUE = "overdue"
    """The deadline has passed and nothing was submitted."""


def deadline(period: Period, days: int = DEFAULT_DEADLINE_DAYS) -> date:
    """Last day to submit the value of ``period``: ``days`` days after its last day.

    ``2022Q1`` (ends 31 March) with 10 days gives 10 April 2022. ``ValueError`` for negative days.
    """
    if days < 0:
        raise ValueError(f"deadline days must not be negative: {days}")
    return period.end + timedelta(days=days)


def completeness(
    period: Period, status: str | None, today: date, days: int = DEFAULT_DEADLINE_DAYS
) -> Completeness:
    """State of the value of ``period`` whose workflow status is ``status`` (``None``: no value).

    Submitted, verified and approved values are done whatever the date; otherwise the value is not due
    while the period runs (up to and including its last day), open until the deadline (inclusive) and
    overdue after it. A returned value counts as not submitted.
    """
    if status in DONE_STATUSES:
        return Completeness.DONE
    if today <= period.end:
        return Completeness.NOT_DUE
    if today <= deadline(period, days):
        return Completeness.OPEN
    return Completeness.OVERDUE

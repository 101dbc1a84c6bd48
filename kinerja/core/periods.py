"""Reporting periods written as ISO-like strings: ``2022``, ``2022S1``, ``2022Q3``, ``2022-03``.

Indonesian performance reporting runs on the calendar year (the fiscal year, UU 17/2003 Pasal 4 [S]), its
quarters ("triwulan", TW I..TW IV, used for quarterly PK targets and realizations [S]), its semesters and
its months. The string forms follow DHIS2's period identifiers, which the project adopted [D] (domain.md
section 2, "Aggregating periods").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import total_ordering

__all__ = [
    "Period",
    "PeriodType",
    "contains",
    "months_of",
    "parse_period",
    "period_label",
    "quarters_of",
    "semesters_of",
    "sub_periods",
    "year_to_date",
]

_PATTERN = re.compile(r"(?P<year>[0-9]{4})(?:S(?P<s>[12])|Q(?P<q>[1-4])|-(?P<m>0[1-9]|1[0-2]))?")
_ROMAN = ("I", "II", "III", "IV")
_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class PeriodType(StrEnum):
    """The kinds of period, each with the number of months it spans."""

    YEAR = "year"
    SEMESTER = "semester"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def months(self) -> int:
        """Length in months: 12, 6, 3 or 1."""
        return {"year": 12, "semester": 6, "quarter": 3, "month": 1}[self.value]

    @property
    def per_year(self) -> int:
        """How many periods of this type make a year."""
        return 12 // self.months


@total_ordering
@dataclass(frozen=True, eq=True)
class Period:
    """One calendar period: a type, a year and a 1-based index within the year.

    Ordering is chronological by start date; when two periods start together the longer one comes
    first (``2022 < 2022S1 < 2022Q1 < 2022-01 < 2022-02``), which is the order of report tables.
    """

    type: PeriodType
    year: int
    index: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if not 1 <= self.index <= self.type.per_year:
            raise ValueError(f"{self.type.value} index out of range: {self.index}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Alias of :func:`parse_period`."""
        return parse_period(text)

    @classmethod
    def year_of(cls, year: int) -> Period:
        """The whole year ``year``."""
        return cls(PeriodType.YEAR, year)

    def __str__(self) -> str:
        if self.type is PeriodType.YEAR:
            return f"{self.year:04d}"
        if self.type is PeriodType.SEMESTER:
            return f"{self.year:04d}S{self.index}"
        if self.type is PeriodType.QUARTER:
            return f"{self.year:04d}Q{self.index}"
        return f"{self.year:04d}-{self.index:02d}"

    @property
    def first_month(self) -> int:
        """Calendar month (1..12) in which the period starts."""
        return (self.index - 1) * self.type.months + 1

    @property
    def last_month(self) -> int:
        """Calendar month (1..12) in which the period ends."""
        return self.index * self.type.months

    @property
    def start(self) -> date:
        """First day of the period."""
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        return date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    @property
    def short_label(self) -> str:
        """Indonesian label without the year (:func:`period_label`): ``"TW III"``, ``"Maret"``."""
        return period_label(self, "id", with_year=False)

    @property
    def label(self) -> str:
        """Indonesian label (:func:`period_label`): ``"TW III 2022"``, ``"Tahun 2022"``."""
        return period_label(self, "id")

    def contains(self, other: Period) -> bool:
        """True when ``other`` lies wholly inside this period (a period contains itself)."""
        return contains(self, other)

    def sort_key(self) -> tuple[int, int, int]:
        """Key of the chronological order: start month, then longer periods first."""
        return (self.year, self.first_month, -self.type.months)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def parse_period(text: str) -> Period:
    """Parse ``"2022"``, ``"2022S1"``, ``"2022Q3"`` or ``"2022-03"`` (``ValueError`` otherwise).

    Surrounding spaces are ignored and ``s``/``q`` may be lower case; ``str()`` of the result gives the
    canonical form back.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    match = _PATTERN.fullmatch(text.strip().upper())
    if match is None:
        raise ValueError(
            f"not a period: {text!r} (expected YYYY, YYYYS1-2, YYYYQ1-4 or YYYY-MM, e.g. 2022Q3)"
        )
    year = int(match["year"])
    if year < 1:
        raise ValueError(f"year out of range: {text!r}")
    if match["s"]:
        return Period(PeriodType.SEMESTER, year, int(match["s"]))
    if match["q"]:
        return Period(PeriodType.QUARTER, year, int(match["q"]))
    if match["m"]:
        return Period(PeriodType.MONTH, year, int(match["m"]))
    return Period(PeriodType.YEAR, year)


def period_label(
    period: Period | str | int,
    language: str = "id",
    *,
    with_year: bool = True,
    formal: bool = False,
) -> str:
    """The one way a period is written for people; the ISO form (``2025Q4``) is for URLs and files.

    Indonesian (``language="id"``, the default and the fallback for any language but English):
    ``"Tahun 2025"``, ``"Semester I 2025"``, ``"TW IV 2025"``, ``"Januari 2025"`` — triwulan
    written "TW" with a Roman numeral as in the PK forms [S]. ``formal=True`` gives the wording of
    document titles and tables: ``"Triwulan IV Tahun 2025"``, ``"Semester I Tahun 2025"``.
    English (``"en"``, ``"en-us"``): ``"Year 2025"``, ``"H1 2025"``, ``"Q4 2025"``,
    ``"January 2025"`` (formal: ``"Quarter 4 2025"``, ``"Half-year 1 2025"``).

    ``with_year=False`` drops the year of a part of a year (``"TW IV"``, column headers); a year
    keeps it (``"Tahun 2025"``). ``period`` may be a :class:`Period`, its ISO text or a year
    (``ValueError`` for text that is not a period).
    """
    if isinstance(period, bool):
        raise TypeError("a period, its text or a year, not a bool")
    if isinstance(period, int):
        period = Period.year_of(period)
    elif isinstance(period, str):
        period = parse_period(period)
    english = language.lower().startswith("en")
    year = period.year
    if period.type is PeriodType.YEAR:
        return f"Year {year}" if english else f"Tahun {year}"
    if period.type is PeriodType.MONTH:
        part = (_MONTHS_EN if english else _MONTHS_ID)[period.index - 1]
        return f"{part} {year}" if with_year else part
    if english:
        if period.type is PeriodType.QUARTER:
            part = f"Quarter {period.index}" if formal else f"Q{period.index}"
        else:
            part = f"Half-year {period.index}" if formal else f"H{period.index}"
        return f"{part} {year}" if with_year else part
    part = ("Triwulan " if formal else "TW ") if period.type is PeriodType.QUARTER else "Semester "
    part += _ROMAN[period.index - 1]
    if not with_year:
        return part
    return f"{part} Tahun {year}" if formal else f"{part} {year}"


def contains(outer: Period, inner: Period) -> bool:
    """True when ``inner`` lies wholly inside ``outer`` (``contains(p, p)`` is true)."""
    return (
        outer.year == inner.year
        and outer.first_month <= inner.first_month
        and inner.last_month <= outer.last_month
    )


def sub_periods(period: Period, kind: PeriodType) -> list[Period]:
    """The periods of type ``kind`` that make up ``period``, in order (``ValueError`` if ``kind`` is longer)."""
    if kind.months > period.type.months:
        raise ValueError(f"a {period.type.value} cannot be split into {kind.value}s")
    first = (period.first_month - 1) // kind.months + 1
    count = period.type.months // kind.months
    return [Period(kind, period.year, i) for i in range(first, first + count)]


def quarters_of(year: int | Period) -> list[Period]:
    """The four quarters (TW I..TW IV) of a year, or the quarters of a year or semester period."""
    period = year if isinstance(year, Period) else Period.year_of(year)
    return sub_periods(period, PeriodType.QUARTER)


def semesters_of(year: int | Period) -> list[Period]:
    """The two semesters of a year (or the semester itself)."""
    period = year if isinstance(year, Period) else Period.year_of(year)
    return sub_periods(period, PeriodType.SEMESTER)


def months_of(period: int | Period) -> list[Period]:
    """The months of a period (a year given as ``int`` means its twelve months)."""
    whole = period if isinstance(period, Period) else Period.year_of(period)
    return sub_periods(whole, PeriodType.MONTH)


def year_to_date(period: Period) -> list[Period]:
    """Periods of the same type from the start of the year up to and including ``period``.

    ``2022Q3`` -> ``[2022Q1, 2022Q2, 2022Q3]``; ``2022-02`` -> ``[2022-01, 2022-02]``; a year gives itself.
    Cumulative ("s.d. TW III") realizations are the aggregation of these periods.
    """
    return [Period(period.type, period.year, i) for i in range(1, period.index + 1)]

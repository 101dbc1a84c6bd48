"""Reads of measured performance: the one table every output uses.

:func:`performance_table` is what the dashboard, ``kinerja capaian``, the API and the reports read,
so a number is the same everywhere. It reads values and targets through ``for_user`` and leaves all
arithmetic to ``kinerja.core`` (aggregation, achievement, predikat, projection, deadlines).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q

from kinerja.accounts.access import Action, UserLike, can_act_in, kecamatan_ids, scope_q
from kinerja.accounts.models import Role
from kinerja.common.periods import period_label
from kinerja.core import achievement as core_achievement
from kinerja.core.aggregation import AggregationRule, Value, aggregate, compute_value
from kinerja.core.deadlines import DEFAULT_DEADLINE_DAYS, Completeness, completeness
from kinerja.core.numbers import round_half_up
from kinerja.core.periods import Period, parse_period, quarters_of
from kinerja.core.predikat import DEFAULT_TABLE, ThresholdTable, table_from_rows
from kinerja.core.projection import Risk, project_year, risk
from kinerja.iku.models import PUBLISHED_STATUSES, Aggregation, Decree, Indicator
from kinerja.measurement.models import (
    ApprovalSteps,
    AssessmentPolicy,
    IndicatorValue,
    ValueStatus,
    WorkflowSettings,
)
from kinerja.organisations.models import Organisation

__all__ = [
    "Assessment",
    "Cell",
    "IndicatorRow",
    "ApprovalQueue",
    "Rater",
    "approvable_statuses",
    "approval_queue",
    "approval_steps_for",
    "assessment_for",
    "capaian_records",
    "completeness_board",
    "decree_for_year",
    "is_red",
    "performance_table",
    "projections",
    "target_for",
    "value_achievement",
    "status_label",
    "value_notes",
    "values_waiting_count",
    "workflow_settings_history",
    "years_with_data",
    "years_with_values",
]

AT_RISK_BAND = "Tinggi"
"""The predikat band whose lower bound marks a projection "at risk" (docs/dashboard.md) [D]."""


@dataclass(frozen=True)
class Cell:
    """One indicator in one period: target, components, realization, achievement and rating.

    ``realization`` and ``achievement`` are unrounded; round only for display.
    """

    period: str
    target: Decimal | None = None
    target_upper: Decimal | None = None
    target_grade: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    realization: Decimal | None = None
    grade: str = ""
    achievement: Decimal | None = None
    predikat: str | None = None
    colour: str | None = None
    status: str | None = None
    source: str = "derived"
    value_id: int | None = None
    organisation_id: int | None = None

    @property
    def label(self) -> str:
        """The period without its year in the active language: ``TW I``; ``Tahun 2022``."""
        return period_label(self.period, with_year=False)

    @property
    def has_value(self) -> bool:
        return self.realization is not None or bool(self.grade)

    @property
    def unapproved(self) -> bool:
        """A stored value not (yet) approved; documents print it with an asterisk."""
        return self.status is not None and self.status != ValueStatus.APPROVED


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator's year: the four quarters, the cumulative year to date (the cell of ``2022Q2``
    is TW I..TW II) and the full year."""

    indicator: Indicator
    quarters: list[Cell]
    year_to_date: list[Cell]
    year: Cell


@dataclass(frozen=True)
class Assessment:
    """The rating rules in force for a kecamatan: its regency's policy or the defaults."""

    lower_rule: core_achievement.LowerRule = core_achievement.LowerRule.TWO_MINUS_RATIO
    cap: Decimal | None = None
    table: ThresholdTable = DEFAULT_TABLE
    deadline_days: int = DEFAULT_DEADLINE_DAYS

    @property
    def at_risk_below(self) -> Decimal:
        """Lower bound of the "Tinggi" band; 100 when the table has no such band [D]."""
        for band in self.table.bands:
            if band.label == AT_RISK_BAND and band.lower is not None:
                return Decimal(band.lower.numerator) / Decimal(band.lower.denominator)
        return Decimal(100)


_LOWER_RULES = {
    "2-r/t": core_achievement.LowerRule.TWO_MINUS_RATIO,
    "t/r": core_achievement.LowerRule.INVERSE_RATIO,
}


def assessment_for(organisation: Organisation) -> Assessment:
    """The regency's :class:`AssessmentPolicy` for ``organisation`` (a kecamatan), else the
    kecamatan's own, else defaults."""
    ids = [x for x in (organisation.parent_id, organisation.pk) if x]
    policies = {
        p.organisation_id: p for p in AssessmentPolicy.objects.filter(organisation_id__in=ids)
    }
    policy = next((policies[i] for i in ids if i in policies), None)
    if policy is None:
        return Assessment()
    table = (
        table_from_rows(policy.predikat_rows, name=str(policy))
        if policy.predikat_rows
        else DEFAULT_TABLE
    )
    return Assessment(
        lower_rule=_LOWER_RULES.get(
            policy.lower_better_rule, core_achievement.LowerRule.TWO_MINUS_RATIO
        ),
        cap=policy.achievement_cap,
        table=table,
        deadline_days=policy.deadline_days,
    )


# ---------------------------------------------------------------- the approval workflow


def approval_steps_for(organisation: Organisation) -> ApprovalSteps:
    """How ``organisation`` (a kecamatan) approves its values: its :class:`WorkflowSettings`, or
    three steps (submitted → verified → approved) where it has none."""
    steps = (
        WorkflowSettings.objects.filter(organisation=organisation)
        .values_list("approval_steps", flat=True)
        .first()
    )
    return ApprovalSteps(steps) if steps else ApprovalSteps.THREE


def approvable_statuses(organisation: Organisation) -> tuple[ValueStatus, ...]:
    """The statuses the Camat approves a value from: verified; submitted too in a kecamatan that
    works in two steps."""
    if approval_steps_for(organisation) == ApprovalSteps.TWO:
        return (ValueStatus.SUBMITTED, ValueStatus.VERIFIED)
    return (ValueStatus.VERIFIED,)


def _two_step_ids(ids: set[int] | None) -> set[int]:
    """Of the kecamatan ``ids`` (None: all), those that work in two steps."""
    rows = WorkflowSettings.objects.filter(approval_steps=ApprovalSteps.TWO)
    if ids is not None:
        rows = rows.filter(organisation_id__in=ids)
    return set(rows.values_list("organisation_id", flat=True))


@dataclass(frozen=True)
class ApprovalQueue:
    """The values of the user's kecamatan waiting in the workflow, as the approval queue shows
    them: submitted values wait for the Perencana's verification; verified values (and, where the
    kecamatan works in two steps, submitted ones too) are ready for the Camat's approval."""

    waiting_verification: list[IndicatorValue]
    ready_for_approval: list[IndicatorValue]
    two_step_ids: set[int]


def approval_queue(*, user: UserLike) -> ApprovalQueue:
    """The queue of the kecamatan where ``user`` is Perencana or Camat (empty elsewhere)."""
    ids = kecamatan_ids(user, {Role.PERENCANA, Role.CAMAT})
    if ids is not None and not ids:
        return ApprovalQueue([], [], set())
    values = (
        IndicatorValue.objects.for_user(user, Action.VIEW)
        .filter(status__in=[ValueStatus.SUBMITTED, ValueStatus.VERIFIED])
        .select_related("indicator", "organisation", "submitted_by", "verified_by")
        .order_by("organisation__code", "submitted_at", "indicator__code", "period_start")
    )
    if ids is not None:
        values = values.filter(organisation_id__in=ids)
    two_step = _two_step_ids(ids)
    rows = list(values)
    return ApprovalQueue(
        waiting_verification=[v for v in rows if v.status == ValueStatus.SUBMITTED],
        ready_for_approval=[
            v for v in rows if v.status == ValueStatus.VERIFIED or v.organisation_id in two_step
        ],
        two_step_ids=two_step,
    )


def workflow_settings_history(*, user: UserLike, organisation: Organisation) -> list[Any]:
    """The changes of ``organisation``'s approval workflow, newest first, with who and why
    (members of the kecamatan only)."""
    if not can_act_in(user, Action.VIEW, organisation):
        return []
    return list(
        WorkflowSettings.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:50]
    )


def values_waiting_count(*, user: UserLike) -> int:
    """How many values wait for ``user``'s own step, across the kecamatan they may act in (the
    menu badge): submitted values where the user is Perencana (to verify), verified values where
    the user is Camat (to approve) and, where that kecamatan works in two steps, its submitted
    values too. Each value counts once. At most four queries."""
    verify_ids = kecamatan_ids(user, {Role.PERENCANA})
    approve_ids = kecamatan_ids(user, {Role.CAMAT})

    def within(ids: set[int] | None) -> Q:
        return Q() if ids is None else Q(organisation_id__in=ids)

    conditions: list[Q] = []
    if verify_ids is None or verify_ids:
        conditions.append(Q(status=ValueStatus.SUBMITTED) & within(verify_ids))
    if approve_ids is None or approve_ids:
        conditions.append(Q(status=ValueStatus.VERIFIED) & within(approve_ids))
        two_step = _two_step_ids(approve_ids)
        if two_step:
            conditions.append(Q(status=ValueStatus.SUBMITTED, organisation_id__in=two_step))
    if not conditions:
        return 0
    waiting = conditions[0]
    for condition in conditions[1:]:
        waiting |= condition
    return IndicatorValue.objects.filter(waiting).count()


def decree_for_year(*, user: UserLike, organisation: Organisation, year: int) -> Decree | None:
    """The IKU decree that applies to ``year``: the published decree of the organisation that took
    effect last on or before 31 December of that year; else the one in force."""
    decrees = (
        Decree.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation, status__in=PUBLISHED_STATUSES)
        .select_related("organisation")
    )
    found = (
        decrees.filter(
            Q(effective_date__lte=date(year, 12, 31))
            | Q(effective_date__isnull=True, date_signed__lte=date(year, 12, 31))
        )
        .order_by(F("effective_date").desc(nulls_last=True), "-date_signed", "-pk")
        .first()
    )
    return found or decrees.filter(status="in_force").order_by("-pk").first()


def _targets(
    *, user: UserLike, organisation: Organisation, year: int, indicator_ids: Iterable[int]
) -> dict[tuple[int, str], Any]:
    """PK targets of the year keyed by (indicator id, period). Members of the kecamatan see every
    target; anybody else only the targets of a signed PK (a signed PK is a public document)."""
    from kinerja.planning.models import Target

    rows = Target.objects.filter(
        scope_q(
            user,
            Action.VIEW,
            organisation_path="agreement__organisation",
            public=Q(agreement__status="signed"),
        ),
        agreement__organisation=organisation,
        agreement__year=year,
        indicator_id__in=list(indicator_ids),
    )
    return {(t.indicator_id, t.period): t for t in rows}


def _stored_value(row: IndicatorValue, factor: Decimal) -> Value:
    realization = (
        row.value
        if row.value is not None
        else compute_value(row.numerator, row.denominator, factor)
    )
    return Value(row.numerator, row.denominator, realization)


def _target_value(target: Any) -> tuple[Decimal | None, Decimal | None, str]:
    if target is None:
        return None, None, ""
    return target.target, target.target_upper, target.target_grade


class Rater:
    """Achievement and predikat of one indicator under an :class:`Assessment` (the dashboard's
    rules; documents that rate other values, e.g. the LKjIP's previous years, use it too)."""

    def __init__(
        self, indicator: Indicator, assessment: Assessment, organisation_id: int | None = None
    ) -> None:
        self.indicator = indicator
        self.assessment = assessment
        self.organisation_id = organisation_id
        self.scale = core_achievement.SCALES.get(indicator.scale)

    def achievement(
        self,
        *,
        realization: Decimal | None,
        grade: str,
        target: Decimal | None,
        target_upper: Decimal | None,
        target_grade: str,
    ) -> Decimal | None:
        cap = self.assessment.cap
        if self.scale is not None:
            if not grade or not target_grade:
                return None
            try:
                return core_achievement.achievement_ordinal(
                    grade, target_grade, self.scale, cap=cap
                )
            except ValueError:
                return None  # a grade not on the scale: not computable, shown as "—"
        polarity = self.indicator.polarity
        if polarity == "range" and target_upper is None:
            polarity = "higher"  # a range indicator with a single target is measured against it
        try:
            return core_achievement.achievement(
                realization,
                target,
                polarity,
                target_upper=target_upper,
                lower_rule=self.assessment.lower_rule,
                cap=cap,
            )
        except ValueError:
            return None

    def cell(
        self,
        period: str,
        value: Value,
        target: tuple[Decimal | None, Decimal | None, str],
        *,
        grade: str = "",
        stored: IndicatorValue | None = None,
    ) -> Cell:
        t, t_upper, t_grade = target
        achieved = self.achievement(
            realization=value.value,
            grade=grade,
            target=t,
            target_upper=t_upper,
            target_grade=t_grade,
        )
        band = self.assessment.table.classify(achieved) if achieved is not None else None
        return Cell(
            period=period,
            target=t,
            target_upper=t_upper,
            target_grade=t_grade,
            numerator=value.numerator,
            denominator=value.denominator,
            realization=value.value,
            grade=grade,
            achievement=achieved,
            predikat=band.label if band else None,
            colour=band.colour if band else None,
            status=stored.status if stored is not None else None,
            source=stored.source if stored is not None else "derived",
            value_id=stored.pk if stored is not None else None,
            organisation_id=self.organisation_id,
        )


# ---------------------------------------------------------------- one value against its target


def target_for(*, value: IndicatorValue) -> Any:
    """The PK target of the value's period (the year's agreement, signed or draft); for a quarter
    without its own target, the annual target unless the indicator sums over periods [D].

    No ``user``: it is the target of a value the caller has already read through ``for_user``."""
    from kinerja.planning.models import Target

    key = parse_period(value.period)
    targets = Target.objects.filter(
        agreement__organisation=value.organisation,
        agreement__year=key.year,
        agreement__status__in=["signed", "draft"],
        indicator=value.indicator,
    )
    target = targets.filter(period=value.period).first()
    if target is None and value.indicator.aggregation != Aggregation.SUM:
        target = targets.filter(period=str(key.year)).first()
    return target


def value_achievement(*, value: IndicatorValue) -> Decimal | None:
    """Achievement of the value against its PK target (None when either is missing), rated by
    the kecamatan's rules as every table rates it (:class:`Rater`)."""
    target = target_for(value=value)
    if target is None:
        return None
    return Rater(value.indicator, assessment_for(value.organisation)).achievement(
        realization=value.value,
        grade=value.grade,
        target=target.target,
        target_upper=target.target_upper,
        target_grade=target.target_grade,
    )


def is_red(*, value: IndicatorValue) -> bool:
    """A rating in the lowest two bands of the predikat table (Rendah, Sangat Rendah by default):
    submitting it needs a note (kendala or upaya)."""
    result = value_achievement(value=value)
    if result is None:
        return False
    table = assessment_for(value.organisation).table
    band = table.classify(result)
    return table.bands.index(band) < 2


def _aggregate_targets(
    targets: list[tuple[Decimal | None, Decimal | None, str]], rule: str
) -> tuple[Decimal | None, Decimal | None, str]:
    """Target of a cumulative period from its quarters' targets [D, docs/dashboard.md]: the sum for
    ``sum`` indicators, the mean for ``average``, else (ratio, last) the last quarter's target."""
    known = [t for t in targets if t[0] is not None or t[2]]
    if not known:
        return None, None, ""
    if rule in ("sum", "average"):
        lowers = [t[0] for t in known if t[0] is not None]
        uppers = [t[1] for t in known if t[1] is not None]
        combine = aggregate(
            [Value(value=x) for x in lowers], rule
        ).value  # reuse the core's exact sum/mean
        combine_upper = (
            aggregate([Value(value=x) for x in uppers], rule).value
            if len(uppers) == len(lowers)
            else None
        )
        return combine, combine_upper, known[-1][2]
    return targets[-1] if (targets[-1][0] is not None or targets[-1][2]) else (None, None, "")


def value_notes(
    *, user: UserLike, organisation: Organisation, year: int, indicators: Iterable[Indicator]
) -> list[IndicatorValue]:
    """The stored values of ``indicators`` in ``year`` (its quarters and the year) as ``user`` may
    read them, ordered by period: what the documents print beside the numbers (kendala, upaya,
    rencana tindak lanjut)."""
    return list(
        IndicatorValue.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation, indicator__in=indicators, period__startswith=str(year))
        .order_by("period")
    )


def status_label(status: str | None) -> str:
    """The workflow status of a value in the active language ("" for none)."""
    return str(ValueStatus(status).label) if status else ""


def performance_table(
    *,
    user: UserLike,
    organisation: Organisation,
    year: int,
    approved_only: bool = False,
    assessment: Assessment | None = None,
) -> list[IndicatorRow]:
    """Every active indicator of the decree that applies to ``year``, in decree order, with its
    quarters, cumulative year to date and full year (see :class:`IndicatorRow`).

    Values are read through ``IndicatorValue.objects.for_user(user, VIEW)``; ``approved_only``
    keeps approved values only (what the public sees). A year value stored as such (e.g. the SKM's
    yearly index) wins over the aggregation of the quarters. ``assessment`` is
    :func:`assessment_for` the organisation, read here unless the caller has it already. A handful
    of queries whatever the number of indicators.
    """
    decree = decree_for_year(user=user, organisation=organisation, year=year)
    if decree is None:
        return []
    indicators = list(
        Indicator.objects.filter(decree=decree, archived_at__isnull=True)
        .select_related("goal", "responsible_unit")
        .order_by("goal__order", "order")
    )
    quarters = [str(q) for q in quarters_of(year)]
    year_key = str(year)
    values = IndicatorValue.objects.for_user(user, Action.VIEW).filter(
        organisation=organisation,
        indicator__in=indicators,
        period__in=[*quarters, year_key],
    )
    if approved_only:
        values = values.filter(status=ValueStatus.APPROVED)
    stored = {(v.indicator_id, v.period): v for v in values}
    targets = _targets(
        user=user,
        organisation=organisation,
        year=year,
        indicator_ids=[i.pk for i in indicators],
    )
    if assessment is None:
        assessment = assessment_for(organisation)

    result = []
    for indicator in indicators:
        rater = Rater(indicator, assessment, organisation.pk)
        rule = indicator.aggregation
        factor = indicator.factor
        q_values: list[Value] = []
        q_grades: list[str] = []
        q_targets = []
        q_cells = []
        for period in quarters:
            row = stored.get((indicator.pk, period))
            value = _stored_value(row, factor) if row is not None else Value()
            grade = row.grade if row is not None else ""
            target = _target_value(targets.get((indicator.pk, period)))
            q_values.append(value)
            q_grades.append(grade)
            q_targets.append(target)
            q_cells.append(rater.cell(period, value, target, grade=grade, stored=row))

        def derived(upto: int, period: str) -> Cell:
            value = aggregate(q_values[:upto], rule, factor)  # noqa: B023
            grades = [g for g in q_grades[:upto] if g]  # noqa: B023
            target = _aggregate_targets(q_targets[:upto], rule)  # noqa: B023
            return rater.cell(period, value, target, grade=grades[-1] if grades else "")  # noqa: B023

        ytd = [derived(n, quarters[n - 1]) for n in range(1, 5)]
        year_target = _target_value(targets.get((indicator.pk, year_key)))
        year_row = stored.get((indicator.pk, year_key))
        if year_row is not None and (
            year_row.value is not None
            or year_row.grade
            or (year_row.numerator is not None and year_row.denominator is not None)
        ):
            year_cell = rater.cell(
                year_key,
                _stored_value(year_row, factor),
                year_target,
                grade=year_row.grade,
                stored=year_row,
            )
        else:
            # A year row that only carries a target (no realization) follows from the quarters.
            full = derived(4, year_key)
            year_cell = rater.cell(
                year_key,
                Value(full.numerator, full.denominator, full.realization),
                year_target,
                grade=full.grade,
            )
        result.append(IndicatorRow(indicator, q_cells, ytd, year_cell))
    return result


# ---------------------------------------------------------------- completeness and projection


@dataclass(frozen=True)
class MissingValue:
    indicator: Indicator
    period: str
    state: Completeness
    status: str | None

    @property
    def overdue(self) -> bool:
        return self.state is Completeness.OVERDUE


@dataclass
class SectionCompleteness:
    """One responsible section: what it has not submitted, per quarter."""

    name: str
    by_quarter: dict[str, list[MissingValue]] = field(default_factory=dict)

    @property
    def overdue_count(self) -> int:
        return sum(m.overdue for items in self.by_quarter.values() for m in items)

    @property
    def missing_count(self) -> int:
        return sum(len(items) for items in self.by_quarter.values())


def completeness_board(
    rows: list[IndicatorRow], *, today: date, deadline_days: int
) -> list[SectionCompleteness]:
    """Per responsible section and quarter, the values not submitted yet whose quarter has ended
    (open or overdue against the deadline). Sections in the order of their first indicator."""
    sections: dict[str, SectionCompleteness] = {}
    for row in rows:
        unit = row.indicator.responsible_unit
        name = unit.name if unit is not None else (row.indicator.responsible_text or "—")
        section = sections.setdefault(name, SectionCompleteness(name))
        for cell in row.quarters:
            period = parse_period(cell.period)
            state = completeness(period, cell.status, today, deadline_days)
            section.by_quarter.setdefault(cell.period, [])
            if state in (Completeness.OPEN, Completeness.OVERDUE):
                section.by_quarter[cell.period].append(
                    MissingValue(row.indicator, cell.period, state, cell.status)
                )
    return list(sections.values())


@dataclass(frozen=True)
class Projection:
    indicator: Indicator
    quarters_reported: int
    projected: Value | None
    target: Decimal | None
    achievement: Decimal | None
    predikat: str | None
    colour: str | None
    risk: Risk


def projections(rows: list[IndicatorRow], *, assessment: Assessment) -> list[Projection]:
    """Year-end projection of every indicator from its quarters so far (kinerja.core.projection),
    rated against the year target with the kecamatan's rules. A year value stored as such (a
    source's count for the year, e.g. a follow-up completed after its quarter) is no longer a
    projection: it is taken as it is, as in the year row."""
    result = []
    for row in rows:
        indicator = row.indicator
        rater = Rater(indicator, assessment)
        values = [Value(c.numerator, c.denominator, c.realization) for c in row.quarters]
        reported = sum(1 for c in row.quarters if c.realization is not None)
        if rater.scale is not None:
            projected = None
        elif row.year.value_id is not None and row.year.realization is not None:
            projected = Value(row.year.numerator, row.year.denominator, row.year.realization)
        else:
            projected = project_year(
                values, AggregationRule(indicator.aggregation), indicator.factor
            )
        achieved = None
        if projected is not None:
            achieved = rater.achievement(
                realization=projected.value,
                grade="",
                target=row.year.target,
                target_upper=row.year.target_upper,
                target_grade=row.year.target_grade,
            )
        band = assessment.table.classify(achieved) if achieved is not None else None
        result.append(
            Projection(
                indicator=indicator,
                quarters_reported=reported,
                projected=projected,
                target=row.year.target,
                achievement=achieved,
                predikat=band.label if band else None,
                colour=band.colour if band else None,
                risk=risk(achieved, at_risk_below=assessment.at_risk_below),
            )
        )
    return result


def years_with_data(*, user: UserLike, organisation: Organisation) -> list[int]:
    """Years (descending) in which the organisation has values or PK targets the user may see."""
    from kinerja.planning.models import PerformanceAgreement

    years = set(years_with_values(user=user, organisation=organisation))
    if can_act_in(user, Action.VIEW, organisation):
        years.update(
            PerformanceAgreement.objects.filter(organisation=organisation).values_list(
                "year", flat=True
            )
        )
    return sorted(years, reverse=True)


def years_with_values(*, user: UserLike, organisation: Organisation) -> list[int]:
    """Years (descending) in which the organisation has stored values the user may see (any
    workflow state the user may read; PK targets alone do not count)."""
    years = set()
    for period in (
        IndicatorValue.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation)
        .values_list("period", flat=True)
        .distinct()
    ):
        try:
            years.add(parse_period(period).year)
        except ValueError:
            continue
    return sorted(years, reverse=True)


def period_of(cell: Cell) -> Period:
    return parse_period(cell.period)


# ---------------------------------------------------------------- capaian export (command and API)

CAPAIAN_FIELDS = (
    "kode_indikator",
    "periode",
    "target",
    "pembilang",
    "penyebut",
    "realisasi",
    "capaian",
    "predikat",
)
EXPORT_PLACES = 4
"""Decimals of ``realisasi`` and ``capaian`` in exports (half-up), the precision of stored
components [D]; targets and components are written as stored."""


def _export_number(value: Decimal | None, places: int | None = None) -> int | float | None:
    """A JSON number: ``int`` when integral, else the shortest ``float`` of the rounded decimal
    (Python prints a float with the fewest digits that read back the same, so 90.9091 stays 90.9091)."""
    if value is None:
        return None
    if places is not None:
        value = round_half_up(value, places)
    value = value.normalize()
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _lineage_of(
    indicator: Indicator,
    cell: Cell,
    stored: IndicatorValue | None,
    organisation: Organisation | None,
) -> dict[str, Any]:
    """``sumber``, ``rincian``, ``sumber_berubah`` (and ``override``/``alasan_override``) of one
    cell. An approved computed value gives the records frozen at its approval (so they match its
    numbers); any other computed cell asks the source for the cell's own period (the year row:
    the year period) of ``organisation``, the cell's. Manual values and overrides have no
    records."""
    from kinerja.measurement.lineage import sources_changed_since_approval
    from kinerja.measurement.services import OVERRIDE_SOURCE
    from kinerja.measurement.sources import compute_from_source, is_computed

    if stored is not None and stored.source == OVERRIDE_SOURCE:
        return {
            "sumber": "manual",
            "override": True,
            "alasan_override": stored.override_reason,
            "rincian": [],
            "sumber_berubah": False,
        }
    source = stored.source if stored is not None else indicator.value_source
    if not is_computed(source):
        return {"sumber": "manual", "rincian": [], "sumber_berubah": False}
    records: list[Any] = []
    snap = stored.approved_snapshot if stored is not None else None
    if stored is not None and stored.status == ValueStatus.APPROVED and snap:
        records = list(snap.get("records") or [])
    elif organisation is not None:
        result = compute_from_source(indicator, organisation, parse_period(cell.period))
        records = list(result.records) if result is not None else []

    def row(r: Any) -> dict[str, Any]:
        if isinstance(r, dict):
            return {
                "jenis": r["kind"],
                "id": r["id"],
                "label": r["label"],
                "dihitung_pada": list(r["counted_in"]),
            }
        return {"jenis": r.kind, "id": r.id, "label": r.label, "dihitung_pada": list(r.counted_in)}

    rincian = [row(r) for r in records]
    # Supporting documents counted in neither component (e.g. a village's APBDes behind its
    # "desa" record) are evidence, not rows of the count: left out so the counts match.
    rincian = [r for r in rincian if r["dihitung_pada"]]
    changed = stored is not None and sources_changed_since_approval(stored)
    return {"sumber": source, "rincian": rincian, "sumber_berubah": changed}


def capaian_records(rows: list[IndicatorRow]) -> list[dict[str, Any]]:
    """The rows of ``kinerja capaian`` and ``GET /api/capaian/``: per indicator its four quarters and
    the full year, with plain JSON types (numbers, strings, ``None``). Ordinal indicators give their
    grades as strings in ``target`` and ``realisasi``. Each row tells where it comes from
    (``sumber``: register, skm or manual; ``override`` with its reason for a manual override) and
    the records behind it (``rincian``, see :func:`_lineage_of`)."""
    value_ids = [c.value_id for row in rows for c in [*row.quarters, row.year] if c.value_id]
    stored_values = {
        v.pk: v
        for v in IndicatorValue.objects.filter(pk__in=value_ids).select_related(
            "indicator", "organisation"
        )
    }
    # Every cell of a table is of the same organisation: fetched once, not per cell.
    organisations = Organisation.objects.in_bulk(
        {c.organisation_id for row in rows for c in [*row.quarters, row.year] if c.organisation_id}
    )
    records = []
    for row in rows:
        ordinal = bool(row.indicator.scale)
        for cell in [*row.quarters, row.year]:
            records.append(
                {
                    "kode_indikator": row.indicator.code,
                    "periode": cell.period,
                    "target": (cell.target_grade or None)
                    if ordinal
                    else _export_number(cell.target),
                    "pembilang": _export_number(cell.numerator),
                    "penyebut": _export_number(cell.denominator),
                    "realisasi": (cell.grade or None)
                    if ordinal
                    else _export_number(cell.realization, EXPORT_PLACES),
                    "capaian": _export_number(cell.achievement, EXPORT_PLACES),
                    "predikat": cell.predikat,
                    **_lineage_of(
                        row.indicator,
                        cell,
                        stored_values.get(cell.value_id) if cell.value_id else None,
                        organisations.get(cell.organisation_id) if cell.organisation_id else None,
                    ),
                }
            )
    return records

"""Reads of planning data. What a user sees goes through ``for_user``; ``targets_for`` is the
trusted read other parts of the system (the dashboard, reports) use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from kinerja.accounts.access import Action, UserLike, can_act_in, kecamatan_ids, roles_for_action
from kinerja.core.achievement import SCALES
from kinerja.core.numbers import EM_DASH, format_id
from kinerja.core.periods import quarters_of
from kinerja.iku.models import Decree, Indicator, PerformanceGoal, Polarity
from kinerja.organisations.models import Organisation
from kinerja.planning.models import (
    AgreementQuerySet,
    AgreementStatus,
    BudgetRealization,
    IndicatorBenchmark,
    PerformanceAgreement,
    Program,
    RenstraPeriod,
    Target,
    TargetRevision,
)
from kinerja.planning.services.agreements import mismatch_warning


def targets_for(*, organisation: Organisation, year: int) -> dict[tuple[int, str], Target]:
    """The PK targets of ``organisation`` for ``year`` keyed by (indicator id, period), periods
    ``"2022"`` and ``"2022Q1"``..``"2022Q4"``. Reads the PK of that year whatever its status (a
    draft PK's targets are the plan until it is signed); trusted caller, no user scope."""
    rows = Target.objects.filter(
        agreement__organisation=organisation, agreement__year=year
    ).select_related("indicator")
    return {(t.indicator_id, t.period): t for t in rows}


def organisations_for_change(*, user: UserLike) -> QuerySet[Organisation]:
    kecamatan = Organisation.objects.kecamatan()
    ids = kecamatan_ids(user, roles_for_action(Action.CHANGE))
    return kecamatan if ids is None else kecamatan.filter(pk__in=ids)


def organisations_for_view(*, user: UserLike) -> QuerySet[Organisation]:
    kecamatan = Organisation.objects.kecamatan()
    ids = kecamatan_ids(user, roles_for_action(Action.VIEW))
    return kecamatan if ids is None else kecamatan.filter(pk__in=ids)


# ---------------------------------------------------------------- display helpers


def target_text(indicator: Indicator, target: Target | Any | None) -> str:
    """A target as printed: ``82,00``, ``80,00 – 90,00`` for a range, the grade, or ``—``."""
    if target is None:
        return EM_DASH
    if indicator.scale:
        return target.target_grade or EM_DASH
    if target.target is None:
        return EM_DASH
    text = format_id(target.target, indicator.decimals)
    if target.target_upper is not None:
        text += " – " + format_id(target.target_upper, indicator.decimals)
    return text


def input_text(value: Decimal | None, indicator: Indicator) -> str:
    """A stored number as the form shows it back (Indonesian, no trailing zeros beyond need)."""
    if value is None:
        return ""
    return format_id(value, indicator.decimals)


# ---------------------------------------------------------------- PK


def agreement_list(*, user: UserLike) -> AgreementQuerySet:
    return PerformanceAgreement.objects.for_user(user, Action.VIEW).select_related(
        "organisation", "first_party"
    )


def agreement_get(*, user: UserLike, pk: int) -> PerformanceAgreement | None:
    return (
        PerformanceAgreement.objects.for_user(user, Action.VIEW)
        .select_related("organisation__parent", "first_party")
        .filter(pk=pk)
        .first()
    )


def agreement_for_year(
    *, user: UserLike, organisation: Organisation, year: int
) -> PerformanceAgreement | None:
    """The PK of ``organisation`` for ``year`` as ``user`` may read it: a member of the kecamatan
    reads a draft too, anybody else a signed PK only (the documents' read)."""
    return (
        PerformanceAgreement.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation, year=year)
        .select_related("organisation__parent", "first_party")
        .first()
    )


def agreement_signed(agreement: PerformanceAgreement) -> bool:
    return agreement.status == AgreementStatus.SIGNED


def renstra_for_year(*, organisation: Organisation, year: int) -> RenstraPeriod | None:
    """The Renstra period of ``organisation`` covering ``year`` (the latest to start, when several
    do); trusted read for the documents (the LKjIP's Bab II), no user scope."""
    return (
        RenstraPeriod.objects.filter(
            organisation=organisation, start_year__lte=year, end_year__gte=year
        )
        .order_by("-start_year")
        .first()
    )


def decree_for(organisation: Organisation) -> Decree | None:
    return organisation.decrees.in_force().first()


@dataclass
class AgreementRow:
    indicator: Indicator
    annual: Target | None
    quarters: list[Target | None]
    warning: str | None
    first_of_goal: bool = False
    goal_rows: int = 1

    @property
    def annual_text(self) -> str:
        return target_text(self.indicator, self.annual)

    @property
    def quarter_texts(self) -> list[str]:
        return [target_text(self.indicator, q) for q in self.quarters]

    @property
    def mismatch_reason(self) -> str:
        return self.annual.mismatch_reason if self.annual else ""

    @property
    def is_range(self) -> bool:
        return self.indicator.polarity == Polarity.RANGE and not self.indicator.scale

    @property
    def grades(self) -> list[str]:
        scale = SCALES.get(self.indicator.scale)
        return [g for g, _score in scale.grades] if scale else []


@dataclass
class GoalBlock:
    goal: PerformanceGoal
    rows: list[AgreementRow] = field(default_factory=list)


def agreement_rows(agreement: PerformanceAgreement) -> list[GoalBlock]:
    """The lampiran of a PK: per kinerja utama (sasaran strategis) its indicators with the annual
    and TW I-IV targets. Indicators: those of the decree in force, plus any other with a target."""
    targets: defaultdict[int, dict[str, Target]] = defaultdict(dict)
    for t in agreement.targets.select_related("indicator__goal"):
        targets[t.indicator_id][t.period] = t
    decree = decree_for(agreement.organisation)
    indicators: list[Indicator] = (
        list(decree.active_indicators().select_related("goal")) if decree else []
    )
    known = {i.pk for i in indicators}
    extra = Indicator.objects.filter(pk__in=set(targets) - known).select_related("goal")
    indicators += list(extra)
    year = str(agreement.year)
    quarters = [str(q) for q in quarters_of(agreement.year)]
    blocks: dict[int, GoalBlock] = {}
    for indicator in sorted(indicators, key=lambda i: (i.goal.order, i.order, i.pk)):
        mine = targets.get(indicator.pk, {})
        block = blocks.setdefault(indicator.goal_id, GoalBlock(goal=indicator.goal))
        block.rows.append(
            AgreementRow(
                indicator=indicator,
                annual=mine.get(year),
                quarters=[mine.get(q) for q in quarters],
                warning=mismatch_warning(agreement, indicator, rows=mine) if mine else None,
            )
        )
    for block in blocks.values():
        block.rows[0].first_of_goal = True
        block.rows[0].goal_rows = len(block.rows)
    return list(blocks.values())


def revisions_of(agreement: PerformanceAgreement) -> list[TargetRevision]:
    return list(
        TargetRevision.objects.filter(target__agreement=agreement)
        .select_related("target__indicator", "revised_by")
        .order_by("-revised_at", "-pk")
    )


# ---------------------------------------------------------------- Renstra


def renstra_list(*, user: UserLike) -> QuerySet[RenstraPeriod]:
    return RenstraPeriod.objects.for_user(user, Action.VIEW).select_related("organisation")


def renstra_get(*, user: UserLike, pk: int) -> RenstraPeriod | None:
    return (
        RenstraPeriod.objects.for_user(user, Action.VIEW)
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )


@dataclass
class RenstraRow:
    indicator: Indicator
    cells: list[tuple[int | None, Any]]  # (year or None for the end, RenstraTarget or None)


def renstra_grid(renstra: RenstraPeriod) -> tuple[list[int], list[RenstraRow]]:
    years = list(range(renstra.start_year, renstra.end_year + 1))
    stored = {(t.indicator_id, t.year): t for t in renstra.targets.all()}
    decree = decree_for(renstra.organisation)
    indicators = list(decree.active_indicators().select_related("goal")) if decree else []
    extra_ids = {k[0] for k in stored} - {i.pk for i in indicators}
    indicators += list(Indicator.objects.filter(pk__in=extra_ids))
    rows = [
        RenstraRow(
            indicator=i,
            cells=[(y, stored.get((i.pk, y))) for y in years] + [(None, stored.get((i.pk, None)))],
        )
        for i in indicators
    ]
    return years, rows


# ---------------------------------------------------------------- Renja


def renja_years(*, user: UserLike) -> list[tuple[Organisation, int]]:
    """(organisation, year) pairs that have programs, and the PK years, visible to ``user``."""
    pairs = set(Program.objects.for_user(user, Action.VIEW).values_list("organisation_id", "year"))
    pairs |= set(
        PerformanceAgreement.objects.filter(
            organisation__in=organisations_for_view(user=user)
        ).values_list("organisation_id", "year")
    )
    organisations = Organisation.objects.in_bulk({o for o, _y in pairs})
    return sorted(((organisations[o], y) for o, y in pairs), key=lambda p: (p[0].code, -p[1]))


@dataclass
class ProgramRow:
    program: Program
    depth: int
    quarters: list[BudgetRealization | None]
    below: Decimal = Decimal(0)  # spent by its activities (a program's spending rolls up)

    @property
    def own_spent(self) -> Decimal:
        return sum((r.amount for r in self.quarters if r is not None), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return self.own_spent + self.below

    @property
    def share(self) -> Decimal | None:
        """Spent share of the budget in percent (None for a zero budget)."""
        if not self.program.budget:
            return None
        return self.spent / self.program.budget * 100

    @property
    def overspent(self) -> bool:
        return self.spent > self.program.budget


def renja_rows(*, organisation: Organisation, year: int) -> list[ProgramRow]:
    """Programs of a year as a tree (depth-first), each with its quarterly realizations."""
    programs = list(
        Program.objects.filter(organisation=organisation, year=year).prefetch_related(
            "indicators", "realizations"
        )
    )
    children: dict[int | None, list[Program]] = defaultdict(list)
    for p in programs:
        children[p.parent_id].append(p)
    quarters = [str(q) for q in quarters_of(year)]
    rows: list[ProgramRow] = []

    def walk(parent: int | None, depth: int) -> Decimal:
        spent = Decimal(0)
        for p in sorted(children.get(parent, []), key=lambda p: (p.code, p.name)):
            by_period = {r.period: r for r in p.realizations.all()}
            row = ProgramRow(p, depth, [by_period.get(q) for q in quarters])
            rows.append(row)
            row.below = walk(p.pk, depth + 1)
            spent += row.spent
        return spent

    walk(None, 0)
    return rows


def can_change(user: UserLike, organisation: Organisation) -> bool:
    return can_act_in(user, Action.CHANGE, organisation)


# ---------------------------------------------------------------- benchmarks (pembanding)


def benchmarks_for(*, organisation: Organisation, year: int) -> dict[int, list[IndicatorBenchmark]]:
    """The benchmarks of ``organisation`` for ``year`` by indicator id, ordered by source; trusted
    read for the documents (the LKjIP's Bab III), no user scope."""
    out: dict[int, list[IndicatorBenchmark]] = defaultdict(list)
    for b in IndicatorBenchmark.objects.filter(organisation=organisation, year=year).order_by(
        "indicator_id", "source"
    ):
        out[b.indicator_id].append(b)
    return dict(out)


def benchmark_list(
    *, user: UserLike, organisation: Organisation, year: int
) -> QuerySet[IndicatorBenchmark]:
    return (
        IndicatorBenchmark.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation, year=year)
        .select_related("indicator", "entered_by")
        .order_by("indicator__code", "source")
    )

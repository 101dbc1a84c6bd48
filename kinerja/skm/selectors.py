"""Reads of the SKM survey. The index of a year, a quarter or a service comes from the running
tallies (a few hundred rows at most), never from a scan of the responses.

The names ``skm_index``, ``skm_profile``, ``skm_sample_check`` and ``skm_interval`` are used by the
SKM report and the public results page: keep them stable.

These selectors take an organisation, not a user: the index is public information (published by
the kecamatan, PermenPANRB 14/2017); pages that show raw responses read them through
``Response.objects.for_user``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet, Sum

from kinerja.core.skm import (
    IndexResult,
    SurveyTally,
    Unsur,
    UnsurTally,
    bootstrap_interval,
    compute_index,
    krejcie_morgan,
)
from kinerja.organisations.models import Organisation
from kinerja.skm.models import (
    AGE_BANDS,
    Answer,
    AnswerTally,
    Education,
    Gender,
    Instrument,
    InstrumentUnsur,
    Occupation,
    Response,
    ResponseTally,
    ServiceType,
    ServiceUserCount,
    age_band,
)

QUARTERS = (1, 2, 3, 4)


def _quarters(quarter: int | None, quarters: Iterable[int] | None = None) -> tuple[int, ...]:
    if quarters is not None:
        return tuple(quarters)
    return QUARTERS if quarter is None else (quarter,)


def instrument_active(organisation: Organisation) -> Instrument | None:
    return Instrument.objects.filter(organisation=organisation, active=True).first()


def instrument_by_token(token: str) -> Instrument | None:
    return (
        Instrument.objects.filter(token=token, active=True).select_related("organisation").first()
    )


def service_by_token(token: str) -> ServiceType | None:
    return (
        ServiceType.objects.filter(token=token, active=True).select_related("organisation").first()
    )


def services_of(organisation: Organisation, *, active_only: bool = False) -> QuerySet[ServiceType]:
    qs = ServiceType.objects.filter(organisation=organisation)
    return qs.filter(active=True) if active_only else qs


def _unsur_of(
    instrument_ids: Iterable[int], organisation: Organisation
) -> tuple[Instrument, list[InstrumentUnsur]] | None:
    """The instrument whose unsur (and weights) the index uses: the newest one with answers in the
    period, else the active one [D]."""
    ids = sorted(set(instrument_ids))
    instrument = (
        Instrument.objects.filter(pk=ids[-1]).first() if ids else instrument_active(organisation)
    )
    if instrument is None:
        return None
    return instrument, list(instrument.unsur.order_by("order"))


@dataclass(frozen=True)
class SkmIndex:
    """The index of a period (and maybe one service), with what it was computed from."""

    result: IndexResult
    instrument: Instrument
    unsur: tuple[InstrumentUnsur, ...]
    respondents: int
    answers: int
    ignored_answers: int
    """Answers to unsur that the instrument used does not have (an older instrument's)."""

    @property
    def rows(self) -> list[tuple[InstrumentUnsur, object]]:
        return list(zip(self.unsur, self.result.rows, strict=True))


def skm_tally(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    service: ServiceType | None = None,
    quarters: Iterable[int] | None = None,
) -> tuple[SurveyTally, list[int]]:
    """The merged running tallies of a period: (tally by unsur code, ids of the instruments)."""
    qs_filter = Q(organisation=organisation, year=year, quarter__in=_quarters(quarter, quarters))
    if service is not None:
        qs_filter &= Q(service=service)
    respondents = 0
    instrument_ids: list[int] = []
    for row in (
        ResponseTally.objects.filter(qs_filter)
        .values("instrument_id")
        .annotate(n=Sum("respondents"))
    ):
        respondents += row["n"]
        instrument_ids.append(row["instrument_id"])
    sums = (
        AnswerTally.objects.filter(qs_filter)
        .values("unsur__code")
        .annotate(c=Sum("count"), t=Sum("total"))
    )
    per_unsur = tuple(sorted((row["unsur__code"], UnsurTally(row["c"], row["t"])) for row in sums))
    return SurveyTally(respondents, per_unsur), instrument_ids


def _index_from_tally(
    tally: SurveyTally, instrument_ids: list[int], organisation: Organisation
) -> SkmIndex | None:
    found = _unsur_of(instrument_ids, organisation)
    if found is None:
        return None
    instrument, unsur = found
    codes = {u.code for u in unsur}
    kept = tuple((c, t) for c, t in tally.per_unsur if c in codes)
    ignored = sum(t.count for c, t in tally.per_unsur if c not in codes)
    kept_tally = SurveyTally(tally.respondents, kept)
    if not any(t.count for _, t in kept):
        return None
    core_unsur = [Unsur(u.code, u.name, u.weight) for u in unsur]
    result = compute_index(kept_tally, core_unsur)
    return SkmIndex(
        result=result,
        instrument=instrument,
        unsur=tuple(unsur),
        respondents=tally.respondents,
        answers=sum(t.count for _, t in kept),
        ignored_answers=ignored,
    )


def skm_index(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    service: ServiceType | None = None,
    quarters: Iterable[int] | None = None,
) -> SkmIndex | None:
    """The IKM of a year (or a quarter, or the given ``quarters``), optionally of one service, from
    the running tallies; None when there are no answers."""
    tally, instrument_ids = skm_tally(
        organisation=organisation, year=year, quarter=quarter, service=service, quarters=quarters
    )
    return _index_from_tally(tally, instrument_ids, organisation)


def responses_in(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    service: ServiceType | None = None,
) -> QuerySet[Response]:
    qs = Response.objects.filter(organisation=organisation, year=year)
    if quarter is not None:
        qs = qs.filter(quarter=quarter)
    if service is not None:
        qs = qs.filter(service=service)
    return qs


def skm_index_from_responses(
    responses: QuerySet[Response], organisation: Organisation
) -> SkmIndex | None:
    """The IKM recomputed from the raw answers of ``responses`` (a full scan, aggregated by the
    database): what the tallies must equal, and the index of a group of respondents."""
    answers = (
        Answer.objects.filter(response__in=responses)
        .values("unsur__code")
        .annotate(c=Count("id"), t=Sum("value"))
    )
    per_unsur = tuple(sorted((r["unsur__code"], UnsurTally(r["c"], r["t"])) for r in answers))
    instrument_ids = list(responses.values_list("instrument_id", flat=True).distinct())
    tally = SurveyTally(responses.count(), per_unsur)
    return _index_from_tally(tally, instrument_ids, organisation)


GROUPS = ("gender", "age_band", "education", "occupation")


def group_choices(group: str) -> list[tuple[str, str]]:
    if group == "gender":
        return [(str(v), str(label)) for v, label in Gender.choices]
    if group == "education":
        return [(str(v), str(label)) for v, label in Education.choices]
    if group == "occupation":
        return [(str(v), str(label)) for v, label in Occupation.choices]
    bands = [age_band(low) for low, _high in AGE_BANDS]
    return [(b, b) for b in bands]


def _age_q(band: str) -> Q:
    for low, high in AGE_BANDS:
        if age_band(low) == band:
            return Q(age__gte=low, age__lte=high)
    return Q(age__isnull=True)


def skm_profile(
    *, organisation: Organisation, year: int, quarter: int | None = None
) -> dict[str, list[tuple[str, str, int]]]:
    """Respondents per group: {group: [(value, label, count), ...]}, groups ``gender``,
    ``age_band``, ``education``, ``occupation``; ``age_band`` ends with an "unknown" row ("")."""
    qs = responses_in(organisation=organisation, year=year, quarter=quarter)
    out: dict[str, list[tuple[str, str, int]]] = {}
    for group in ("gender", "education", "occupation"):
        counts = dict(qs.values_list(group).annotate(n=Count("id")).values_list(group, "n"))
        out[group] = [(v, label, counts.get(v, 0)) for v, label in group_choices(group)]
    ages: dict[str, int] = defaultdict(int)
    for age, n in qs.values_list("age").annotate(n=Count("id")).values_list("age", "n"):
        ages[age_band(age)] += n
    out["age_band"] = [(b, b, ages.get(b, 0)) for b, _ in group_choices("age_band")]
    out["age_band"].append(("", "", ages.get("", 0)))
    return out


def skm_index_by_group(
    *, organisation: Organisation, year: int, quarter: int | None = None, group: str
) -> list[tuple[str, str, SkmIndex | None]]:
    """The IKM of each respondent group (e.g. each education level), from the raw answers."""
    qs = responses_in(organisation=organisation, year=year, quarter=quarter)
    rows = []
    for value, label in group_choices(group):
        part = qs.filter(_age_q(value)) if group == "age_band" else qs.filter(**{group: value})
        rows.append((value, label, skm_index_from_responses(part, organisation)))
    return rows


class SampleCheck(NamedTuple):
    population: int | None
    """Service users in the period; None when no count was entered."""
    minimum: int | None
    respondents: int

    @property
    def enough(self) -> bool | None:
        if self.minimum is None:
            return None
        return self.respondents >= self.minimum


def service_users(
    *, organisation: Organisation, year: int, quarter: int | None = None
) -> int | None:
    """Service users of a period. For a year, a service's whole-year count is used when entered,
    else the sum of its quarter counts [D]. None when nothing was entered."""
    counts = ServiceUserCount.objects.filter(service__organisation=organisation, year=year)
    if quarter is not None:
        rows = list(counts.filter(quarter=quarter).values_list("users", flat=True))
        return sum(rows) if rows else None
    by_service: dict[int, dict[int | None, int]] = defaultdict(dict)
    for service_id, q, users in counts.values_list("service_id", "quarter", "users"):
        by_service[service_id][q] = users
    if not by_service:
        return None
    return sum(
        per[None] if None in per else sum(v for k, v in per.items() if k is not None)
        for per in by_service.values()
    )


def skm_sample_check(
    *, organisation: Organisation, year: int, quarter: int | None = None
) -> SampleCheck:
    """(population, minimum sample by Krejcie & Morgan, respondents) of a period."""
    population = service_users(organisation=organisation, year=year, quarter=quarter)
    respondents = (
        ResponseTally.objects.filter(
            organisation=organisation, year=year, quarter__in=_quarters(quarter)
        ).aggregate(n=Sum("respondents"))["n"]
        or 0
    )
    minimum = None if population is None else krejcie_morgan(population)
    return SampleCheck(population, minimum, respondents)


INTERVAL_RESAMPLES = 1000
INTERVAL_SEED = 2017


def skm_interval(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    service: ServiceType | None = None,
    resamples: int = INTERVAL_RESAMPLES,
    seed: int = INTERVAL_SEED,
) -> tuple[Fraction, Fraction] | None:
    """95% percentile-bootstrap interval of the IKM konversi, resampling respondents
    (``kinerja.core.skm.bootstrap_interval``, seeded: the same data give the same interval).
    None without answers. Reads the raw answers (ordered by response id)."""
    index = skm_index(organisation=organisation, year=year, quarter=quarter, service=service)
    if index is None:
        return None
    codes = {u.code for u in index.unsur}
    responses = responses_in(organisation=organisation, year=year, quarter=quarter, service=service)
    by_response: dict[int, dict[str, int | None]] = defaultdict(dict)
    for response_id, code, value in (
        Answer.objects.filter(response__in=responses, unsur__code__in=codes)
        .order_by("response_id", "unsur__order")
        .values_list("response_id", "unsur__code", "value")
    ):
        by_response[response_id][code] = value
    core_unsur = [Unsur(u.code, u.name, u.weight) for u in index.unsur]
    data = [by_response[k] for k in sorted(by_response)]
    if not data:
        return None
    return bootstrap_interval(data, core_unsur, resamples=resamples, seed=seed)


def skm_years(organisation: Organisation) -> list[int]:
    return sorted(
        set(ResponseTally.objects.filter(organisation=organisation).values_list("year", flat=True))
    )

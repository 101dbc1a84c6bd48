"""Reads of the SKM survey. The index of a year, a quarter or a service comes from the running
tallies (a few hundred rows at most), never from a scan of the responses.

The names ``skm_index``, ``skm_profile``, ``skm_sample_check`` and ``skm_interval`` are used by the
SKM report and the public results page: keep them stable.

These selectors take an organisation, not a user: the index is public information (published by
the kecamatan, PermenPANRB 14/2017); pages that show raw responses read them through
``Response.objects.for_user``, and ``skm_profile`` / ``skm_interval`` read the raw responses through
it when given a ``user`` (the SKM report, read with its requesting user's scope).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from django.db.models import Count, Max, Q, QuerySet, Sum

from kinerja.accounts.access import Action, UserLike
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
    return _index_with(tally, _unsur_of(instrument_ids, organisation))


def _core_unsur(unsur: Iterable[InstrumentUnsur]) -> list[Unsur]:
    return [Unsur(u.code, u.name, u.weight) for u in unsur]


def _index_with(
    tally: SurveyTally, found: tuple[Instrument, list[InstrumentUnsur]] | None
) -> SkmIndex | None:
    """The index of ``tally`` with the unsur (and weights) of ``found`` (see ``_unsur_of``)."""
    if found is None:
        return None
    instrument, unsur = found
    codes = {u.code for u in unsur}
    kept = tuple((c, t) for c, t in tally.per_unsur if c in codes)
    ignored = sum(t.count for c, t in tally.per_unsur if c not in codes)
    kept_tally = SurveyTally(tally.respondents, kept)
    if not any(t.count for _, t in kept):
        return None
    result = compute_index(kept_tally, _core_unsur(unsur))
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


def skm_index_by_service(
    *, organisation: Organisation, year: int, quarters: Iterable[int] | None = None
) -> dict[int, SkmIndex]:
    """The IKM of each service with answers in the period (service id -> index), from the running
    tallies in two grouped queries: for every service the same index ``skm_index(service=...)``
    gives, without its queries per service."""
    qs_filter = Q(organisation=organisation, year=year, quarter__in=_quarters(None, quarters))
    respondents: dict[int, int] = defaultdict(int)
    instrument_ids: dict[int, list[int]] = defaultdict(list)
    for service_id, instrument_id, n in (
        ResponseTally.objects.filter(qs_filter)
        .values("service_id", "instrument_id")
        .annotate(n=Sum("respondents"))
        .values_list("service_id", "instrument_id", "n")
    ):
        respondents[service_id] += n
        instrument_ids[service_id].append(instrument_id)
    sums: dict[int, list[tuple[str, UnsurTally]]] = defaultdict(list)
    for service_id, code, count, total in (
        AnswerTally.objects.filter(qs_filter)
        .values("service_id", "unsur__code")
        .annotate(c=Sum("count"), t=Sum("total"))
        .values_list("service_id", "unsur__code", "c", "t")
    ):
        sums[service_id].append((code, UnsurTally(count, total)))
    found: dict[int, tuple[Instrument, list[InstrumentUnsur]] | None] = {}
    result = {}
    for service_id, ids in instrument_ids.items():
        newest = max(ids)
        if newest not in found:
            found[newest] = _unsur_of([newest], organisation)
        tally = SurveyTally(respondents[service_id], tuple(sorted(sums[service_id])))
        index = _index_with(tally, found[newest])
        if index is not None:
            result[service_id] = index
    return result


def responses_in(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    service: ServiceType | None = None,
    user: UserLike | None = None,
) -> QuerySet[Response]:
    """The responses of a period; with ``user``, only those ``user`` may read
    (``Response.objects.for_user``: the kecamatan's members); without, every one (the caller has
    checked)."""
    qs = Response.objects.all() if user is None else Response.objects.for_user(user, Action.VIEW)
    qs = qs.filter(organisation=organisation, year=year)
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


def skm_profile(
    *,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    user: UserLike | None = None,
) -> dict[str, list[tuple[str, str, int]]]:
    """Respondents per group: {group: [(value, label, count), ...]}, groups ``gender``,
    ``age_band``, ``education``, ``occupation``; ``age_band`` ends with an "unknown" row ("").
    With ``user``: of the responses ``user`` may read (see :func:`responses_in`)."""
    qs = responses_in(organisation=organisation, year=year, quarter=quarter, user=user)
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
    """The IKM of each respondent group (e.g. each education level), from the raw answers.

    Two aggregate queries for all groups together (respondents and answers by group value), and
    the instrument of each group read once: each group's index is the one
    ``skm_index_from_responses`` gives for that group's responses."""
    qs = responses_in(organisation=organisation, year=year, quarter=quarter)
    column = "age" if group == "age_band" else group

    def value_of(raw: object) -> object:
        return age_band(raw) if group == "age_band" else raw  # type: ignore[arg-type]  # the age column holds whole numbers or null

    respondents: dict[object, int] = defaultdict(int)
    newest: dict[object, int] = {}
    for raw, n, instrument_id in (
        qs.values_list(column)
        .annotate(n=Count("id"), newest=Max("instrument_id"))
        .values_list(column, "n", "newest")
    ):
        value = value_of(raw)
        respondents[value] += n
        newest[value] = max(newest.get(value, instrument_id), instrument_id)
    sums: dict[object, dict[str, list[int]]] = defaultdict(dict)
    for raw, code, count, total in (
        Answer.objects.filter(response__in=qs)
        .values_list(f"response__{column}", "unsur__code")
        .annotate(c=Count("id"), t=Sum("value"))
        .values_list(f"response__{column}", "unsur__code", "c", "t")
    ):
        per = sums[value_of(raw)].setdefault(code, [0, 0])
        per[0] += count
        per[1] += total
    found: dict[int, tuple[Instrument, list[InstrumentUnsur]] | None] = {}
    rows = []
    for value, label in group_choices(group):
        index = None
        if value in respondents:
            tally = SurveyTally(
                respondents[value],
                tuple(sorted((c, UnsurTally(n, t)) for c, (n, t) in sums[value].items())),
            )
            if newest[value] not in found:
                found[newest[value]] = _unsur_of([newest[value]], organisation)
            index = _index_with(tally, found[newest[value]])
        rows.append((value, label, index))
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
    return sum(_year_users(per) for per in by_service.values())


def _year_users(per_quarter: dict[int | None, int]) -> int:
    """A service's users of a year from its counts by quarter (None: the whole year): the
    whole-year count when entered, else the sum of the quarters [D]."""
    if None in per_quarter:
        return per_quarter[None]
    return sum(v for k, v in per_quarter.items() if k is not None)


class UserCountRow(NamedTuple):
    service: ServiceType
    quarters: tuple[int | None, ...]
    """TW I..IV as entered (None: not entered)."""
    whole_year: int | None


class UserCountYear(NamedTuple):
    year: int
    rows: list[UserCountRow]
    users: int
    """The year's service users as the sample check counts them (``service_users``)."""


def service_user_counts(*, organisation: Organisation) -> list[UserCountYear]:
    """The entered user counts of a kecamatan's services, per year (newest first): one row per
    service with a count in that year. One query."""
    counts = (
        ServiceUserCount.objects.filter(service__organisation=organisation)
        .select_related("service")
        .order_by("-year", "service__order", "service__name", "service_id")
    )
    by_year: dict[int, dict[int, dict[int | None, int]]] = {}
    services: dict[int, ServiceType] = {}
    for c in counts:
        by_year.setdefault(c.year, {}).setdefault(c.service_id, {})[c.quarter] = c.users
        services[c.service_id] = c.service
    return [
        UserCountYear(
            year,
            [
                UserCountRow(services[sid], tuple(per.get(q) for q in QUARTERS), per.get(None))
                for sid, per in per_service.items()
            ],
            sum(_year_users(per) for per in per_service.values()),
        )
        for year, per_service in by_year.items()
    ]


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
    index: SkmIndex | None = None,
    user: UserLike | None = None,
) -> tuple[Fraction, Fraction] | None:
    """95% percentile-bootstrap interval of the IKM konversi, resampling respondents
    (``kinerja.core.skm.bootstrap_interval``, seeded: the same data give the same interval).
    None without answers. Reads the raw answers (ordered by response id). ``index``: the
    period's ``skm_index`` when the caller has just computed it (else it is computed here).
    With ``user``: of the responses ``user`` may read (see :func:`responses_in`)."""
    if index is None:
        index = skm_index(organisation=organisation, year=year, quarter=quarter, service=service)
    if index is None:
        return None
    codes = {u.code for u in index.unsur}
    responses = responses_in(
        organisation=organisation, year=year, quarter=quarter, service=service, user=user
    )
    by_response: dict[int, dict[str, int | None]] = defaultdict(dict)
    for response_id, code, value in (
        Answer.objects.filter(response__in=responses, unsur__code__in=codes)
        .order_by("response_id", "unsur__order")
        .values_list("response_id", "unsur__code", "value")
    ):
        by_response[response_id][code] = value
    core_unsur = _core_unsur(index.unsur)
    data = [by_response[k] for k in sorted(by_response)]
    if not data:
        return None
    return bootstrap_interval(data, core_unsur, resamples=resamples, seed=seed)


def skm_years(organisation: Organisation) -> list[int]:
    return sorted(
        set(ResponseTally.objects.filter(organisation=organisation).values_list("year", flat=True))
    )


# --- the public questionnaire -------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyUnsur:
    id: int
    code: str
    name: str
    question: str
    labels: tuple[str, str, str, str]


@dataclass(frozen=True)
class SurveyStructure:
    """What the public questionnaire of a token shows and checks: the active instrument, its
    unsur in order, the service (fixed by a service token) or the services to choose from."""

    instrument_id: int
    organisation_id: int
    organisation_name: str
    fixed_service: tuple[int, str] | None
    services: tuple[tuple[int, str], ...]
    unsur: tuple[SurveyUnsur, ...]

    @property
    def unsur_ids(self) -> dict[str, int]:
        return {u.code: u.id for u in self.unsur}


# Built structures by the rows they were built from: every request still reads the rows (one
# query, so an edited instrument is seen at once), but equal rows reuse the objects built from
# them (and what the form prepares from those, see forms.SurveyForm).
_STRUCTURES: dict[tuple[object, ...], SurveyStructure] = {}


def survey_structure(token: str) -> SurveyStructure | None:
    """The questionnaire behind a public token (a service's or an instrument's), or None.

    Raw SQL, one query (two for an instrument token: the services to choose from): this runs on
    every submission, and the ORM's query building cost more than the queries themselves.
    """
    from django.db import connection

    qn = connection.ops.quote_name
    s_t, i_t, u_t = (
        qn(ServiceType._meta.db_table),
        qn(Instrument._meta.db_table),
        qn(InstrumentUnsur._meta.db_table),
    )
    o_t = qn(Organisation._meta.db_table)
    unsur_columns = "u.id, u.code, u.name, u.question, u.label_1, u.label_2, u.label_3, u.label_4"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.id, s.name, i.id, i.organisation_id, o.name, {unsur_columns} "
            f"FROM {s_t} s JOIN {o_t} o ON o.id = s.organisation_id "
            f"JOIN {i_t} i ON i.organisation_id = s.organisation_id AND i.active = %s "
            f"LEFT JOIN {u_t} u ON u.instrument_id = i.id "
            f"WHERE s.token = %s AND s.active = %s ORDER BY u.{qn('order')}",
            [True, token, True],
        )
        rows = tuple(cursor.fetchall())
        if rows:
            key: tuple[object, ...] = ("service", rows)
            service: tuple[int, str] = (rows[0][0], rows[0][1])
            fixed: tuple[int, str] | None = service
            head = rows[0][2:5]
            unsur_rows = [r[5:] for r in rows]
            services: tuple[tuple[int, str], ...] = (service,)
        else:
            cursor.execute(
                f"SELECT i.id, i.organisation_id, o.name, {unsur_columns} "
                f"FROM {i_t} i JOIN {o_t} o ON o.id = i.organisation_id "
                f"LEFT JOIN {u_t} u ON u.instrument_id = i.id "
                f"WHERE i.token = %s AND i.active = %s ORDER BY u.{qn('order')}",
                [token, True],
            )
            rows = tuple(cursor.fetchall())
            if not rows:
                return None
            cursor.execute(
                f"SELECT id, name FROM {s_t} WHERE organisation_id = %s AND active = %s "
                f"ORDER BY {qn('order')}, name",
                [rows[0][1], True],
            )
            services = tuple((pk, name) for pk, name in cursor.fetchall())
            key = ("instrument", rows, services)
            fixed = None
            head = rows[0][0:3]
            unsur_rows = [r[3:] for r in rows]
    found = _STRUCTURES.get(key)
    if found is not None:
        return found
    if len(_STRUCTURES) > 256:  # tokens come from outside: keep the memo small
        _STRUCTURES.clear()
    structure = SurveyStructure(
        instrument_id=head[0],
        organisation_id=head[1],
        organisation_name=head[2],
        fixed_service=fixed,
        services=services,
        unsur=tuple(
            SurveyUnsur(u[0], u[1], u[2], u[3], (u[4], u[5], u[6], u[7]))
            for u in unsur_rows
            if u[0] is not None
        ),
    )
    _STRUCTURES[key] = structure
    return structure

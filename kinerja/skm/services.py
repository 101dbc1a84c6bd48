"""Writes of the SKM survey: instruments, services, user counts, responses (with their tallies) and
the paper import. The arithmetic is :mod:`kinerja.core.skm`; nothing here re-implements it.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in, is_unit_head
from kinerja.common.services import delete_each, save_validated, update_each
from kinerja.core.skm import DEFAULT_UNSUR_NAMES, Unsur, validate_unsur
from kinerja.organisations.models import Organisation, Unit
from kinerja.skm.models import (
    MAX_AGE,
    MIN_AGE,
    Answer,
    AnswerTally,
    Channel,
    Education,
    Gender,
    Instrument,
    InstrumentUnsur,
    Occupation,
    Response,
    ResponseTally,
    ServiceType,
    ServiceUserCount,
)

# The unit whose head runs the survey besides the Camat and the Perencana.
SERVICE_UNIT_NAME = "Seksi Pelayanan Umum"

# The default questionnaire (PermenPANRB 14/2017, order of its scope list [R]); labels of answers
# 1..4 as used by SKM guides [S] (domain.md section 3), the others written in the same style.
DEFAULT_QUESTIONS: tuple[tuple[str, tuple[str, str, str, str]], ...] = (
    (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    (
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    (
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    (
        "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan pengguna "
        "layanan?",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
    (
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)

DEFAULT_SERVICES: tuple[str, ...] = (
    "Rekomendasi KTP-el/KK",
    "Surat Pengantar SKCK",
    "Surat Keterangan Tidak Mampu (SKTM)",
    "Legalisasi",
    "Rekomendasi Izin Keramaian",
    "Izin Usaha Mikro Kecil (IUMK)",
)


# --- permission ---------------------------------------------------------------------------------


def can_manage_skm(user: UserLike, organisation: Organisation) -> bool:
    """The Camat, the Perencana, the Admin Kabupaten and the head of Seksi Pelayanan Umum manage
    the survey of a kecamatan (instrument, services, user counts, paper import)."""
    if can_act_in(user, Action.CHANGE, organisation):
        return True
    return is_unit_head(
        user, organisation, Unit.objects.filter(organisation=organisation, name=SERVICE_UNIT_NAME)
    )


def _require_manage(actor: UserLike | None, organisation: Organisation) -> None:
    # actor None: the system itself (demo data, commands run by the administrator).
    if actor is not None and not can_manage_skm(actor, organisation):
        raise PermissionDenied(_("You may not manage the survey of this sub-district."))


# --- instrument ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnsurSpec:
    """One unsur as typed in the instrument form."""

    code: str
    name: str
    question: str
    labels: tuple[str, str, str, str]
    weight: Fraction | None = None  # None: the default 1/n


@transaction.atomic
def instrument_create_default(
    *, actor: UserLike | None, organisation: Organisation, name: str = ""
) -> Instrument:
    """The regulation's 9 unsur with weight exactly 1/9 each, made the active instrument."""
    _require_manage(actor, organisation)
    update_each(
        Instrument.objects.filter(organisation=organisation, active=True), actor=actor, active=False
    )
    instrument = Instrument(
        organisation=organisation,
        name=name or _("SKM questionnaire (PermenPANRB 14/2017)"),
        active=True,
    )
    save_validated(instrument, actor=actor)
    n = len(DEFAULT_UNSUR_NAMES)
    for i, (unsur_name, (question, labels)) in enumerate(
        zip(DEFAULT_UNSUR_NAMES, DEFAULT_QUESTIONS, strict=True), 1
    ):
        row = InstrumentUnsur(
            instrument=instrument,
            order=i,
            code=f"U{i}",
            name=unsur_name,
            question=question,
            label_1=labels[0],
            label_2=labels[1],
            label_3=labels[2],
            label_4=labels[3],
            weight_numerator=1,
            weight_denominator=n,
        )
        save_validated(row, actor=actor)
    return instrument


@transaction.atomic
def instrument_unsur_save(
    *, actor: UserLike | None, instrument: Instrument, specs: Sequence[UnsurSpec]
) -> list[InstrumentUnsur]:
    """Replace the unsur of ``instrument`` by ``specs`` (in that order).

    Weights left empty on every row become exactly 1/n; otherwise every row needs one and they
    must sum to exactly 1. An unsur that already has answers cannot be removed.
    """
    _require_manage(actor, instrument.organisation)
    errors: list[str] = []
    if not specs:
        raise ValidationError(_("An instrument needs at least one unsur."))
    codes = [s.code for s in specs]
    if len(set(codes)) != len(codes):
        errors.append(_("Every unsur needs its own code."))
    weights = [s.weight for s in specs]
    if all(w is None for w in weights):
        exact = [Fraction(1, len(specs))] * len(specs)
    elif any(w is None for w in weights):
        raise ValidationError(_("Give a weight for every unsur, or leave all weights empty (1/n)."))
    else:
        exact = [w for w in weights if w is not None]
        try:
            validate_unsur([Unsur(s.code, s.name, w) for s, w in zip(specs, exact, strict=True)])
        except ValueError:
            total = sum(exact, Fraction(0))
            errors.append(
                _("The weights must sum to exactly 1; they sum to %(total)s.") % {"total": total}
            )
    existing = {u.code: u for u in instrument.unsur.all()}
    removed = [code for code in existing if code not in codes]
    answered = [code for code in removed if Answer.objects.filter(unsur=existing[code]).exists()]
    if answered:
        errors.append(
            _("Unsur %(codes)s already have answers and cannot be removed.")
            % {"codes": ", ".join(answered)}
        )
    if errors:
        raise ValidationError(errors)
    delete_each(
        InstrumentUnsur.objects.filter(instrument=instrument, code__in=removed), actor=actor
    )
    # Move the kept rows out of the way of the order constraint before renumbering.
    for row in existing.values():
        if row.code in codes:
            update_each(InstrumentUnsur.objects.filter(pk=row.pk), actor=actor, order=1000 + row.pk)
    saved = []
    for i, (spec, weight) in enumerate(zip(specs, exact, strict=True), 1):
        row = existing.get(spec.code) or InstrumentUnsur(instrument=instrument, code=spec.code)
        row.order = i
        row.name = spec.name
        row.question = spec.question
        row.label_1, row.label_2, row.label_3, row.label_4 = spec.labels
        row.weight_numerator = weight.numerator
        row.weight_denominator = weight.denominator
        save_validated(row, actor=actor)
        saved.append(row)
    return saved


# --- services and user counts -----------------------------------------------------------------


@transaction.atomic
def service_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    name: str,
    counter: str = "",
    officer: str = "",
    order: int = 0,
    active: bool = True,
    service: ServiceType | None = None,
) -> ServiceType:
    """Create a service (jenis layanan) or change ``service``."""
    _require_manage(actor, organisation)
    if service is None:
        service = ServiceType(organisation=organisation)
    elif service.organisation_id != organisation.pk:
        raise PermissionDenied
    service.name = name.strip()
    service.counter = counter.strip()
    service.officer = officer.strip()
    service.order = order
    service.active = active
    save_validated(service, actor=actor)
    return service


@transaction.atomic
def service_user_count_set(
    *, actor: UserLike | None, service: ServiceType, year: int, quarter: int | None, users: int
) -> ServiceUserCount:
    """Record how many people used ``service`` in a quarter (or the whole year: ``quarter`` None)."""
    _require_manage(actor, service.organisation)
    row = ServiceUserCount.objects.filter(service=service, year=year, quarter=quarter).first()
    if row is None:
        row = ServiceUserCount(service=service, year=year, quarter=quarter, users=users)
    row.users = users
    save_validated(row, actor=actor)
    return row


# --- responses ----------------------------------------------------------------------------------


def quarter_of(day: Date) -> int:
    return (day.month - 1) // 3 + 1


def answers_digest(
    service_id: int, answers: Mapping[str, int | None], profile: Sequence[Any]
) -> str:
    """Hash of what a respondent gave: the same person pressing "send" twice gives the same one."""
    parts = [str(service_id), *(f"{k}={answers[k]}" for k in sorted(answers)), *map(str, profile)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@dataclass
class ResponseInput:
    """One respondent's questionnaire, before it is stored."""

    service: ServiceType
    answers: dict[str, int | None]
    gender: str
    education: str
    occupation: str
    age: int | None = None
    saran: str = ""
    channel: str = Channel.ONLINE
    submitted_at: datetime | None = None
    date: Date | None = None
    fingerprint: str = ""

    @functools.cached_property
    def digest(self) -> str:
        """``answers_digest`` of what this respondent gave (service, answers, profile, saran),
        computed once: the survey's duplicate check and the stored row use the same value."""
        return answers_digest(
            self.service.pk,
            self.answers,
            (self.gender, self.age, self.education, self.occupation, self.saran.strip()),
        )


_CHANNELS = frozenset(Channel.values)
_GENDERS = frozenset(Gender.values)
_EDUCATIONS = frozenset(Education.values)
_OCCUPATIONS = frozenset(Occupation.values)
_SARAN_MAX = Response._meta.get_field("saran").max_length or 2000
_FINGERPRINT_MAX = Response._meta.get_field("fingerprint").max_length or 64
_ANSWER_VALUES = frozenset((1, 2, 3, 4))
_SUBMITTED_AT = Response._meta.get_field("submitted_at")


def _check_input(instrument: Instrument, codes: set[str], item: ResponseInput) -> dict[str, str]:
    """What is wrong with one questionnaire, by field (empty: nothing). The same checks as the
    model's fields and constraints (choices, lengths, age range, channel), done in Python so that
    storing needs no model instance and no validation queries."""
    errors: dict[str, str] = {}
    if item.service.organisation_id != instrument.organisation_id:
        errors["service"] = _("This service belongs to another sub-district.")
    answered = False
    for code, value in item.answers.items():
        if code not in codes:
            errors[code] = _("Unknown unsur %(code)s.") % {"code": code}
        elif value is None:
            continue
        elif value.__class__ is not int or value not in _ANSWER_VALUES:
            errors[code] = _("An answer must be 1, 2, 3 or 4.")
        else:
            answered = True
    if not answered and not any(v is not None for v in item.answers.values()):
        errors["answers"] = _("Answer at least one question.")
    if item.age is not None and (
        item.age.__class__ is not int or not MIN_AGE <= item.age <= MAX_AGE
    ):
        errors["age"] = _("Age must be between %(low)s and %(high)s.") % {
            "low": MIN_AGE,
            "high": MAX_AGE,
        }
    if item.gender not in _GENDERS:
        errors["gender"] = _("Choose L or P.")
    if item.education not in _EDUCATIONS:
        errors["education"] = _("Unknown education level.")
    if item.occupation not in _OCCUPATIONS:
        errors["occupation"] = _("Unknown occupation.")
    if len(item.saran.strip()) > _SARAN_MAX:
        errors["saran"] = _("Suggestions may be at most %(n)s characters long.") % {"n": _SARAN_MAX}
    if len(item.fingerprint) > _FINGERPRINT_MAX:
        errors["fingerprint"] = _("Invalid client fingerprint.")
    if item.channel not in _CHANNELS:
        errors["channel"] = _("Unknown channel.")
    return errors


# The columns of a Response row, in the order _store writes them. Checked against the model on
# first use, so that a field added to Response cannot be silently left out of the raw inserts.
_RESPONSE_COLUMNS = (
    "id",
    "organisation_id",
    "instrument_id",
    "service_id",
    "submitted_at",
    "date",
    "year",
    "quarter",
    "gender",
    "age",
    "education",
    "occupation",
    "saran",
    "channel",
    "fingerprint",
    "answers_digest",
)


def _insert_sql(model: type[models.Model], attnames: Sequence[str]) -> str:
    """``INSERT INTO <table> (<columns>) VALUES (%s, ...)`` for ``attnames`` of ``model``."""
    qn = connection.ops.quote_name
    # Concrete fields are those with a column (the None of Field.column is for the others).
    by_attname = {f.attname: f.column for f in model._meta.concrete_fields if f.column is not None}
    cols = ", ".join(qn(by_attname[a]) for a in attnames)
    marks = ", ".join(["%s"] * len(attnames))
    return f"INSERT INTO {qn(model._meta.db_table)} ({cols}) VALUES ({marks})"


def _insert_rows(
    cursor: Any, model: type[models.Model], attnames: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``attnames``) with multi-row ``VALUES`` statements,
    as many rows per statement as the backend's parameter limit allows: on SQLite this halves the
    cost of ``executemany`` one row at a time (an AUTOINCREMENT table updates its sequence once
    per statement, not once per row)."""
    if not rows:
        return
    limit = connection.features.max_query_params or 2000
    per = max(1, min(1000, limit // len(attnames)))
    single = _insert_sql(model, attnames)
    head, one = single.split(" VALUES ", 1)
    full = len(rows) - len(rows) % per
    if full:
        sql = f"{head} VALUES {', '.join([one] * per)}"
        flat = list(itertools.chain.from_iterable(rows[:full]))
        width = per * len(attnames)
        cursor.executemany(sql, [flat[i : i + width] for i in range(0, len(flat), width)])
    if full < len(rows):
        rest = rows[full:]
        cursor.execute(
            f"{head} VALUES {', '.join([one] * len(rest))}",
            list(itertools.chain.from_iterable(rest)),
        )


@functools.cache  # once per process, as the comment on _RESPONSE_COLUMNS says (on first use)
def _check_response_columns() -> None:
    attnames = {f.attname for f in Response._meta.concrete_fields}
    if attnames != set(_RESPONSE_COLUMNS):
        raise ImproperlyConfigured(
            f"skm.services._RESPONSE_COLUMNS {sorted(_RESPONSE_COLUMNS)} do not match the "
            f"Response model's fields {sorted(attnames)}"
        )


def _reserve_ids(cursor: Any, model: type[models.Model], n: int) -> Sequence[int]:
    """``n`` new primary keys of ``model`` for this transaction alone, so that the rows (and the
    rows that point to them) can be written as plain tuples with ``executemany``.

    PostgreSQL: ``n`` values drawn from the column's own sequence (unique even under concurrent
    writers; the rows then get exactly these numbers). SQLite: the next numbers after the largest
    ever used (AUTOINCREMENT: ``sqlite_sequence``); the transaction holds the database's write lock
    from its start (``transaction_mode`` IMMEDIATE in the settings), so no other connection can
    take them; without that lock a concurrent writer makes this transaction fail (busy snapshot or
    unique key), never mixes rows.
    """
    table = model._meta.db_table
    pk = model._meta.pk.column
    assert pk is not None  # a primary key is a concrete field
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), pk, n],
        )
        return [row[0] for row in cursor.fetchall()]
    if connection.vendor == "sqlite":
        qn = connection.ops.quote_name
        cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"COALESCE((SELECT MAX({qn(pk)}) FROM {qn(table)}), 0))",
            [table],
        )
        start = int(cursor.fetchone()[0]) + 1
        return range(start, start + n)
    raise ImproperlyConfigured(
        f"SKM storage supports SQLite and PostgreSQL, not {connection.vendor}"
    )


def _add_to_tallies(
    instrument: Instrument,
    respondents: Mapping[tuple[int, int, int], int],
    answers: Mapping[tuple[int, int, int, int], tuple[int, int]],
) -> None:
    """Add counts to the running tallies: ``respondents`` by (service, year, quarter), ``answers``
    (count, total) by (service, year, quarter, unsur); one upsert statement per tally table
    (``INSERT ... ON CONFLICT (key) DO UPDATE SET n = n + excluded.n``, SQLite and PostgreSQL),
    so a concurrent submission cannot lose a count. Keys in sorted order: concurrent writers lock
    the rows in the same order (no deadlock on PostgreSQL)."""
    org = instrument.organisation_id
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if respondents:
            table = qn(ResponseTally._meta.db_table)
            cursor.executemany(
                _insert_sql(
                    ResponseTally,
                    (
                        "instrument_id",
                        "service_id",
                        "year",
                        "quarter",
                        "organisation_id",
                        "respondents",
                    ),
                )
                + " ON CONFLICT (instrument_id, service_id, year, quarter) DO UPDATE SET "
                f"respondents = {table}.respondents + EXCLUDED.respondents",
                [(instrument.pk, *key, org, n) for key, n in sorted(respondents.items())],
            )
        if answers:
            table = qn(AnswerTally._meta.db_table)
            cursor.executemany(
                _insert_sql(
                    AnswerTally,
                    (
                        "instrument_id",
                        "service_id",
                        "year",
                        "quarter",
                        "unsur_id",
                        "organisation_id",
                        "count",
                        "total",
                    ),
                )
                + " ON CONFLICT (instrument_id, service_id, year, quarter, unsur_id) DO UPDATE "
                f"SET count = {table}.count + EXCLUDED.count, "
                f"total = {table}.total + EXCLUDED.total",
                [
                    (instrument.pk, *key, org, count, total)
                    for key, (count, total) in sorted(answers.items())
                ],
            )


def _store(
    instrument: Instrument,
    items: Sequence[ResponseInput],
    unsur_ids: Mapping[str, int] | None = None,
) -> list[int]:
    """Write checked questionnaires, their answers and the tally updates; the new response ids.

    Plain tuples through ``executemany`` (no model instances: at paper-import sizes building
    ~10 objects per row cost far more than the database). Must run inside a transaction."""
    if not items:
        return []
    if unsur_ids is None:
        unsur_ids = dict(instrument.unsur.values_list("code", "pk"))
    ops_datetime = Response._meta.get_field("submitted_at").get_db_prep_save
    ops_date = Response._meta.get_field("date").get_db_prep_save
    org, instrument_id = instrument.organisation_id, instrument.pk
    now = timezone.now()
    # Paper rows share a few hundred dates: convert each value for the database once.
    days: dict[Any, tuple[Any, int, int]] = {}
    stamps: dict[Any, Any] = {}
    rows: list[tuple[Any, ...]] = []
    answers: list[tuple[int, int, int]] = []
    respondents: dict[tuple[int, int, int], int] = defaultdict(int)
    sums: dict[tuple[int, int, int, int], list[int]] = {}
    with connection.cursor() as cursor:
        ids = _reserve_ids(cursor, Response, len(items))
        for response_id, item in zip(ids, items, strict=True):
            submitted_at = item.submitted_at or now
            stamp = stamps.get(submitted_at)
            if stamp is None:
                stamp = stamps[submitted_at] = ops_datetime(submitted_at, connection)
            day = item.date or timezone.localtime(submitted_at).date()
            known = days.get(day)
            if known is None:
                known = days[day] = (ops_date(day, connection), day.year, quarter_of(day))
            db_day, year, quarter = known
            service_id = item.service.pk
            saran = item.saran.strip()
            rows.append(
                (
                    response_id,
                    org,
                    instrument_id,
                    service_id,
                    stamp,
                    db_day,
                    year,
                    quarter,
                    item.gender,
                    item.age,
                    item.education,
                    item.occupation,
                    saran,
                    item.channel,
                    item.fingerprint,
                    # Only compared together with the fingerprint (duplicate check): without one
                    # (paper, sample data) there is nothing to compare it with.
                    item.digest if item.fingerprint else "",
                )
            )
            respondents[(service_id, year, quarter)] += 1
            for code, value in item.answers.items():
                if value is None:
                    continue
                unsur_id = unsur_ids[code]
                answers.append((response_id, unsur_id, value))
                tally = sums.get((service_id, year, quarter, unsur_id))
                if tally is None:
                    sums[(service_id, year, quarter, unsur_id)] = [1, value]
                else:
                    tally[0] += 1
                    tally[1] += value
        _check_response_columns()
        _insert_rows(cursor, Response, _RESPONSE_COLUMNS, rows)
        _insert_rows(cursor, Answer, ("response_id", "unsur_id", "value"), answers)
    _add_to_tallies(instrument, respondents, {k: (c, t) for k, (c, t) in sums.items()})
    return list(ids)


@transaction.atomic
def response_submit(
    *,
    instrument: Instrument,
    item: ResponseInput,
    unsur_ids: Mapping[str, int] | None = None,
) -> int:
    """Store one respondent's questionnaire and add it to the tallies, in one transaction; the id
    of the new response.

    Public: no actor (respondents are anonymous). ``ValidationError`` with messages by field.
    ``unsur_ids`` (code -> id of the instrument's unsur) when the caller has just read them (the
    survey page, ``selectors.survey_structure``), else they are read here.
    """
    if unsur_ids is None:
        unsur_ids = dict(instrument.unsur.values_list("code", "pk"))
    errors = _check_input(instrument, set(unsur_ids), item)
    if errors:
        raise ValidationError(errors)
    return _store(instrument, [item], unsur_ids)[0]


def is_duplicate(*, item: ResponseInput, within_seconds: int = 600) -> bool:
    """Whether the same client sent the very same answers a moment ago (a double "send").

    Raw SQL like the rest of the survey's write path (index ``skm_response_duplicate``)."""
    if not item.fingerprint:
        return False
    since = timezone.now() - timedelta(seconds=within_seconds)
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {qn(Response._meta.db_table)} WHERE {qn('fingerprint')} = %s "
            f"AND {qn('answers_digest')} = %s AND {qn('submitted_at')} >= %s LIMIT 1",
            [item.fingerprint, item.digest, _SUBMITTED_AT.get_db_prep_value(since, connection)],
        )
        return cursor.fetchone() is not None


@transaction.atomic
def responses_store_many(
    *, actor: UserLike | None, instrument: Instrument, items: Sequence[ResponseInput]
) -> list[int]:
    """Store many checked questionnaires at once (paper import, sample data): bulk inserts and one
    tally upsert per table; the new response ids, in the order of ``items``. ``ValidationError``
    naming the position of every bad item; nothing is stored then."""
    _require_manage(actor, instrument.organisation)
    codes = set(instrument.unsur.values_list("code", flat=True))
    errors = []
    for i, item in enumerate(items, 1):
        for key, message in _check_input(instrument, codes, item).items():
            errors.append(f"{i}: {key}: {message}")
    if errors:
        raise ValidationError(errors)
    return _store(instrument, items)


@dataclass
class ImportReport:
    """Outcome of a paper-survey import: rows stored, or every bad row with its line and reason."""

    stored: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def responses_import(
    *,
    actor: UserLike | None,
    instrument: Instrument,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
) -> ImportReport:
    """Import paper questionnaires (rows of the template, each with its line number).

    Every row is checked first; when any row is bad NOTHING is written and every bad row is
    reported with its line and reason.
    """
    from kinerja.skm.paper import RowParser  # the column rules of the template

    _require_manage(actor, instrument.organisation)
    parser = RowParser(
        services={
            s.name.casefold(): s
            for s in ServiceType.objects.filter(organisation=instrument.organisation)
        },
        codes=list(instrument.unsur.order_by("order").values_list("code", flat=True)),
    )
    report = ImportReport()
    items: list[ResponseInput] = []
    for line, row in rows:
        item, problems = parser.parse(row)
        if problems:
            report.errors.extend((line, p) for p in problems)
        elif item is not None:
            items.append(item)
    if not report.errors and not items:
        report.errors.append((0, _("The file has no questionnaires.")))
    if report.errors:
        return report
    stored = responses_store_many(actor=actor, instrument=instrument, items=items)
    report.stored = len(stored)
    return report


# --- IKU 1.1 ------------------------------------------------------------------------------------


def skm_indicators(organisation: Organisation) -> list[Any]:
    """The active indicators fed by the SKM in the organisation's decrees in force."""
    from kinerja.iku.models import Indicator

    return list(
        Indicator.objects.active().filter(
            decree__organisation=organisation, decree__status="in_force", value_source="skm"
        )
    )


def skm_refresh_iku(
    *, actor: UserLike | None, organisation: Organisation, period: str
) -> list[Any]:
    """Recompute the value of every SKM indicator (IKU 1.1) of ``period`` from the stored
    responses, through the measurement service so it follows the same workflow (draft, submit,
    verify, approve) as any other value. An approved value is left alone (the measurement
    service refuses to change it)."""
    from kinerja.measurement.services import value_refresh_from_source

    return [
        value_refresh_from_source(
            actor=actor, indicator=indicator, organisation=organisation, period=period
        )
        for indicator in skm_indicators(organisation)
    ]

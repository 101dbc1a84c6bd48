"""Writes of the SKM survey: instruments, services, user counts, responses (with their tallies) and
the paper import. The arithmetic is :mod:`kinerja.core.skm`; nothing here re-implements it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in
from kinerja.accounts.models import Membership, Role
from kinerja.common.services import save_validated
from kinerja.core.skm import DEFAULT_UNSUR_NAMES, Unsur, validate_unsur
from kinerja.organisations.models import Organisation
from kinerja.skm.models import (
    MAX_AGE,
    MIN_AGE,
    Answer,
    AnswerTally,
    Channel,
    Instrument,
    InstrumentUnsur,
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
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(
        user=user,
        role=Role.KEPALA_SEKSI,
        organisation=organisation,
        unit__name=SERVICE_UNIT_NAME,
    ).exists()


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
    Instrument.objects.filter(organisation=organisation, active=True).update(active=False)
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


def instrument_core_unsur(instrument: Instrument) -> tuple[Unsur, ...]:
    """The instrument's unsur as the core's ``Unsur`` (code, name, exact weight), in order."""
    return tuple(Unsur(u.code, u.name, u.weight) for u in instrument.unsur.order_by("order"))


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
    InstrumentUnsur.objects.filter(instrument=instrument, code__in=removed).delete()
    # Move the kept rows out of the way of the order constraint before renumbering.
    for row in existing.values():
        if row.code in codes:
            InstrumentUnsur.objects.filter(pk=row.pk).update(order=1000 + row.pk)
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


def _check_input(instrument: Instrument, codes: set[str], item: ResponseInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if item.service.organisation_id != instrument.organisation_id:
        errors["service"] = _("This service belongs to another sub-district.")
    for code, value in item.answers.items():
        if code not in codes:
            errors[code] = _("Unknown unsur %(code)s.") % {"code": code}
        elif value is not None and (isinstance(value, bool) or value not in (1, 2, 3, 4)):
            errors[code] = _("An answer must be 1, 2, 3 or 4.")
    if not any(v is not None for v in item.answers.values()):
        errors["answers"] = _("Answer at least one question.")
    if item.age is not None and not MIN_AGE <= item.age <= MAX_AGE:
        errors["age"] = _("Age must be between %(low)s and %(high)s.") % {
            "low": MIN_AGE,
            "high": MAX_AGE,
        }
    if item.channel not in Channel.values:
        errors["channel"] = _("Unknown channel.")
    return errors


def _build(instrument: Instrument, item: ResponseInput) -> Response:
    submitted_at = item.submitted_at or timezone.now()
    day = item.date or timezone.localtime(submitted_at).date()
    return Response(
        organisation_id=instrument.organisation_id,
        instrument=instrument,
        service=item.service,
        submitted_at=submitted_at,
        date=day,
        year=day.year,
        quarter=quarter_of(day),
        gender=item.gender,
        age=item.age,
        education=item.education,
        occupation=item.occupation,
        saran=item.saran.strip(),
        channel=item.channel,
        fingerprint=item.fingerprint,
        answers_digest=answers_digest(
            item.service.pk,
            item.answers,
            (item.gender, item.age, item.education, item.occupation, item.saran.strip()),
        ),
    )


def _add_to_tallies(
    instrument: Instrument,
    respondents: Mapping[tuple[int, int, int], int],
    answers: Mapping[tuple[int, int, int, int], tuple[int, int]],
) -> None:
    """Add counts to the running tallies with F() expressions (safe under concurrent writes):
    ``respondents`` by (service, year, quarter), ``answers`` (count, total) by (service, year,
    quarter, unsur)."""
    org = instrument.organisation_id
    for (service_id, year, quarter), n in respondents.items():
        key = {"instrument": instrument, "service_id": service_id, "year": year, "quarter": quarter}
        if not ResponseTally.objects.filter(**key).update(respondents=F("respondents") + n):
            try:
                with transaction.atomic():
                    ResponseTally.objects.create(**key, organisation_id=org, respondents=n)
            except IntegrityError:  # created meanwhile by a concurrent submission
                ResponseTally.objects.filter(**key).update(respondents=F("respondents") + n)
    for (service_id, year, quarter, unsur_id), (count, total) in answers.items():
        key = {
            "instrument": instrument,
            "service_id": service_id,
            "year": year,
            "quarter": quarter,
            "unsur_id": unsur_id,
        }
        updated = AnswerTally.objects.filter(**key).update(
            count=F("count") + count, total=F("total") + total
        )
        if not updated:
            try:
                with transaction.atomic():
                    AnswerTally.objects.create(**key, organisation_id=org, count=count, total=total)
            except IntegrityError:
                AnswerTally.objects.filter(**key).update(
                    count=F("count") + count, total=F("total") + total
                )


def _store(instrument: Instrument, items: Sequence[ResponseInput]) -> list[Response]:
    unsur_ids = dict(instrument.unsur.values_list("code", "pk"))
    responses = [_build(instrument, item) for item in items]
    if len(responses) == 1:
        responses[0].save()
    else:
        Response.objects.bulk_create(responses, batch_size=1000)
    answers: list[Answer] = []
    respondents: dict[tuple[int, int, int], int] = defaultdict(int)
    sums: dict[tuple[int, int, int, int], tuple[int, int]] = {}
    for response, item in zip(responses, items, strict=True):
        respondents[(response.service_id, response.year, response.quarter)] += 1
        for code, value in item.answers.items():
            if value is None:
                continue
            unsur_id = unsur_ids[code]
            answers.append(Answer(response=response, unsur_id=unsur_id, value=value))
            key = (response.service_id, response.year, response.quarter, unsur_id)
            count, total = sums.get(key, (0, 0))
            sums[key] = (count + 1, total + value)
    Answer.objects.bulk_create(answers, batch_size=2000)
    _add_to_tallies(instrument, respondents, sums)
    return responses


@transaction.atomic
def response_submit(*, instrument: Instrument, item: ResponseInput) -> Response:
    """Store one respondent's questionnaire and add it to the tallies, in one transaction.

    Public: no actor (respondents are anonymous). ``ValidationError`` with messages by field.
    """
    codes = set(instrument.unsur.values_list("code", flat=True))
    errors = _check_input(instrument, codes, item)
    if errors:
        raise ValidationError(errors)
    response = _build(instrument, item)
    response.full_clean(exclude=["organisation", "instrument", "service"])
    return _store(instrument, [item])[0]


def is_duplicate(*, fingerprint: str, digest: str, within_seconds: int = 600) -> bool:
    """Whether the same client sent the very same answers a moment ago (a double "send")."""
    if not fingerprint:
        return False
    since = timezone.now() - timezone.timedelta(seconds=within_seconds)
    return Response.objects.filter(
        fingerprint=fingerprint, answers_digest=digest, submitted_at__gte=since
    ).exists()


@transaction.atomic
def responses_store_many(
    *, actor: UserLike | None, instrument: Instrument, items: Sequence[ResponseInput]
) -> list[Response]:
    """Store many checked questionnaires at once (paper import, sample data): bulk inserts and one
    tally update per key. ``ValidationError`` naming the position of every bad item."""
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
    from kinerja.skm.paper import parse_row  # the column rules of the template

    _require_manage(actor, instrument.organisation)
    services = {
        s.name.casefold(): s
        for s in ServiceType.objects.filter(organisation=instrument.organisation)
    }
    codes = list(instrument.unsur.order_by("order").values_list("code", flat=True))
    report = ImportReport()
    items: list[ResponseInput] = []
    for line, row in rows:
        item, problems = parse_row(row, services=services, codes=codes)
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

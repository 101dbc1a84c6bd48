"""Writes of the coordination register. Pages, API, commands and the demo call these.

Every function takes keyword-only arguments, runs in one transaction, checks who may act
(``actor=None`` is a trusted caller: a command or the demo), validates with ``full_clean`` via
``save_validated`` (which records the actor in the audit history) and recomputes the indicator
values of unlocked periods the change affects.

Who may act [D]: the Kepala Seksi of the field's responsible section enters its register; the
Perencana verifies (and may correct); other sections, the Camat, Operator Desa and outsiders
only read (the Camat approves the indicator values, not the register records).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, kecamatan_ids
from kinerja.accounts.models import Role
from kinerja.common.services import save_validated
from kinerja.common.uploads import checked_upload
from kinerja.coordination.models import (
    ActivityKind,
    CoordinationActivity,
    CoordinationField,
    CoordinationResult,
    FollowUp,
    FollowUpStatus,
    Recommendation,
    RecordStatus,
)
from kinerja.coordination.source import SOURCE
from kinerja.core.periods import Period, PeriodType
from kinerja.iku.models import Indicator
from kinerja.measurement.models import IndicatorValue
from kinerja.organisations.models import Organisation, Unit

#: The fields of the decree of Kecamatan Mayang (indicators 2.1, 2.3, 2.4), created on demand.
DEFAULT_FIELDS = [
    ("pemerintahan", "Pemerintahan", "Seksi Pemerintahan"),
    (
        "pmks",
        "Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
        "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
    ),
    (
        "trantib",
        "Ketertiban dan Ketenteraman Umum",
        "Seksi Ketertiban dan Ketentraman Umum",
    ),
]


# ---------------------------------------------------------------- who may act


def can_change(actor: UserLike | None, field: CoordinationField) -> bool:
    if actor is None:
        return True
    return CoordinationField.objects.for_user(actor, Action.CHANGE).filter(pk=field.pk).exists()


def can_verify(actor: UserLike | None, field: CoordinationField) -> bool:
    if actor is None:
        return True
    ids = kecamatan_ids(actor, {Role.PERENCANA})
    return ids is None or field.organisation_id in ids


def _require_change(actor: UserLike | None, field: CoordinationField) -> None:
    if not can_change(actor, field):
        raise PermissionDenied(_("Only the section responsible for this field may change it."))


def _require_activity_change(actor: UserLike | None, activity: CoordinationActivity) -> None:
    _require_change(actor, activity.field)
    if activity.status == RecordStatus.VERIFIED and not can_verify(actor, activity.field):
        raise PermissionDenied(
            _("This activity has been verified; only the Perencana can change it now.")
        )


def _user(actor: UserLike | None) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


# ---------------------------------------------------------------- files


def _attach(instance: Any, attr: str, upload: UploadedFile | None, field_name: str) -> None:
    """Check ``upload`` (the rules of value evidence) and store it in ``instance.<attr>`` with its
    metadata."""
    if upload is None:
        return
    checked = checked_upload(upload, field_name=field_name)
    instance.file_name = checked.original_name
    instance.file_type = checked.content_type
    instance.file_size = checked.size
    instance.file_sha256 = checked.sha256
    checked.save_to(getattr(instance, attr))


# ---------------------------------------------------------------- fields


@transaction.atomic
def fields_ensure_default(*, organisation: Organisation) -> list[CoordinationField]:
    """Create the decree's three fields of a kecamatan when missing (idempotent); a field whose
    section does not exist in the kecamatan is skipped."""
    out = []
    for order, (code, name, unit_name) in enumerate(DEFAULT_FIELDS, start=1):
        existing = CoordinationField.objects.filter(organisation=organisation, code=code).first()
        if existing:
            out.append(existing)
            continue
        unit = Unit.objects.filter(organisation=organisation, name=unit_name).first()
        if unit is None:
            continue
        obj = CoordinationField(
            organisation=organisation, code=code, name=name, responsible_unit=unit, order=order
        )
        save_validated(obj)
        out.append(obj)
    return out


@transaction.atomic
def field_create(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    code: str,
    name: str,
    responsible_unit: Unit,
    order: int = 0,
) -> CoordinationField:
    """Add a field of coordination (Perencana, Camat or Admin Kabupaten)."""
    from kinerja.accounts.access import can_act_in

    if actor is not None and not can_act_in(actor, Action.CHANGE, organisation):
        raise PermissionDenied(_("You may not add fields of coordination."))
    obj = CoordinationField(
        organisation=organisation,
        code=code.strip(),
        name=name.strip(),
        responsible_unit=responsible_unit,
        order=order,
    )
    save_validated(obj, actor=actor)
    return obj


# ---------------------------------------------------------------- activities


@dataclass
class RecommendationInput:
    text: str
    responsible_party: str
    due_date: dt.date


@dataclass
class ResultInput:
    text: str
    date: dt.date | None = None  # default: the activity's date
    recommendations: list[RecommendationInput] = dc_field(default_factory=list)


@transaction.atomic
def activity_record(
    *,
    actor: UserLike | None,
    field: CoordinationField,
    title: str,
    date: dt.date,
    place: str,
    participants: str,
    kind: str = ActivityKind.MEETING,
    minutes: UploadedFile | None = None,
    results: list[ResultInput] | None = None,
    submit: bool = False,
) -> CoordinationActivity:
    """Record an activity with its results and their recommendations in one go."""
    _require_change(actor, field)
    activity = CoordinationActivity(
        field=field,
        kind=kind,
        title=title.strip(),
        date=date,
        place=place.strip(),
        participants=participants.strip(),
        entered_by=_user(actor),
        status=RecordStatus.SUBMITTED if submit else RecordStatus.DRAFT,
        submitted_at=timezone.now() if submit else None,
    )
    _attach(activity, "minutes", minutes, "minutes")
    save_validated(activity, actor=actor)
    for index, item in enumerate(results or []):
        result = CoordinationResult(
            activity=activity, text=item.text.strip(), date=item.date or date
        )
        _save_nested(result, actor, f"results[{index}]")
        for r_index, rec in enumerate(item.recommendations):
            recommendation = Recommendation(
                result=result,
                text=rec.text.strip(),
                responsible_party=rec.responsible_party.strip(),
                due_date=rec.due_date,
            )
            _save_nested(recommendation, actor, f"results[{index}].recommendations[{r_index}]")
    refresh_affected(
        actor=actor, field=field, dates={date, *(r.date or date for r in results or [])}
    )
    return activity


def _save_nested(instance: Any, actor: UserLike | None, path: str) -> None:
    """Validate a nested record, naming it by its position so the form can point at it."""
    try:
        save_validated(instance, actor=actor)
    except ValidationError as exc:
        raise ValidationError(
            {f"{path}.{k}": v for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {path: exc.messages}
        ) from exc


@transaction.atomic
def activity_update(
    *,
    actor: UserLike | None,
    activity: CoordinationActivity,
    title: str,
    date: dt.date,
    place: str,
    participants: str,
    kind: str,
    minutes: UploadedFile | None = None,
) -> CoordinationActivity:
    _require_activity_change(actor, activity)
    old_date = activity.date
    activity.title, activity.date, activity.place = title.strip(), date, place.strip()
    activity.participants, activity.kind = participants.strip(), kind
    _attach(activity, "minutes", minutes, "minutes")
    save_validated(activity, actor=actor)
    refresh_affected(actor=actor, field=activity.field, dates={old_date, date})
    return activity


@transaction.atomic
def activity_submit(
    *, actor: UserLike | None, activity: CoordinationActivity
) -> CoordinationActivity:
    _require_activity_change(actor, activity)
    if activity.status != RecordStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    activity.status, activity.submitted_at = RecordStatus.SUBMITTED, timezone.now()
    save_validated(activity, actor=actor)
    refresh_affected(actor=actor, field=activity.field, dates=_activity_dates(activity))
    return activity


@transaction.atomic
def activity_verify(
    *, actor: UserLike | None, activity: CoordinationActivity
) -> CoordinationActivity:
    """Submitted → verified, by the Perencana."""
    if not can_verify(actor, activity.field):
        raise PermissionDenied(_("Only the Perencana verifies register records."))
    if activity.status != RecordStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted activity can be verified."))
    activity.status = RecordStatus.VERIFIED
    activity.verified_at, activity.verified_by = timezone.now(), _user(actor)
    save_validated(activity, actor=actor)
    refresh_affected(actor=actor, field=activity.field, dates=_activity_dates(activity))
    return activity


def _activity_dates(activity: CoordinationActivity) -> set[dt.date]:
    return {activity.date, *activity.results.values_list("date", flat=True)}


@transaction.atomic
def result_add(
    *, actor: UserLike | None, activity: CoordinationActivity, text: str, date: dt.date
) -> CoordinationResult:
    _require_activity_change(actor, activity)
    result = CoordinationResult(activity=activity, text=text.strip(), date=date)
    save_validated(result, actor=actor)
    refresh_affected(actor=actor, field=activity.field, dates={activity.date, date})
    return result


@transaction.atomic
def result_update(
    *, actor: UserLike | None, result: CoordinationResult, text: str, date: dt.date
) -> CoordinationResult:
    _require_activity_change(actor, result.activity)
    old = result.date
    result.text, result.date = text.strip(), date
    save_validated(result, actor=actor)
    refresh_affected(
        actor=actor, field=result.activity.field, dates={result.activity.date, old, date}
    )
    return result


@transaction.atomic
def recommendation_add(
    *,
    actor: UserLike | None,
    result: CoordinationResult,
    text: str,
    responsible_party: str,
    due_date: dt.date,
) -> Recommendation:
    _require_activity_change(actor, result.activity)
    rec = Recommendation(
        result=result,
        text=text.strip(),
        responsible_party=responsible_party.strip(),
        due_date=due_date,
    )
    save_validated(rec, actor=actor)
    refresh_affected(
        actor=actor, field=result.activity.field, dates={result.activity.date, result.date}
    )
    return rec


@transaction.atomic
def recommendation_update(
    *,
    actor: UserLike | None,
    recommendation: Recommendation,
    text: str,
    responsible_party: str,
    due_date: dt.date,
) -> Recommendation:
    result = recommendation.result
    _require_activity_change(actor, result.activity)
    recommendation.text, recommendation.responsible_party = text.strip(), responsible_party.strip()
    recommendation.due_date = due_date
    save_validated(recommendation, actor=actor)
    refresh_affected(
        actor=actor, field=result.activity.field, dates={result.activity.date, result.date}
    )
    return recommendation


@transaction.atomic
def followup_add(
    *,
    actor: UserLike | None,
    recommendation: Recommendation,
    status: str,
    date: dt.date,
    actor_name: str,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> FollowUp:
    """Record a step of the follow-up of a recommendation (follow-ups may be added to a
    verified activity: they are the progress of its recommendations)."""
    result = recommendation.result
    _require_change(actor, result.activity.field)
    if status not in FollowUpStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    followup = FollowUp(
        recommendation=recommendation,
        status=status,
        date=date,
        actor=actor_name.strip(),
        note=note.strip(),
        entered_by=_user(actor),
    )
    _attach(followup, "evidence", evidence, "evidence")
    save_validated(followup, actor=actor)
    refresh_affected(
        actor=actor, field=result.activity.field, dates={result.activity.date, result.date, date}
    )
    return followup


# ---------------------------------------------------------------- recompute on change


def field_indicators(field: CoordinationField) -> list[Indicator]:
    """The indicators (of decrees in force) computed from this field's register."""
    return [
        i
        for i in SOURCE.indicators(field.organisation)
        if i.source_params.get("field") == field.code
    ]


def refresh_affected(
    *, actor: UserLike | None, field: CoordinationField, dates: set[dt.date]
) -> list[IndicatorValue]:
    """Recompute the values a change of records dated ``dates`` may affect: the quarters
    holding those dates and their years (created when missing; the year is stored from the
    source like the village register's, so the year row shows the year's own count and not a sum
    of quarters that misses a follow-up completed after its quarter) and every other stored value
    of those years, unless locked (approved) or under review (submitted/verified) — those keep
    their numbers; an approved one shows that its sources changed (kinerja.measurement.lineage)."""
    years = {d.year for d in dates}
    return SOURCE.refresh(
        actor=actor,
        indicators=field_indicators(field),
        organisation=field.organisation,
        years=years,
        periods=[Period(PeriodType.QUARTER, d.year, (d.month - 1) // 3 + 1) for d in dates]
        + [Period.year_of(year) for year in years],
    )

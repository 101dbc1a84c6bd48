"""Writes of realizations, their workflow and their evidence. Pages, API and commands call these.

Every function takes keyword-only arguments, runs in one transaction, checks who may act, validates
(``full_clean`` through ``save_validated``, which also records the actor in the audit history) and
writes a :class:`WorkflowEvent` for each workflow step. ``actor=None`` is a trusted caller (a
management command or the demo).

Rules (docs/measurement.md):
- one value per indicator × organisation × period (ISO period strings, kinerja.core.periods);
- numbers are read the Indonesian way (kinerja.core.numbers.parse_number);
- a denominator of 0 leaves the value empty (shown "—"), never an error;
- negative counts are refused; a numerator above its denominator is refused on a % indicator;
- a stale ``expected_version`` is refused (two people never overwrite each other silently);
- only draft or returned values can be edited, and only their evidence can be removed (a
  submitted or verified value keeps the evidence its reviewers saw); approved values are locked
  with their evidence;
- three steps by default: the Camat approves only values the Perencana verified; a kecamatan
  that works in two steps (the Camat approves submitted values directly) says so in its
  ``WorkflowSettings`` (:func:`workflow_settings_save`).
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in, is_unit_head, kecamatan_ids
from kinerja.accounts.models import Role
from kinerja.common.services import save_validated
from kinerja.common.uploads import checked_upload
from kinerja.core.achievement import SCALES
from kinerja.core.aggregation import compute_value
from kinerja.core.numbers import format_id, parse_number, round_half_up
from kinerja.core.periods import Period, parse_period
from kinerja.iku.models import Indicator
from kinerja.measurement.lineage import approved_digest
from kinerja.measurement.models import (
    ApprovalSteps,
    Evidence,
    IndicatorValue,
    ValueStatus,
    WorkflowEvent,
    WorkflowSettings,
)
from kinerja.measurement.selectors import (
    approvable_statuses,
    assessment_for,
    is_red,
    value_achievement,
)
from kinerja.measurement.sources import compute_from_source, is_computed
from kinerja.organisations.models import Level, Organisation

EDITABLE_STATUSES = (ValueStatus.DRAFT, ValueStatus.RETURNED)
REASON_MAX_LENGTH = 500
OVERRIDE_SOURCE = "override"


class VersionConflict(ValidationError):
    """A save based on a version that somebody else has replaced in the meantime."""


# ---------------------------------------------------------------- who may do what


def _has_role(user: UserLike, roles: set[Role], organisation: Organisation) -> bool:
    ids = kecamatan_ids(user, roles)
    return ids is None or organisation.pk in ids


def can_enter(user: UserLike | None, indicator: Indicator, organisation: Organisation) -> bool:
    """The Kepala Seksi of the indicator's responsible unit, or the Perencana, the Camat or the
    Admin Kabupaten of the kecamatan."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if can_act_in(user, Action.CHANGE, organisation):  # Perencana, Camat, Admin Kabupaten
        return True
    return indicator.responsible_unit_id is not None and is_unit_head(
        user, organisation, indicator.responsible_unit_id
    )


def can_verify(user: UserLike | None, organisation: Organisation) -> bool:
    """The Perencana verifies (and returns) submitted values."""
    return user is None or (
        user.is_authenticated and _has_role(user, {Role.PERENCANA}, organisation)
    )


def can_return(user: UserLike | None, organisation: Organisation) -> bool:
    """The Perencana returns a value with a note; the Camat may too instead of approving [D]."""
    return user is None or (
        user.is_authenticated and _has_role(user, {Role.PERENCANA, Role.CAMAT}, organisation)
    )


def can_approve(user: UserLike | None, organisation: Organisation) -> bool:
    """Only the Camat approves and unlocks (what he may approve: :func:`approvable_statuses`)."""
    return user is None or (user.is_authenticated and _has_role(user, {Role.CAMAT}, organisation))


def can_change_workflow_settings(user: UserLike | None, organisation: Organisation) -> bool:
    """The Camat, the Perencana or the Admin Kabupaten of the kecamatan."""
    return user is None or (user.is_authenticated and can_act_in(user, Action.CHANGE, organisation))


def allowed_actions(user: UserLike, value: IndicatorValue | None, indicator: Indicator) -> set[str]:
    """The workflow buttons ``user`` may press on ``value`` (None: not entered yet)."""
    organisation = value.organisation if value else indicator.decree.organisation
    status = value.status if value else ValueStatus.DRAFT
    actions: set[str] = set()
    if can_enter(user, indicator, organisation) and status in EDITABLE_STATUSES:
        actions.add("save")
        if value is not None:
            actions.add("submit")
    if value is None:
        return actions
    if status == ValueStatus.SUBMITTED and can_verify(user, organisation):
        actions.add("verify")
    if status in (ValueStatus.SUBMITTED, ValueStatus.VERIFIED) and can_return(user, organisation):
        actions.add("return")
    if can_approve(user, organisation) and status in approvable_statuses(organisation):
        actions.add("approve")
    if status == ValueStatus.APPROVED and can_approve(user, organisation):
        actions.add("unlock")
    return actions


# ---------------------------------------------------------------- numbers


def parse_amount(raw: Any, field: str) -> Decimal | None:
    """A number from a form, the API or a file: ``None``/"" is empty, strings are read the
    Indonesian way (``1.234,5``, ``1,5``, ``1.5``); a bad one is a ValidationError on ``field``."""
    if raw is None:
        return None
    if isinstance(raw, Decimal | int):
        return Decimal(raw)
    if isinstance(raw, float):
        raise ValidationError({field: _("Numbers must be given as text or exact decimals.")})
    text = str(raw).strip()
    if not text:
        return None
    try:
        return parse_number(text)
    except ValueError:
        raise ValidationError(
            {field: _("“%(text)s” is not a number. Write e.g. 1.234,5 or 12,5.") % {"text": text}}
        ) from None


def _fits(number: Decimal | None, field: str, places: int = 4) -> None:
    """The database keeps 4 decimals and 14 integer digits; refuse what would be cut."""
    if number is None:
        return
    # the size first: quantize itself fails on a number longer than the decimal context (28 digits)
    if abs(number) >= Decimal(10) ** 14 or number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(
            {
                field: _("At most 14 digits before and %(places)d after the decimal mark.")
                % {"places": places}
            }
        )


def _stored(value: Decimal | None) -> Decimal | None:
    """The computed value as the column keeps it (10 decimals, half-up). Achievement and
    aggregation recompute from the components, so nothing downstream depends on this rounding."""
    return None if value is None else round_half_up(value, 10)


def has_components(indicator: Indicator) -> bool:
    """An indicator with a numerator or denominator definition is entered as its components;
    others (no formula) take a direct value [D]."""
    return not indicator.scale and bool(
        indicator.numerator_definition.strip() or indicator.denominator_definition.strip()
    )


def _period(text: str) -> Period:
    try:
        return parse_period(str(text))
    except ValueError:
        raise ValidationError(
            {
                "period": _("“%(text)s” is not a period. Use e.g. 2022, 2022S1, 2022Q1 or 2022-03.")
                % {"text": text}
            }
        ) from None


# ---------------------------------------------------------------- saving a value


def _last_saved_by(value: IndicatorValue) -> tuple[str, str]:
    record = value.history.order_by("-history_date", "-history_id").first()
    user = getattr(record, "history_user", None) if record else None
    who = (user.get_full_name() or user.get_username()) if user else _("someone")
    when_dt = timezone.localtime(record.history_date if record else value.updated_at)
    when = formats.date_format(when_dt, "j F Y H:i")
    return who, when


def _check_version(value: IndicatorValue | None, expected_version: int | None) -> None:
    current = value.version if value is not None else 0
    if expected_version is None or int(expected_version) == current:
        return
    if value is None:
        raise VersionConflict(_("This value no longer exists. Reload the page."), code="conflict")
    who, when = _last_saved_by(value)
    raise VersionConflict(
        _(
            "%(who)s saved this value on %(when)s, after you opened it. Your input was not "
            "saved; reload the page to see their version and enter your changes again."
        )
        % {"who": who, "when": when},
        code="conflict",
    )


def _check_editable(value: IndicatorValue | None) -> None:
    if value is None:
        return
    if value.is_locked:
        raise ValidationError(
            _("This value has been approved and is locked. Only the Camat can unlock it."),
            code="locked",
        )
    if value.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "This value has been submitted and cannot be changed now. Ask the Perencana to "
                "return it first."
            ),
            code="not_editable",
        )


def _check_key(indicator: Indicator, organisation: Organisation) -> None:
    if indicator.decree.organisation_id != organisation.pk:
        raise ValidationError({"indicator": _("This indicator belongs to another organisation.")})


def _get_value(
    indicator: Indicator, organisation: Organisation, period: str
) -> IndicatorValue | None:
    return (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, organisation=organisation, period=period)
        .first()
    )


def validate_components(
    *,
    indicator: Indicator,
    numerator: Any,
    denominator: Any,
    value: Any = None,
    grade: str = "",
) -> tuple[Decimal | None, Decimal | None, Decimal | None, str]:
    """Parse and check what was entered; returns (numerator, denominator, value, grade).

    Raises a ValidationError naming every bad field at once. Used by :func:`value_save` and by
    the import command, so a file is checked exactly like the form.
    """
    errors: dict[str, list[str]] = {}
    parsed: dict[str, Decimal | None] = {}
    for field, raw in (("numerator", numerator), ("denominator", denominator), ("value", value)):
        try:
            parsed[field] = parse_amount(raw, field)
            _fits(parsed[field], field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            parsed[field] = None
    num, den, val = parsed["numerator"], parsed["denominator"], parsed["value"]
    grade = (grade or "").strip()
    if indicator.scale:
        scale = SCALES.get(indicator.scale)
        if grade and scale is not None:
            try:
                scale.score(grade)
            except ValueError:
                errors["grade"] = [
                    _("“%(grade)s” is not a grade of this scale. Choose one of: %(grades)s.")
                    % {"grade": grade, "grades": ", ".join(g for g, _s in scale.grades)}
                ]
        if num is not None or den is not None or val is not None:
            errors.setdefault("grade", []).append(
                _("This indicator is graded; enter a grade, not numbers.")
            )
        if errors:
            raise ValidationError(errors)
        return None, None, None, grade
    if grade:
        errors["grade"] = [_("This indicator has no grading scale.")]
    if has_components(indicator):
        if val is not None:
            errors["value"] = [
                _("This indicator is computed from its numerator and denominator; enter those.")
            ]
        for field, number in (("numerator", num), ("denominator", den)):
            if number is not None and number < 0:
                errors[field] = [_("A count cannot be negative.")]
        if (
            (num is None) != (den is None)
            and "numerator" not in errors
            and "denominator" not in errors
        ):
            missing = "denominator" if den is None else "numerator"
            errors[missing] = [_("Enter both the numerator and the denominator, or neither.")]
        if (
            indicator.is_percentage
            and num is not None
            and den is not None
            and num >= 0
            and den >= 0
            and num > den
        ):
            errors["numerator"] = [
                _(
                    "The numerator (%(num)s) cannot be larger than the denominator (%(den)s) on a "
                    "percentage indicator."
                )
                % {
                    "num": format_id(num, 4).rstrip("0").rstrip(","),
                    "den": format_id(den, 4).rstrip("0").rstrip(","),
                }
            ]
        if errors:
            raise ValidationError(errors)
        return num, den, _stored(compute_value(num, den, indicator.factor)), ""
    if num is not None or den is not None:
        errors["value"] = [_("This indicator has no components; enter its value directly.")]
    if errors:
        raise ValidationError(errors)
    return None, None, val, ""


@transaction.atomic
def value_save(
    *,
    actor: UserLike | None,
    indicator: Indicator,
    organisation: Organisation,
    period: str,
    numerator: Any = None,
    denominator: Any = None,
    value: Any = None,
    grade: str = "",
    kendala: str = "",
    upaya: str = "",
    rencana_tindak_lanjut: str = "",
    override_reason: str = "",
    expected_version: int | None = None,
) -> IndicatorValue:
    """Create or update the value of ``indicator`` × ``organisation`` × ``period``.

    ``expected_version`` is the version the user's form was built from (0 for a value not yet
    entered); a different current version is a :class:`VersionConflict`. For an indicator whose
    components come from a source, numbers that differ from the source are an override and need
    ``override_reason``.
    """
    if not can_enter(actor, indicator, organisation):
        raise PermissionDenied(_("You may not enter values of this indicator."))
    _check_key(indicator, organisation)
    key = _period(period)
    current = _get_value(indicator, organisation, str(key))
    _check_version(current, expected_version)
    _check_editable(current)
    num, den, val, grade = validate_components(
        indicator=indicator, numerator=numerator, denominator=denominator, value=value, grade=grade
    )
    source = "manual"
    override_reason = (override_reason or "").strip()
    if indicator.value_source != "manual":
        computed = compute_from_source(indicator, organisation, key)
        source = indicator.value_source
        if computed is not None and (computed.numerator, computed.denominator) != (num, den):
            if not override_reason:
                raise ValidationError(
                    {
                        "override_reason": _(
                            "These numbers differ from the ones computed from the source "
                            "(%(num)s / %(den)s). Give a reason for overriding them."
                        )
                        % {
                            "num": format_id(computed.numerator),
                            "den": format_id(computed.denominator),
                        }
                    }
                )
            source = OVERRIDE_SOURCE
        else:
            override_reason = ""
    obj = current or IndicatorValue(indicator=indicator, organisation=organisation, period=str(key))
    obj.period_start, obj.period_end = key.start, key.end
    obj.numerator, obj.denominator, obj.value, obj.grade = num, den, val, grade
    obj.kendala, obj.upaya = kendala.strip(), upaya.strip()
    obj.rencana_tindak_lanjut = rencana_tindak_lanjut.strip()
    obj.source, obj.override_reason = source, override_reason
    obj.version = (current.version + 1) if current else 1
    save_validated(obj, actor=actor)
    if source == OVERRIDE_SOURCE:
        _event(obj, "override", obj.status, obj.status, actor, override_reason)
    return obj


@transaction.atomic
def value_refresh_from_source(
    *,
    actor: UserLike | None,
    indicator: Indicator,
    organisation: Organisation,
    period: str,
    expected_version: int | None = None,
) -> IndicatorValue:
    """Take the components from the indicator's source (replacing a manual override)."""
    if not can_enter(actor, indicator, organisation):
        raise PermissionDenied(_("You may not enter values of this indicator."))
    _check_key(indicator, organisation)
    key = _period(period)
    result = compute_from_source(indicator, organisation, key)
    if result is None:
        raise ValidationError(_("The values of this indicator are entered by hand."))
    current = _get_value(indicator, organisation, str(key))
    _check_version(current, expected_version)
    _check_editable(current)
    new_value = _stored(
        result.value
        if result.value is not None
        else compute_value(result.numerator, result.denominator, indicator.factor)
    )
    if current is not None and (
        current.numerator,
        current.denominator,
        current.value,
        current.source,
    ) == (result.numerator, result.denominator, new_value, indicator.value_source):
        return current  # nothing changed: no new version, no event (keeps refreshes idempotent)
    obj = current or IndicatorValue(indicator=indicator, organisation=organisation, period=str(key))
    obj.period_start, obj.period_end = key.start, key.end
    obj.numerator, obj.denominator, obj.value = result.numerator, result.denominator, new_value
    obj.source, obj.override_reason = indicator.value_source, ""
    obj.version = (current.version + 1) if current else 1
    save_validated(obj, actor=actor)
    _event(obj, "refresh", obj.status, obj.status, actor, "")
    return obj


# ---------------------------------------------------------------- workflow


def _event(
    value: IndicatorValue, action: str, before: str, after: str, actor: Any, note: str
) -> WorkflowEvent:
    return WorkflowEvent.objects.create(
        value=value,
        action=action,
        from_status=before,
        to_status=after,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def _lock(value: IndicatorValue) -> IndicatorValue:
    return (
        IndicatorValue.objects.select_for_update()
        .select_related("indicator", "organisation")
        .get(pk=value.pk)
    )


def _illegal(value: IndicatorValue, action_label: str) -> ValidationError:
    return ValidationError(
        _("A value that is “%(status)s” cannot be %(action)s.")
        % {"status": value.get_status_display(), "action": action_label},
        code="illegal_transition",
    )


def _move(
    value: IndicatorValue,
    *,
    actor: UserLike | None,
    action: str,
    to: ValueStatus,
    note: str = "",
    expected_version: int | None = None,
) -> IndicatorValue:
    _check_version(value, expected_version)
    before = value.status
    value.status = to
    value.version += 1
    save_validated(value, actor=actor)
    _event(value, action, before, to, actor, note)
    return value


@transaction.atomic
def value_submit(
    *, actor: UserLike | None, value: IndicatorValue, expected_version: int | None = None
) -> IndicatorValue:
    """Draft or returned → submitted, by whoever may enter the value. A red rating needs a
    note (kendala or upaya) first."""
    value = _lock(value)
    if not can_enter(actor, value.indicator, value.organisation):
        raise PermissionDenied(_("You may not submit values of this indicator."))
    if value.status not in EDITABLE_STATUSES:
        raise _illegal(value, _("submitted"))
    empty = (
        not value.grade
        if value.indicator.scale
        else (value.numerator is None or value.denominator is None)
        if has_components(value.indicator)
        else value.value is None
    )
    if empty:
        raise ValidationError(_("Enter the realization before submitting it."), code="empty")
    if is_red(value=value) and not (value.kendala.strip() or value.upaya.strip()):
        raise ValidationError(
            {
                "kendala": _(
                    "The achievement is rated low (%(predikat)s). Explain the obstacles (kendala) "
                    "or the actions taken (upaya) before submitting."
                )
                % {
                    "predikat": assessment_for(value.organisation).table.label(
                        value_achievement(value=value)
                    )
                }
            }
        )
    value.submitted_at, value.submitted_by = timezone.now(), _user(actor)
    value.return_note = ""
    return _move(
        value,
        actor=actor,
        action="submit",
        to=ValueStatus.SUBMITTED,
        expected_version=expected_version,
    )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def value_verify(
    *,
    actor: UserLike | None,
    value: IndicatorValue,
    note: str = "",
    expected_version: int | None = None,
) -> IndicatorValue:
    """Submitted → verified, by the Perencana."""
    value = _lock(value)
    if not can_verify(actor, value.organisation):
        raise PermissionDenied(_("Only the Perencana verifies values."))
    if value.status != ValueStatus.SUBMITTED:
        raise _illegal(value, _("verified"))
    value.verified_at, value.verified_by = timezone.now(), _user(actor)
    return _move(
        value,
        actor=actor,
        action="verify",
        to=ValueStatus.VERIFIED,
        note=note.strip(),
        expected_version=expected_version,
    )


@transaction.atomic
def value_return(
    *, actor: UserLike | None, value: IndicatorValue, note: str, expected_version: int | None = None
) -> IndicatorValue:
    """Submitted or verified → returned, with a note saying what to correct."""
    value = _lock(value)
    if not can_return(actor, value.organisation):
        raise PermissionDenied(_("Only the Perencana or the Camat may return values."))
    if value.status not in (ValueStatus.SUBMITTED, ValueStatus.VERIFIED):
        raise _illegal(value, _("returned"))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what has to be corrected.")})
    value.return_note = note
    return _move(
        value,
        actor=actor,
        action="return",
        to=ValueStatus.RETURNED,
        note=note,
        expected_version=expected_version,
    )


def snapshot(value: IndicatorValue) -> dict[str, Any]:
    """What was approved: components, value, evidence and the records behind a computed value."""
    records: list[dict[str, Any]] = []
    if is_computed(value.source):
        result = compute_from_source(
            value.indicator, value.organisation, parse_period(value.period)
        )
        if result is not None:
            records = [{**asdict(r), "counted_in": list(r.counted_in)} for r in result.records]

    def text(number: Decimal | None) -> str | None:
        return None if number is None else str(number)

    return {
        "numerator": text(value.numerator),
        "denominator": text(value.denominator),
        "value": text(value.value),
        "grade": value.grade,
        "source": value.source,
        "override_reason": value.override_reason,
        "version": value.version,
        "evidence": [
            {"id": e.pk, "name": e.original_name, "sha256": e.sha256, "size": e.size}
            for e in value.evidence.filter(removed_at__isnull=True)
        ],
        "records": records,
    }


@transaction.atomic
def value_approve(
    *,
    actor: UserLike | None,
    value: IndicatorValue,
    note: str = "",
    expected_version: int | None = None,
) -> IndicatorValue:
    """Verified → approved, by the Camat: freezes a snapshot and locks the value and its
    evidence. Submitted → approved only where the kecamatan works in two steps."""
    value = _lock(value)
    if not can_approve(actor, value.organisation):
        raise PermissionDenied(_("Only the Camat approves values."))
    if value.status not in approvable_statuses(value.organisation):
        if value.status == ValueStatus.SUBMITTED:
            raise ValidationError(
                _(
                    "A submitted value cannot be approved before the Perencana has verified it "
                    "(this sub-district approves in three steps)."
                ),
                code="not_verified",
            )
        raise _illegal(value, _("approved"))
    value.approved_at, value.approved_by = timezone.now(), _user(actor)
    value.approved_snapshot = snapshot(value)
    value.approved_digest = ""
    value.approved_digest = approved_digest(value)
    return _move(
        value,
        actor=actor,
        action="approve",
        to=ValueStatus.APPROVED,
        note=note.strip(),
        expected_version=expected_version,
    )


@transaction.atomic
def value_unlock(
    *,
    actor: UserLike | None,
    value: IndicatorValue,
    reason: str,
    expected_version: int | None = None,
) -> IndicatorValue:
    """Approved → returned, by the Camat only, with a reason (audited). The snapshot stays as a
    record of what had been approved until a new approval replaces it."""
    value = _lock(value)
    if not can_approve(actor, value.organisation):
        raise PermissionDenied(_("Only the Camat can unlock an approved value."))
    if value.status != ValueStatus.APPROVED:
        raise _illegal(value, _("unlocked"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"note": _("Give the reason for unlocking.")})
    value.return_note = reason
    return _move(
        value,
        actor=actor,
        action="unlock",
        to=ValueStatus.RETURNED,
        note=reason,
        expected_version=expected_version,
    )


# ---------------------------------------------------------------- evidence

# The checks of an uploaded file are kinerja.common.uploads.checked_upload.


@transaction.atomic
def evidence_add(
    *, actor: UserLike | None, value: IndicatorValue, upload: UploadedFile, description: str = ""
) -> Evidence:
    """Attach a file to a value: PDF, JPEG/PNG/WebP or DOCX/XLSX/ODT/ODS, at most
    KINERJA_EVIDENCE_MAX_BYTES; the extension and the content must agree."""
    value = _lock(value)
    if not can_enter(actor, value.indicator, value.organisation):
        raise PermissionDenied(_("You may not add evidence to this value."))
    if value.is_locked:
        raise ValidationError(
            _("This value has been approved; its evidence is locked."), code="locked"
        )
    checked = checked_upload(upload, field_name="file")
    evidence = Evidence(
        value=value,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        description=(description or "").strip()[:300],
        uploaded_by=_user(actor),
    )
    checked.save_to(evidence.file)
    # uploaded_by is empty for trusted callers (commands, the demo); it is set here, not typed.
    save_validated(evidence, actor=actor, exclude=["uploaded_by"])
    _event(value, "evidence_add", value.status, value.status, actor, checked.original_name)
    return evidence


@transaction.atomic
def evidence_remove(*, actor: UserLike | None, evidence: Evidence) -> Evidence:
    """Soft removal: the file stays on disk and in the audit history, hidden from the value.

    Only while the value is a draft or returned for correction: once submitted, its evidence is
    what the Perencana and the Camat review, so it stays until the value is returned."""
    value = _lock(evidence.value)
    if not can_enter(actor, value.indicator, value.organisation):
        raise PermissionDenied(_("You may not remove evidence of this value."))
    if value.is_locked:
        raise ValidationError(
            _("This value has been approved; its evidence is locked."), code="locked"
        )
    if value.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "Evidence can only be removed while the value is a draft or returned for "
                "correction. Ask the Perencana or the Camat to return the value first."
            ),
            code="not_editable",
        )
    if evidence.removed_at is None:
        evidence.removed_at = timezone.now()
        save_validated(evidence, actor=actor, exclude=["uploaded_by"])
        _event(value, "evidence_remove", value.status, value.status, actor, evidence.original_name)
    return evidence


# ---------------------------------------------------------------- the kecamatan's workflow


@transaction.atomic
def workflow_settings_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    approval_steps: ApprovalSteps | str,
    reason: str,
) -> WorkflowSettings:
    """Set how ``organisation`` (a kecamatan) approves its values, three or two steps, by its
    Camat, Perencana or Admin Kabupaten. The reason is required and kept with the change (and
    who made it) in the history. Values already waiting keep their status; what the Camat may
    approve follows the new setting at once."""
    if organisation.level != Level.KECAMATAN:
        raise ValidationError({"organisation": _("The approval workflow is set per sub-district.")})
    if not can_change_workflow_settings(actor, organisation):
        raise PermissionDenied(_("You may not change the approval workflow of this sub-district."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Keep the reason to at most %(max)d characters.")
                % {"max": REASON_MAX_LENGTH}
            }
        )
    row = WorkflowSettings.objects.select_for_update().filter(
        organisation=organisation
    ).first() or WorkflowSettings(organisation=organisation)
    row.approval_steps = approval_steps
    row._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history, not a model field
    save_validated(row, actor=actor)
    return row

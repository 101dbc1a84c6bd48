"""Writes of the village budget-document register. Pages, API, the demo and commands call these.

Who may do what (docs/registers.md, "Dokumen anggaran desa"):
- the Operator Desa submits and uploads the documents of their own village only;
- the Kepala Seksi of the unit responsible for indicator 2.2 (Seksi Pemerintahan) evaluates the
  APBDes and verifies the SPJ; the same section may upload a document handed in on paper [D] and
  confirm, with a note, the earlier date it was handed in on paper;
- the section, the Perencana and the Camat set the deadlines of a fiscal year;
- ``actor=None`` is a trusted caller (the demo, a management command).

When a document counts as handed in: the server's clock at the moment its file is uploaded
(nobody types that date); an earlier paper handover only once the section confirmed it
(:func:`document_paper_date_confirm`). A document cannot be handed in without its file.

Every write recomputes the register's indicator values of the fiscal year it touches
(:func:`village_budget_values_refresh`): values that may still be edited follow the register;
approved values stay as approved and show that their sources changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike, is_unit_head, kecamatan_ids
from kinerja.accounts.models import Membership, Role
from kinerja.common.services import save_validated, update_each
from kinerja.common.uploads import checked_upload
from kinerja.core.periods import Period, quarters_of
from kinerja.iku.models import DecreeStatus, Indicator
from kinerja.organisations.models import Level, Organisation, Unit
from kinerja.village_finance.models import (
    APBDesDocument,
    DocumentKey,
    FiscalYearSettings,
    Result,
    SPJPeriod,
    SPJReport,
    VillageDocument,
    default_deadlines,
)
from kinerja.village_finance.source import REGISTER_NAME, SOURCE

#: The unit that evaluates when no register indicator names one (the decree's Seksi Pemerintahan).
DEFAULT_UNIT_NAME = "Seksi Pemerintahan"


# ---------------------------------------------------------------- who may do what


def register_indicators(kecamatan: Organisation) -> list[Indicator]:
    """The indicators of the kecamatan's decree in force computed from this register (2.2)."""
    return list(
        Indicator.objects.filter(
            decree__organisation=kecamatan,
            decree__status=DecreeStatus.IN_FORCE,
            archived_at__isnull=True,
            value_source="register",
            source_params__register=REGISTER_NAME,
        ).select_related("decree", "responsible_unit")
    )


def responsible_unit_ids(kecamatan: Organisation) -> set[int]:
    """The units that evaluate: those responsible for the register's indicators, or else the
    kecamatan's Seksi Pemerintahan."""
    ids = {i.responsible_unit_id for i in register_indicators(kecamatan) if i.responsible_unit_id}
    if not ids:
        ids = set(
            Unit.objects.filter(organisation=kecamatan, name=DEFAULT_UNIT_NAME).values_list(
                "id", flat=True
            )
        )
    return ids


def _is_superuser(user: UserLike) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def can_evaluate(user: UserLike | None, kecamatan: Organisation) -> bool:
    """The Kepala Seksi of the responsible unit (Seksi Pemerintahan)."""
    if user is None or _is_superuser(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return is_unit_head(user, kecamatan, responsible_unit_ids(kecamatan))


def can_submit(user: UserLike | None, village: Organisation) -> bool:
    """The Operator Desa of this very village; the evaluating section may record a paper
    submission [D]."""
    if user is None or _is_superuser(user):
        return True
    if not user.is_authenticated or not user.is_active or village.parent is None:
        return False
    if Membership.objects.filter(
        user=user, role=Role.OPERATOR_DESA, organisation=village.parent, village=village
    ).exists():
        return True
    return can_evaluate(user, village.parent)


def can_set_deadlines(user: UserLike | None, kecamatan: Organisation) -> bool:
    """The section, the Perencana, the Camat (and the Admin Kabupaten)."""
    if user is None or can_evaluate(user, kecamatan):
        return True
    ids = kecamatan_ids(user, {Role.PERENCANA, Role.CAMAT, Role.ADMIN_KABUPATEN})
    return ids is None or kecamatan.pk in ids


# ---------------------------------------------------------------- deadlines


def deadlines_for(kecamatan: Organisation, year: int) -> dict[str, Any]:
    """The deadlines of ``year`` in ``kecamatan``: its settings, or the documented defaults."""
    row = FiscalYearSettings.objects.filter(kecamatan=kecamatan, year=year).first()
    if row is not None:
        return {
            "apbdes_deadline": row.apbdes_deadline,
            "spj_s1_deadline": row.spj_s1_deadline,
            "spj_year_end_deadline": row.spj_year_end_deadline,
            "reminder_days": row.reminder_days,
            "stored": True,
        }
    from kinerja.village_finance.models import DEFAULT_REMINDER_DAYS

    return {**default_deadlines(year), "reminder_days": DEFAULT_REMINDER_DAYS, "stored": False}


def deadline_of(kecamatan: Organisation, year: int, key: DocumentKey | str) -> dt.date:
    deadline: dt.date = deadlines_for(kecamatan, year)[f"{DocumentKey(key).value}_deadline"]
    return deadline


@transaction.atomic
def fiscal_year_settings_save(
    *,
    actor: UserLike | None,
    kecamatan: Organisation,
    year: int,
    apbdes_deadline: dt.date,
    spj_s1_deadline: dt.date,
    spj_year_end_deadline: dt.date,
    reminder_days: int = 14,
) -> FiscalYearSettings:
    """Set the deadlines of a fiscal year; the documents of that year take the new deadlines and
    the register's values are recomputed."""
    if kecamatan.level != Level.KECAMATAN:
        raise ValidationError({"kecamatan": _("Deadlines are set per sub-district.")})
    if not can_set_deadlines(actor, kecamatan):
        raise PermissionDenied(_("You may not set the deadlines of this sub-district."))
    row = FiscalYearSettings.objects.filter(kecamatan=kecamatan, year=year).first()
    row = row or FiscalYearSettings(kecamatan=kecamatan, year=year)
    row.apbdes_deadline, row.spj_s1_deadline = apbdes_deadline, spj_s1_deadline
    row.spj_year_end_deadline, row.reminder_days = spj_year_end_deadline, reminder_days
    save_validated(row, actor=actor)
    villages = kecamatan.children.villages()
    documents = APBDesDocument.objects.filter(village__in=villages, year=year)
    update_each(documents, actor=actor, deadline=apbdes_deadline)
    reports = SPJReport.objects.filter(village__in=villages, year=year)
    update_each(reports.filter(period=SPJPeriod.SEMESTER_1), actor=actor, deadline=spj_s1_deadline)
    update_each(
        reports.filter(period=SPJPeriod.YEAR_END), actor=actor, deadline=spj_year_end_deadline
    )
    village_budget_values_refresh(kecamatan=kecamatan, year=year)
    return row


# ---------------------------------------------------------------- documents


def document_get(
    village: Organisation, year: int, key: DocumentKey | str
) -> VillageDocument | None:
    key = DocumentKey(key)
    if key == DocumentKey.APBDES:
        return APBDesDocument.objects.filter(village=village, year=year).first()
    period = SPJPeriod.SEMESTER_1 if key == DocumentKey.SPJ_S1 else SPJPeriod.YEAR_END
    return SPJReport.objects.filter(village=village, year=year, period=period).first()


def document_key(document: VillageDocument) -> DocumentKey:
    if isinstance(document, APBDesDocument):
        return DocumentKey.APBDES
    assert isinstance(document, SPJReport)
    return (
        DocumentKey.SPJ_S1 if document.period == SPJPeriod.SEMESTER_1 else DocumentKey.SPJ_YEAR_END
    )


def _new_document(village: Organisation, year: int, key: DocumentKey) -> VillageDocument:
    assert village.parent is not None
    deadline = deadline_of(village.parent, year, key)
    if key == DocumentKey.APBDES:
        return APBDesDocument(village=village, year=year, deadline=deadline)
    period = SPJPeriod.SEMESTER_1 if key == DocumentKey.SPJ_S1 else SPJPeriod.YEAR_END
    return SPJReport(village=village, year=year, period=period, deadline=deadline)


def _attach(document: VillageDocument, upload: UploadedFile) -> None:
    """Check and store an uploaded file: the evidence rules of the value store (PDF, images,
    office documents; extension and content must agree; at most KINERJA_EVIDENCE_MAX_BYTES)."""
    checked = checked_upload(upload, field_name="file")
    document.original_name = checked.original_name
    document.content_type = checked.content_type
    document.size = checked.size
    document.sha256 = checked.sha256
    checked.save_to(document.file)


@transaction.atomic
def document_submit(
    *,
    actor: UserLike | None,
    village: Organisation,
    year: int,
    document: DocumentKey | str,
    upload: UploadedFile | None,
    notes: str | None = None,
) -> VillageDocument:
    """``village`` hands in a document of fiscal ``year`` by uploading its file.

    The handover date is the server's date at this moment, never one typed by a person; an
    earlier paper handover is the section's to confirm (:func:`document_paper_date_confirm`).
    A document returned as "needs correction" is handed in again: the upload date becomes its
    corrected date and it waits for evaluation again. A new file before the evaluation is a new
    handover: its date replaces the one of the file it replaces, and a paper date confirmed for
    that one no longer applies (the history keeps it). A document evaluated as correct is closed.
    """
    key = DocumentKey(document)
    if not village.is_village or village.parent is None:
        raise ValidationError({"village": _("Choose a desa or kelurahan.")})
    if not can_submit(actor, village):
        raise PermissionDenied(_("You may only submit the documents of your own village."))
    if upload is None:
        raise ValidationError(
            {"file": _("Attach the document file: a document is handed in by uploading it.")}
        )
    current = document_get(village, year, key)
    if current is not None:
        current = type(current).objects.select_for_update().get(pk=current.pk)
    obj = current or _new_document(village, year, key)
    if obj.result == Result.CORRECT:
        raise ValidationError(
            _("This document has been evaluated as correct; it can no longer be changed.")
        )
    _attach(obj, upload)
    now = timezone.now()
    today = timezone.localdate(now)
    obj.uploaded_at = now
    if obj.result == Result.NEEDS_CORRECTION:
        obj.corrected_on = today
        obj.result = Result.PENDING
    elif obj.corrected_on:
        obj.corrected_on = today  # a correction replaced before it was evaluated
    else:
        obj.submitted_on = today
    obj.paper_date, obj.paper_note = None, ""
    obj.paper_confirmed_by, obj.paper_confirmed_at = None, None
    if notes is not None:
        obj.notes = notes.strip()
    save_validated(obj, actor=actor)
    village_budget_values_refresh(kecamatan=village.parent, year=year)
    return obj


PAPER_NOTE_MAX_LENGTH = 1000


@transaction.atomic
def document_paper_date_confirm(
    *,
    actor: UserLike | None,
    document: VillageDocument,
    paper_date: dt.date,
    note: str,
) -> VillageDocument:
    """The Kepala Seksi Pemerintahan confirms that the current handover (the corrected version
    once there is one) reached the kecamatan on paper on ``paper_date``, earlier than its file was
    uploaded, with a note saying how it was recorded (e.g. the agenda number). From then on that
    date counts instead of the upload date; the confirmation and who made it stay in the
    history. The date can be confirmed again (replaced) but never be later than the upload, in
    the future, before the first handover (for a correction) or before 1 January of the year
    before the fiscal year."""
    village = document.village
    assert village.parent is not None
    if not can_evaluate(actor, village.parent):
        raise PermissionDenied(
            _("Only the responsible section confirms the date of a paper handover.")
        )
    document = type(document).objects.select_for_update().get(pk=document.pk)
    if not document.file or document.uploaded_at is None or document.submitted_on is None:
        raise ValidationError(
            _("Upload the document's file first; a paper date is confirmed for an uploaded file.")
        )
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if not note:
        errors["note"] = _("Say how the paper handover was recorded (e.g. the agenda number).")
    elif len(note) > PAPER_NOTE_MAX_LENGTH:
        errors["note"] = _("Keep the note to at most %(max)d characters.") % {
            "max": PAPER_NOTE_MAX_LENGTH
        }
    uploaded_on = timezone.localdate(document.uploaded_at)
    earliest = dt.date(document.year - 1, 1, 1)
    correcting = document.corrected_on is not None
    if paper_date is None:
        errors["paper_date"] = _("Enter the date the paper document was handed in.")
    elif paper_date > uploaded_on:
        errors["paper_date"] = _(
            "The paper handover must come before the upload (%(date)s); otherwise the upload "
            "date counts."
        ) % {"date": formats.date_format(uploaded_on, "j F Y")}
    elif paper_date < earliest:
        errors["paper_date"] = _("The date lies before %(date)s; check the year.") % {
            "date": formats.date_format(earliest, "j F Y")
        }
    elif correcting and document.submitted_on and paper_date < document.submitted_on:
        errors["paper_date"] = _("The correction cannot come before the first submission.")
    if errors:
        raise ValidationError(errors)
    if correcting:
        document.corrected_on = paper_date
    else:
        document.submitted_on = paper_date
    document.paper_date, document.paper_note = paper_date, note
    document.paper_confirmed_at = timezone.now()
    document.paper_confirmed_by = actor if actor is not None and actor.is_authenticated else None
    save_validated(document, actor=actor)
    village_budget_values_refresh(kecamatan=village.parent, year=document.year)
    return document


@transaction.atomic
def document_evaluate(
    *,
    actor: UserLike | None,
    document: VillageDocument,
    result: Result | str,
    notes: str = "",
) -> VillageDocument:
    """The kecamatan's evaluation (APBDes) or verification (SPJ): correct, or needs correction
    (with a note saying what to correct)."""
    village = document.village
    assert village.parent is not None
    if not can_evaluate(actor, village.parent):
        raise PermissionDenied(_("Only the responsible section evaluates village documents."))
    document = type(document).objects.select_for_update().get(pk=document.pk)
    if result not in (Result.CORRECT, Result.NEEDS_CORRECTION):
        raise ValidationError({"result": _("Choose “correct” or “needs correction”.")})
    if document.submitted_on is None:
        raise ValidationError(
            {"result": _("A document that has not been submitted cannot be evaluated.")}
        )
    notes = (notes or "").strip()
    if result == Result.NEEDS_CORRECTION and not notes:
        raise ValidationError({"notes": _("Say what the village has to correct.")})
    document.result = Result(result)
    if notes:
        document.notes = notes
    document.evaluated_at = timezone.now()
    document.evaluated_by = actor if actor is not None and actor.is_authenticated else None
    save_validated(document, actor=actor)
    village_budget_values_refresh(kecamatan=village.parent, year=document.year)
    return document


# ---------------------------------------------------------------- recompute on change


def _periods_of_year(year: int) -> list[Period]:
    return [Period.year_of(year), *quarters_of(year)]


_deferred: list[set[tuple[int, int]]] = []


@contextmanager
def refresh_deferred() -> Iterator[None]:
    """Recompute once at the end instead of after every write (bulk loads, the demo)."""
    pending: set[tuple[int, int]] = set()
    _deferred.append(pending)
    try:
        yield
    finally:
        _deferred.pop()
    for kecamatan_id, year in sorted(pending):
        village_budget_values_refresh(
            kecamatan=Organisation.objects.get(pk=kecamatan_id), year=year
        )


def village_budget_values_refresh(*, kecamatan: Organisation, year: int) -> list[Any]:
    """Recompute the register's indicator values of fiscal ``year`` (the year, its quarters and
    any other stored period of that year) that may still change.

    - draft or returned values take the register's components (created for periods that have
      started);
    - submitted or verified values wait for their review; an override with a reason stays;
    - approved values never change: their lineage page compares them with the register
      (sources changed since approval).
    Runs as the system (``actor=None``): the operator who changed a document may not enter
    values, and the change itself is already audited on the document.
    """
    if _deferred:
        _deferred[-1].add((kecamatan.pk, year))
        return []
    today = timezone.localdate()
    return SOURCE.refresh(
        actor=None,
        organisation=kecamatan,
        years={year},
        periods=[p for p in _periods_of_year(year) if p.start <= today],
    )


def villages_of(kecamatan: Organisation) -> Any:
    return kecamatan.children.filter(Q(level=Level.DESA) | Q(level=Level.KELURAHAN)).order_by(
        "code"
    )

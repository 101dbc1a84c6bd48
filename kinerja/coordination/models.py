"""The coordination register: the kecamatan's coordination work per field (bidang), from which
indicators 2.1, 2.3 and 2.4 are computed (docs/registers.md, "Koordinasi").

Field → activity (rapat koordinasi and others, with minutes) → results (hasil koordinasi) →
recommendations → follow-ups (tindak lanjut). Every model keeps its audit history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.access import Action, UserLike, headed_unit_ids, kecamatan_ids, scope_q
from kinerja.accounts.models import Role
from kinerja.organisations.models import Organisation, Unit


def register_scope_q(user: UserLike, action: Action, *, field_path: str) -> Q:
    """Who may see or change the register records of a field (``field_path`` leads to the
    field; "" for the field itself).

    View: every member of the kecamatan (register records are never public). Change: the
    Kepala Seksi of the field's responsible section, and the Perencana of the kecamatan (who
    verifies).
    """
    prefix = f"{field_path}__" if field_path else ""
    if action == Action.VIEW:
        return scope_q(user, action, organisation_path=f"{prefix}organisation")
    ids = kecamatan_ids(user, {Role.PERENCANA})
    if ids is None:
        return Q()
    unit_ids = headed_unit_ids(user)
    return Q(**{f"{prefix}organisation__in": ids}) | Q(
        **{f"{prefix}responsible_unit__in": unit_ids}
    )


class FieldQuerySet(models.QuerySet["CoordinationField"]):
    def for_user(self, user: UserLike, action: Action) -> FieldQuerySet:
        return self.filter(register_scope_q(user, action, field_path=""))


class CoordinationField(models.Model):
    """A field (bidang) of coordination of one kecamatan, with the section responsible for it."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="coordination_fields",
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Short name used in the indicator's settings, e.g. pemerintahan."),
    )
    name = models.CharField(_("name"), max_length=200)
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible section"),
        on_delete=models.PROTECT,
        related_name="coordination_fields",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = FieldQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order", "name"]
        verbose_name = _("coordination field")
        verbose_name_plural = _("coordination fields")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="coordination_field_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.responsible_unit_id
            and self.organisation_id
            and self.responsible_unit.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"responsible_unit": _("The section belongs to another organisation.")}
            )


class ActivityKind(models.TextChoices):
    MEETING = "rapat", _("Coordination meeting (rapat koordinasi)")
    MONITORING = "monitoring", _("Joint monitoring")
    VISIT = "kunjungan", _("Field visit")
    OTHER = "lainnya", _("Other")


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")


class ActivityQuerySet(models.QuerySet["CoordinationActivity"]):
    def for_user(self, user: UserLike, action: Action) -> ActivityQuerySet:
        return self.filter(register_scope_q(user, action, field_path="field"))


def minutes_path(instance: CoordinationActivity, filename: str) -> str:
    return f"coordination/{instance.field.organisation.code}/{instance.date.year}/{filename}"


def followup_evidence_path(instance: FollowUp, filename: str) -> str:
    org = instance.recommendation.result.activity.field.organisation.code
    return f"coordination/{org}/tindak-lanjut/{filename}"


class StoredFile(models.Model):
    """Metadata of an uploaded file (the file itself is stored under MEDIA_ROOT with a random
    name and served only through a view that checks permission)."""

    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True


class CoordinationActivity(StoredFile):
    field = models.ForeignKey(
        CoordinationField,
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ActivityKind.choices, default=ActivityKind.MEETING
    )
    title = models.CharField(_("subject"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    participants = models.TextField(
        _("participating agencies"), help_text=_("One agency per line.")
    )
    minutes = models.FileField(_("minutes"), upload_to=minutes_path, max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["field", "-date", "-id"]
        verbose_name = _("coordination activity")
        verbose_name_plural = _("coordination activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "verified"]),
                name="coordination_activity_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["rapat", "monitoring", "kunjungan", "lainnya"]),
                name="coordination_activity_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("coordination:activity", args=[self.pk])

    @property
    def organisation(self) -> Organisation:
        return self.field.organisation


class CoordinationResult(models.Model):
    """A result (hasil koordinasi) of an activity: the denominator of indicators 2.1/2.3/2.4."""

    activity = models.ForeignKey(
        CoordinationActivity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    text = models.TextField(_("result"))
    date = models.DateField(_("date"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "date", "id"]
        verbose_name = _("coordination result")
        verbose_name_plural = _("coordination results")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        if self.activity_id and self.date and self.date < self.activity.date:
            raise ValidationError({"date": _("A result cannot be dated before its activity.")})


class Recommendation(models.Model):
    result = models.ForeignKey(
        CoordinationResult,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"))
    responsible_party = models.CharField(_("responsible party"), max_length=200)
    due_date = models.DateField(_("follow-up due date"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["result", "due_date", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        if self.result_id and self.due_date and self.due_date < self.result.date:
            raise ValidationError(
                {"due_date": _("The due date cannot be before the date of the result.")}
            )


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "belum", _("Not yet")
    IN_PROGRESS = "proses", _("In progress")
    DONE = "selesai", _("Done")


class FollowUp(StoredFile):
    """One step of the follow-up (tindak lanjut) of a recommendation. The state of a
    recommendation on a date is the status of its latest follow-up dated on or before it."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="followups",
    )
    status = models.CharField(_("status"), max_length=10, choices=FollowUpStatus.choices)
    date = models.DateField(_("date"))
    actor = models.CharField(_("who acts"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=followup_evidence_path, max_length=300, blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "date", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["belum", "proses", "selesai"]),
                name="coordination_followup_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.date:%d-%m-%Y})"

    def clean(self) -> None:
        if self.recommendation_id and self.date and self.date < self.recommendation.result.date:
            raise ValidationError(
                {"date": _("A follow-up cannot be dated before the result it follows.")}
            )

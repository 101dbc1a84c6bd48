"""The value store: one row per indicator × organisation × period, with its components, where
they came from, the workflow state and, at approval, a frozen copy of what was approved.

Periods are ISO strings (2022, 2022S1, 2022Q1, 2022-03; kinerja.core.periods). Values of longer
periods are computed from shorter ones by the indicator's aggregation rule unless stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.access import Action, UserLike, scope_q
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Organisation


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified")
    APPROVED = "approved", _("Approved")


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def for_user(self, user: UserLike, action: Action) -> "IndicatorValueQuerySet":
        # Approved values are public (transparency portal); the rest stays in the kecamatan.
        return self.filter(
            scope_q(
                user,
                action,
                organisation_path="organisation",
                public=Q(status=ValueStatus.APPROVED, indicator__decree__status="in_force")
                | Q(status=ValueStatus.APPROVED, indicator__decree__status="superseded"),
            )
        )


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="indicator_values",
    )
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    numerator = models.DecimalField(
        _("numerator"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    value = models.DecimalField(
        _("value"),
        max_digits=24,
        decimal_places=10,
        null=True,
        blank=True,
        help_text=_("Computed from the components, or entered directly when there are none."),
    )
    grade = models.CharField(_("grade"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=20, default="manual")
    override_reason = models.TextField(_("reason for overriding the computed value"), blank=True)
    kendala = models.TextField(_("obstacles (kendala)"), blank=True)
    upaya = models.TextField(_("actions taken (upaya)"), blank=True)
    rencana_tindak_lanjut = models.TextField(_("follow-up plan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.DRAFT
    )
    return_note = models.TextField(_("note on return"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every save; a stale save is refused.")
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_snapshot = models.JSONField(
        _("approved snapshot"),
        null=True,
        blank=True,
        help_text=_("Components, value and records behind them as approved."),
    )
    approved_digest = models.CharField(
        _("approved digest"),
        max_length=64,
        blank=True,
        help_text=_(
            "SHA-256 of the components and the records counted in them as approved; "
            "compared with the source's to tell whether the sources changed since approval."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = IndicatorValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "indicator__code", "period_start", "-period_end"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "period"], name="value_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="value_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="value_numerator_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gte=0),
                name="value_denominator_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "returned", "verified", "approved"]),
                name="value_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"

    @property
    def is_locked(self) -> bool:
        return self.status == ValueStatus.APPROVED


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.value.organisation.code}/{instance.value.period}/{filename}"


class Evidence(models.Model):
    """A file that proves a value. Stored under KINERJA_DATA_DIR/media (outside the web root) and
    served only through a view that checks permission."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["value", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class WorkflowEvent(models.Model):
    """Each step of a value through the workflow: who, when, from which state to which, why."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["value", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class LowerBetterRule(models.TextChoices):
    TWO_MINUS_RATIO = "2-r/t", _("(2 − R/T) × 100 (PermenPANRB)")
    INVERSE_RATIO = "t/r", _("T/R × 100")


class AssessmentPolicy(models.Model):
    """How a regency rates performance: the lower-better rule, an optional cap, the predikat
    table and the reporting deadline. One row per kabupaten; defaults apply where none exists."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("regency"),
        on_delete=models.PROTECT,
        related_name="assessment_policy",
    )
    lower_better_rule = models.CharField(
        _("lower-is-better rule"),
        max_length=6,
        choices=LowerBetterRule.choices,
        default=LowerBetterRule.TWO_MINUS_RATIO,
    )
    achievement_cap = models.DecimalField(
        _("cap on achievement (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    predikat_rows = models.JSONField(
        _("predikat table"),
        default=list,
        blank=True,
        help_text=_("Rows of lower bound, label and colour; empty means the default table."),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("days after the quarter to report"), default=10
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment policy")
        verbose_name_plural = _("assessment policies")

    def __str__(self) -> str:
        return str(self.organisation)


class ApprovalSteps(models.TextChoices):
    THREE = "three", _("Three steps: submitted, verified by the Perencana, approved by the Camat")
    TWO = "two", _("Two steps: the Camat approves submitted values directly")


class WorkflowSettings(models.Model):
    """How one kecamatan runs the approval of its values. Without a row it works in three steps
    (submitted → verified → approved): the Camat approves only what the Perencana verified. An
    office that works in two steps (the Camat approves submitted values directly) says so here.

    A row per kecamatan, not a field of :class:`AssessmentPolicy`: that policy is the regency's
    (how performance is rated), while who checks a number before the Camat signs it is the
    office's own practice. Changed only through ``services.workflow_settings_save``; every change
    is kept in the history with who made it and why [D]."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        related_name="workflow_settings",
    )
    approval_steps = models.CharField(
        _("approval workflow"),
        max_length=5,
        choices=ApprovalSteps.choices,
        default=ApprovalSteps.THREE,
    )

    # The reason of each change is kept with it (the service requires one).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("workflow settings")
        verbose_name_plural = _("workflow settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(approval_steps__in=["three", "two"]),
                name="workflow_settings_steps_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class SentReminder(models.Model):
    """A reminder already sent, so that the daily command never sends it twice a day
    (kinerja.measurement.reminders.send_once, used by every source's reminders)."""

    key = models.CharField(max_length=200)
    day = models.DateField()
    recipient = models.CharField(max_length=254)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["key", "day", "recipient"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.day}"

"""The village budget-document register (issue 5): for every desa of a kecamatan and fiscal year,
the APBDes and the SPJ / realization reports, with their deadlines and the kecamatan's evaluation.

Permendagri 20/2018 on village finance [S]: the APBDes is set no later than 31 December of the
year before; the regent may delegate the evaluation of draft APBDes regulations to the Camat
(Pasal 37(6)), which is why the kecamatan checks "benar"; the first-semester realization report is
due by the end of July; the year-end accountability report follows the close of the fiscal year.
Every deadline is a setting per kecamatan and year (:class:`FiscalYearSettings`), with the
defaults of :func:`default_deadlines` (docs/registers.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.access import Action, UserLike, scope_q
from kinerja.organisations.models import Organisation

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
DEFAULT_REMINDER_DAYS = 14


def default_deadlines(year: int) -> dict[str, dt.date]:
    """The [D] defaults: APBDes by 31 December of the year before; first-semester realization
    report by 31 July; year-end accountability report (LPP APBDes) 3 months after the fiscal
    year closes, i.e. 31 March of the next year."""
    return {
        "apbdes_deadline": dt.date(year - 1, 12, 31),
        "spj_s1_deadline": dt.date(year, 7, 31),
        "spj_year_end_deadline": dt.date(year + 1, 3, 31),
    }


class FiscalYearSettingsQuerySet(models.QuerySet["FiscalYearSettings"]):
    def for_user(self, user: UserLike, action: Action) -> FiscalYearSettingsQuerySet:
        return self.filter(scope_q(user, action, organisation_path="kecamatan"))


class FiscalYearSettings(models.Model):
    """The deadlines of one fiscal year in one kecamatan (editable; defaults documented)."""

    kecamatan = models.ForeignKey(
        Organisation,
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        related_name="fiscal_year_settings",
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"), validators=YEAR_VALIDATORS)
    apbdes_deadline = models.DateField(
        _("APBDes deadline"), help_text=_("Default: 31 December of the year before.")
    )
    spj_s1_deadline = models.DateField(
        _("first-semester realization report deadline"), help_text=_("Default: 31 July.")
    )
    spj_year_end_deadline = models.DateField(
        _("year-end accountability report deadline"),
        help_text=_("Default: 31 March of the next year (3 months after the fiscal year)."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("days before a deadline to remind"),
        default=DEFAULT_REMINDER_DAYS,
        validators=[MaxValueValidator(180)],
    )

    objects = FiscalYearSettingsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kecamatan__code", "-year"]
        verbose_name = _("fiscal-year deadlines")
        verbose_name_plural = _("fiscal-year deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "year"],
                name="village_fiscal_year_unique",
                violation_error_message=_("This fiscal year already has its deadlines."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="village_fiscal_year_range"
            ),
            models.CheckConstraint(
                condition=Q(apbdes_deadline__lt=models.F("spj_s1_deadline"))
                & Q(spj_s1_deadline__lt=models.F("spj_year_end_deadline")),
                name="village_fiscal_deadlines_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kecamatan.name} {self.year}"

    def clean(self) -> None:
        if (
            self.apbdes_deadline
            and self.spj_s1_deadline
            and self.spj_year_end_deadline
            and not (self.apbdes_deadline < self.spj_s1_deadline < self.spj_year_end_deadline)
        ):
            raise ValidationError(
                _(
                    "The deadlines must follow each other: APBDes, then the first-semester "
                    "report, then the year-end report."
                )
            )


class Result(models.TextChoices):
    """The kecamatan's evaluation (APBDes) or verification (SPJ)."""

    PENDING = "", _("Awaiting evaluation")
    CORRECT = "benar", _("Correct")
    NEEDS_CORRECTION = "perbaikan", _("Needs correction")


class SPJPeriod(models.TextChoices):
    SEMESTER_1 = "s1", _("First semester")
    YEAR_END = "year_end", _("Year end")


class VillageDocumentQuerySet(models.QuerySet[Any]):
    def for_user(self, user: UserLike, action: Action) -> Self:
        # Every member of the kecamatan reads its villages' documents; writes are checked by the
        # services (the operator of the village, the responsible section).
        return self.filter(scope_q(user, Action.VIEW, organisation_path="village__parent"))


def document_path(instance: VillageDocument, filename: str) -> str:
    return f"village_finance/{instance.village.code}/{instance.year}/{filename}"


class VillageDocument(models.Model):
    """What the APBDes and the SPJ reports share: submission, deadline, evaluation, file.

    ``submitted_on`` and ``corrected_on`` are the dates that count (first handover, corrected
    version). Only the services write them: the server's date when the file is uploaded
    (``uploaded_at``), or an earlier paper handover date the Kepala Seksi Pemerintahan confirmed
    with a note (``paper_date``, ``paper_note``, ``paper_confirmed_by``/``_at``), which concern the
    current handover (the correction once there is one) and are cleared by a new upload; the
    history keeps every earlier state."""

    village = models.ForeignKey(
        Organisation, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"), validators=YEAR_VALIDATORS)
    submitted_on = models.DateField(_("date submitted"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, default=Result.PENDING, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    corrected_on = models.DateField(
        _("date corrected"),
        null=True,
        blank=True,
        help_text=_("When the corrected document was submitted again."),
    )
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(
        _("uploaded at"),
        null=True,
        blank=True,
        help_text=_("The server's clock when the current file was uploaded."),
    )
    paper_date = models.DateField(
        _("paper handover date"),
        null=True,
        blank=True,
        help_text=_("An earlier handover on paper, as confirmed by the responsible section."),
    )
    paper_note = models.TextField(_("note on the paper handover"), blank=True)
    paper_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paper_confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VillageDocumentQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.village_id and not self.village.is_village:
            errors["village"] = _("Choose a desa or kelurahan.")
        if self.result and self.submitted_on is None:
            errors["result"] = _("A document that has not been submitted cannot be evaluated.")
        if self.corrected_on and self.submitted_on and self.corrected_on < self.submitted_on:
            errors["corrected_on"] = _("The correction cannot come before the first submission.")
        if self.corrected_on and not self.submitted_on:
            errors["corrected_on"] = _("Enter the first submission date first.")
        if self.paper_date and not self.paper_note.strip():
            errors["paper_note"] = _("Say how the paper handover was recorded.")
        if errors:
            raise ValidationError(errors)

    @property
    def last_submitted_on(self) -> dt.date | None:
        return self.corrected_on or self.submitted_on


def _document_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(result__in=["", "benar", "perbaikan"]), name=f"{prefix}_result_valid"
        ),
        models.CheckConstraint(
            condition=Q(result="") | Q(submitted_on__isnull=False),
            name=f"{prefix}_evaluated_only_when_submitted",
        ),
        models.CheckConstraint(
            condition=Q(corrected_on__isnull=True)
            | Q(submitted_on__isnull=False, corrected_on__gte=models.F("submitted_on")),
            name=f"{prefix}_corrected_after_submitted",
        ),
        models.CheckConstraint(
            condition=Q(year__gte=2000, year__lte=2100), name=f"{prefix}_year_range"
        ),
        models.CheckConstraint(
            condition=Q(paper_date__isnull=True) | ~Q(paper_note=""),
            name=f"{prefix}_paper_date_has_note",
        ),
    ]


class APBDesDocument(VillageDocument):
    """The village budget (APBDes) of one fiscal year, as evaluated by the kecamatan."""

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "village__code"]
        verbose_name = _("APBDes")
        verbose_name_plural = _("APBDes")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year"],
                name="apbdes_unique_village_year",
                violation_error_message=_("This village already has an APBDes for this year."),
            ),
            *_document_constraints("apbdes"),
        ]

    kind = "apbdes"

    def __str__(self) -> str:
        return f"APBDes {self.year} {self.village.name}"


class SPJReport(VillageDocument):
    """A realization / accountability report (SPJ, LPP APBDes) of one period of a fiscal year.

    Its verification by the kecamatan uses the shared evaluation fields (result, evaluated_by,
    evaluated_at)."""

    period = models.CharField(_("period"), max_length=10, choices=SPJPeriod.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "village__code", "period"]
        verbose_name = _("SPJ report")
        verbose_name_plural = _("SPJ reports")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "period"],
                name="spj_unique_village_year_period",
                violation_error_message=_(
                    "This village already has a report for this year and period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period__in=["s1", "year_end"]), name="spj_period_valid"
            ),
            *_document_constraints("spj"),
        ]

    kind = "spj"

    def __str__(self) -> str:
        return f"SPJ {self.get_period_display()} {self.year} {self.village.name}"


class DocumentKey(models.TextChoices):
    """The three documents of a village's fiscal year (the columns of the board)."""

    APBDES = "apbdes", _("APBDes")
    SPJ_S1 = "spj_s1", _("SPJ first semester")
    SPJ_YEAR_END = "spj_year_end", _("SPJ year end")

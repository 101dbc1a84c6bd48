"""Planning: the Renstra (5-year plan), the annual plan (Renja) with its programs and budget, and
the Perjanjian Kinerja (PK, PermenPANRB 53/2014) with annual and quarterly targets.

Targets are keyed like values: indicator × organisation × period (ISO: 2022, 2022Q1).
"""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.access import Action, UserLike, scope_q
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Official, Organisation


class ScopedQuerySet(models.QuerySet[Any]):
    """A queryset of data that belongs to one kecamatan through ``organisation``.

    ``public_q`` is what anybody may view (None: only the kecamatan's members).
    """

    organisation_path = "organisation"
    public_q: Q | None = None

    def for_user(self, user: UserLike, action: Action) -> Self:
        return self.filter(
            scope_q(user, action, organisation_path=self.organisation_path, public=self.public_q)
        )


class RenstraPeriod(models.Model):
    """Rencana Strategis: the office's plan for a multi-year period (e.g. 2021-2026)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="renstra_periods",
    )
    title = models.CharField(_("title"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "-start_year"]
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__lt=models.F("end_year")), name="renstra_years_ordered"
            ),
            models.UniqueConstraint(
                fields=["organisation", "start_year"], name="renstra_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.start_year}–{self.end_year}"


class RenstraTarget(models.Model):
    """A Renstra target of one indicator: for one year, or (year empty) for the end of the period."""

    renstra = models.ForeignKey(RenstraPeriod, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_upper = models.DecimalField(
        _("upper bound"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_grade = models.CharField(_("target grade"), max_length=10, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["renstra", "indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "indicator", "year"], name="renstra_target_unique_year"
            ),
            models.UniqueConstraint(
                fields=["renstra", "indicator"],
                condition=Q(year__isnull=True),
                name="renstra_target_unique_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year or 'akhir'}"


class ProgramLevel(models.TextChoices):
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Activity (kegiatan)")
    SUBKEGIATAN = "subkegiatan", _("Sub-activity (sub kegiatan)")


class Program(models.Model):
    """A program, activity or sub-activity of the annual plan (Renja) with its budget (pagu)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=12, choices=ProgramLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=50, blank=True)
    name = models.CharField(_("name"), max_length=300)
    budget = models.DecimalField(_("budget (pagu)"), max_digits=18, decimal_places=2, default=0)
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators served"), blank=True, related_name="programs"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["organisation__code", "year", "code", "name"]
        verbose_name = _("program or activity")
        verbose_name_plural = _("programs and activities")
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="program_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class BudgetRealization(models.Model):
    """Budget spent by a program in one quarter (for the LKjIP's efficiency analysis)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="realizations")
    period = models.CharField(_("period"), max_length=10)
    amount = models.DecimalField(_("amount spent"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "period"]
        constraints = [
            models.UniqueConstraint(fields=["program", "period"], name="budget_realization_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_realization_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.period}"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class AgreementQuerySet(ScopedQuerySet):
    # A signed PK is a public document; drafts stay inside the kecamatan.
    public_q = Q(status="signed")


class PerformanceAgreement(models.Model):
    """Perjanjian Kinerja: the yearly agreement between the Camat and the Bupati."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    first_party = models.ForeignKey(
        Official,
        verbose_name=_("first party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_party_name = models.CharField(_("second party"), max_length=200, blank=True)
    second_party_position = models.CharField(
        _("second party's position"), max_length=200, blank=True, default="BUPATI JEMBER"
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "-year"]
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="agreement_unique_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(date_signed__isnull=False),
                name="agreement_signed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"PK {self.year}"


class TargetQuerySet(ScopedQuerySet):
    organisation_path = "agreement__organisation"
    public_q = Q(agreement__status="signed")


class Target(models.Model):
    """A PK target of one indicator for one period: the year (2022) or a quarter (2022Q1).

    ``target`` is the value in the indicator's unit; for a range indicator it is the lower bound
    and ``target_upper`` the upper; for an ordinal indicator ``target_grade`` holds the grade.
    """

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=10)
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_upper = models.DecimalField(
        _("upper bound"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_grade = models.CharField(_("target grade"), max_length=10, blank=True)
    mismatch_reason = models.TextField(
        _("reason the quarters differ from the annual target"), blank=True
    )

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "indicator", "period"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "indicator", "period"], name="target_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(target_upper__isnull=True)
                | Q(target__isnull=False, target_upper__gte=models.F("target")),
                name="target_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}"


class TargetRevision(models.Model):
    """A change of a target after the PK was signed: old and new value, reason, legal basis."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions")
    old_target = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    new_target = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    old_target_upper = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    new_target_upper = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    old_grade = models.CharField(max_length=10, blank=True)
    new_grade = models.CharField(max_length=10, blank=True)
    reason = models.TextField(_("reason"))
    document_number = models.CharField(_("legal document number"), max_length=100)
    document_date = models.DateField(_("legal document date"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    revised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target", "revised_at"]
        verbose_name = _("target revision")
        verbose_name_plural = _("target revisions")

    def __str__(self) -> str:
        return f"{self.target_id}: {self.old_target} → {self.new_target}"


class IndicatorBenchmark(models.Model):
    """A benchmark (pembanding) for an indicator's realization of a year, e.g. the mean of the
    kecamatan of the regency or a national target, for the LKjIP's Bab III (PermenPANRB 53/2014:
    the realization is compared with a standard where one exists). One value per indicator ×
    organisation × year × source."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="benchmarks",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("benchmark value"), max_digits=18, decimal_places=4)
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("e.g. mean of the sub-districts of Kabupaten Jember, or national target"),
    )
    description = models.TextField(_("description"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "year", "indicator__code", "source"]
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "year", "source"],
                name="benchmark_unique_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year} {self.source}"

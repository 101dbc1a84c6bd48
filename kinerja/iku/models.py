"""The IKU decree (Keputusan tentang Indikator Kinerja Utama) as data.

PermenPAN PER/9/M.PAN/5/2007 makes each instansi fix its Key Performance Indicators in a decree;
the decree names, per kinerja utama (strategic goal), the indicators with their formula, data
source and responsible unit. Indicators are archived, never deleted: values will hang on them.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.access import Action, UserLike, scope_q
from kinerja.organisations.models import Official, Organisation, Unit


class DecreeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


PUBLISHED_STATUSES = [DecreeStatus.IN_FORCE, DecreeStatus.SUPERSEDED]


class DecreeQuerySet(models.QuerySet["Decree"]):
    def for_user(self, user: UserLike, action: Action) -> "DecreeQuerySet":
        return self.filter(
            scope_q(
                user,
                action,
                organisation_path="organisation",
                public=Q(status__in=PUBLISHED_STATUSES),
            )
        )

    def in_force(self) -> "DecreeQuerySet":
        return self.filter(status=DecreeStatus.IN_FORCE)


class Decree(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="decrees",
    )
    number = models.CharField(_("number"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=300)
    place = models.CharField(
        _("place of enactment"), max_length=100, blank=True, help_text=_("Ditetapkan di")
    )
    lampiran_place = models.CharField(
        _("place on the annex"), max_length=100, blank=True, help_text=_("e.g. Mayang")
    )
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    duty = models.TextField(_("duty (tugas)"), blank=True)
    signatory = models.ForeignKey(
        Official,
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_decrees",
    )
    signatory_title = models.TextField(
        _("signatory title"),
        blank=True,
        help_text=_("As printed above the signature, e.g. CAMAT MAYANG KABUPATEN JEMBER."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DecreeStatus.choices, default=DecreeStatus.DRAFT
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DecreeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "-date_signed", "-id"]
        verbose_name = _("IKU decree")
        verbose_name_plural = _("IKU decrees")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"],
                condition=~Q(number=""),
                name="decree_unique_number",
                violation_error_message=_(
                    "This organisation already has a decree with this number."
                ),
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="in_force"),
                name="decree_one_in_force",
                violation_error_message=_("Only one decree can be in force at a time."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_force", "superseded"]),
                name="decree_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(date_signed__isnull=False),
                name="decree_signed_has_date",
                violation_error_message=_("A decree in force needs its date of signing."),
            ),
            models.CheckConstraint(
                condition=~Q(replaces=models.F("id")), name="decree_not_replacing_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or _('(no number)')} — {self.title}"

    def clean(self) -> None:
        """The database constraints again, as messages on the fields they concern."""
        from django.core.exceptions import ValidationError

        errors: dict[str, object] = {}
        others = Decree.objects.filter(organisation_id=self.organisation_id).exclude(pk=self.pk)
        if self.organisation_id and self.number and others.filter(number=self.number).exists():
            errors["number"] = _("This organisation already has a decree with this number.")
        if self.status != DecreeStatus.DRAFT and self.date_signed is None:
            errors["date_signed"] = _("A decree in force needs its date of signing.")
        if (
            self.organisation_id
            and self.status == DecreeStatus.IN_FORCE
            and others.filter(status=DecreeStatus.IN_FORCE).exists()
        ):
            errors["status"] = _("Only one decree can be in force at a time.")
        if (
            self.signatory_id
            and self.organisation_id
            and self.signatory is not None
            and self.signatory.organisation_id != self.organisation_id
        ):
            errors["signatory"] = _("The signatory belongs to another organisation.")
        if self.replaces_id and self.organisation_id:
            if self.replaces_id == self.pk:
                errors["replaces"] = _("A decree cannot replace itself.")
            elif (
                self.replaces is not None and self.replaces.organisation_id != self.organisation_id
            ):
                errors["replaces"] = _("The replaced decree belongs to another organisation.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status == DecreeStatus.DRAFT

    def active_indicators(self) -> models.QuerySet["Indicator"]:
        return self.indicators.filter(archived_at__isnull=True)


class ClauseSection(models.TextChoices):
    MENIMBANG = "menimbang", _("Considering (menimbang)")
    MENGINGAT = "mengingat", _("Legal bases (mengingat)")
    TUJUAN = "tujuan", _("Objectives (tujuan)")
    FUNGSI = "fungsi", _("Functions (fungsi)")


class Clause(models.Model):
    """One ordered item of a list in the decree: a consideration, a legal basis, an objective or
    a function."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="clauses")
    section = models.CharField(_("section"), max_length=10, choices=ClauseSection.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=10, blank=True)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["decree", "section", "order"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(
                fields=["decree", "section", "order"], name="clause_unique_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}"


class Diktum(models.Model):
    """A dictum of the MEMUTUSKAN part (KESATU, KEDUA, ...), possibly with lettered items."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="dicta")
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=20)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["decree", "order"]
        verbose_name = _("dictum")
        verbose_name_plural = _("dicta")
        constraints = [
            models.UniqueConstraint(fields=["decree", "order"], name="diktum_unique_order"),
        ]

    def __str__(self) -> str:
        return self.label


class DiktumItem(models.Model):
    diktum = models.ForeignKey(Diktum, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=10, blank=True)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["diktum", "order"]
        constraints = [
            models.UniqueConstraint(fields=["diktum", "order"], name="diktum_item_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}"


class PerformanceGoal(models.Model):
    """Kinerja utama: the strategic goal a group of indicators measures."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("number"))
    statement = models.TextField(_("kinerja utama"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["decree", "order"]
        verbose_name = _("kinerja utama")
        verbose_name_plural = _("kinerja utama")
        constraints = [
            models.UniqueConstraint(fields=["decree", "order"], name="goal_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.statement}"


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher", _("Higher is better")
    LOWER_BETTER = "lower", _("Lower is better")
    RANGE = "range", _("Within a range")


class Aggregation(models.TextChoices):
    """How values of shorter periods make the value of a longer one (DHIS2-style)."""

    RATIO = "ratio", _("Ratio of summed components")
    LAST = "last", _("Last known value")
    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")


class OrdinalScale(models.TextChoices):
    """Indicators whose value is a grade reach achievement through the scale's scores."""

    NONE = "", _("None (a number)")
    SAKIP = "sakip", _("SAKIP evaluation grade (AA..D)")
    BPK = "bpk", _("BPK audit opinion (WTP/WDP/TW/TMP)")


class ValueSource(models.TextChoices):
    """Where an indicator's components come from (see docs/adding-a-source.md)."""

    MANUAL = "manual", _("Entered by hand")
    SKM = "skm", _("Citizen satisfaction survey (SKM)")
    REGISTER = "register", _("Computed from a register")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_user(self, user: UserLike, action: Action) -> "IndicatorQuerySet":
        return self.filter(
            scope_q(
                user,
                action,
                organisation_path="decree__organisation",
                public=Q(decree__status__in=PUBLISHED_STATUSES),
            )
        )

    def active(self) -> "IndicatorQuerySet":
        return self.filter(archived_at__isnull=True)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Indicators are archived, never deleted.")


class Indicator(models.Model):
    """An Indikator Kinerja Utama: value = numerator / denominator × factor."""

    decree = models.ForeignKey(Decree, on_delete=models.PROTECT, related_name="indicators")
    goal = models.ForeignKey(
        PerformanceGoal,
        verbose_name=_("kinerja utama"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Our code for the indicator, e.g. 2.1.")
    )
    order = models.PositiveSmallIntegerField(_("number within the kinerja utama"))
    name = models.TextField(_("indicator"))
    definition = models.TextField(_("explanation"), blank=True)
    numerator_definition = models.TextField(_("numerator"), blank=True)
    denominator_definition = models.TextField(_("denominator"), blank=True)
    factor = models.DecimalField(
        _("factor"),
        max_digits=12,
        decimal_places=4,
        default=100,
        help_text=_("100 for a percentage, 1 for a plain ratio."),
    )
    factor_text = models.CharField(
        _("multiplier as printed"),
        max_length=30,
        default="× 100%",
        blank=True,
        help_text=_("How the decree prints the multiplier after the fraction, e.g. × 100%."),
    )
    unit = models.CharField(_("unit"), max_length=30, default="%")
    polarity = models.CharField(
        _("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.HIGHER_BETTER
    )
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    responsible_text = models.CharField(
        _("responsible, as written"),
        max_length=200,
        blank=True,
        help_text=_("The wording of the decree's PENANGGUNG JAWAB column."),
    )
    aggregation = models.CharField(
        _("aggregation over periods"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.RATIO,
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=2, validators=[MinValueValidator(0), MaxValueValidator(6)]
    )
    scale = models.CharField(
        _("ordinal scale"), max_length=10, choices=OrdinalScale.choices, default="", blank=True
    )
    value_source = models.CharField(
        _("source of values"), max_length=20, choices=ValueSource.choices, default="manual"
    )
    source_params = models.JSONField(
        _("source parameters"),
        default=dict,
        blank=True,
        help_text=_("Settings of the source, e.g. the register's field and counting rules."),
    )
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues the indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
        help_text=_("The same indicator in the decree this one replaces."),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["decree", "goal__order", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["decree", "code"],
                name="indicator_unique_code",
                violation_error_message=_("This decree already has an indicator with this code."),
            ),
            models.UniqueConstraint(fields=["goal", "order"], name="indicator_unique_order"),
            models.CheckConstraint(condition=Q(factor__gt=0), name="indicator_factor_positive"),
            models.CheckConstraint(
                condition=Q(decimals__gte=0, decimals__lte=6), name="indicator_decimals_range"
            ),
            models.CheckConstraint(
                condition=Q(polarity__in=["higher", "lower", "range"]),
                name="indicator_polarity_valid",
            ),
            models.CheckConstraint(
                condition=Q(aggregation__in=["ratio", "last", "sum", "average"]),
                name="indicator_aggregation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, object] = {}
        if isinstance(self.factor, int | float | Decimal) and self.factor <= 0:
            errors["factor"] = _("The factor must be greater than 0.")
        if (
            self.decree_id
            and self.code
            and Indicator.objects.filter(decree_id=self.decree_id, code=self.code)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["code"] = _("This decree already has an indicator with this code.")
        if self.goal_id and self.decree_id and self.goal.decree_id != self.decree_id:
            errors["goal"] = _("The kinerja utama belongs to another decree.")
        if (
            self.responsible_unit_id
            and self.decree_id
            and self.responsible_unit is not None
            and self.responsible_unit.organisation_id != self.decree.organisation_id
        ):
            errors["responsible_unit"] = _("The unit belongs to another organisation.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_percentage(self) -> bool:
        return self.unit.strip() == "%"

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Indicators are archived, never deleted.")

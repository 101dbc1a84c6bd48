"""Who may do what where: a user's roles, each bound to an organisation (and a unit or village)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.organisations.models import Level, Organisation, Unit


class Role(models.TextChoices):
    ADMIN_KABUPATEN = "admin_kabupaten", _("Regency administrator")
    CAMAT = "camat", _("Camat")
    PERENCANA = "perencana", _("Planner")
    KEPALA_SEKSI = "kepala_seksi", _("Section head")
    OPERATOR_DESA = "operator_desa", _("Village operator")


# The level of organisation each role is bound to.
ROLE_LEVEL = {
    Role.ADMIN_KABUPATEN: Level.KABUPATEN,
    Role.CAMAT: Level.KECAMATAN,
    Role.PERENCANA: Level.KECAMATAN,
    Role.KEPALA_SEKSI: Level.KECAMATAN,
    Role.OPERATOR_DESA: Level.KECAMATAN,
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    village = models.ForeignKey(
        Organisation,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operator_memberships",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # unit and village are NULL for most roles, and NULLs never collide in a plain unique
            # key (SQLite and PostgreSQL alike): compare them as 0 instead.
            models.UniqueConstraint(
                "user",
                "role",
                "organisation",
                Coalesce("unit", Value(0)),
                Coalesce("village", Value(0)),
                name="membership_unique",
                violation_error_message=_("This person already has this role here."),
            ),
            models.CheckConstraint(
                condition=~Q(role="kepala_seksi") | Q(unit__isnull=False),
                name="membership_section_head_has_unit",
            ),
            models.CheckConstraint(
                condition=~Q(role="operator_desa") | Q(village__isnull=False),
                name="membership_village_operator_has_village",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.village or self.organisation
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.role in Role.values and self.organisation_id:
            expected = ROLE_LEVEL[Role(self.role)]
            if self.organisation.level != expected:
                errors["organisation"] = _("This role belongs to a %(level)s.") % {
                    "level": Level(expected).label
                }
        if self.role == Role.KEPALA_SEKSI:
            if self.unit is None:
                errors["unit"] = _("A section head needs a unit.")
            elif self.unit.organisation_id != self.organisation_id:
                errors["unit"] = _("The unit must belong to the same organisation.")
        if self.role == Role.OPERATOR_DESA:
            if self.village is None:
                errors["village"] = _("A village operator needs a village.")
            elif self.village.parent_id != self.organisation_id:
                errors["village"] = _("The village must lie in the same sub-district.")
        if errors:
            raise ValidationError(errors)


class SampleDataMark(models.Model):
    """The fact that an organisation holds sample data (DATA CONTOH), recorded by ``kinerja demo``.

    Pages show a banner and generated documents carry a watermark while it exists
    (:func:`kinerja.accounts.selectors.holds_sample_data`); a real kecamatan has none.
    """

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sample_data_mark",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    years = models.JSONField(
        _("years of sample data"),
        default=list,
        blank=True,
        help_text=_("The years the sample data was prepared for."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sample data mark")
        verbose_name_plural = _("sample data marks")

    def __str__(self) -> str:
        return f"{self.organisation} — DATA CONTOH"

    def clean(self) -> None:
        years = self.years
        if not isinstance(years, list) or not all(
            isinstance(y, int) and not isinstance(y, bool) and 2000 <= y <= 2100 for y in years
        ):
            raise ValidationError({"years": _("Years must be a list of years (2000–2100).")})
        self.years = sorted(set(years))

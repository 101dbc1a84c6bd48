"""Government organisations (Provinsi → Kabupaten → Kecamatan → Desa/Kelurahan), their units and
officials.

Codes are Kemendagri region codes (Permendagri 72/2019 style: 35, 35.09, 35.09.26, 35.09.26.2001).
"""

import re
from pathlib import Path
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Level(models.TextChoices):
    PROVINSI = "provinsi", _("Province")
    KABUPATEN = "kabupaten", _("Regency / city")
    KECAMATAN = "kecamatan", _("Sub-district")
    DESA = "desa", _("Village")
    KELURAHAN = "kelurahan", _("Urban village")


# The level a parent must have, for each level.
PARENT_LEVEL = {
    Level.PROVINSI: None,
    Level.KABUPATEN: Level.PROVINSI,
    Level.KECAMATAN: Level.KABUPATEN,
    Level.DESA: Level.KECAMATAN,
    Level.KELURAHAN: Level.KECAMATAN,
}

DEFAULT_LOGO = Path(__file__).resolve().parent / "static" / "organisations" / "logo-default.png"
"""The neutral emblem printed in the kop surat when neither the organisation nor any of its parents
has a logo (drawn for this project by scripts/draw-default-logo.py; no coat of arms)."""

CODE_PATTERN = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
# The number of dot-separated parts a code has, for each level.
CODE_PARTS = {
    Level.PROVINSI: 1,
    Level.KABUPATEN: 2,
    Level.KECAMATAN: 3,
    Level.DESA: 4,
    Level.KELURAHAN: 4,
}


# The level word offices write before a name (proper names: never translated).
OFFICE_WORDS = {"kecamatan": "Kecamatan", "desa": "Desa", "kelurahan": "Kelurahan"}


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def kecamatan(self) -> "OrganisationQuerySet":
        return self.filter(level=Level.KECAMATAN)

    def villages(self) -> "OrganisationQuerySet":
        return self.filter(level__in=[Level.DESA, Level.KELURAHAN])


class Organisation(models.Model):
    code = models.CharField(
        _("Kemendagri code"),
        max_length=13,
        unique=True,
        validators=[RegexValidator(CODE_PATTERN, _("Use a Kemendagri code such as 35.09.26."))],
    )
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    city = models.CharField(
        _("city on the letterhead"),
        max_length=100,
        blank=True,
        help_text=_("Printed at the end of the letterhead address, e.g. JEMBER."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        help_text=_(
            "PNG or JPEG printed in the letterhead. Without one, the parent's logo (the regency's) "
            "is printed."
        ),
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="provinsi", parent__isnull=True)
                | (~Q(level="provinsi") & Q(parent__isnull=False)),
                name="organisation_parent_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(level__in=[c.value for c in Level]), name="organisation_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.name}"

    @property
    def office_name(self) -> str:
        """The name as offices write it, with its level word ("Kecamatan Mayang", "Desa
        Mrawan") when the stored name lacks it; a proper name, so not translated."""
        word = OFFICE_WORDS.get(self.level, "")
        if word and not self.name.lower().startswith(word.lower() + " "):
            return f"{word} {self.name}"
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, str] = {}
        expected = PARENT_LEVEL.get(Level(self.level)) if self.level in Level.values else None
        if self.parent_id is None and expected is not None:
            errors["parent"] = _("A %(level)s needs a parent %(parent)s.") % {
                "level": Level(self.level).label,
                "parent": Level(expected).label,
            }
        elif self.parent is not None and self.parent.level != expected:
            errors["parent"] = _("The parent of a %(level)s must be a %(parent)s.") % {
                "level": Level(self.level).label,
                "parent": Level(expected).label if expected else "-",
            }
        # A code that is not a Kemendagri code at all is reported by its field validator alone.
        if self.level in Level.values and self.code and re.match(CODE_PATTERN, self.code):
            if self.code.count(".") + 1 != CODE_PARTS[Level(self.level)]:
                errors["code"] = _("This code does not have the form of a %(level)s code.") % {
                    "level": Level(self.level).label
                }
            elif self.parent is not None and not self.code.startswith(self.parent.code + "."):
                errors["code"] = _("The code must start with the parent's code %(code)s.") % {
                    "code": self.parent.code
                }
        if errors:
            raise ValidationError(errors)

    @property
    def is_village(self) -> bool:
        return self.level in (Level.DESA, Level.KELURAHAN)

    def ancestors(self) -> list["Organisation"]:
        """The chain from the top (province) down to the parent of this organisation."""
        chain: list[Organisation] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def letterhead_logo_path(self) -> Path:
        """The image of the kop surat: this organisation's logo, else the nearest parent's (a
        kecamatan prints the regency's), else :data:`DEFAULT_LOGO`. A stored file that has gone
        missing from the disk is passed over."""
        for node in [self, *reversed(self.ancestors())]:
            if node.logo:
                try:
                    path = Path(node.logo.path)
                except (NotImplementedError, ValueError):  # storage without local paths
                    continue
                if path.is_file():
                    return path
        return DEFAULT_LOGO

    def letterhead_government(self) -> str:
        """The first letterhead line: the regional government the office belongs to."""
        for node in reversed(self.ancestors()):
            if node.level == Level.KABUPATEN:
                return f"PEMERINTAH {node.name.upper()}"
            if node.level == Level.PROVINSI:
                return f"PEMERINTAH PROVINSI {node.name.upper()}"
        return ""


class UnitKind(models.TextChoices):
    LEADERSHIP = "pimpinan", _("Leadership")
    SECRETARIAT = "sekretariat", _("Secretariat")
    SECTION = "seksi", _("Section")
    OTHER = "lainnya", _("Other")


class Unit(models.Model):
    """A unit inside an organisation: the Sekretariat, a Seksi, ..."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=UnitKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


NIP_PATTERN = r"^\d{8} ?\d{6} ?\d ?\d{3}$"


class Official(models.Model):
    """A civil servant who signs documents (name, NIP, pangkat/golongan, jabatan)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="officials",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    nip = models.CharField(
        _("NIP"),
        max_length=21,
        unique=True,
        validators=[
            RegexValidator(NIP_PATTERN, _("A NIP has 18 digits, e.g. 19730725 199302 1 001."))
        ],
    )
    rank = models.CharField(_("rank (pangkat)"), max_length=100, blank=True)
    grade = models.CharField(_("grade (golongan)"), max_length=10, blank=True)
    position = models.CharField(_("position (jabatan)"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.nip = format_nip(self.nip)
        super().save(*args, **kwargs)


def format_nip(nip: str) -> str:
    """Format an 18-digit NIP the way it is printed: 19730725 199302 1 001."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) != 18:
        return nip.strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"

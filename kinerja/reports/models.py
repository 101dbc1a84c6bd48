"""Stored data of the document system: the edited narratives of the LKjIP."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.organisations.models import Organisation


class LkjipSection(models.TextChoices):
    """The LKjIP sections that carry a narrative paragraph drafted from the numbers."""

    PENGANTAR = "pengantar", _("Foreword")
    IKHTISAR = "ikhtisar", _("Executive summary")
    PENDAHULUAN = "pendahuluan", _("Chapter I: introduction")
    PERENCANAAN = "perencanaan", _("Chapter II: performance planning")
    AKUNTABILITAS = "akuntabilitas", _("Chapter III: performance accountability")
    EFISIENSI = "efisiensi", _("Chapter III: efficiency")
    PENUTUP = "penutup", _("Chapter IV: closing")


class LkjipNarrative(models.Model):
    """An edited narrative paragraph of one LKjIP section; it wins over the automatic draft."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="lkjip_narratives",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    section = models.CharField(_("section"), max_length=20, choices=LkjipSection.choices)
    text = models.TextField(_("text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "year", "section"]
        verbose_name = _("LKjIP narrative")
        verbose_name_plural = _("LKjIP narratives")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "section"], name="lkjip_narrative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} {self.section}"


class LkjipPublication(models.Model):
    """The Camat's decision to publish the LKjIP of a year: from then on anybody may download it
    and the front door links to it. Withdrawing deletes the row; the history keeps both."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="lkjip_publications",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "year"]
        verbose_name = _("LKjIP publication")
        verbose_name_plural = _("LKjIP publications")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="lkjip_publication_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}"

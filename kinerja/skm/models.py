"""SKM, Survei Kepuasan Masyarakat (PermenPANRB 14/2017): instruments, services, responses and the
running tallies the index is computed from.

The arithmetic lives in :mod:`kinerja.core.skm`; these models store what it needs. Every accepted
response adds to the tallies (one row per instrument x service x year x quarter x unsur, plus one
respondent counter per instrument x service x year x quarter) in the same transaction, so the index
of a year or of a service is a sum over at most a few hundred tally rows, whatever the number of
responses.
"""

from __future__ import annotations

import secrets
from fractions import Fraction

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.access import Action, UserLike, scope_q
from kinerja.organisations.models import Organisation


def new_token() -> str:
    """A short unguessable token for public survey links and posters."""
    return secrets.token_urlsafe(6)


class Instrument(models.Model):
    """The questionnaire of a kecamatan: its unsur, their questions, answer labels and weights."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="skm_instruments",
    )
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("The active instrument is the one respondents fill.")
    )
    valid_from_year = models.PositiveSmallIntegerField(_("valid from year"), null=True, blank=True)
    valid_to_year = models.PositiveSmallIntegerField(_("valid to year"), null=True, blank=True)
    token = models.CharField(_("public token"), max_length=20, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "-active", "-id"]
        verbose_name = _("SKM instrument")
        verbose_name_plural = _("SKM instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(active=True),
                name="skm_instrument_one_active",
            ),
            models.CheckConstraint(
                condition=Q(valid_from_year__isnull=True)
                | Q(valid_to_year__isnull=True)
                | Q(valid_from_year__lte=F("valid_to_year")),
                name="skm_instrument_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InstrumentUnsur(models.Model):
    """One unsur (service element) of an instrument: its question and four answer labels."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="unsur"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    question = models.CharField(_("question"), max_length=500)
    label_1 = models.CharField(_("label of answer 1"), max_length=100)
    label_2 = models.CharField(_("label of answer 2"), max_length=100)
    label_3 = models.CharField(_("label of answer 3"), max_length=100)
    label_4 = models.CharField(_("label of answer 4"), max_length=100)
    weight_numerator = models.PositiveIntegerField(_("weight numerator"), default=1)
    weight_denominator = models.PositiveIntegerField(_("weight denominator"), default=9)

    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument", "order"]
        verbose_name = _("unsur")
        verbose_name_plural = _("unsur")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="skm_unsur_code_unique"),
            models.UniqueConstraint(fields=["instrument", "order"], name="skm_unsur_order_unique"),
            models.CheckConstraint(
                condition=Q(weight_numerator__gt=0)
                & Q(weight_denominator__gt=0)
                & Q(weight_numerator__lte=F("weight_denominator")),
                name="skm_unsur_weight_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def weight(self) -> Fraction:
        return Fraction(self.weight_numerator, self.weight_denominator)

    @property
    def labels(self) -> tuple[str, str, str, str]:
        return (self.label_1, self.label_2, self.label_3, self.label_4)


class ServiceType(models.Model):
    """A jenis layanan of the kecamatan, optionally at a counter or with an officer."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="skm_services",
    )
    name = models.CharField(_("name"), max_length=200)
    counter = models.CharField(_("counter"), max_length=100, blank=True)
    officer = models.CharField(_("officer"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    token = models.CharField(_("public token"), max_length=20, unique=True, default=new_token)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "order", "name"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="skm_service_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Education(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA"
    D3 = "D3", "D3"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class Occupation(models.TextChoices):
    PNS = "PNS", "PNS"
    TNI = "TNI", "TNI"
    POLRI = "POLRI", "POLRI"
    SWASTA = "Swasta", _("Private employee")
    WIRAUSAHA = "Wirausaha", _("Self-employed")
    LAINNYA = "Lainnya", _("Other")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    KIOSK = "kiosk", _("Kiosk")
    PAPER = "paper", _("Paper")


MIN_AGE, MAX_AGE = 15, 100

# Age bands of the respondent profile tables.
AGE_BANDS: tuple[tuple[int, int], ...] = (
    (15, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, 100),
)


def age_band(age: int | None) -> str:
    """The band label of an age, e.g. ``25–34``; ``""`` when unknown."""
    if age is None:
        return ""
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}–{high}" if high < 100 else f"≥ {low}"
    return ""


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_user(self, user: UserLike, action: Action) -> ResponseQuerySet:
        # Raw responses (with their saran) stay in the kecamatan; the public sees results only.
        return self.filter(scope_q(user, action, organisation_path="organisation"))


class Response(models.Model):
    """One respondent's questionnaire."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="responses"
    )
    service = models.ForeignKey(
        ServiceType, verbose_name=_("service"), on_delete=models.PROTECT, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    gender = models.CharField(_("sex"), max_length=1, choices=Gender.choices)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=5, choices=Education.choices)
    occupation = models.CharField(_("occupation"), max_length=10, choices=Occupation.choices)
    saran = models.TextField(_("suggestions (saran)"), blank=True, max_length=2000)
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    fingerprint = models.CharField(_("client fingerprint"), max_length=64, blank=True)
    answers_digest = models.CharField(max_length=64, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("SKM response")
        verbose_name_plural = _("SKM responses")
        indexes = [
            models.Index(fields=["organisation", "year", "quarter"], name="skm_response_period"),
            # The duplicate check looks up (fingerprint, digest) in the last minutes: with the
            # digest in the key it reads only the matching rows, not every response of a busy
            # device.
            models.Index(
                fields=["fingerprint", "answers_digest", "submitted_at"],
                name="skm_response_duplicate",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="skm_response_quarter"
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | (Q(age__gte=MIN_AGE) & Q(age__lte=MAX_AGE)),
                name="skm_response_age",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["online", "kiosk", "paper"]), name="skm_response_channel"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.date}"


class Answer(models.Model):
    """One answer (1..4) to one unsur; an unsur without an Answer row was not answered."""

    # No index of its own: the unique (response, unsur) index starts with it and serves every
    # look-up by response; a second index only slowed the bulk inserts of the paper import.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    unsur = models.ForeignKey(InstrumentUnsur, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(_("value"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "unsur"], name="skm_answer_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=4), name="skm_answer_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unsur_id}={self.value}"


class ServiceUserCount(models.Model):
    """How many people used a service in a period (for the sample check). ``quarter`` empty means
    the whole year."""

    service = models.ForeignKey(
        ServiceType, verbose_name=_("service"), on_delete=models.CASCADE, related_name="user_counts"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    users = models.PositiveIntegerField(_("number of service users"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "year", "quarter"]
        verbose_name = _("service user count")
        verbose_name_plural = _("service user counts")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="skm_user_count_quarter_unique",
            ),
            models.UniqueConstraint(
                fields=["service", "year"],
                condition=Q(quarter__isnull=True),
                name="skm_user_count_year_unique",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | (Q(quarter__gte=1) & Q(quarter__lte=4)),
                name="skm_user_count_quarter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.year} Q{self.quarter or '-'}: {self.users}"


class ResponseTally(models.Model):
    """Running count of respondents per instrument x service x year x quarter."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    respondents = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "service", "year", "quarter"],
                name="skm_response_tally_key",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "year"], name="skm_rtally_org_year")]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}: {self.respondents}"


class AnswerTally(models.Model):
    """Running count and sum of the answers per instrument x service x year x quarter x unsur."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    unsur = models.ForeignKey(InstrumentUnsur, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "service", "year", "quarter", "unsur"],
                name="skm_answer_tally_key",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=F("count")) & Q(total__lte=F("count") * 4),
                name="skm_answer_tally_range",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "year"], name="skm_atally_org_year")]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.unsur_id}: {self.count}/{self.total}"

"""Forms of the planning pages: they parse input; the services validate and write.

Numbers are taken as text so that Indonesian input ("81,5", "1.250.000") reaches the services,
which read it with :func:`kinerja.core.numbers.parse_number`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.common.forms import Form, choice_field, model_choice_field
from kinerja.common.periods import period_label
from kinerja.core.periods import Period, quarters_of
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import PerformanceAgreement, Program, ProgramLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


class AgreementForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    first_party = forms.ModelChoiceField(
        label=_("First party (the Camat)"), queryset=Official.objects.none(), required=False
    )
    second_party_name = forms.CharField(
        label=_("Second party's name"),
        required=False,
        max_length=200,
        help_text=_("e.g. H. HENDY SISWANTO, S.T., IPU."),
    )
    second_party_position = forms.CharField(
        label=_("Second party's position"),
        required=False,
        max_length=200,
        help_text=_("e.g. BUPATI JEMBER"),
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    date_signed = forms.DateField(label=_("Date"), required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        agreement: PerformanceAgreement | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = organisations
        model_choice_field(self, "first_party").queryset = Official.objects.filter(
            organisation__in=organisations, active=True
        )
        if agreement is not None:
            del self.fields["organisation"]


class SignForm(Form):
    date_signed = forms.DateField(label=_("Date signed"), widget=DATE)


class RevisionForm(Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    period = forms.ChoiceField(label=_("Period"))
    target = forms.CharField(
        label=_("New target"),
        required=False,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
        help_text=_("For a range: the lower bound."),
    )
    target_upper = forms.CharField(
        label=_("New upper bound (range only)"),
        required=False,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )
    target_grade = forms.CharField(
        label=_("New grade (grade indicators only)"), required=False, max_length=10
    )
    reason = forms.CharField(
        label=_("Reason for the revision"), widget=forms.Textarea(attrs={"rows": 2})
    )
    document_number = forms.CharField(label=_("Legal document number"), max_length=100)
    document_date = forms.DateField(label=_("Legal document date"), widget=DATE)
    mismatch_reason = forms.CharField(
        label=_("Reason the quarters differ from the annual target"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the quarterly targets no longer agree with the year."),
    )

    def __init__(self, *args: Any, agreement: PerformanceAgreement, indicators: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "indicator").queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.name}"  # type: ignore[attr-defined]  # a ModelChoiceField; replacing this method is the way Django documents
        year = agreement.year
        choice_field(self, "period").choices = [
            (str(p), period_label(p)) for p in [Period.year_of(year), *quarters_of(year)]
        ]


class RenstraForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=100)
    document_date = forms.DateField(label=_("Document date"), required=False, widget=DATE)

    def __init__(self, *args: Any, organisations: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = organisations
        if editing:
            del self.fields["organisation"]


class ProgramForm(Form):
    level = forms.ChoiceField(label=_("Level"), choices=ProgramLevel.choices)
    parent = forms.ModelChoiceField(
        label=_("Part of"), queryset=Program.objects.none(), required=False
    )
    code = forms.CharField(label=_("Code"), required=False, max_length=50)
    name = forms.CharField(label=_("Name"), max_length=300)
    budget = forms.CharField(
        label=_("Budget (pagu), Rupiah"),
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
        help_text=_("e.g. 125.000.000"),
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators served"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, parents: Any, indicators: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "parent").queryset = parents
        model_choice_field(self, "indicators").queryset = indicators
        self.fields["indicators"].label_from_instance = lambda i: f"{i.code} {i.name}"  # type: ignore[attr-defined]  # a ModelChoiceField; replacing this method is the way Django documents


class BenchmarkForm(Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    value = forms.CharField(
        label=_("Benchmark value"),
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
        help_text=_("In the indicator's unit, e.g. 85,5"),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_(
            "What the value is, e.g. mean of the sub-districts of Kabupaten Jember, "
            "or national target"
        ),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "indicator").queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.name}"  # type: ignore[attr-defined]  # a ModelChoiceField; replacing this method is the way Django documents

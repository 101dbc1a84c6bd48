"""Forms of the decree pages. They only parse and check input; views hand the cleaned data to the
services, which validate again and write."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.common.forms import Form, ModelForm, choice_field, model_choice_field
from kinerja.iku.models import (
    Aggregation,
    Clause,
    Decree,
    Diktum,
    Indicator,
    PerformanceGoal,
    Polarity,
)
from kinerja.iku.portable import ClauseData, DiktumData
from kinerja.organisations.models import Official, Organisation, Unit

# A list label as decrees print it: "a.", "1.", "(1)", "(a)", "1)", "a)"; followed by a space.
LABEL_PATTERN = re.compile(r"^\s*(\(\d{1,3}\)|\([a-z]\)|\d{1,3}[.)]|[a-z][.)])\s+(\S.*)$")
DIKTUM_LABEL_MAX = 20


def parse_labelled_line(line: str) -> ClauseData:
    """Split a leading list label off a line: "a. bahwa ..." → ("a.", "bahwa ...")."""
    match = LABEL_PATTERN.match(line)
    if match:
        return ClauseData(label=match.group(1), text=match.group(2).strip())
    return ClauseData(label="", text=line.strip())


def parse_labelled_lines(text: str) -> list[ClauseData]:
    """One item per non-empty line, each with its leading label (if any) parsed off."""
    return [parse_labelled_line(line) for line in text.splitlines() if line.strip()]


def format_labelled_lines(items: list[Any]) -> str:
    return "\n".join(f"{item.label} {item.text}".strip() for item in items)


def parse_dicta(text: str) -> list[DiktumData]:
    """Dicta as written in the form: blocks separated by a blank line; the first line of a block is
    "LABEL: text", the following lines are its items (with their own labels, e.g. "a." or "(1)")."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    dicta: list[DiktumData] = []
    for block in (b for b in blocks if b):
        label, sep, first = block[0].partition(":")
        label = label.strip()
        if not sep or not label or len(label) > DIKTUM_LABEL_MAX:
            raise ValidationError(
                _(
                    'Each dictum starts with its label and a colon, e.g. "KESATU: ...". '
                    'This line does not: "%(line)s"'
                ),
                params={"line": block[0].strip()[:80]},
                code="diktum_label",
            )
        if not first.strip():
            raise ValidationError(
                _("The dictum %(label)s has no text after the colon."),
                params={"label": label},
                code="diktum_text",
            )
        dicta.append(
            DiktumData(
                label=label,
                text=first.strip(),
                items=[parse_labelled_line(line) for line in block[1:]],
            )
        )
    return dicta


def format_dicta(dicta: list[Diktum]) -> str:
    blocks = []
    for diktum in dicta:
        lines = [f"{diktum.label}: {diktum.text}"]
        lines += [f"{item.label} {item.text}".strip() for item in diktum.items.all()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


LIST_HELP = _('One item per line. A leading label such as "a.", "1." or "(1)" is kept as label.')


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DecreeForm(Form):
    """The decree with its lists and dicta. ``organisation`` only when creating."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    place = forms.CharField(
        label=_("Place of enactment"),
        max_length=100,
        required=False,
        help_text=_("Printed after “Ditetapkan di”, e.g. Jember."),
    )
    lampiran_place = forms.CharField(
        label=_("Place on the annex"),
        max_length=100,
        required=False,
        help_text=_("e.g. Mayang"),
    )
    date_signed = forms.DateField(label=_("Date signed"), required=False, widget=DateInput())
    effective_date = forms.DateField(label=_("Effective date"), required=False, widget=DateInput())
    signatory = forms.ModelChoiceField(
        label=_("Signatory"), queryset=Official.objects.none(), required=False
    )
    signatory_title = forms.CharField(
        label=_("Signatory title"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("As printed above the signature; press Enter for a new line."),
    )
    menimbang = forms.CharField(
        label=_("Considering (menimbang)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LIST_HELP,
    )
    mengingat = forms.CharField(
        label=_("Legal bases (mengingat)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=LIST_HELP,
    )
    dicta = forms.CharField(
        label=_("Dicta (memutuskan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "One block per dictum, blocks separated by a blank line. The first line of a block "
            'is the label, a colon and the text, e.g. "KESATU: ..."; each following line is an '
            'item of that dictum, e.g. "a. ..." or "(1) ...".'
        ),
    )
    tujuan = forms.CharField(
        label=_("Objectives (tujuan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LIST_HELP,
    )
    duty = forms.CharField(
        label=_("Duty (tugas)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fungsi = forms.CharField(
        label=_("Functions (fungsi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=LIST_HELP,
    )

    LISTS = ("menimbang", "mengingat", "tujuan", "fungsi")

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        officials: Any,
        decree: Decree | None = None,
        **kwargs: Any,
    ) -> None:
        if decree is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(decree)
        super().__init__(*args, **kwargs)
        self.decree = decree
        if decree is None:
            model_choice_field(self, "organisation").queryset = organisations
            if organisations.count() == 1:
                self.fields["organisation"].initial = organisations.first()
        else:
            del self.fields["organisation"]
        model_choice_field(self, "signatory").queryset = officials

    @classmethod
    def initial_for(cls, decree: Decree) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(decree, name)
            for name in (
                "number",
                "title",
                "place",
                "lampiran_place",
                "date_signed",
                "effective_date",
                "signatory",
                "signatory_title",
                "duty",
            )
        }
        clauses = list(Clause.objects.filter(decree=decree))
        for section in cls.LISTS:
            initial[section] = format_labelled_lines([c for c in clauses if c.section == section])
        initial["dicta"] = format_dicta(list(decree.dicta.prefetch_related("items")))
        return initial

    def clean_dicta(self) -> list[DiktumData]:
        return parse_dicta(self.cleaned_data.get("dicta", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for section in self.LISTS:
            if section in data:
                data[f"{section}_items"] = parse_labelled_lines(data[section])
        organisation = data.get("organisation") or (self.decree and self.decree.organisation)
        signatory = data.get("signatory")
        if signatory is not None and organisation and signatory.organisation_id != organisation.pk:
            self.add_error("signatory", _("The signatory must be an official of the organisation."))
        return data

    def decree_fields(self) -> dict[str, Any]:
        """The cleaned fields that ``decree_create``/``decree_update`` take."""
        names = (
            "number",
            "title",
            "place",
            "lampiran_place",
            "date_signed",
            "effective_date",
            "signatory",
            "signatory_title",
            "duty",
        )
        return {name: self.cleaned_data[name] for name in names}


class GoalForm(Form):
    statement = forms.CharField(
        label=_("Kinerja utama"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The strategic goal the indicators measure, as the decree words it."),
    )


class IndicatorForm(ModelForm):
    """All fields of an indicator; the kinerja utama and the unit limited to the decree's own."""

    class Meta:
        model = Indicator
        fields = [
            "goal",
            "code",
            "name",
            "definition",
            "numerator_definition",
            "denominator_definition",
            "factor",
            "factor_text",
            "unit",
            "polarity",
            "aggregation",
            "decimals",
            "data_source",
            "responsible_unit",
            "responsible_text",
        ]
        # Indonesian decimals are typed with a comma (25,5), so the field follows the locale.
        localized_fields = ["factor"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "definition": forms.Textarea(attrs={"rows": 2}),
            "numerator_definition": forms.Textarea(attrs={"rows": 2}),
            "denominator_definition": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, decree: Decree, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "goal").queryset = PerformanceGoal.objects.filter(decree=decree)
        model_choice_field(self, "responsible_unit").queryset = Unit.objects.filter(
            organisation=decree.organisation
        )
        if self.instance.pk and "factor" not in self.data:
            # 25.0000 is shown as 25, 0.5000 as 0,5: the decimal places of the column are noise.
            self.initial["factor"] = Decimal(f"{self.instance.factor:f}".rstrip("0").rstrip("."))
        choice_field(self, "polarity").choices = Polarity.choices
        choice_field(self, "aggregation").choices = Aggregation.choices

    def _post_clean(self) -> None:
        # The services validate the model (with decree and order set); the form checks fields only.
        pass

    def indicator_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field it names when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages)
    else:
        form.add_error(None, exc.messages)

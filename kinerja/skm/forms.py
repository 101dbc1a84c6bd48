"""Forms of the SKM pages: the public questionnaire, the instrument, services, user counts, import."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.common.forms import EMPTY_CHOICE, Form, choice_field
from kinerja.skm.models import MAX_AGE, MIN_AGE, Education, Gender, Occupation
from kinerja.skm.selectors import SurveyStructure
from kinerja.skm.services import UnsurSpec

HONEYPOT = "website"


@functools.lru_cache(maxsize=64)
def _survey_fields(structure: SurveyStructure) -> dict[str, forms.Field]:
    """Django form fields of a questionnaire, built once per structure (their ``clean`` keeps
    no state): a form instance per request would copy and re-normalise every choice list."""
    fields: dict[str, forms.Field] = {
        "service": forms.ChoiceField(
            label=_("Service you used"),
            choices=[("", EMPTY_CHOICE), *((str(pk), name) for pk, name in structure.services)],
        ),
        "gender": forms.ChoiceField(label=_("Sex"), choices=Gender.choices),
        "age": forms.IntegerField(label=_("Age (years)"), min_value=MIN_AGE, max_value=MAX_AGE),
        "education": forms.ChoiceField(
            label=_("Education"), choices=[("", EMPTY_CHOICE), *Education.choices]
        ),
        "occupation": forms.ChoiceField(
            label=_("Occupation"), choices=[("", EMPTY_CHOICE), *Occupation.choices]
        ),
        "saran": forms.CharField(
            label=_("Suggestions (optional)"), required=False, max_length=2000
        ),
        # Left empty by people; bots fill every field. Hidden from view and from screen readers.
        HONEYPOT: forms.CharField(required=False, label=_("Leave this field empty")),
    }
    for u in structure.unsur:
        fields[u.code.lower()] = forms.TypedChoiceField(
            label=u.question,
            choices=[(str(i), label) for i, label in enumerate(u.labels, 1)],
            coerce=int,
            error_messages={"required": _("Choose one answer.")},
        )
    if structure.fixed_service is not None:
        del fields["service"]  # the token fixes it; a posted value is ignored
    return fields


class SurveyForm:
    """The questionnaire: profile, one radio group per unsur with its own labels, saran.

    Checked by Django's own field classes (their rules and messages), rendered by the template
    from plain values (``options``, ``answer_groups``) without widgets.
    """

    def __init__(self, data: Mapping[str, Any] | None, *, structure: SurveyStructure) -> None:
        self.structure = structure
        self.data = data
        self.fields = _survey_fields(structure)
        self.errors: dict[str, list[str]] = {}
        self.cleaned_data: dict[str, Any] = {}

    def is_valid(self) -> bool:
        if self.data is None:
            return False
        self.errors, self.cleaned_data = {}, {}
        for name, field in self.fields.items():
            try:
                self.cleaned_data[name] = field.clean(self.data.get(name))
            except ValidationError as exc:
                self.errors[name] = exc.messages
        if self.structure.fixed_service is not None:
            self.cleaned_data["service"] = str(self.structure.fixed_service[0])
        return not self.errors

    def value(self, name: str) -> str:
        if self.data is None:
            return ""
        value = self.data.get(name)
        return "" if value is None else str(value)

    def options(self, name: str) -> list[tuple[str, Any, str, bool]]:
        """(value, label, element id, chosen) of a choice field."""
        chosen = self.value(name)
        return [
            (str(value), label, f"id_{name}_{i}", str(value) == chosen)
            for i, (value, label) in enumerate(self.fields[name].choices)  # type: ignore[attr-defined]  # the names given here are of ChoiceFields
        ]

    @functools.cached_property
    def view(self) -> dict[str, dict[str, Any]]:
        """Per field: its label, the submitted value, for choices the options, and the limits the
        field checks (``required``, ``min_value``/``max_value``, ``max_length``), so that the page
        marks exactly what the server refuses without."""
        return {
            name: {
                "label": field.label,
                "value": self.value(name),
                "options": self.options(name) if hasattr(field, "choices") else None,
                "required": field.required,
                "min_value": getattr(field, "min_value", None),
                "max_value": getattr(field, "max_value", None),
                "max_length": getattr(field, "max_length", None),
            }
            for name, field in self.fields.items()
        }

    def answer_groups(self) -> list[dict[str, Any]]:
        groups = []
        for u in self.structure.unsur:
            name = u.code.lower()
            groups.append(
                {
                    "unsur": u,
                    "name": name,
                    "options": self.options(name),
                    "required": self.fields[name].required,
                    "errors": self.errors.get(name, []),
                }
            )
        return groups

    def answers(self) -> dict[str, int | None]:
        return {u.code: self.cleaned_data.get(u.code.lower()) for u in self.structure.unsur}


def parse_weight(text: str) -> Fraction | None:
    """A weight typed as a fraction ("1/9") or a decimal ("0,25" or "0.25"); None when empty."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError) as exc:
        raise ValidationError(_("Write a weight such as 1/9 or 0.25.")) from exc
    if not 0 < value <= 1:
        raise ValidationError(_("A weight lies above 0 and at most 1."))
    return value


class UnsurForm(Form):
    code = forms.RegexField(
        label=_("Code"),
        regex=r"^U\d{1,2}$",
        max_length=4,
        error_messages={"invalid": _("Use a code such as U10.")},
    )
    name = forms.CharField(label=_("Unsur"), max_length=200)
    question = forms.CharField(
        label=_("Question"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    label_1 = forms.CharField(label=_("Answer 1"), max_length=100)
    label_2 = forms.CharField(label=_("Answer 2"), max_length=100)
    label_3 = forms.CharField(label=_("Answer 3"), max_length=100)
    label_4 = forms.CharField(label=_("Answer 4"), max_length=100)
    weight = forms.CharField(
        label=_("Weight"),
        required=False,
        help_text=_("A fraction such as 1/9; leave every weight empty for 1/n."),
    )

    def clean_weight(self) -> Fraction | None:
        return parse_weight(self.cleaned_data.get("weight") or "")

    def spec(self) -> UnsurSpec:
        d = self.cleaned_data
        return UnsurSpec(
            code=d["code"],
            name=d["name"],
            question=d["question"],
            labels=(d["label_1"], d["label_2"], d["label_3"], d["label_4"]),
            weight=d["weight"],
        )


UnsurFormSet = forms.formset_factory(UnsurForm, extra=1, can_delete=True)


class ServiceForm(Form):
    name = forms.CharField(label=_("Service"), max_length=200)
    counter = forms.CharField(label=_("Counter"), max_length=100, required=False)
    officer = forms.CharField(label=_("Officer"), max_length=200, required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class UserCountForm(Form):
    service = forms.ChoiceField(label=_("Service"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", _("Whole year")), ("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    users = forms.IntegerField(label=_("Number of service users"), min_value=0)

    def __init__(self, *args: Any, services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "service").choices = [(str(s.pk), s.name) for s in services]


class ImportForm(Form):
    file = forms.FileField(
        label=_("Filled template (CSV or XLSX)"),
        help_text=_("Nothing is stored when any row is wrong; every wrong row is listed."),
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        if f.size > 20 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 20 MB."))
        return f

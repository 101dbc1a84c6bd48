"""Forms of the coordination register pages (thin: they parse input, services validate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.common.forms import Form
from kinerja.common.uploads import ALLOWED_EXTENSIONS
from kinerja.coordination.models import ActivityKind, FollowUpStatus

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
ACCEPT = ",".join(ALLOWED_EXTENSIONS)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
    )


class ActivityForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Subject"), max_length=300)
    date = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.CharField(
        label=_("Participating agencies"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One agency per line."),
    )
    minutes = forms.FileField(
        label=_("Minutes (notulen)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, image or office document."),
    )


class ResultForm(Form):
    """One result of the activity with up to two recommendations; an empty block is skipped."""

    text = forms.CharField(
        label=_("Result of the coordination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    date = date_field(
        _("Date of the result"), required=False, help_text=_("Empty: the activity's date.")
    )

    REC_SLOTS = 2

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, self.REC_SLOTS + 1):
            self.fields[f"rec{n}_text"] = forms.CharField(
                label=_("Recommendation %(n)s") % {"n": n},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"rec{n}_party"] = forms.CharField(
                label=_("Responsible party"), required=False, max_length=200
            )
            self.fields[f"rec{n}_due"] = date_field(_("Follow-up due date"), required=False)

    def recommendation_rows(self) -> list[list[Any]]:
        return [
            [self[f"rec{n}_text"], self[f"rec{n}_party"], self[f"rec{n}_due"]]
            for n in range(1, self.REC_SLOTS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_recs = False
        for n in range(1, self.REC_SLOTS + 1):
            text = (data.get(f"rec{n}_text") or "").strip()
            party = (data.get(f"rec{n}_party") or "").strip()
            due = data.get(f"rec{n}_due")
            if text or party or due:
                has_recs = True
                if not text:
                    self.add_error(f"rec{n}_text", _("Write the recommendation."))
                if not party:
                    self.add_error(f"rec{n}_party", _("Name who must act on it."))
                if not due:
                    self.add_error(f"rec{n}_due", _("Give the date it must be followed up by."))
        if has_recs and not (data.get("text") or "").strip():
            self.add_error("text", _("A recommendation needs the result it comes from."))
        return data


class RecommendationForm(Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_party = forms.CharField(label=_("Responsible party"), max_length=200)
    due_date = date_field(_("Follow-up due date"))


class NewResultForm(Form):
    text = forms.CharField(
        label=_("Result of the coordination"), widget=forms.Textarea(attrs={"rows": 2})
    )
    date = date_field(_("Date of the result"))


class FollowUpForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    date = date_field(_("Date"))
    actor_name = forms.CharField(label=_("Who acts"), max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, image or office document."),
    )

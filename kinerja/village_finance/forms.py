"""Forms of the village budget-document register (thin: the services validate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.common.forms import Form
from kinerja.village_finance.models import Result

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SubmitForm(Form):
    submitted_on = forms.DateField(label=_("Date submitted"), widget=DATE_INPUT)
    file = forms.FileField(
        label=_("Document file"),
        required=False,
        help_text=_("PDF, JPG, PNG, WebP, DOCX, XLSX, ODT or ODS."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvaluateForm(Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(Result.CORRECT, _("Correct")), (Result.NEEDS_CORRECTION, _("Needs correction"))],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the village has to correct the document."),
    )


class DeadlinesForm(Form):
    apbdes_deadline = forms.DateField(label=_("APBDes deadline"), widget=DATE_INPUT)
    spj_s1_deadline = forms.DateField(
        label=_("First-semester realization report deadline"), widget=DATE_INPUT
    )
    spj_year_end_deadline = forms.DateField(
        label=_("Year-end accountability report deadline"), widget=DATE_INPUT
    )
    reminder_days = forms.IntegerField(
        label=_("Days before a deadline to remind"), min_value=0, max_value=180
    )


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form as a whole)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target: Any = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)

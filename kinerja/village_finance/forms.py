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
    """The handover is the upload: its date is the server's, not typed (services.document_submit)."""

    file = forms.FileField(
        label=_("Document file"),
        help_text=_(
            "PDF, JPG, PNG, WebP, DOCX, XLSX, ODT or ODS. The moment of the upload counts as the "
            "handover date; an earlier handover on paper is confirmed by the responsible section."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PaperDateForm(Form):
    paper_date = forms.DateField(label=_("Date handed in on paper"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note on the paper handover"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How it was recorded, e.g. the agenda number of the incoming letter."),
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

"""Forms of the realization pages. Numbers are text inputs (inputmode="decimal") read by the
service the Indonesian way; the form only carries what was typed, the service validates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kinerja.common.forms import EMPTY_CHOICE, Form, choice_field
from kinerja.common.uploads import ALLOWED_EXTENSIONS, checked_upload, max_evidence_bytes
from kinerja.core.achievement import SCALES
from kinerja.core.numbers import format_id
from kinerja.iku.models import Indicator
from kinerja.measurement import spreadsheet_import as importer
from kinerja.measurement.models import ApprovalSteps
from kinerja.measurement.services import REASON_MAX_LENGTH, has_components
from kinerja.organisations.models import Organisation


def _number(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


NUMBER_HELP = _(
    "Indonesian style: 1.234,5 or 12,5 (a dot followed by three digits groups thousands)."
)


class ValueForm(Form):
    numerator = _number(_("Numerator"), NUMBER_HELP)
    denominator = _number(_("Denominator"))
    value = _number(_("Value"), NUMBER_HELP)
    grade = forms.ChoiceField(label=_("Grade"), required=False)
    kendala = forms.CharField(
        label=_("Obstacles (kendala)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    upaya = forms.CharField(
        label=_("Actions taken (upaya)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rencana_tindak_lanjut = forms.CharField(
        label=_("Follow-up plan (rencana tindak lanjut)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    override_reason = forms.CharField(
        label=_("Reason for overriding the computed numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.scale:
            del self.fields["numerator"], self.fields["denominator"], self.fields["value"]
            scale = SCALES.get(indicator.scale)
            grades = [g for g, _s in scale.grades] if scale else []
            choice_field(self, "grade").choices = [("", EMPTY_CHOICE)] + [(g, g) for g in grades]
        else:
            del self.fields["grade"]
            if has_components(indicator):
                del self.fields["value"]
                if indicator.numerator_definition:
                    self.fields["numerator"].label = _("Numerator: %(definition)s") % {
                        "definition": indicator.numerator_definition
                    }
                if indicator.denominator_definition:
                    self.fields["denominator"].label = _("Denominator: %(definition)s") % {
                        "definition": indicator.denominator_definition
                    }
            else:
                del self.fields["numerator"], self.fields["denominator"]
        if indicator.value_source == "manual":
            del self.fields["override_reason"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {
            key: data.get(key, "")
            for key in ("kendala", "upaya", "rencana_tindak_lanjut", "override_reason", "grade")
            if key in self.fields
        }
        for key in ("numerator", "denominator", "value"):
            if key in self.fields:
                kwargs[key] = data.get(key) or None
        kwargs["expected_version"] = data["version"]
        return kwargs


class EvidenceForm(Form):
    file = forms.FileField(
        label=_("Evidence file"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, images or office documents (%(types)s), at most %(mb)s MB."
        ) % {
            "types": ", ".join(e.lstrip(".").upper() for e in ALLOWED_EXTENSIONS),
            "mb": max_evidence_bytes() // (1024 * 1024),
        }


class NoteForm(Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class WorkflowSettingsForm(Form):
    approval_steps = forms.ChoiceField(
        label=_("Approval workflow"),
        choices=ApprovalSteps.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the Camat's decision this follows. Kept in the history."),
    )


# ---------------------------------------------------------------- the realization spreadsheet upload

EXTENSIONS = (".csv", ".xlsx")


class UploadForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Sub-district"), queryset=Organisation.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    override_reason = forms.CharField(
        label=_("Reason for overriding numbers computed from a source"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only needed when the file's numbers of an indicator computed from a register or the "
            "SKM differ from the computed ones; it is recorded with each such value."
        ),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Chosen on the page (?organisasi=), as on the entry list; posted as a hidden field.
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        field.widget = forms.HiddenInput()
        self.fields["file"].help_text = gettext(
            "The template's columns; at most %(mb)s MB and %(rows)s rows."
        ) % {
            "mb": format_id(Decimal(max_evidence_bytes()) / 1048576, 1),
            "rows": format_id(importer.MAX_LINES, 0),
        }
        self.checked: Any = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            self.checked = checked_upload(upload, field_name="file", extensions=EXTENSIONS)
        except ValidationError as exc:
            texts = exc.message_dict["file"]
            if upload.name.lower().endswith(".xlsx") and 0 < upload.size <= max_evidence_bytes():
                # Of the right type and size, so its content failed: say how a workbook fails.
                texts = [importer.unreadable_xlsx_message()]
            raise ValidationError(texts) from None
        return upload


class RecheckForm(Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    override_reason = forms.CharField(
        label=UploadForm.base_fields["override_reason"].label,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SaveForm(Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

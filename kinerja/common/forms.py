"""What every form of the project shares: the empty choice of a select reads "— pilih —".

Django writes the empty choice "---------" (``ModelChoiceField.empty_label``, the blank choice
of a model field with choices, ``BLANK_CHOICE_DASH``). Forms here derive from :class:`Form` or
:class:`ModelForm` below (or mix in :class:`EmptyChoiceMixin`), which replace it by
``EMPTY_CHOICE``, translated. The replacement happens when a field is taken for rendering
(``form[name]``), so choices a form sets in its own ``__init__`` are covered too. The API's
filters (django-filter) get the same label from ``FILTERS_EMPTY_CHOICE_LABEL`` in the settings.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = [
    "EMPTY_CHOICE",
    "EmptyChoiceMixin",
    "Form",
    "ModelForm",
    "choice_field",
    "model_choice_field",
    "prompt_empty_choice",
]

EMPTY_CHOICE = _("— choose —")
# Labels an empty choice was given before: Django's dashes and a bare dash.
_PLACEHOLDERS = {"---------", "—", "-"}


def prompt_empty_choice(field: forms.Field) -> None:
    """Give ``field``'s empty choice the label ``EMPTY_CHOICE`` (in place; other choices kept)."""
    if isinstance(field, forms.ModelChoiceField):
        # None means no empty choice at all (required with an initial value, or a multiple choice).
        if field.empty_label is not None:
            field.empty_label = EMPTY_CHOICE
        return
    if not isinstance(field, forms.ChoiceField):
        return
    choices: list[Any] = list(field.choices)  # type: ignore[arg-type]  # the stubs type ChoiceField.choices as settable but not as iterable
    if not any(value in ("", None) and str(label) in _PLACEHOLDERS for value, label in choices):
        return
    field.choices = [
        (value, EMPTY_CHOICE if value in ("", None) and str(label) in _PLACEHOLDERS else label)
        for value, label in choices
    ]


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name``, a choice field (``form.fields`` types it as a plain Field)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field ``name``, a model choice field (for setting its queryset)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    return field


class EmptyChoiceMixin:
    """Every choice field of the form shows ``EMPTY_CHOICE`` as its empty choice."""

    fields: dict[str, forms.Field]

    def __getitem__(self, name: str) -> Any:
        field = self.fields.get(name)
        if field is not None:
            prompt_empty_choice(field)
        return super().__getitem__(name)  # type: ignore[misc]  # a mixin: the form class after it in the MRO has __getitem__


class Form(EmptyChoiceMixin, forms.Form):
    """The base of the project's forms."""


class ModelForm(EmptyChoiceMixin, forms.ModelForm):
    """The base of the project's model forms."""

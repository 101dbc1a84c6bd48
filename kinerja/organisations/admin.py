from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kinerja.organisations import services
from kinerja.organisations.models import Official, Organisation, Unit


class OrganisationAdminForm(forms.ModelForm):
    """The model's fields but the logo, which is uploaded through ``logo_upload`` and stored by
    :func:`services.organisation_logo_set` (the checks every upload goes through)."""

    logo_upload = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("PNG or JPEG, printed in the letterhead of the documents."),
    )
    logo_clear = forms.BooleanField(
        label=_("Remove the logo (the parent's or the default emblem is printed)"),
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ["code", "name", "level", "parent", "address", "phone", "email", "website", "city"]

    def clean_logo_upload(self) -> Any:
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            try:
                services.checked_logo(upload)
            except ValidationError as exc:
                raise forms.ValidationError(exc.message_dict.get("logo", exc.messages)) from None
        return upload


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationAdminForm
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    readonly_fields = ["current_logo"]

    @admin.display(description=_("Logo in the letterhead"))
    def current_logo(self, obj: Organisation) -> str:
        if obj.pk and obj.logo:
            return str(
                _("Own logo (%(name)s)") % {"name": (obj.logo.name or "").rsplit("/", 1)[-1]}
            )
        return str(_("None of its own: the parent's logo or the default emblem is printed."))

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("logo_upload")
        if upload:
            stored = services.organisation_logo_set(
                actor=request.user, organisation=obj, upload=upload
            )
            obj.logo = stored.logo
        elif form.cleaned_data.get("logo_clear") and obj.logo:
            services.organisation_logo_clear(actor=request.user, organisation=obj)
            obj.logo = ""


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "kind", "order"]
    list_filter = ["kind"]


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ["name", "nip", "position", "organisation", "active"]
    search_fields = ["name", "nip"]

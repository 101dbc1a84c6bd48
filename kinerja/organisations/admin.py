from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.organisations.models import Official, Organisation, Unit


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "kind", "order"]
    list_filter = ["kind"]


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ["name", "nip", "position", "organisation", "active"]
    search_fields = ["name", "nip"]

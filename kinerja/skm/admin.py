from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.skm.models import Instrument, InstrumentUnsur, ServiceType, ServiceUserCount


class UnsurInline(admin.TabularInline):
    model = InstrumentUnsur
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "active", "valid_from_year", "valid_to_year"]
    list_filter = ["organisation", "active"]
    inlines = [UnsurInline]


@admin.register(ServiceType)
class ServiceTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "counter", "officer", "active"]
    list_filter = ["organisation", "active"]


@admin.register(ServiceUserCount)
class ServiceUserCountAdmin(SimpleHistoryAdmin):
    list_display = ["service", "year", "quarter", "users"]
    list_filter = ["year"]

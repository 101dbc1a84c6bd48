from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.village_finance.models import APBDesDocument, FiscalYearSettings, SPJReport


@admin.register(FiscalYearSettings)
class FiscalYearSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["kecamatan", "year", "apbdes_deadline", "spj_s1_deadline"]
    list_filter = ["kecamatan", "year"]


@admin.register(APBDesDocument)
class APBDesDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["village", "year", "submitted_on", "deadline", "result", "corrected_on"]
    list_filter = ["year", "result"]
    search_fields = ["village__name", "village__code"]


@admin.register(SPJReport)
class SPJReportAdmin(SimpleHistoryAdmin):
    list_display = ["village", "year", "period", "submitted_on", "deadline", "result"]
    list_filter = ["year", "period", "result"]
    search_fields = ["village__name", "village__code"]

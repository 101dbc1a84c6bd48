from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.planning.models import (
    BudgetRealization,
    IndicatorBenchmark,
    PerformanceAgreement,
    Program,
    RenstraPeriod,
    Target,
    TargetRevision,
)


@admin.register(RenstraPeriod)
class RenstraAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "start_year", "end_year"]


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "year", "budget", "organisation"]
    list_filter = ["year", "level"]


@admin.register(BudgetRealization)
class BudgetRealizationAdmin(SimpleHistoryAdmin):
    list_display = ["program", "period", "amount"]


@admin.register(PerformanceAgreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["year", "organisation", "status", "date_signed"]
    list_filter = ["status"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "indicator", "period", "target", "target_upper", "target_grade"]


@admin.register(TargetRevision)
class TargetRevisionAdmin(admin.ModelAdmin):
    list_display = [
        "target",
        "old_target",
        "new_target",
        "document_number",
        "revised_by",
        "revised_at",
    ]
    readonly_fields = [f.name for f in TargetRevision._meta.fields]


@admin.register(IndicatorBenchmark)
class IndicatorBenchmarkAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "organisation", "year", "value", "source", "entered_by"]
    list_filter = ["year"]
    search_fields = ["indicator__code", "indicator__name", "source"]

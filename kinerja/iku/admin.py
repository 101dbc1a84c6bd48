from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.iku.models import Decree, Indicator, PerformanceGoal


class NoDeleteAdmin(SimpleHistoryAdmin):
    """Decrees and indicators are superseded or archived, never deleted."""

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Decree)
class DecreeAdmin(NoDeleteAdmin):
    list_display = ["number", "title", "organisation", "status", "date_signed"]
    list_filter = ["status"]


@admin.register(PerformanceGoal)
class GoalAdmin(NoDeleteAdmin):
    list_display = ["statement", "decree", "order"]


@admin.register(Indicator)
class IndicatorAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "decree", "polarity", "aggregation", "archived_at"]
    list_filter = ["polarity", "aggregation"]

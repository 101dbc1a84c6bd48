from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.coordination.models import (
    CoordinationActivity,
    CoordinationField,
    CoordinationResult,
    FollowUp,
    Recommendation,
)


@admin.register(CoordinationField)
class CoordinationFieldAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "organisation", "responsible_unit", "order"]
    list_filter = ["organisation"]


@admin.register(CoordinationActivity)
class CoordinationActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "field", "kind", "status"]
    list_filter = ["status", "kind", "field"]
    date_hierarchy = "date"


@admin.register(CoordinationResult)
class CoordinationResultAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "activity", "date"]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "responsible_party", "due_date"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["recommendation", "status", "date", "actor"]
    list_filter = ["status"]

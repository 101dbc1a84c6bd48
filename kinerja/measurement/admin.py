"""Admin of the value store: read-mostly. Values change through the pages and services (the
workflow and its checks); the admin shows them with their history."""

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.measurement.models import (
    AssessmentPolicy,
    Evidence,
    IndicatorValue,
    SentReminder,
    WorkflowEvent,
    WorkflowSettings,
)


class EvidenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Evidence
    extra = 0
    can_delete = False
    fields = [
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
        "removed_at",
    ]
    readonly_fields = fields


class EventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = WorkflowEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ["indicator", "organisation", "period", "value", "status", "source", "version"]
    list_filter = ["status", "source", "organisation"]
    search_fields = ["indicator__code", "period"]
    inlines = [EvidenceInline, EventInline]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(AssessmentPolicy)
class AssessmentPolicyAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "lower_better_rule", "achievement_cap", "deadline_days"]


@admin.register(WorkflowSettings)
class WorkflowSettingsAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    """Read-only: the setting changes through its page (``measurement:workflow-settings``), which
    requires a reason and keeps it in the history."""

    list_display = ["organisation", "approval_steps"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["key", "day", "recipient", "sent_at"]

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

EVIDENCE_FIELDS = (
    "original_name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by",
    "uploaded_at",
    "removed_at",
)
EVENT_FIELDS = ("at", "action", "from_status", "to_status", "actor", "note")


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = EVIDENCE_FIELDS
    readonly_fields = EVIDENCE_FIELDS


class EventInline(admin.TabularInline):
    model = WorkflowEvent
    extra = 0
    can_delete = False
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
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
class AssessmentPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "lower_better_rule", "achievement_cap", "deadline_days"]


@admin.register(WorkflowSettings)
class WorkflowSettingsAdmin(SimpleHistoryAdmin):
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
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "day", "recipient", "sent_at"]

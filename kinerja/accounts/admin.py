from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.accounts.models import Membership, SampleDataMark


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "unit", "village"]
    list_filter = ["role"]


@admin.register(SampleDataMark)
class SampleDataMarkAdmin(SimpleHistoryAdmin):
    """Deleting a mark (once the sample data is gone) removes the banner and the watermark."""

    list_display = ["organisation", "years", "created_at"]

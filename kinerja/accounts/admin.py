from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "unit", "village"]
    list_filter = ["role"]

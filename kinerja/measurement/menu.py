"""Menu entries of measurement: dashboard, realization entry, approval queue."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import MEMBER_ROLES, MenuEntry, menu_register

ENTRY_ROLES = frozenset({"admin_kabupaten", "camat", "perencana", "kepala_seksi"})
APPROVAL_ROLES = frozenset({"camat", "perencana"})


def _waiting(user: Any) -> int:
    from kinerja.measurement.selectors import values_waiting_count

    return values_waiting_count(user=user)


menu_register(
    MenuEntry(
        key="dashboard",
        label=_("Dashboard"),
        url_name="measurement:dashboard",
        order=10,
        roles=MEMBER_ROLES,
        matches=("measurement:dashboard",),
    ),
    MenuEntry(
        key="entry",
        label=_("Realization entry"),
        url_name="measurement:entry-list",
        order=20,
        roles=ENTRY_ROLES,
        matches=(
            "measurement:entry-list",
            "measurement:entry",
            "measurement:evidence-add",
            "measurement:value-action",
        ),
    ),
    MenuEntry(
        key="approval",
        label=_("Approval"),
        url_name="measurement:approval-queue",
        order=30,
        roles=APPROVAL_ROLES,
        badge=_waiting,
    ),
)

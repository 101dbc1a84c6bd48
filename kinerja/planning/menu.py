"""Menu entries of planning: Renstra, Renja, PK and benchmarks under one group."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import MenuEntry, menu_register

PLANNING_ROLES = frozenset({"admin_kabupaten", "camat", "perencana", "kepala_seksi"})

menu_register(
    MenuEntry(
        key="planning",
        label=_("Planning"),
        url_name="planning:renstra-list",
        order=40,
        roles=PLANNING_ROLES,
        matches=("planning:",),
    ),
    MenuEntry(
        key="planning-renstra",
        label=_("Renstra"),
        url_name="planning:renstra-list",
        order=41,
        roles=PLANNING_ROLES,
        matches=(
            "planning:renstra-list",
            "planning:renstra-create",
            "planning:renstra-detail",
            "planning:renstra-edit",
        ),
        parent="planning",
    ),
    MenuEntry(
        key="planning-renja",
        label=_("Renja and budget"),
        url_name="planning:renja-list",
        order=42,
        roles=PLANNING_ROLES,
        matches=(
            "planning:renja-list",
            "planning:renja-detail",
            "planning:program-create",
            "planning:program-edit",
        ),
        parent="planning",
    ),
    MenuEntry(
        key="planning-pk",
        label=_("Perjanjian Kinerja"),
        url_name="planning:agreement-list",
        order=43,
        roles=PLANNING_ROLES,
        matches=(
            "planning:agreement-list",
            "planning:agreement-create",
            "planning:agreement-detail",
            "planning:agreement-edit",
            "planning:agreement-sign",
            "planning:target-revise",
        ),
        parent="planning",
    ),
    MenuEntry(
        key="planning-benchmark",
        label=_("Benchmarks"),
        url_name="planning:benchmark-index",
        order=44,
        roles=PLANNING_ROLES,
        matches=("planning:benchmark-index", "planning:benchmark-detail"),
        parent="planning",
    ),
)

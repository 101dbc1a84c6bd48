"""Menu entry of the documents (PK, quarterly report, LKjIP, SKM report, decree)."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import MEMBER_ROLES, MenuEntry, menu_register

menu_register(
    MenuEntry(
        key="documents",
        label=_("Documents"),
        url_name="reports:document-list",
        order=80,
        roles=MEMBER_ROLES,
        matches=("reports:",),
    ),
)

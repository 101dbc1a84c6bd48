"""Menu entry of the village budget-document register."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import MEMBER_ROLES, MenuEntry, menu_register

menu_register(
    MenuEntry(
        key="village-finance",
        label=_("Village finance"),
        url_name="village_finance:index",
        order=70,
        roles=MEMBER_ROLES,
        matches=("village_finance:",),
    ),
)

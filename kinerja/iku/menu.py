"""Menu entry of the IKU decrees (public: decrees in force are published)."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import PUBLIC, MenuEntry, menu_register

menu_register(
    MenuEntry(
        key="iku",
        label=_("IKU decree"),
        url_name="iku:decree-list",
        order=90,
        roles=frozenset({PUBLIC}),
        matches=("iku:",),
    ),
)

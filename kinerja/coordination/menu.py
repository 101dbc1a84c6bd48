"""Menu entry of the coordination register."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import MenuEntry, menu_register

menu_register(
    MenuEntry(
        key="coordination",
        label=_("Coordination"),
        url_name="coordination:index",
        order=60,
        roles=frozenset({"admin_kabupaten", "camat", "perencana", "kepala_seksi"}),
        matches=("coordination:",),
    ),
)

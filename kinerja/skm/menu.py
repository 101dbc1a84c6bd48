"""Menu entry of the SKM staff pages (the public survey is reached from the front door)."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import MenuEntry, menu_register

menu_register(
    MenuEntry(
        key="skm",
        label=_("SKM"),
        url_name="skm:index",
        order=50,
        roles=frozenset({"admin_kabupaten", "camat", "perencana", "kepala_seksi"}),
        matches=("skm:",),
    ),
)

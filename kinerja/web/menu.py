"""Menu entries of the layout itself: the home of every role (the front door when logged out)."""

from django.utils.translation import gettext_lazy as _

from kinerja.common.navigation import PUBLIC, MenuEntry, menu_register

menu_register(
    MenuEntry(
        key="home",
        label=_("Home"),
        url_name="home",
        order=0,
        roles=frozenset({PUBLIC}),
    ),
)

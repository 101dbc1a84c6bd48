from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "kinerja.web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        # Every app's menu.py registers its own menu entries (kinerja.common.navigation).
        autodiscover_modules("menu")

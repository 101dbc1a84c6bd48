from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkmConfig(AppConfig):
    name = "kinerja.skm"
    verbose_name = _("Citizen satisfaction survey (SKM)")

    def ready(self) -> None:
        # Register the IKU source "skm" and the sample-data step.
        from kinerja.skm import demo, source  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "kinerja.coordination"
    verbose_name = _("Coordination register")

    def ready(self) -> None:
        from kinerja.coordination import source  # noqa: F401  (registers the "register" source)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kinerja.planning"
    verbose_name = _("Planning: Renstra, Renja and Perjanjian Kinerja")

    def ready(self) -> None:
        # Registers the planning step of `kinerja demo` (DATA CONTOH).
        from kinerja.planning import demo  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementConfig(AppConfig):
    name = "kinerja.measurement"
    verbose_name = _("Measurement: realizations, evidence and approval")

    def ready(self) -> None:
        from kinerja.measurement import demo  # noqa: F401  (registers the DATA CONTOH step)

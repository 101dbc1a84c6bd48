from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "kinerja.coordination"
    verbose_name = _("Coordination register")

    def ready(self) -> None:
        # Register the "register" source, the reminders and the sample-data step.
        from kinerja.coordination import demo, reminders, source  # noqa: F401

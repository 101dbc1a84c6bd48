from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "kinerja.coordination"
    verbose_name = _("Coordination register")

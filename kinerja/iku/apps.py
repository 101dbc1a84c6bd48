from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IkuConfig(AppConfig):
    name = "kinerja.iku"
    verbose_name = _("IKU decrees and indicators")

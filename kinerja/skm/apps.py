from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkmConfig(AppConfig):
    name = "kinerja.skm"
    verbose_name = _("Citizen satisfaction survey (SKM)")

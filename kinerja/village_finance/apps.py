from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageFinanceConfig(AppConfig):
    name = "kinerja.village_finance"
    verbose_name = _("Village budget-document register")

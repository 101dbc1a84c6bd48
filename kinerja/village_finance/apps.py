from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageFinanceConfig(AppConfig):
    name = "kinerja.village_finance"
    verbose_name = _("Village budget-document register")

    def ready(self) -> None:
        # Registers "village_budget" with the register source and the demo's sample-data step.
        from kinerja.village_finance import demo, reminders, source  # noqa: F401

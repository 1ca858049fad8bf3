from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageHubsConfig(AppConfig):
    name = "marketplace.village_hubs"
    label = "village_hubs"
    verbose_name = _("Village hubs and cooperatives")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarehousesConfig(AppConfig):
    name = "marketplace.warehouses"
    label = "warehouses"
    verbose_name = _("Warehouses and stock")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscountsConfig(AppConfig):
    name = "marketplace.discounts"
    label = "discounts"
    verbose_name = _("Discounts")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopSupervisionConfig(AppConfig):
    name = "coop_reporting.supervision"
    label = "coop_supervision"
    verbose_name = _("Supervision by the Dinas Koperasi")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopConsultationConfig(AppConfig):
    name = "coop_reporting.consultation"
    label = "coop_consultation"
    verbose_name = _("Consultations between cooperatives and the Dinas")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopDistrictConfig(AppConfig):
    name = "coop_reporting.district"
    label = "coop_district"
    verbose_name = _("District view of the Dinas Koperasi")

    def ready(self) -> None:
        import coop_reporting.district.kinds  # noqa: F401  (registers the district kinds)
        from coop_reporting.district import services
        from coop_reporting.signals import cooperative_figures_changed

        cooperative_figures_changed.connect(
            services.summaries_refresh_on_change, dispatch_uid="coop_district_summaries"
        )

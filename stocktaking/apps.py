from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StocktakingConfig(AppConfig):
    name = "stocktaking"
    verbose_name = _("Stocktaking editions")

    def ready(self):
        from recommendations.reports import reports

        from . import demo, exports, signals

        signals.connect(self)
        reports.register(exports.StocktakingReport)
        demo.connect()

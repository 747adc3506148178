from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StocktakingConfig(AppConfig):
    name = "wsis.stocktaking"
    verbose_name = _("WSIS Stocktaking")

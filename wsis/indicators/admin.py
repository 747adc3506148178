from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.indicators import models


@admin.register(models.Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "unit", "custodian"]
    search_fields = ["code"]


@admin.register(models.Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    """Read-only: values change through imports (services.import_observations), which check
    every row and keep the file's all-or-nothing rule."""

    list_display = ["indicator", "area_type", "area_code", "year", "sex", "location", "age"]
    list_display += ["value", "state"]
    list_filter = ["indicator", "area_type", "state", "year"]
    list_select_related = ["indicator"]
    search_fields = ["area_code", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.GlobalTarget)
class GlobalTargetAdmin(SimpleHistoryAdmin):
    list_display = ["framework", "number", "__str__", "progress"]
    list_filter = ["framework"]

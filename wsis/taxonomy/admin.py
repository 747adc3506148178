from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.taxonomy import models


@admin.register(models.ActionLine)
class ActionLineAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "parent", "lead_facilitator"]
    list_select_related = ["parent"]
    search_fields = ["code"]


@admin.register(models.PrizeCategory)
class PrizeCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "action_line"]
    list_select_related = ["action_line"]


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "itu_region", "m49_subregion"]
    list_filter = ["itu_region", "groups"]
    list_select_related = ["itu_region"]
    search_fields = ["code", "alpha3"]


for model in (
    models.SDGGoal,
    models.SDGTarget,
    models.SDGIndicator,
    models.GDCObjective,
    models.StakeholderType,
    models.Region,
    models.TargetGroup,
    models.CountryGroup,
):
    admin.site.register(model)

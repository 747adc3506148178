from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.roadmaps import models


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Read-only, with history: roadmaps change through the facilitators' pages and the API
    (wsis/roadmaps/services.py), which check the Action Line and record events."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Roadmap)
class RoadmapAdmin(ReadOnlyAdmin):
    list_display = ["action_line", "version", "is_current", "__str__"]
    list_filter = ["is_current", "version"]
    list_select_related = ["action_line"]


@admin.register(models.Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "roadmap", "indicator", "target_value", "target_date"]
    list_select_related = ["roadmap", "indicator"]


@admin.register(models.Progress)
class ProgressAdmin(ReadOnlyAdmin):
    list_display = ["target", "date", "value", "state", "recorded_by"]
    list_filter = ["state"]
    list_select_related = ["target", "recorded_by"]

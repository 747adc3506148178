from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.stocktaking.models import Initiative, InitiativeTranslation, ProgressReport


class TranslationInline(admin.StackedInline):
    model = InitiativeTranslation
    extra = 0


class ProgressReportInline(admin.TabularInline):
    model = ProgressReport
    extra = 0
    readonly_fields = ["author", "created_at"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    """Read-mostly: state changes go through the moderation pages, which record events."""

    list_display = ["title", "status", "language", "organisation", "published_at"]
    list_filter = ["status", "language", "work_state", "scope"]
    search_fields = ["title", "organisation__name", "owner__email"]
    list_select_related = ["organisation"]
    readonly_fields = ["status", "owner", "submitted_at", "published_at", "active_at"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["countries", "regions", "target_groups"]
    inlines = [TranslationInline, ProgressReportInline]

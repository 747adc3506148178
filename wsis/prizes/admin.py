from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.prizes.models import Edition, EditionCategory, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class CategoryInline(admin.TabularInline):
    model = EditionCategory
    extra = 0


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    list_display = ["year", "is_past", "past_entries", "past_nominees", "past_votes"]
    inlines = [PhaseInline, CategoryInline]

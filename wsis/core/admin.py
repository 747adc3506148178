from django.contrib import admin

from wsis.core.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "label", "actor", "target_type", "target_id"]
    list_filter = ["label"]
    list_select_related = ["actor", "target_type"]
    readonly_fields = ["label", "actor", "target_type", "target_id", "data", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

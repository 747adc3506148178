from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.deliverables.models import Body, Deliverable, Reminder


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "position"]


@admin.register(Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    """The secretariat adds deliverables here; owners, status and deliveries change on the
    deliverable's page (or the API), which records events."""

    list_display = ["code", "body", "due_date", "cadence", "status"]
    list_filter = ["status", "cadence", "body"]
    search_fields = ["code", "mandate"]
    readonly_fields = ["status", "last_delivered_on", "owners"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "owner", "due_date", "days_before", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

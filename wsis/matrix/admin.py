from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wsis.matrix.models import MatrixCell


@admin.register(MatrixCell)
class MatrixCellAdmin(SimpleHistoryAdmin):
    """Read-only: cells change through the matrix pages and API, which check the facilitator's
    lines and record events."""

    list_display = ["key", "origin", "maintained_by", "updated_at"]
    list_filter = ["origin", "action_line"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""The calendar page and a deliverable's page, where owners and moderators update it. Thin:
every change goes through `services`."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsis.core.events import events_for
from wsis.deliverables import policies, services
from wsis.deliverables.choices import Status
from wsis.deliverables.models import Deliverable


def calendar(request):
    """Every deliverable by due date, with its body, owners and status; overdue ones flagged."""
    deliverables = Deliverable.objects.select_related("body").prefetch_related("owners")
    status = request.GET.get("status")
    if status in Status.values:
        deliverables = deliverables.filter(status=status)
    return render(
        request,
        "deliverables/calendar.html",
        {
            "deliverables": deliverables,
            "today": timezone.localdate(),
            "statuses": Status.choices,
            "selected_status": status or "",
            "show_owners": policies.is_moderator(request.user),
        },
    )


def detail(request, code: str):
    deliverable = get_object_or_404(Deliverable.objects.select_related("body"), code=code)
    return render(
        request,
        "deliverables/detail.html",
        {
            "deliverable": deliverable,
            "today": timezone.localdate(),
            "can_update": policies.can_update(request.user, deliverable),
            "is_moderator": policies.is_moderator(request.user),
            "statuses": [(v, label) for v, label in Status.choices if v != Status.DELIVERED],
            "events": events_for(deliverable)[:20],
            "owners": list(deliverable.owners.all())
            if policies.can_update(request.user, deliverable)
            else [],
        },
    )


@require_POST
def update(request, code: str):
    """Change the status or record a delivery (owners, moderators)."""
    deliverable = get_object_or_404(Deliverable, code=code)
    if not request.user.is_authenticated:
        return redirect_to_login(deliverable.get_absolute_url())
    if not policies.can_update(request.user, deliverable):
        raise PermissionDenied
    try:
        if request.POST.get("action") == "owners":
            emails = request.POST.get("owners", "").replace(",", "\n").splitlines()
            services.assign_owners_by_email(request.user, deliverable, emails)
            messages.success(request, _("The owners are saved."))
        elif request.POST.get("action") == "deliver":
            services.record_delivery(request.user, deliverable)
            messages.success(request, _("The delivery is recorded."))
        else:
            services.set_status(request.user, deliverable, request.POST.get("status", ""))
            messages.success(request, _("The status is saved."))
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
    return redirect(deliverable)

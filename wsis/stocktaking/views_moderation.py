"""The moderators' queue and their decisions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from wsis.search import duplicates
from wsis.stocktaking import policies, services
from wsis.stocktaking.choices import Language, Status
from wsis.stocktaking.models import Initiative


class ModerationQueueView(ListView):
    """Initiatives by moderation status (awaiting moderation first), filterable by language."""

    template_name = "stocktaking/moderation_queue.html"
    context_object_name = "initiatives"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not policies.is_moderator(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        status = self.request.GET.get("status") or Status.SUBMITTED
        queryset = Initiative.objects.filter(status=status).select_related("organisation", "owner")
        if self.request.GET.get("language") in Language.values:
            queryset = queryset.filter(language=self.request.GET["language"])
        return queryset.order_by("submitted_at", "pk")

    def get_context_data(self, **kwargs):
        counts = dict(Initiative.objects.values_list("status").annotate(n=Count("pk")).order_by())
        context = super().get_context_data(
            counts=[(value, label, counts.get(value, 0)) for value, label in Status.choices],
            status=self.request.GET.get("status") or Status.SUBMITTED,
            language=self.request.GET.get("language", ""),
            language_choices=Language.choices,
            **kwargs,
        )
        # Flagged once the background task has embedded them (seconds after submission).
        found = duplicates.of_initiatives(context["initiatives"])
        for initiative in context["initiatives"]:
            initiative.possible_duplicates = found.get(initiative.pk, [])
        return context


@require_POST
def decide(request, pk: int, decision: str):
    action = services.DECISIONS.get(decision)
    if action is None or not policies.is_moderator(request.user):
        raise PermissionDenied
    initiative = get_object_or_404(Initiative, pk=pk)
    try:
        action(request.user, initiative, request.POST.get("comment", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(initiative)
    messages.success(
        request,
        {
            "approve": _("Published."),
            "request_changes": _("Sent back to the submitter for changes."),
            "reject": _("Rejected."),
        }[decision],
    )
    return redirect("stocktaking:moderation")

"""Search's pages: the suggestions panel of the submission form, and dismissing duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from wsis.search import display, duplicates, services, suggestions
from wsis.stocktaking import policies
from wsis.stocktaking.models import Initiative
from wsis.stocktaking.services import SUGGESTED_FIELDS, initiative_data


def _initiative(request):
    """The initiative the form edits, when it is saved and the user may edit or moderate it."""
    pk = request.POST.get("initiative")
    if not (pk or "").isdigit():
        return None
    initiative = get_object_or_404(Initiative, pk=int(pk))
    if not (policies.can_edit(request.user, initiative) or policies.is_moderator(request.user)):
        raise PermissionDenied
    return initiative


@login_required
@require_POST
@ratelimit(key="user", rate="600/h", method="POST", block=True)
def suggestions_panel(request):
    """Suggested tags and possible duplicates for the text being typed (or saved), with the
    tags already chosen marked; the form's HTMX panel."""
    initiative = _initiative(request)
    saved = initiative_data(initiative) if initiative else {}
    title = request.POST.get("title", saved.get("title", ""))
    text = "\n".join(
        request.POST.get(field, saved.get(field, "")) for field in ("summary", "description")
    ).strip()
    # Moderators also see duplicates among the initiatives awaiting moderation.
    moderator = bool(request.POST.get("moderator")) and policies.is_moderator(request.user)
    only_duplicates = bool(request.POST.get("only_duplicates"))
    context = {
        "initiative": initiative,
        "groups": [],
        "duplicates": [],
        "moderator": moderator,
        "only_duplicates": only_duplicates,
    }
    if initiative is not None and (moderator or only_duplicates):
        # With its saved countries, dates and organisation, and for moderators among the
        # initiatives awaiting moderation too.
        found_here = duplicates.of_initiative(initiative, pending=moderator)
        context["duplicates"] = [d.as_dict() for d in found_here]
    if not only_duplicates and len(f"{title} {text}".split()) >= 3:  # else too little to say
        known = initiative is not None and moderator  # duplicates found above, pending too
        found = suggestions.suggest(
            title, text, initiative.pk if initiative else None, with_duplicates=not known
        )
        chosen = {
            field: {str(c) for c in request.POST.getlist(field) or saved.get(field, [])}
            for field in SUGGESTED_FIELDS
        }
        context["groups"] = display.suggestion_groups(found, chosen)
        if not known:
            context["duplicates"] = found["possible_duplicates"]
    return render(request, "search/suggestions_panel.html", context)


@require_POST
def dismiss_duplicate(request, pk: int, other: int):
    if not policies.is_moderator(request.user):
        raise PermissionDenied
    initiative = get_object_or_404(Initiative, pk=pk)
    services.dismiss_duplicate(request.user, initiative, get_object_or_404(Initiative, pk=other))
    messages.success(request, _("Marked as not a duplicate."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("stocktaking:moderation")

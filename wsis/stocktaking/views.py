"""Pages of the registry: browse and search, an initiative, submission, dashboard, moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ModelMultipleChoiceField
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import ListView, TemplateView
from django_ratelimit.decorators import ratelimit

from wsis.core.events import events_for, events_for_objects
from wsis.core.i18n import data_language
from wsis.search.hybrid import Mode
from wsis.stocktaking import listing, policies, services
from wsis.stocktaking.choices import Language, Status
from wsis.stocktaking.display import facet_labels, schema_org
from wsis.stocktaking.fetch import with_list_data
from wsis.stocktaking.filters import PAGE_SIZE, SORTS
from wsis.stocktaking.forms import InitiativeForm
from wsis.stocktaking.models import Initiative
from wsis.stocktaking.steps import STEPS, step_fields

EXPORT_LABELS = [
    ("csv", "CSV"),
    ("xlsx", "Excel (XLSX)"),
    ("json", "JSON"),
    ("jsonl", "JSON Lines"),
]

# The steps that show suggested tags, and the fields whose typing refreshes them.
SUGGESTING_STEPS = ("about", "classification")
TYPED_FIELDS = ("title", "summary", "description")

submission_limit = method_decorator(
    ratelimit(key="user_or_ip", rate="60/h", method="POST", block=True), name="post"
)


class InitiativeListView(TemplateView):
    template_name = "stocktaking/list.html"

    def get_context_data(self, **kwargs):
        try:
            page_number = max(1, int(self.request.GET.get("page", 1)))
        except ValueError:
            page_number = 1
        context = super().get_context_data(**kwargs)
        context.update(search_modes=Mode.choices, params=self.request.GET)
        try:
            page = listing.list_initiatives(self.request.GET, page=page_number, page_size=PAGE_SIZE)
        except ValidationError as error:
            context.update(errors=error.message_dict, page=None)
            return context
        context.update(
            page=page,
            facets=facet_labels(page.facets, page.chosen.values),
            sorts=SORTS,
            query=self.request.GET.get("q", ""),
            params=self.request.GET,
            export_formats=EXPORT_LABELS,
            has_next=page.page * page.page_size < page.count,
        )
        return context


def _visible_or_404(request, pk: int) -> Initiative:
    initiative = get_object_or_404(with_list_data(Initiative.objects.all()), pk=pk)
    if not policies.can_view(request.user, initiative):
        raise Http404
    return initiative


class InitiativeDetailView(View):
    def get(self, request, pk: int):
        initiative = _visible_or_404(request, pk)
        is_private_reader = policies.is_owner(request.user, initiative) or policies.is_moderator(
            request.user
        )
        return render(
            request,
            "stocktaking/detail.html",
            {
                "initiative": initiative,
                # The public sees the moderation milestones; owners and moderators every edit too.
                "events": events_for(initiative)
                if is_private_reader
                else events_for(initiative).exclude(label=services.EDITED),
                "show_comments": is_private_reader,
                "can_edit": policies.can_edit(request.user, initiative),
                "can_report": policies.can_report_progress(request.user, initiative),
                "can_moderate": policies.is_moderator(request.user)
                and initiative.status == Status.SUBMITTED,
                "reports": initiative.progress_reports.all(),
                "schema_org": schema_org(
                    initiative, request.build_absolute_uri(initiative.get_absolute_url())
                )
                if initiative.is_published
                else "",
                "other_languages": [
                    (code, name) for code, name in Language.choices if code != initiative.language
                ],
            },
        )


@method_decorator(login_required, name="dispatch")
@submission_limit
class InitiativeStepView(View):
    """One step of the submission form; every step saves the draft."""

    def get(self, request, pk: int | None = None, step: str = STEPS[0][0]):
        initiative = self._editable(request, pk)
        data = services.initiative_data(initiative) if initiative else None
        form = InitiativeForm(initial=data or {"language": data_language(request.LANGUAGE_CODE)})
        return self._render(request, initiative, step, form)

    def post(self, request, pk: int | None = None, step: str = STEPS[0][0]):
        initiative = self._editable(request, pk)
        data = {field: _posted(request, field) for field in step_fields(step)}
        accepted = _accepted(request)
        for field, codes in accepted.items():
            # Saved by `accept_suggestions` below, so that their origin is the suggestion.
            if field in data:
                data[field] = [code for code in data[field] if code not in codes]
        try:
            if initiative is None:
                initiative = services.create_initiative(request.user, data)
            else:
                initiative = services.update_initiative(request.user, initiative, data)
            initiative = services.accept_suggestions(request.user, initiative, accepted)
        except ValidationError as error:
            merged = (services.initiative_data(initiative) if initiative else {}) | data
            form = InitiativeForm(
                merged, complete=bool(initiative) and initiative.status != Status.DRAFT
            )
            form.is_valid()
            for field, errors in error.message_dict.items():
                if field not in form.errors and field in form.fields:
                    form.add_error(field, errors)
            accepted_values = request.POST.getlist("accepted")
            return self._render(request, initiative, step, form, 422, accepted_values)
        messages.success(request, _("Saved."))
        next_step = request.POST.get("next") or step
        return redirect("stocktaking:edit", pk=initiative.pk, step=next_step)

    def _editable(self, request, pk):
        if pk is None:
            return None
        initiative = _visible_or_404(request, pk)
        if not policies.can_edit(request.user, initiative):
            raise PermissionDenied
        return initiative

    def _render(self, request, initiative, step, form, status=200, accepted=()):
        if step not in dict(STEPS):
            raise Http404
        review = None
        if step == "review" and initiative is not None:
            review = InitiativeForm(services.initiative_data(initiative), complete=True)
            review.is_valid()
        return render(
            request,
            "stocktaking/form.html",
            {
                "initiative": initiative,
                "form": form,
                "step": step,
                "steps": STEPS,
                "fields": [form[name] for name in step_fields(step)],
                "review": review,
                "next_step": _next_step(step),
                "suggests": step in SUGGESTING_STEPS,
                "typed_fields": [f for f in step_fields(step) if f in TYPED_FIELDS],
                "accepted": accepted,
            },
            status=status,
        )


def _accepted(request) -> dict[str, list[str]]:
    """The suggested tags the user accepted with one click, by field (`accepted=field:code`)."""
    accepted: dict[str, list[str]] = {}
    for value in request.POST.getlist("accepted"):
        field, _sep, code = value.partition(":")
        if field in services.SUGGESTED_FIELDS and code:
            accepted.setdefault(field, []).append(code)
    return accepted


def _posted(request, field: str):
    multiple = isinstance(InitiativeForm.base_fields[field], ModelMultipleChoiceField)
    return request.POST.getlist(field) if multiple else request.POST.get(field, "")


def _next_step(step: str) -> str | None:
    names = [name for name, _label in STEPS]
    index = names.index(step) if step in names else 0
    return names[index + 1] if index + 1 < len(names) else None


@login_required
@require_POST
@ratelimit(key="user_or_ip", rate="60/h", method="POST", block=True)
def submit(request, pk: int):
    initiative = _visible_or_404(request, pk)
    try:
        services.submit(request.user, initiative)
    except ValidationError as error:
        messages.error(
            request,
            _("The initiative is not complete yet: {fields}.").format(
                fields=", ".join(error.message_dict)
                if hasattr(error, "error_dict")
                else " ".join(error.messages)
            ),
        )
        return redirect("stocktaking:edit", pk=pk, step="review")
    messages.success(request, _("Thank you. Your initiative was sent to the moderators."))
    return redirect("stocktaking:dashboard")


@login_required
@require_POST
def translate(request, pk: int):
    initiative = _visible_or_404(request, pk)
    try:
        services.set_translation(
            request.user,
            initiative,
            language=request.POST.get("language", ""),
            title=request.POST.get("title", ""),
            summary=request.POST.get("summary", ""),
            description=request.POST.get("description", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Translation saved."))
    return redirect(initiative)


@login_required
@require_POST
def file_progress_report(request, pk: int):
    initiative = _visible_or_404(request, pk)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = None
    try:
        services.file_progress_report(
            request.user,
            initiative,
            year=year,
            achieved=request.POST.get("achieved", ""),
            figures=request.POST.get("figures", ""),
            next_steps=request.POST.get("next_steps", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Progress report filed."))
    return redirect(initiative)


class DashboardView(LoginRequiredMixin, ListView):
    """The signed-in person's initiatives in every state."""

    template_name = "stocktaking/dashboard.html"
    context_object_name = "initiatives"

    def get_queryset(self):
        return Initiative.objects.filter(owner=self.request.user).order_by("-updated_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = {}
        for event in events_for_objects(
            Initiative, [i.pk for i in context["initiatives"]], exclude_labels=[services.EDITED]
        ):
            latest.setdefault(int(event.target_id), event)
        context["latest_events"] = latest
        return context

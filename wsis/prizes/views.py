"""Pages of the Prizes: the editions and their trend, one edition, the secretariat's set-up."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from wsis.core.errors import InvalidTransition
from wsis.core.i18n import data_language
from wsis.prizes import policies, services
from wsis.prizes.forms import EditionRulesForm, PhasesForm, SpecialPrizeForm
from wsis.prizes.models import Edition
from wsis.prizes.services import RULES
from wsis.stocktaking.choices import Language


class EditionListView(TemplateView):
    """Every edition, newest first, with the totals that show the trend since 2012."""

    template_name = "prizes/edition_list.html"

    def get_context_data(self, **kwargs):
        editions = list(
            Edition.objects.prefetch_related("phases").annotate(category_count=Count("categories"))
        )
        largest = max((e.past_entries or 0 for e in editions), default=0) or 1
        now = timezone.now()
        rows = [
            {
                "edition": edition,
                "current_phase": edition.current_phase(now),
                "note": edition.note(data_language()),
                "bar": round(100 * (edition.past_entries or 0) / largest),
            }
            for edition in editions
        ]
        return super().get_context_data(
            rows=rows, is_secretariat=policies.is_secretariat(self.request.user), **kwargs
        )


class EditionDetailView(TemplateView):
    template_name = "prizes/edition_detail.html"

    def get_context_data(self, year: int, **kwargs):
        edition = get_object_or_404(
            Edition.objects.prefetch_related("phases", "categories"), year=year
        )
        now = timezone.now()
        return super().get_context_data(
            edition=edition,
            phases=sorted(edition.phases.all(), key=lambda phase: phase.order),
            current_phase=edition.current_phase(now),
            categories=[(c, c.display_name(data_language())) for c in edition.categories.all()],
            languages=[name for code, name in Language.choices if code in edition.languages],
            is_secretariat=policies.is_secretariat(self.request.user),
            **kwargs,
        )


def _secretariat_only(request):
    if not policies.is_secretariat(request.user):
        raise PermissionDenied


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class EditionCreateView(View):
    template_name = "prizes/edition_form.html"

    def get(self, request):
        _secretariat_only(request)
        form = EditionRulesForm(initial={"year": timezone.now().year + 1})
        return render(request, self.template_name, {"form": form, "edition": None})

    def post(self, request):
        _secretariat_only(request)
        form = EditionRulesForm(request.POST)
        if form.is_valid():
            rules = {field: form.cleaned_data[field] for field in RULES}
            try:
                edition = services.create_edition(request.user, form.cleaned_data["year"], **rules)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Edition created. Now set its phases."))
                return redirect("prizes:manage", year=edition.year)
        return render(request, self.template_name, {"form": form, "edition": None}, status=422)


class EditionManageView(View):
    """The secretariat's page for one edition: rules, phases, special prizes."""

    template_name = "prizes/edition_manage.html"

    def _context(self, edition, **forms):
        return {
            "edition": edition,
            "rules_form": forms.get("rules_form")
            or EditionRulesForm(instance=edition, initial={"languages": edition.languages}),
            "phases_form": forms.get("phases_form") or PhasesForm(edition=edition),
            "special_form": forms.get("special_form") or SpecialPrizeForm(),
        }

    def get(self, request, year: int):
        _secretariat_only(request)
        edition = get_object_or_404(Edition, year=year)
        return render(request, self.template_name, self._context(edition))

    def post(self, request, year: int):
        _secretariat_only(request)
        edition = get_object_or_404(Edition, year=year)
        action = request.POST.get("action")
        form_name, form = {
            "rules": ("rules_form", EditionRulesForm(request.POST, instance=Edition(year=year))),
            "phases": ("phases_form", PhasesForm(request.POST, edition=edition)),
            "special": ("special_form", SpecialPrizeForm(request.POST)),
        }.get(action, (None, None))
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                self._apply(request, edition, action, form)
            except ValidationError as error:
                _add_errors(form, error)
            except InvalidTransition as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Saved."))
                return redirect("prizes:manage", year=year)
        context = self._context(edition, **{form_name: form})
        return render(request, self.template_name, context, status=422)

    def _apply(self, request, edition, action, form):
        if action == "rules":
            rules = {field: form.cleaned_data[field] for field in RULES}
            services.set_rules(request.user, edition, **rules)
        elif action == "phases":
            services.set_phases(request.user, edition, form.schedule())
        else:
            services.add_special_prize(
                request.user,
                edition,
                form.cleaned_data["code"],
                {data_language(): form.cleaned_data["name"]},
            )

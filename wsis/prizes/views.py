"""Pages of the Prizes: the editions and their trend, one edition, the secretariat's set-up."""

import hashlib

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit

from wsis.core.errors import InvalidTransition
from wsis.core.i18n import data_language
from wsis.prizes import integrity, policies, services, tally
from wsis.prizes.choices import EntryStatus, PhaseKind
from wsis.prizes.forms import EditionRulesForm, EntryForm, PhasesForm, ReviewForm, SpecialPrizeForm
from wsis.prizes.models import Edition, Entry, Vote
from wsis.prizes.pages import edition_or_404, report
from wsis.prizes.services import RULES
from wsis.prizes.statistics import edition_statistics
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
        edition = edition_or_404(year, "categories")
        now = timezone.now()
        return super().get_context_data(
            edition=edition,
            phases=sorted(edition.phases.all(), key=lambda phase: phase.order),
            current_phase=edition.current_phase(now),
            categories=[(c, c.display_name(data_language())) for c in edition.categories.all()],
            languages=[name for code, name in Language.choices if code in edition.languages],
            is_secretariat=policies.is_secretariat(self.request.user),
            is_assigned_expert=policies.is_assigned_expert(self.request.user, edition),
            results_are_public=policies.results_are_public(edition, now),
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


class EnterView(View):
    """An organisation enters one of its published initiatives into a category."""

    template_name = "prizes/entry_form.html"

    def get(self, request, year: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        edition = edition_or_404(year, "categories")
        form = EntryForm(edition=edition, user=request.user, initial={"language": data_language()})
        return render(request, self.template_name, self._context(request, edition, form))

    def post(self, request, year: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        edition = edition_or_404(year, "categories")
        form = EntryForm(request.POST, edition=edition, user=request.user)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.enter(
                    request.user,
                    edition,
                    form.cleaned_data["initiative"],
                    form.cleaned_data["category"],
                    **values,
                )
            except ValidationError as error:
                _add_errors(form, error)
            except InvalidTransition as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Your entry was received. The secretariat reviews it."))
                return redirect("prizes:my-entries", year=year)
        return render(
            request, self.template_name, self._context(request, edition, form), status=422
        )

    def _context(self, request, edition, form):
        return {"edition": edition, "form": form}


class MyEntriesView(LoginRequiredMixin, TemplateView):
    template_name = "prizes/my_entries.html"

    def get_context_data(self, year: int, **kwargs):
        edition = get_object_or_404(Edition, year=year)
        entries = Entry.objects.filter(edition=edition, entrant=self.request.user).select_related(
            "category", "initiative"
        )
        return super().get_context_data(edition=edition, entries=entries, **kwargs)


class ReviewView(View):
    """The secretariat's eligibility review: each entry nominated or not eligible."""

    template_name = "prizes/review.html"

    def get(self, request, year: int):
        _secretariat_only(request)
        edition = edition_or_404(year)
        entries = edition.entries.select_related("category", "initiative", "organisation")
        status = request.GET.get("status") or EntryStatus.SUBMITTED
        counts = dict(edition.entries.values_list("status").annotate(n=Count("pk")).order_by())
        return render(
            request,
            self.template_name,
            {
                "edition": edition,
                "entries": entries.filter(status=status),
                "status": status,
                "counts": [(v, label, counts.get(v, 0)) for v, label in EntryStatus.choices],
                "form": ReviewForm(),
            },
        )

    def post(self, request, year: int):
        _secretariat_only(request)
        entry = get_object_or_404(Entry, pk=request.POST.get("entry"), edition__year=year)
        try:
            if request.POST.get("decision") == "nominate":
                services.nominate(request.user, entry)
            else:
                services.declare_not_eligible(request.user, entry, request.POST.get("reason", ""))
        except (ValidationError, InvalidTransition) as error:
            report(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("prizes:review", year=year)


class NomineesView(TemplateView):
    """The nominees of an edition, per category (public once nominated)."""

    template_name = "prizes/nominees.html"

    def get_context_data(self, year: int, **kwargs):
        edition = get_object_or_404(Edition, year=year)
        nominees = (
            Entry.objects.filter(edition=edition, status=EntryStatus.NOMINATED)
            .select_related("category", "initiative", "organisation")
            .order_by("category__position", "initiative__title")
        )
        by_category: dict = {}
        for entry in nominees:
            by_category.setdefault(entry.category, []).append(entry)
        return super().get_context_data(
            edition=edition,
            categories=[(c, c.display_name(data_language()), e) for c, e in by_category.items()],
            **kwargs,
        )


@method_decorator(ratelimit(key="user_or_ip", rate="120/m", method="POST", block=True), name="post")
class VoteView(LoginRequiredMixin, View):
    """The ballot: one nominee per category, chosen or changed while voting is open; a voter
    may come back for other categories."""

    template_name = "prizes/vote.html"

    def get(self, request, year: int):
        return render(request, self.template_name, self._context(request, edition_or_404(year)))

    def post(self, request, year: int):
        edition = edition_or_404(year)
        address = request.META.get("REMOTE_ADDR")
        try:
            services.cast_vote(
                request.user, request.POST.get("nominee", ""), address, True, edition.year
            )
        except (ValidationError, InvalidTransition, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(
                request, _("Your vote is recorded. You may change it until voting closes.")
            )
        return redirect("prizes:vote", year=year)

    def _context(self, request, edition):
        nominees = (
            Entry.objects.filter(edition=edition, status=EntryStatus.NOMINATED)
            .select_related("category", "initiative", "organisation")
            .order_by("category__position", "initiative__title")
        )
        by_category: dict = {}
        for entry in nominees:
            by_category.setdefault(entry.category, []).append(entry)
        return {
            "edition": edition,
            "voting": edition.phase(PhaseKind.VOTING),
            "is_open": getattr(edition.current_phase(timezone.now()), "kind", None)
            == PhaseKind.VOTING,
            "categories": [(c, c.display_name(data_language()), e) for c, e in by_category.items()],
            "choices": tally.voter_choices(edition, request.user),
        }


class IntegrityView(View):
    """The secretariat's voting integrity report, and voiding a group of votes with a reason."""

    template_name = "prizes/integrity.html"

    def get(self, request, year: int):
        _secretariat_only(request)
        edition = get_object_or_404(Edition, year=year)
        patterns = integrity.report(edition)
        voided = (
            Vote.objects.filter(edition=edition, voided_at__isnull=False)
            .values("void_reason")
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
        return render(
            request,
            self.template_name,
            {"edition": edition, "patterns": [(_key(p), p) for p in patterns], "voided": voided},
        )

    def post(self, request, year: int):
        _secretariat_only(request)
        edition = get_object_or_404(Edition, year=year)
        chosen = {_key(p): p for p in integrity.report(edition)}.get(request.POST.get("pattern"))
        if chosen is None:
            messages.error(request, _("The report has changed since you read it; look again."))
            return redirect("prizes:integrity", year=year)
        try:
            count = services.void_votes(
                request.user, edition, chosen.vote_ids, request.POST.get("reason", "")
            )
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("{count} votes voided.").format(count=count))
        return redirect("prizes:integrity", year=year)


def _key(pattern) -> str:
    """A pattern's identity: its kind and its votes (it changes when they change)."""
    digest = hashlib.sha256(",".join(map(str, pattern.vote_ids)).encode()).hexdigest()[:16]
    return f"{pattern.kind}:{digest}"


class StatisticsView(TemplateView):
    template_name = "prizes/statistics.html"

    def get_context_data(self, year: int, **kwargs):
        edition = get_object_or_404(Edition, year=year)
        figures = edition_statistics(edition)
        busiest = max((day["valid"] for day in figures["votes_by_day"]), default=0) or 1
        for day in figures["votes_by_day"]:
            day["bar"] = round(100 * day["valid"] / busiest)
        tables = [
            (_("By category"), figures["by_category"]),
            (_("By ITU region"), figures["by_region"]),
            (_("By stakeholder type"), figures["by_stakeholder_type"]),
        ]
        return super().get_context_data(edition=edition, figures=figures, tables=tables, **kwargs)

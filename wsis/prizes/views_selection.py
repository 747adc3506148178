"""Pages of the expert selection and the results: the secretariat assigns experts and confirms
winners, experts score their finalists, everyone sees the winners and champions once the
announcement phase opens and downloads their certificates."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from wsis.accounts.models import User
from wsis.core.errors import InvalidTransition
from wsis.core.i18n import data_language
from wsis.prizes import certificates, policies, services, tally
from wsis.prizes.choices import Criterion, PhaseKind
from wsis.prizes.forms import ExpertForm, ScoreSheetForm
from wsis.prizes.models import Award, Edition, Entry, ScoreSheet
from wsis.prizes.pages import edition_or_404, report


def _is_open(edition, kind) -> bool:
    return getattr(edition.current_phase(timezone.now()), "kind", None) == kind


class SecretariatView(View):
    def dispatch(self, request, *args, **kwargs):
        if not policies.is_secretariat(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExpertsView(SecretariatView):
    """The secretariat assigns experts of the jury to the edition, or withdraws them."""

    template_name = "prizes/experts.html"

    def get(self, request, year: int, form=None):
        edition = edition_or_404(year)
        assignments = edition.experts.select_related("expert")
        return render(
            request,
            self.template_name,
            {
                "edition": edition,
                "assignments": assignments,
                "form": form or ExpertForm(edition=edition),
            },
            status=422 if form else 200,
        )

    def post(self, request, year: int):
        edition = edition_or_404(year)
        try:
            if request.POST.get("action") == "unassign":
                expert = get_object_or_404(User, pk=request.POST.get("expert") or 0)
                services.unassign_expert(request.user, edition, expert)
            else:
                form = ExpertForm(request.POST, edition=edition)
                if not form.is_valid():
                    return self.get(request, year, form=form)
                services.assign_expert(request.user, edition, form.cleaned_data["expert"])
        except (ValidationError, InvalidTransition) as error:
            report(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("prizes:experts", year=year)


class ScoringView(View):
    """An assigned expert's finalists, each with the score form (changeable until selection
    closes)."""

    template_name = "prizes/scoring.html"

    def dispatch(self, request, year: int, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.edition = edition_or_404(year)
        if not policies.is_assigned_expert(request.user, self.edition):
            raise PermissionDenied
        return super().dispatch(request, year, *args, **kwargs)

    def get(self, request, year: int, invalid=None):
        sheets = {
            sheet.entry_id: sheet
            for sheet in ScoreSheet.objects.filter(edition=self.edition, expert=request.user)
        }
        categories = []
        for category, finalists in tally.finalists(self.edition):
            rows = []
            for entry in finalists:
                if invalid and invalid.entry.pk == entry.pk:
                    form = invalid.form
                else:
                    sheet = sheets.get(entry.pk)
                    initial = {**sheet.scores, "comment": sheet.comment} if sheet else None
                    form = ScoreSheetForm(initial=initial, prefix=f"entry-{entry.pk}")
                rows.append({"entry": entry, "form": form, "sheet": sheets.get(entry.pk)})
            categories.append((category, category.display_name(data_language()), rows))
        context = {
            "edition": self.edition,
            "selection": self.edition.phase(PhaseKind.SELECTION),
            "is_open": _is_open(self.edition, PhaseKind.SELECTION),
            "categories": categories,
            "scored": len(sheets),
        }
        return render(request, self.template_name, context, status=422 if invalid else 200)

    def post(self, request, year: int):
        entry = get_object_or_404(Entry, pk=request.POST.get("entry") or 0, edition=self.edition)
        form = ScoreSheetForm(request.POST, prefix=f"entry-{entry.pk}")
        if form.is_valid():
            scores = {name: form.cleaned_data[name] for name in Criterion.values}
            try:
                services.score_finalist(request.user, entry, scores, form.cleaned_data["comment"])
            except (ValidationError, InvalidTransition, PermissionDenied) as error:
                report(request, error)
            else:
                messages.success(
                    request,
                    _("Your scores are saved. You may change them until the selection closes."),
                )
            return redirect(f"{request.path}#finalist-{entry.pk}")
        return self.get(request, year, invalid=_Invalid(entry, form))


class _Invalid:
    def __init__(self, entry, form):
        self.entry, self.form = entry, form


class SelectionView(SecretariatView):
    """Per category, the finalists with their votes and the experts' mean scores (the best
    marked); the secretariat confirms the winner, the other finalists become champions."""

    template_name = "prizes/selection.html"

    def get(self, request, year: int):
        edition = edition_or_404(year)
        scores = tally.mean_scores(edition)
        awards = {a.entry_id: a for a in Award.objects.filter(edition=edition)}
        # Every expert's sheet, so the secretariat can read the marks and comments behind a mean.
        sheets: dict[int, list] = {}
        for sheet in ScoreSheet.objects.filter(edition=edition).select_related("expert"):
            sheets.setdefault(sheet.entry_id, []).append(sheet)
        table = tally.results(edition)
        votes = {n["entry"].pk: n["votes"] for row in table for n in row["nominees"]}
        categories = []
        for category, finalists in tally.finalists(edition, table):
            rows = [
                {
                    "entry": entry,
                    "votes": votes.get(entry.pk, 0),
                    "sheets": scores.get(entry.pk, {}).get("sheets", 0),
                    "mean": scores.get(entry.pk, {}).get("mean"),
                    "score_sheets": sorted(sheets.get(entry.pk, []), key=lambda s: s.expert.email),
                    "award": awards.get(entry.pk),
                }
                for entry in finalists
            ]
            means = [row["mean"] for row in rows if row["mean"] is not None]
            best = max(means) if means else None
            for row in rows:
                row["is_best"] = best is not None and row["mean"] == best
            confirmed = any(row["award"] for row in rows)
            categories.append((category, category.display_name(data_language()), rows, confirmed))
        return render(
            request,
            self.template_name,
            {
                "edition": edition,
                "categories": categories,
                "experts": edition.experts.count(),
                "criteria": Criterion.choices,
                "may_replace": _is_open(edition, PhaseKind.SELECTION),
            },
        )

    def post(self, request, year: int):
        edition = edition_or_404(year)
        entry = get_object_or_404(Entry, pk=request.POST.get("entry") or 0, edition=edition)
        try:
            services.confirm_winner(request.user, entry, replace=request.POST.get("replace") == "1")
        except (ValidationError, InvalidTransition) as error:
            report(request, error)
        else:
            messages.success(
                request, _("The winner is confirmed; the other finalists are champions.")
            )
        return redirect("prizes:selection", year=year)


def _awards_by_category(edition, code=None):
    awards = Award.objects.filter(edition=edition).select_related(
        "category", "entry__initiative", "entry__organisation"
    )
    if code is not None:
        awards = awards.filter(category__code=code)
    by_category: dict = {}
    for award in awards:
        by_category.setdefault(award.category, []).append(award)
    return [(c, c.display_name(data_language()), a) for c, a in by_category.items()]


class ResultsView(TemplateView):
    """The winners and champions of an edition, per category (public once the announcement
    phase opens; the secretariat sees them before)."""

    template_name = "prizes/results.html"

    def get_context_data(self, year: int, code: str | None = None, **kwargs):
        edition = edition_or_404(year)
        if not policies.may_see_awards(self.request.user, edition):
            raise Http404
        categories = _awards_by_category(edition, code)
        if code is not None and not categories:
            raise Http404
        untold = sum(1 for _c, _n, awards in categories for a in awards if a.notified_at is None)
        return super().get_context_data(
            edition=edition,
            categories=categories,
            code=code,
            may_notify=policies.is_secretariat(self.request.user)
            and _is_open(edition, PhaseKind.ANNOUNCEMENT),
            untold=untold,
            is_public=policies.results_are_public(edition),
            announcement=edition.phase(PhaseKind.ANNOUNCEMENT),
            **kwargs,
        )


class NotifyAwardeesView(SecretariatView):
    """The secretariat e-mails the winners and champions not yet told, with their certificates."""

    def post(self, request, year: int):
        try:
            awards = services.notify_awardees(request.user, edition_or_404(year))
        except (ValidationError, InvalidTransition) as error:
            report(request, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d entrant will be e-mailed with the certificate.",
                    "%(count)d entrants will be e-mailed with their certificates.",
                    len(awards),
                )
                % {"count": len(awards)},
            )
        return redirect("prizes:results", year=year)


def certificate(request, year: int, award_id: int):
    """The PDF certificate of a winner or champion, in the entry's language."""
    award = get_object_or_404(
        Award.objects.select_related(
            "edition", "category", "entry__initiative", "entry__organisation"
        ),
        pk=award_id,
        edition__year=year,
    )
    edition = Edition.objects.prefetch_related("phases").get(pk=award.edition_id)
    if not policies.may_see_awards(request.user, edition):
        raise Http404
    response = HttpResponse(certificates.render_certificate(award), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificates.certificate_name(award)}"'
    return response

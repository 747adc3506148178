"""The facilitators' pages to write roadmaps: a new version, and one version's texts,
objectives, actions and targets, and making it the current one. Each form calls one service;
refused input is shown beside its field, what was typed kept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wsis.core.i18n import data_language, translated
from wsis.roadmaps import policies, reading, services
from wsis.roadmaps.forms import ActionForm, NewRoadmapForm, ObjectiveForm, RoadmapForm, TargetForm
from wsis.roadmaps.models import Roadmap


def _editable_line(request, code: str):
    line = reading.action_line_or_404(code)
    if not policies.can_edit(request.user, line):
        raise PermissionDenied
    return line


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def edit_url(roadmap: Roadmap) -> str:
    return reverse("roadmaps:edit", args=[roadmap.action_line.code, roadmap.version])


class RoadmapCreateView(View):
    template_name = "roadmaps/roadmap_new.html"

    def get(self, request, code: str):
        line = _editable_line(request, code)
        return render(request, self.template_name, {"line": line, "form": NewRoadmapForm()})

    def post(self, request, code: str):
        line = _editable_line(request, code)
        form = NewRoadmapForm(request.POST)
        if form.is_valid():
            data, language = form.cleaned_data, data_language()
            try:
                roadmap = services.create_roadmap(
                    request.user,
                    line,
                    data["version"],
                    {language: data["title"]},
                    {language: data["summary"]},
                    data["sdg_targets"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Roadmap created."))
                return redirect(edit_url(roadmap))
        return render(request, self.template_name, {"line": line, "form": form}, status=422)


class RoadmapEditView(View):
    """One version's page for its facilitators: texts, objectives, actions, targets."""

    template_name = "roadmaps/roadmap_edit.html"
    FORMS = {
        "texts": RoadmapForm,
        "objective": ObjectiveForm,
        "action": ActionForm,
        "target": TargetForm,
    }

    def _roadmap(self, request, code: str, version: int) -> Roadmap:
        line = _editable_line(request, code)
        roadmap = Roadmap.objects.filter(action_line=line, version=version).first()
        if roadmap is None:
            raise Http404
        return roadmap

    def _context(self, roadmap, **forms):
        language = data_language()
        initial = {
            "title": translated(roadmap.title, language),
            "summary": translated(roadmap.summary, language),
            "sdg_targets": [t.code for t in roadmap.sdg_targets.all()],
        }
        objectives, targets = reading.full(roadmap)
        return {
            "roadmap": roadmap,
            "line": roadmap.action_line,
            "objectives": objectives,
            "targets": targets,
            "texts_form": forms.get("texts") or RoadmapForm(initial=initial),
            "objective_form": forms.get("objective") or ObjectiveForm(),
            "action_form": forms.get("action") or ActionForm(roadmap=roadmap),
            "target_form": forms.get("target") or TargetForm(roadmap=roadmap),
        }

    def get(self, request, code: str, version: int):
        roadmap = self._roadmap(request, code, version)
        return render(request, self.template_name, self._context(roadmap))

    def post(self, request, code: str, version: int):
        roadmap = self._roadmap(request, code, version)
        action = request.POST.get("action")
        if action == "current":
            services.make_current(request.user, roadmap)
            messages.success(request, _("This version is now the current roadmap."))
            return redirect(edit_url(roadmap))
        form_class = self.FORMS.get(action)
        if form_class is None:
            raise PermissionDenied
        kwargs = {"roadmap": roadmap} if action in ("action", "target") else {}
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                self._apply(request, roadmap, action, form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(edit_url(roadmap))
        context = self._context(roadmap, **{action: form})
        return render(request, self.template_name, context, status=422)

    def _apply(self, request, roadmap, action, data):
        actor, language = request.user, data_language()
        if action == "texts":
            services.update_roadmap(
                actor, roadmap, language, data["title"], data["summary"], data["sdg_targets"]
            )
        elif action == "objective":
            services.add_objective(actor, roadmap, {language: data["text"]})
        elif action == "action":
            services.add_action(
                actor,
                data["objective"],
                {language: data["text"]},
                {language: data["expected_result"]},
                data["partners"],
                data["timeframe"],
            )
        else:
            text, indicator = data.pop("text"), data.pop("indicator")
            services.add_target(
                actor, roadmap, indicator=indicator.code, text={language: text}, **data
            )

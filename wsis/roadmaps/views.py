"""Roadmap pages: the roadmaps by Action Line, one roadmap (current version or `?version=`),
and the facilitators' form to record progress. Thin: reading in `reading` and
`contributions`, rules in `services` and `policies`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from wsis.roadmaps import contributions, policies, reading, services
from wsis.roadmaps.choices import TargetStatus
from wsis.roadmaps.forms import ProgressForm
from wsis.roadmaps.models import Roadmap, Target
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine


class RoadmapListView(TemplateView):
    template_name = "roadmaps/list.html"

    def get_context_data(self, **kwargs):
        roadmaps = Roadmap.objects.order_by("-version").prefetch_related(
            Prefetch("targets", queryset=reading.targets_queryset())
        )
        by_line: dict[int, list[Roadmap]] = {}
        for roadmap in roadmaps:
            by_line.setdefault(roadmap.action_line_id, []).append(roadmap)
        counts = contributions.by_action_line()
        editable = policies.editable_lines(self.request.user)
        rows = []
        for line in memo.vocabulary(ActionLine).entries:
            versions = by_line.get(line.pk, [])
            if line.parent_id and not versions:
                continue  # C7 sub-lines appear once they have a roadmap of their own
            current = next((r for r in versions if r.is_current), None)
            statuses = []
            if current is not None:
                statuses = [view.status for view in reading.target_views(current.targets.all())]
            summary = [
                (value, label, statuses.count(value))
                for value, label in TargetStatus.choices
                if value in statuses
            ]
            count = counts.get(line.code, 0)
            can_edit = editable is None or line.pk in editable
            registry = contributions.list_url(line.code)
            rows.append((line, current, versions, summary, count, registry, can_edit))
        return super().get_context_data(rows=rows, **kwargs)


class RoadmapDetailView(TemplateView):
    template_name = "roadmaps/detail.html"

    def get_context_data(self, code: str, **kwargs):
        line = reading.action_line_or_404(code)
        versions = reading.versions_of(line)
        asked = self.request.GET.get("version")
        if asked:
            roadmap = next((r for r in versions if str(r.version) == asked), None)
        else:
            roadmap = next((r for r in versions if r.is_current), None) or (versions or [None])[0]
        if roadmap is None:
            raise Http404
        objectives, targets = reading.full(roadmap)
        codes = reading.sdg_codes(roadmap, targets)
        found = contributions.for_roadmap(line.code, codes)
        can_edit = policies.can_edit(self.request.user, line)
        return super().get_context_data(
            line=line,
            roadmap=roadmap,
            versions=versions,
            objectives=objectives,
            targets=targets,
            contribution=found[0],
            by_sdg_target=found[1:],
            can_edit=can_edit,
            # Who changed what: for the people who may change it (actors are named).
            history=reading.history(roadmap, targets) if can_edit else [],
            **kwargs,
        )


class ProgressCreateView(View):
    """A facilitator of the target's Action Line (or the secretariat) records a value."""

    template_name = "roadmaps/progress_form.html"

    def _target(self, request, target_id: int) -> Target:
        target = get_object_or_404(
            Target.objects.select_related("roadmap__action_line", "indicator"), pk=target_id
        )
        if not policies.can_edit(request.user, target.roadmap.action_line):
            raise PermissionDenied
        return target

    def get(self, request, target_id: int):
        target = self._target(request, target_id)
        return render(request, self.template_name, {"target": target, "form": ProgressForm()})

    def post(self, request, target_id: int):
        target = self._target(request, target_id)
        form = ProgressForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_progress(
                    request.user,
                    target,
                    on=data["date"],
                    value=data["value"],
                    state=data["state"],
                    source=data["source"],
                    note=data["note"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Progress recorded."))
                return redirect(target.roadmap.get_absolute_url())
        context = {"target": target, "form": form}
        return render(request, self.template_name, context, status=422)

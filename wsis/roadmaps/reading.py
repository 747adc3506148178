"""Reading roadmaps for the pages and the API: a roadmap with its objectives, actions and
targets, each target with its recorded values, status and chart; in a fixed number of queries
whatever the number of rows."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis.core.events import events_for, events_for_objects
from wsis.indicators.series import area_name
from wsis.roadmaps.choices import TargetStatus
from wsis.roadmaps.models import Action, Objective, Progress, Roadmap, Target
from wsis.roadmaps.status import Point, target_status
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine

EVENT_NAMES = {
    "roadmaps.roadmap.created": _("Roadmap created"),
    "roadmaps.roadmap.updated": _("Title, summary or SDG targets changed"),
    "roadmaps.roadmap.made_current": _("Made the current version"),
    "roadmaps.target.added": _("Target added"),
    "roadmaps.progress.recorded": _("Progress recorded"),
    "roadmaps.objective.changed": _("Objective changed"),
    "roadmaps.objective.removed": _("Objective removed"),
    "roadmaps.action.changed": _("Action changed"),
    "roadmaps.action.removed": _("Action removed"),
    "roadmaps.target.changed": _("Target changed"),
    "roadmaps.target.removed": _("Target removed"),
    "roadmaps.progress.corrected": _("Recorded value corrected"),
    "roadmaps.progress.removed": _("Recorded value removed"),
}


@dataclass
class TargetView:
    target: Target
    points: list[Progress]
    status: str
    latest: Progress | None
    area: str
    sdg_codes: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(TargetStatus(self.status).label)

    @property
    def chart_id(self) -> str:
        return f"chart-{self.target.pk}"

    @property
    def chart(self) -> dict:
        return chart_data(self.target, self.points)


def chart_data(target: Target, points: list[Progress]) -> dict:
    """The chart of a target: the recorded values after the baseline, a "no data" record as
    null (a gap in the line, never a zero), and the straight path from baseline to target."""
    baseline = [target.baseline_date.isoformat(), float(target.baseline_value)]
    return {
        "values": [baseline]
        + [
            [point.date.isoformat(), float(point.value) if point.has_value else None]
            for point in points
        ],
        "path": [baseline, [target.target_date.isoformat(), float(target.target_value)]],
    }


def status_of(target: Target, points: list[Progress], today=None) -> str:
    return target_status(
        baseline_value=target.baseline_value,
        baseline_date=target.baseline_date,
        target_value=target.target_value,
        target_date=target.target_date,
        direction=target.direction,
        points=[Point(point.date, point.value if point.has_value else None) for point in points],
        today=today or timezone.localdate(),
    )


def targets_queryset():
    return Target.objects.select_related("indicator").prefetch_related(
        "sdg_targets", Prefetch("progress", queryset=Progress.objects.order_by("date"))
    )


def target_views(targets) -> list[TargetView]:
    today = timezone.localdate()
    views = []
    for target in targets:
        points = list(target.progress.all())
        reported = [point for point in points if point.has_value]
        views.append(
            TargetView(
                target=target,
                points=points,
                status=status_of(target, points, today),
                latest=reported[-1] if reported else None,
                area=area_name(target.area_type, target.area_code),
                sdg_codes=[t.code for t in target.sdg_targets.all()],
            )
        )
    return views


def action_line_or_404(code: str) -> ActionLine:
    line = memo.vocabulary(ActionLine).by("code").get(code)
    if line is None:
        raise Http404
    return line


def versions_of(action_line) -> list[Roadmap]:
    return list(Roadmap.objects.filter(action_line=action_line).order_by("-version"))


def full(roadmap: Roadmap) -> tuple[list[Objective], list[TargetView]]:
    """The objectives (with their actions) and the targets of a roadmap."""
    objectives = list(
        roadmap.objectives.prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("position", "pk"))
        )
    )
    targets = target_views(targets_queryset().filter(roadmap=roadmap))
    return objectives, targets


def sdg_codes(roadmap: Roadmap, targets: list[TargetView]) -> list[str]:
    """The SDG targets the roadmap and its targets name, each once, in the roadmap's order."""
    codes = [t.code for t in roadmap.sdg_targets.all()]
    for view in targets:
        codes += [code for code in view.sdg_codes if code not in codes]
    return codes


def history(roadmap: Roadmap, targets: list[TargetView], limit: int = 20) -> list:
    """The latest events of a roadmap and its targets, newest first, in two queries."""
    events = list(events_for(roadmap)[:limit])
    events += list(events_for_objects(Target, [view.target.pk for view in targets])[:limit])
    events = sorted(events, key=lambda event: (event.created_at, event.pk), reverse=True)[:limit]
    for event in events:
        event.text = str(EVENT_NAMES.get(event.label, event.label))
    return events

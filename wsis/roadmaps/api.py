"""Roadmaps over HTTP: `/api/v1/roadmaps`. Thin: reading in `reading` and `contributions`,
every change in `services`."""

import datetime
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wsis.api.auth import token_or_session
from wsis.api.language import LanguageQuery, answer_language
from wsis.api.ratelimit import limit
from wsis.api.schemas import READ_ERRORS, WRITE_ERRORS, MessageOut
from wsis.core.i18n import data_language, translated
from wsis.indicators.choices import AreaType, Location, Sex, ValueState
from wsis.roadmaps import contributions, reading, services
from wsis.roadmaps.choices import Direction
from wsis.roadmaps.models import Objective, Progress, Roadmap, Target
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine

router = Router(tags=["roadmaps"])


class RoadmapQuery(LanguageQuery):
    version: int | None = Field(None, description="The version's year; the current one if absent")


class RoadmapOut(Schema):
    action_line: str
    version: int
    is_current: bool
    title: str
    versions: list[int]
    targets: int
    statuses: dict[str, int] = Field(description="Targets by status")
    initiatives: int = Field(description="Published initiatives tagged with the Action Line")


class ProgressOut(Schema):
    id: int
    date: date
    value: Decimal | None = Field(description="null when the state is no_data: never a zero")
    state: str
    source: str
    note: str


class IndicatorRef(Schema):
    code: str
    name: str
    unit: str


class RoadmapTargetOut(Schema):
    id: int
    text: str
    indicator: IndicatorRef
    area_type: str
    area_code: str
    sex: str
    location: str
    age: str
    direction: str
    baseline_value: Decimal
    baseline_date: date
    baseline_source: str
    target_value: Decimal
    target_date: date
    sdg_targets: list[str]
    status: str = Field(description="achieved, on_track, at_risk, off_track or no_data")
    progress: list[ProgressOut]


class ActionOut(Schema):
    text: str
    expected_result: str
    partners: str
    timeframe: str


class ObjectiveOut(Schema):
    text: str
    actions: list[ActionOut]


class ContributionOut(Schema):
    sdg_target: str = Field(description="Empty for the Action Line alone")
    initiatives: int
    url: str = Field(description="The registry's list with the same filters")


class RoadmapDetailOut(Schema):
    action_line: str
    version: int
    is_current: bool
    versions: list[int]
    title: str
    summary: str
    sdg_targets: list[str]
    objectives: list[ObjectiveOut]
    targets: list[RoadmapTargetOut]
    contributions: list[ContributionOut]


class ProgressIn(Schema):
    date: date
    state: ValueState = ValueState.REPORTED
    value: Decimal | None = Field(None, description="Required when reported; absent for no_data")
    source: str = Field("", max_length=300)
    note: str = ""


class TargetPatchIn(Schema):
    """Only the fields given change; the others are kept."""

    text: dict[str, str] | None = Field(
        None, description='By language ({"en": …}); languages not given are kept, "" removes one'
    )
    objective: int | None = Field(
        None, description="An objective's id in the same roadmap; null: none"
    )
    indicator: str | None = Field(None, description="An indicator's code")
    area_type: AreaType | None = None
    area_code: str | None = Field(None, max_length=10)
    sex: Sex | None = None
    location: Location | None = None
    age: str | None = Field(None, max_length=10)
    direction: Direction | None = None
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    baseline_source: str | None = Field(None, max_length=300)
    target_value: Decimal | None = None
    target_date: date | None = None
    sdg_targets: list[str] | None = Field(None, description="SDG target codes; [] for none")


class ProgressPatchIn(Schema):
    """Only the fields given change. A value alone makes the record a reported one;
    `state: no_data` alone drops the value."""

    date: datetime.date | None = None  # `datetime.`: the field's name hides the type
    state: ValueState | None = None
    value: Decimal | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


def _target(view: reading.TargetView, lang: str) -> dict:
    target = view.target
    return {
        "id": target.pk,
        "text": translated(target.text, lang),
        "indicator": {
            "code": target.indicator.code,
            "name": target.indicator.display_name(lang),
            "unit": target.indicator.unit,
        },
        **{
            name: getattr(target, name)
            for name in services.TARGET_FIELDS
            if name != "objective"  # the one field of a target the answer leaves out
        },
        "sdg_targets": view.sdg_codes,
        "status": view.status,
        "progress": view.points,
    }


@router.get("", response={200: list[RoadmapOut], **READ_ERRORS}, summary="Current roadmaps")
def list_roadmaps(request, query: Query[LanguageQuery]):
    """The current roadmap of each Action Line that has one, with its targets' statuses."""
    lang = answer_language(request, query.lang)
    roadmaps = Roadmap.objects.order_by("-version").prefetch_related(
        Prefetch("targets", queryset=reading.targets_queryset())
    )
    versions: dict[int, list[int]] = {}
    current = {}
    for roadmap in roadmaps:
        versions.setdefault(roadmap.action_line_id, []).append(roadmap.version)
        if roadmap.is_current:
            current[roadmap.action_line_id] = roadmap
    counts = contributions.by_action_line()
    found = []
    for line in memo.vocabulary(ActionLine).entries:
        roadmap = current.get(line.pk)
        if roadmap is None:
            continue
        statuses: dict[str, int] = {}
        for view in reading.target_views(roadmap.targets.all()):
            statuses[view.status] = statuses.get(view.status, 0) + 1
        found.append(
            {
                "action_line": line.code,
                "version": roadmap.version,
                "is_current": True,
                "title": translated(roadmap.title, lang),
                "versions": versions[line.pk],
                "targets": sum(statuses.values()),
                "statuses": statuses,
                "initiatives": counts.get(line.code, 0),
            }
        )
    return found


@router.get(
    "/{action_line}",
    response={200: RoadmapDetailOut, 404: MessageOut, **READ_ERRORS},
    summary="One Action Line's roadmap (current version, or `version`)",
)
def get_roadmap(request, action_line: str, query: Query[RoadmapQuery]):
    lang = answer_language(request, query.lang)
    line = reading.action_line_or_404(action_line)
    versions = reading.versions_of(line)
    wanted = (lambda r: r.version == query.version) if query.version else (lambda r: r.is_current)
    roadmap = next((r for r in versions if wanted(r)), None)
    if roadmap is None:
        raise Http404
    objectives, targets = reading.full(roadmap)
    codes = reading.sdg_codes(roadmap, targets)
    return {
        "action_line": line.code,
        "version": roadmap.version,
        "is_current": roadmap.is_current,
        "versions": [r.version for r in versions],
        "title": translated(roadmap.title, lang),
        "summary": translated(roadmap.summary, lang),
        "sdg_targets": codes,
        "objectives": [
            {
                "text": translated(objective.text, lang),
                "actions": [
                    {
                        "text": translated(action.text, lang),
                        "expected_result": translated(action.expected_result, lang),
                        "partners": action.partners,
                        "timeframe": action.timeframe,
                    }
                    for action in objective.actions.all()
                ],
            }
            for objective in objectives
        ],
        "targets": [_target(view, lang) for view in targets],
        "contributions": [
            {"sdg_target": c.code, "initiatives": c.count, "url": c.url}
            for c in contributions.for_roadmap(line.code, codes)
        ],
    }


@router.post(
    "/targets/{int:target_id}/progress",
    response={201: ProgressOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Record a progress value (or no data) for a target",
)
@limit("roadmap-progress", "600/h")  # a facilitator's yearly figures, not a bulk channel
def record_progress(request, target_id: int, payload: ProgressIn):
    """For the facilitators of the target's Action Line and the secretariat. A value with
    `state: reported`, or `state: no_data` and no value; one record per target and date."""
    target = get_object_or_404(Target.objects.select_related("roadmap__action_line"), pk=target_id)
    progress = services.record_progress(
        request.auth,
        target,
        on=payload.date,
        value=payload.value,
        state=payload.state,
        source=payload.source,
        note=payload.note,
    )
    progress.refresh_from_db()  # the value as stored (and as GET shows it), 4 decimal places
    return Status(201, progress)


def _editable_target(target_id: int) -> Target:
    return get_object_or_404(
        Target.objects.select_related("roadmap__action_line", "indicator"), pk=target_id
    )


def _progress(progress_id: int) -> Progress:
    return get_object_or_404(
        Progress.objects.select_related("target__roadmap__action_line"), pk=progress_id
    )


def _objective(roadmap: Roadmap, objective_id: int | None) -> Objective | None:
    if objective_id is None:
        return None
    found = roadmap.objectives.filter(pk=objective_id).first()
    if found is None:
        raise ValidationError({"objective": _("The roadmap has no such objective.")})
    return found


@router.patch(
    "/targets/{int:target_id}",
    response={200: RoadmapTargetOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Change a target (only the fields given)",
)
@limit("roadmap-progress", "600/h")
def change_target(request, target_id: int, payload: TargetPatchIn):
    """For the facilitators of the target's Action Line and the secretariat; checked as when
    the target is added. Answers the target as read, with its status recomputed."""
    target = _editable_target(target_id)
    # Refused before being told what is wrong.
    services.require_editor(request.auth, target.roadmap.action_line)
    changes = payload.model_dump(exclude_unset=True)
    required = set(changes) - {"objective", "text", "sdg_targets"}
    if missing := sorted(name for name in required if changes[name] is None):
        raise ValidationError({name: _("This field cannot be null.") for name in missing})
    if "objective" in changes:
        changes["objective"] = _objective(target.roadmap, changes["objective"])
    for name in ("text", "sdg_targets"):
        if name in changes and changes[name] is None:
            raise ValidationError({name: _("This field cannot be null.")})
    services.change_target(request.auth, target, **changes)
    [view] = reading.target_views(reading.targets_queryset().filter(pk=target.pk))
    return _target(view, data_language())


@router.patch(
    "/progress/{int:progress_id}",
    response={200: ProgressOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Correct a recorded progress value (only the fields given)",
)
@limit("roadmap-progress", "600/h")
def correct_progress(request, progress_id: int, payload: ProgressPatchIn):
    """For the facilitators of the target's Action Line and the secretariat; checked as when
    the value is recorded (one record per target and date)."""
    progress = _progress(progress_id)
    services.require_editor(
        request.auth, progress.target.roadmap.action_line
    )  # before saying what is wrong
    changes = payload.model_dump(exclude_unset=True)
    for name in ("date", "source", "note", "state"):
        if name in changes and changes[name] is None:
            raise ValidationError({name: _("This field cannot be null.")})
    progress = services.correct_progress(request.auth, progress, **changes)
    progress.refresh_from_db()
    return progress


@router.delete(
    "/progress/{int:progress_id}",
    response={200: MessageOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Remove a recorded progress value",
)
@limit("roadmap-progress", "600/h")
def remove_progress(request, progress_id: int):
    services.remove_progress(request.auth, _progress(progress_id))
    return {"detail": _("The value is removed.")}

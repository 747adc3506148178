"""Every change to roadmaps: versions, their objectives, actions and targets, and the progress
values facilitators record. Each checks the actor (`policies.can_edit` for the roadmap's Action
Line), runs in one transaction, and leaves field history (django-simple-history) and a domain
event."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis.core.events import record_event
from wsis.core.i18n import DATA_LANGUAGES
from wsis.indicators.choices import AreaType, Location, Sex, ValueState
from wsis.indicators.models import Indicator
from wsis.roadmaps import policies
from wsis.roadmaps.choices import Direction
from wsis.roadmaps.models import Action, Objective, Progress, Roadmap, Target
from wsis.taxonomy.models import SDGTarget

CREATED = "roadmaps.roadmap.created"
UPDATED = "roadmaps.roadmap.updated"
MADE_CURRENT = "roadmaps.roadmap.made_current"
TARGET_ADDED = "roadmaps.target.added"
PROGRESS_RECORDED = "roadmaps.progress.recorded"
OBJECTIVE_CHANGED = "roadmaps.objective.changed"
OBJECTIVE_REMOVED = "roadmaps.objective.removed"
ACTION_CHANGED = "roadmaps.action.changed"
ACTION_REMOVED = "roadmaps.action.removed"
TARGET_CHANGED = "roadmaps.target.changed"
TARGET_REMOVED = "roadmaps.target.removed"
PROGRESS_CORRECTED = "roadmaps.progress.corrected"
PROGRESS_REMOVED = "roadmaps.progress.removed"


def require_editor(actor, action_line) -> None:
    if not policies.can_edit(actor, action_line):
        raise PermissionDenied(
            _("Only the Action Line's facilitators and the secretariat may change its roadmap.")
        )


def _texts(field: str, texts, *, required: bool = True) -> dict:
    """A `{"en": …, "ar": …}` map with known languages and some text; else a field error."""
    if not isinstance(texts, dict) or any(key not in DATA_LANGUAGES for key in texts):
        raise ValidationError({field: _("Give the text as a map of language codes to texts.")})
    texts = {key: str(value).strip() for key, value in texts.items() if str(value).strip()}
    if required and not texts:
        raise ValidationError({field: _("This text is required in at least one language.")})
    return texts


def _merged_texts(field: str, current: dict, given, *, required: bool = True) -> dict:
    """`current` with the languages of `given` replaced (an empty text removes its language)
    and the others kept, checked like a new text."""
    cleaned = _texts(field, given, required=False)
    merged = {key: text for key, text in current.items() if key not in given} | cleaned
    return _texts(field, merged, required=required)


def _delete(instance, actor) -> None:
    """Delete `instance`, its field history closed with `actor` named."""
    instance._history_user = actor
    instance.delete()


def _sdg_targets(codes) -> list[SDGTarget]:
    """The SDG targets of `codes`; an unknown code is a field error naming it."""
    codes = [str(code).strip() for code in codes or () if str(code).strip()]
    found = {t.code: t for t in SDGTarget.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            {"sdg_targets": _("Unknown SDG target: {codes}.").format(codes=", ".join(unknown))}
        )
    return list(found.values())


def create_roadmap(
    actor, action_line, version: int, title: dict, summary: dict | None = None, sdg_targets=()
) -> Roadmap:
    """A new version of an Action Line's roadmap; the first one becomes the current version."""
    require_editor(actor, action_line)
    if not 2000 <= version <= 2100:
        raise ValidationError({"version": _("Give the roadmap's year, for example 2027.")})
    title, summary = _texts("title", title), _texts("summary", summary or {}, required=False)
    sdg_targets = _sdg_targets(sdg_targets)
    with transaction.atomic():
        if Roadmap.objects.filter(action_line=action_line, version=version).exists():
            raise ValidationError(
                {"version": _("This Action Line already has a roadmap for that year.")}
            )
        is_first = not Roadmap.objects.filter(action_line=action_line).exists()
        try:
            # The unique constraints decide between two requests for the same line at once.
            with transaction.atomic():
                roadmap = Roadmap.objects.create(
                    action_line=action_line,
                    version=version,
                    is_current=is_first,
                    title=title,
                    summary=summary,
                )
        except IntegrityError:
            raise ValidationError(
                {"version": _("This Action Line already has a roadmap for that year.")}
            ) from None
        roadmap.sdg_targets.set(sdg_targets)
        record_event(CREATED, roadmap, actor, version=version)
    return roadmap


def update_roadmap(
    actor, roadmap: Roadmap, language: str, title: str, summary: str = "", sdg_targets=()
) -> Roadmap:
    """Set the title and summary in `language` (other languages kept) and the SDG targets."""
    require_editor(actor, roadmap.action_line)
    if language not in DATA_LANGUAGES:
        raise ValidationError({"language": _("Unknown language.")})
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    sdg_targets = _sdg_targets(sdg_targets)
    with transaction.atomic():
        roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        roadmap.title = {**roadmap.title, language: title.strip()}
        summary = summary.strip()
        roadmap.summary = {k: v for k, v in {**roadmap.summary, language: summary}.items() if v}
        roadmap.save(update_fields=["title", "summary"])
        roadmap.sdg_targets.set(sdg_targets)
        record_event(UPDATED, roadmap, actor, language=language)
    return roadmap


def make_current(actor, roadmap: Roadmap) -> Roadmap:
    """Make `roadmap` the current version of its Action Line's roadmap."""
    require_editor(actor, roadmap.action_line)
    with transaction.atomic():
        previous = list(
            Roadmap.objects.select_for_update().filter(
                action_line=roadmap.action_line, is_current=True
            )
        )
        for other in previous:
            if other.pk != roadmap.pk:
                other.is_current = False
                other.save(update_fields=["is_current"])
        roadmap.is_current = True
        roadmap.save(update_fields=["is_current"])
        record_event(MADE_CURRENT, roadmap, actor, version=roadmap.version)
    return roadmap


def add_objective(actor, roadmap: Roadmap, text: dict) -> Objective:
    require_editor(actor, roadmap.action_line)
    text = _texts("text", text)
    with transaction.atomic():
        position = roadmap.objectives.count()
        return Objective.objects.create(roadmap=roadmap, position=position, text=text)


def add_action(
    actor,
    objective: Objective,
    text: dict,
    expected_result: dict | None = None,
    partners: str = "",
    timeframe: str = "",
) -> Action:
    require_editor(actor, objective.roadmap.action_line)
    text = _texts("text", text)
    expected_result = _texts("expected_result", expected_result or {}, required=False)
    with transaction.atomic():
        return Action.objects.create(
            objective=objective,
            position=objective.actions.count(),
            text=text,
            expected_result=expected_result,
            partners=partners.strip(),
            timeframe=timeframe.strip(),
        )


def add_target(actor, roadmap: Roadmap, *, indicator: str, text: dict, **values) -> Target:
    """A measurable target of `roadmap`: `indicator` is an indicator's code; `values` carry
    the baseline (value, date, source), the target (value, date), the direction, and where
    needed the area and breakdown, the objective and the SDG targets it serves."""
    require_editor(actor, roadmap.action_line)
    fields = _checked_target(roadmap, indicator, text, values)
    sdg_targets = _sdg_targets(values.get("sdg_targets", ()))
    with transaction.atomic():
        target = Target.objects.create(roadmap=roadmap, position=roadmap.targets.count(), **fields)
        target.sdg_targets.set(sdg_targets)
        record_event(TARGET_ADDED, target, actor, roadmap=roadmap.pk)
    return target


def _checked_target(roadmap, indicator_code, text, values) -> dict:
    errors = {}
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        errors["indicator"] = _("Unknown indicator.")
    direction = values.get("direction", Direction.INCREASE)
    baseline, target = values.get("baseline_value"), values.get("target_value")
    if direction not in Direction.values:
        errors["direction"] = _("Choose increase or decrease.")
    elif baseline is not None and target is not None:
        beyond = target > baseline if direction == Direction.INCREASE else target < baseline
        if not beyond:
            errors["target_value"] = _(
                "The target value must lie beyond the baseline in the target's direction."
            )
    for name in ("baseline_value", "target_value", "baseline_date", "target_date"):
        if values.get(name) is None:
            errors[name] = _("This field is required.")
    if (
        values.get("baseline_date")
        and values.get("target_date")
        and values["target_date"] <= values["baseline_date"]
    ):
        errors["target_date"] = _("The target date must come after the baseline date.")
    objective = values.get("objective")
    if objective is not None and objective.roadmap_id != roadmap.pk:
        errors["objective"] = _("The objective belongs to another roadmap.")
    if errors:
        raise ValidationError(errors)
    return {
        "indicator": indicator,
        "text": _texts("text", text),
        "objective": objective,
        "area_type": values.get("area_type", AreaType.WORLD),
        "area_code": values.get("area_code", "WLD"),
        "sex": values.get("sex", Sex.TOTAL),
        "location": values.get("location", Location.TOTAL),
        "age": values.get("age", ""),
        "direction": direction,
        "baseline_value": baseline,
        "baseline_date": values["baseline_date"],
        "baseline_source": values.get("baseline_source", ""),
        "target_value": target,
        "target_date": values["target_date"],
    }


def record_progress(
    actor,
    target: Target,
    *,
    on: date | None,
    value=None,
    state: str = ValueState.REPORTED,
    source: str = "",
    note: str = "",
) -> Progress:
    """Record where a target's indicator stood on a date: a value, or explicitly "no data"
    (stored as no value with its own state, never as a zero). One record per target and date;
    nothing is written when any field is wrong."""
    require_editor(actor, target.roadmap.action_line)
    value = _checked_progress(target, on, value, state)
    with transaction.atomic():
        taken = _date_taken()
        if Progress.objects.filter(target=target, date=on).exists():
            raise taken
        try:
            # The unique constraint decides between two requests for the same date at once.
            with transaction.atomic():
                progress = Progress.objects.create(
                    target=target,
                    date=on,
                    value=value,
                    state=state,
                    source=source.strip()[:300],
                    note=note.strip(),
                    recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError:
            raise taken from None
        record_event(
            PROGRESS_RECORDED,
            target,
            actor,
            date=on.isoformat(),
            value=str(progress.value) if progress.value is not None else None,
            state=state,
        )
    return progress


def _checked_progress(target: Target, on, value, state) -> Decimal | None:
    """The value to store for a progress record of `target` (None for "no data"); a field
    error for each wrong field."""
    errors = {}
    if state not in ValueState.values:
        errors["state"] = _("Choose “reported” or “no data”.")
    if on is None:
        errors["date"] = _("This field is required.")
    elif on < target.baseline_date:
        errors["date"] = _("The date cannot be before the baseline date ({date}).").format(
            date=target.baseline_date.isoformat()
        )
    elif on > timezone.localdate():
        errors["date"] = _("The date cannot be in the future.")
    if state == ValueState.REPORTED:
        try:
            value = Decimal(str(value)) if value not in (None, "") else None
        except InvalidOperation:
            value = None
            errors["value"] = _("Enter a number.")
        else:
            if value is None:
                errors["value"] = _("Enter the value, or choose “no data”.")
            elif not value.is_finite():
                errors["value"] = _("Enter a number.")
    elif state == ValueState.NO_DATA and value not in (None, ""):
        errors["value"] = _("Leave the value empty when there is no data.")
    if errors:
        raise ValidationError(errors)
    return value if state == ValueState.REPORTED else None


def _date_taken() -> ValidationError:
    return ValidationError({"date": _("A value is already recorded for this date.")})


def change_objective(actor, objective: Objective, text: dict) -> Objective:
    """Set an objective's text in the languages of `text` (the others kept)."""
    roadmap = objective.roadmap
    require_editor(actor, roadmap.action_line)
    with transaction.atomic():
        objective = Objective.objects.select_for_update().get(pk=objective.pk)
        objective.text = _merged_texts("text", objective.text, text)
        objective._history_user = actor
        objective.save(update_fields=["text"])
        record_event(OBJECTIVE_CHANGED, roadmap, actor, objective=objective.pk)
    return objective


def remove_objective(actor, objective: Objective) -> None:
    """Remove an objective and its actions; its targets stay, under no objective."""
    roadmap = objective.roadmap
    require_editor(actor, roadmap.action_line)
    with transaction.atomic():
        # One by one rather than by the cascade, so that each row's history names the actor.
        for target in Target.objects.select_for_update().filter(objective=objective):
            target.objective = None
            target._history_user = actor
            target.save(update_fields=["objective"])
        actions = list(objective.actions.all())
        for action in actions:
            _delete(action, actor)
        record_event(
            OBJECTIVE_REMOVED,
            roadmap,
            actor,
            objective=objective.pk,
            text=objective.text,
            actions=len(actions),
        )
        _delete(objective, actor)


def change_action(
    actor,
    action: Action,
    *,
    objective: Objective | None = None,
    text: dict | None = None,
    expected_result: dict | None = None,
    partners: str | None = None,
    timeframe: str | None = None,
) -> Action:
    """Change what is given (None: kept): the objective it serves (of the same roadmap), its
    text and expected result in the languages given, its partners and timeframe."""
    roadmap = action.objective.roadmap
    require_editor(actor, roadmap.action_line)
    if objective is not None and objective.roadmap_id != roadmap.pk:
        raise ValidationError({"objective": _("The objective belongs to another roadmap.")})
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if text is not None:
            action.text = _merged_texts("text", action.text, text)
        if expected_result is not None:
            action.expected_result = _merged_texts(
                "expected_result", action.expected_result, expected_result, required=False
            )
        if partners is not None:
            action.partners = partners.strip()
        if timeframe is not None:
            action.timeframe = timeframe.strip()
        if objective is not None and objective.pk != action.objective_id:
            action.objective, action.position = objective, objective.actions.count()
        action._history_user = actor
        action.save()
        record_event(ACTION_CHANGED, roadmap, actor, action=action.pk)
    return action


def remove_action(actor, action: Action) -> None:
    """Remove an action; its field history stays."""
    roadmap = action.objective.roadmap
    require_editor(actor, roadmap.action_line)
    with transaction.atomic():
        record_event(ACTION_REMOVED, roadmap, actor, action=action.pk, text=action.text)
        _delete(action, actor)


TARGET_FIELDS = (
    "objective",
    "area_type",
    "area_code",
    "sex",
    "location",
    "age",
    "direction",
    "baseline_value",
    "baseline_date",
    "baseline_source",
    "target_value",
    "target_date",
)


def change_target(
    actor, target: Target, *, indicator: str | None = None, text: dict | None = None, **values
) -> Target:
    """Change what is given of a target (the fields of `add_target`; absent: kept), checked as
    when adding it. The baseline date cannot move past a value already recorded."""
    roadmap = target.roadmap
    require_editor(actor, roadmap.action_line)
    sdg_codes = values.pop("sdg_targets", None)
    if unknown := set(values) - set(TARGET_FIELDS):
        raise TypeError(f"Unknown target fields: {sorted(unknown)}")
    with transaction.atomic():
        target = Target.objects.select_for_update().select_related("indicator").get(pk=target.pk)
        current = {name: getattr(target, name) for name in TARGET_FIELDS}
        texts = target.text if text is None else _merged_texts("text", target.text, text)
        fields = _checked_target(
            roadmap, indicator or target.indicator.code, texts, current | values
        )
        first = target.progress.order_by("date").values_list("date", flat=True).first()
        if first is not None and fields["baseline_date"] > first:
            raise ValidationError(
                {
                    "baseline_date": _(
                        "A value is recorded on {date}: the baseline cannot come after it."
                    ).format(date=first.isoformat())
                }
            )
        changed = [name for name, value in fields.items() if getattr(target, name) != value]
        for name, value in fields.items():
            setattr(target, name, value)
        target._history_user = actor
        target.save()
        if sdg_codes is not None:
            sdg_targets = _sdg_targets(sdg_codes)
            if {t.pk for t in sdg_targets} != set(target.sdg_targets.values_list("pk", flat=True)):
                changed.append("sdg_targets")
                target.sdg_targets.set(sdg_targets)
        record_event(TARGET_CHANGED, target, actor, fields=changed)
    return target


def remove_target(actor, target: Target) -> None:
    """Remove a target and the values recorded for it; their field history stays."""
    roadmap = target.roadmap
    require_editor(actor, roadmap.action_line)
    with transaction.atomic():
        values = list(Progress.objects.select_for_update().filter(target=target))
        for progress in values:
            _delete(progress, actor)
        record_event(
            TARGET_REMOVED,
            roadmap,
            actor,
            target_id=target.pk,
            text=target.text,
            indicator=target.indicator.code,
            values=len(values),
        )
        _delete(target, actor)


PROGRESS_FIELDS = ("date", "value", "state", "source", "note")


def correct_progress(actor, progress: Progress, **changes) -> Progress:
    """Correct a recorded value: what is given of its date, value, state, source and note
    (absent: kept), checked as when recording it. A value given alone makes the record a
    reported one; "no data" given alone drops the value."""
    target = progress.target
    require_editor(actor, target.roadmap.action_line)
    if unknown := set(changes) - set(PROGRESS_FIELDS):
        raise TypeError(f"Unknown progress fields: {sorted(unknown)}")
    state = changes.get("state")
    if state is None:
        given = changes.get("value") not in (None, "")
        state = ValueState.REPORTED if given else progress.state
    if "value" in changes:
        value = changes["value"]
    else:
        value = progress.value if state == ValueState.REPORTED else None
    on = changes.get("date", progress.date)
    value = _checked_progress(target, on, value, state)
    with transaction.atomic():
        progress = Progress.objects.select_for_update().get(pk=progress.pk)
        was = {"date": progress.date.isoformat(), "value": _text(progress.value)}
        taken = _date_taken()
        if Progress.objects.filter(target=target, date=on).exclude(pk=progress.pk).exists():
            raise taken
        progress.date, progress.value, progress.state = on, value, state
        progress.source = str(changes.get("source", progress.source)).strip()[:300]
        progress.note = str(changes.get("note", progress.note)).strip()
        progress._history_user = actor
        try:
            with transaction.atomic():  # the unique constraint decides between two at once
                progress.save()
        except IntegrityError:
            raise taken from None
        record_event(
            PROGRESS_CORRECTED,
            target,
            actor,
            date=on.isoformat(),
            value=_text(value),
            state=state,
            was=was,
        )
    return progress


def remove_progress(actor, progress: Progress) -> None:
    """Remove a recorded value; its field history and the event say what it was."""
    target = progress.target
    require_editor(actor, target.roadmap.action_line)
    with transaction.atomic():
        record_event(
            PROGRESS_REMOVED,
            target,
            actor,
            date=progress.date.isoformat(),
            value=_text(progress.value),
            state=progress.state,
        )
        _delete(progress, actor)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)

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


def _require_editor(actor, action_line) -> None:
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
    _require_editor(actor, action_line)
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
    _require_editor(actor, roadmap.action_line)
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
    _require_editor(actor, roadmap.action_line)
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
    _require_editor(actor, roadmap.action_line)
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
    _require_editor(actor, objective.roadmap.action_line)
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
    _require_editor(actor, roadmap.action_line)
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
    _require_editor(actor, target.roadmap.action_line)
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
    with transaction.atomic():
        taken = ValidationError({"date": _("A value is already recorded for this date.")})
        if Progress.objects.filter(target=target, date=on).exists():
            raise taken
        try:
            # The unique constraint decides between two requests for the same date at once.
            with transaction.atomic():
                progress = Progress.objects.create(
                    target=target,
                    date=on,
                    value=value if state == ValueState.REPORTED else None,
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

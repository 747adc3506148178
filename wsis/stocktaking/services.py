"""Every change to an initiative: create, edit, submit, approve, request changes, reject, report.

Each function checks the actor against `policies`, validates with `InitiativeForm`, runs in one
transaction (locking the row where a decision reads then writes), records an event and leaves
e-mail to `transaction.on_commit`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import ModelMultipleChoiceField
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis.accounts.services import get_or_create_organisation
from wsis.core.errors import InvalidTransition
from wsis.core.events import record_event
from wsis.search import fulltext, vectors
from wsis.search.tasks import schedule_embedding
from wsis.stocktaking import facet_index, facets, notifications, policies, tasks
from wsis.stocktaking.choices import Language, Status, TagOrigin
from wsis.stocktaking.forms import InitiativeForm
from wsis.stocktaking.models import (
    Initiative,
    InitiativeActionLine,
    InitiativeGDCObjective,
    InitiativeSDGGoal,
    InitiativeSDGTarget,
    InitiativeTranslation,
    ProgressReport,
)

# The form's single-valued fields; the organisation (a name to look up) and the many-valued
# fields (codes) are applied separately.
SCALAR_FIELDS = tuple(
    name
    for name, field in InitiativeForm.base_fields.items()
    if not isinstance(field, ModelMultipleChoiceField) and name != "organisation"
)
TAGS = {
    "action_lines": (InitiativeActionLine, "action_line"),
    "sdg_goals": (InitiativeSDGGoal, "goal"),
    "sdg_targets": (InitiativeSDGTarget, "target"),
    "gdc_objectives": (InitiativeGDCObjective, "objective"),
}


EDITED = "stocktaking.initiative.edited"


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _validated(data, complete: bool = False) -> dict:
    form = InitiativeForm(data, complete=complete)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def initiative_data(initiative: Initiative) -> dict:
    """The initiative as form data (codes for tags), to edit it or to validate it whole."""
    data = {field: getattr(initiative, field) for field in SCALAR_FIELDS}
    data["stakeholder_type"] = (
        initiative.stakeholder_type.code if initiative.stakeholder_type_id else ""
    )
    data["partners"] = "\n".join(initiative.partners)
    data["organisation"] = initiative.organisation.name if initiative.organisation_id else ""
    for field in (
        "countries",
        "regions",
        "target_groups",
        "action_lines",
        "sdg_targets",
        "gdc_objectives",
    ):
        data[field] = [obj.code for obj in getattr(initiative, field).all()]
    data["sdg_goals"] = [goal.number for goal in initiative.sdg_goals.all()]
    return {k: ("" if v is None else v) for k, v in data.items()}


def _apply(actor, initiative: Initiative, cleaned: dict, origin: str) -> None:
    for field in SCALAR_FIELDS:
        value = cleaned.get(field)
        setattr(initiative, field, "" if value is None and field not in _NULLABLE else value)
    if cleaned.get("organisation"):
        kind = cleaned["stakeholder_type"].code if cleaned.get("stakeholder_type") else None
        initiative.organisation = get_or_create_organisation(actor, cleaned["organisation"], kind)
    else:
        initiative.organisation = None
    initiative.save()
    for field in ("countries", "regions", "target_groups"):
        getattr(initiative, field).set(cleaned.get(field) or [])
    for field, (model, key) in TAGS.items():
        _set_tags(initiative, model, key, cleaned.get(field) or [], origin)


_NULLABLE = {"stakeholder_type", "start_date", "end_date", "funding_amount"}


def _set_tags(initiative, model, key: str, wanted, origin: str) -> None:
    """Keep existing tags (and their origin), add the new ones with `origin`, drop the rest."""
    wanted_ids = {obj.pk for obj in wanted}
    existing = set(model.objects.filter(initiative=initiative).values_list(f"{key}_id", flat=True))
    model.objects.filter(initiative=initiative).exclude(**{f"{key}_id__in": wanted_ids}).delete()
    model.objects.bulk_create(
        [
            model(initiative=initiative, origin=origin, **{f"{key}_id": pk})
            for pk in wanted_ids - existing
        ]
    )


def create_initiative(actor, data) -> Initiative:
    """A new draft owned by `actor`; only a title and a language are needed so far."""
    _require(actor is not None and actor.is_authenticated, _("Sign in to add an initiative."))
    cleaned = _validated(data)
    with transaction.atomic():
        initiative = Initiative(owner=actor, status=Status.DRAFT)
        if not cleaned.get("organisation") and actor.organisation_id:
            cleaned["organisation"] = actor.organisation.name
        _apply(actor, initiative, cleaned, TagOrigin.SUBMITTER)
        record_event("stocktaking.initiative.created", initiative, actor)
    return initiative


def update_initiative(actor, initiative: Initiative, data, origin: str | None = None) -> Initiative:
    """Change an initiative; `data` may hold only the fields that change."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        _require(policies.can_edit(actor, initiative), _("You may not edit this initiative now."))
        merged = initiative_data(initiative) | dict(data)
        cleaned = _validated(merged, complete=initiative.status != Status.DRAFT)
        if origin is None:
            origin = (
                TagOrigin.SUBMITTER if policies.is_owner(actor, initiative) else TagOrigin.MODERATOR
            )
        _apply(actor, initiative, cleaned, origin)
        record_event(EDITED, initiative, actor, fields=sorted(dict(data)))
        if initiative.is_published:
            _publish_side_effects(initiative)
    return initiative


# The tag fields a suggestion can fill, with the vocabulary field their codes name.
SUGGESTED_FIELDS = ("action_lines", "sdg_goals", "sdg_targets", "gdc_objectives")


def accept_suggestions(actor, initiative: Initiative, accepted: dict) -> Initiative:
    """Add the suggested tags the user accepted (`{"action_lines": ["C5"], ...}`), recorded
    as coming from a suggestion; the initiative's other tags stay as they are."""
    unknown = set(accepted) - set(SUGGESTED_FIELDS)
    if unknown:
        raise ValidationError({field: _("This field takes no suggestions.") for field in unknown})
    current = initiative_data(initiative)
    data = {
        field: sorted({str(code) for code in current[field]} | {str(c) for c in codes})
        for field, codes in accepted.items()
        if codes
    }
    if not data:
        return initiative
    return update_initiative(actor, initiative, data, origin=TagOrigin.SUGGESTION)


def set_translation(
    actor, initiative: Initiative, *, language: str, title: str, summary: str, description: str = ""
) -> InitiativeTranslation:
    """Add or replace the initiative's title, summary and description in another language."""
    _require(policies.can_edit(actor, initiative), _("You may not edit this initiative now."))
    errors = {}
    if language not in Language.values:
        errors["language"] = _("Choose one of the six languages.")
    elif language == initiative.language:
        errors["language"] = _("This is the initiative's original language.")
    form = InitiativeForm(
        {
            "title": title,
            "summary": summary,
            "description": description,
            "language": initiative.language,
        }
    )
    form.is_valid()
    errors |= {f: form.errors[f] for f in ("title", "summary", "description") if f in form.errors}
    if not (summary or "").strip() and "summary" not in errors:
        errors["summary"] = _("A translation needs a summary.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        _require(policies.can_edit(actor, initiative), _("You may not edit this initiative now."))
        translation, _created = InitiativeTranslation.objects.update_or_create(
            initiative=initiative,
            language=language,
            defaults={
                "title": form.cleaned_data["title"],
                "summary": form.cleaned_data["summary"],
                "description": form.cleaned_data["description"],
            },
        )
        record_event("stocktaking.initiative.translated", initiative, actor, language=language)
        if initiative.is_published:
            _publish_side_effects(initiative)
    return translation


def submit(actor, initiative: Initiative) -> Initiative:
    """Send a draft (or a changed initiative) to moderation; it must be complete."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        _require(
            policies.is_owner(actor, initiative), _("Only the owner may submit this initiative.")
        )
        if initiative.status not in policies.EDITABLE_BY_OWNER:
            raise InvalidTransition(
                _("This initiative is {status}; it cannot be submitted again.").format(
                    status=initiative.get_status_display().lower()
                ),
                code="invalid_transition",
            )
        _validated(initiative_data(initiative), complete=True)
        initiative.status = Status.SUBMITTED
        initiative.submitted_at = timezone.now()
        initiative.save(update_fields=["status", "submitted_at", "updated_at"])
        record_event("stocktaking.initiative.submitted", initiative, actor)
        # Its vector serves the duplicate check in the moderation queue.
        schedule_embedding([initiative.pk])
    return initiative


def _moderate(
    actor,
    initiative: Initiative,
    status: str,
    label: str,
    comment: str = "",
    comment_required: bool = False,
) -> Initiative:
    _require(policies.is_moderator(actor), _("Only moderators may do this."))
    comment = (comment or "").strip()
    if comment_required and not comment:
        raise ValidationError({"comment": _("Say what needs to change, or why.")}, code="required")
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status != Status.SUBMITTED:
            raise InvalidTransition(
                _("This initiative is not awaiting moderation (it is {status}).").format(
                    status=initiative.get_status_display().lower()
                ),
                code="invalid_transition",
            )
        initiative.status = status
        fields = ["status", "updated_at"]
        if status == Status.PUBLISHED:
            initiative.published_at = initiative.active_at = timezone.now()
            fields += ["published_at", "active_at"]
        initiative.save(update_fields=fields)
        record_event(label, initiative, actor, comment=comment)
        if status == Status.PUBLISHED:
            _publish_side_effects(initiative)
        transaction.on_commit(
            lambda: notifications.moderation_decision(initiative, status, comment)
        )
    return initiative


def approve(actor, initiative: Initiative, comment: str = "") -> Initiative:
    return _moderate(
        actor, initiative, Status.PUBLISHED, "stocktaking.initiative.approved", comment
    )


def request_changes(actor, initiative: Initiative, comment: str) -> Initiative:
    return _moderate(
        actor,
        initiative,
        Status.CHANGES_REQUESTED,
        "stocktaking.initiative.changes_requested",
        comment,
        comment_required=True,
    )


def reject(actor, initiative: Initiative, comment: str) -> Initiative:
    return _moderate(
        actor,
        initiative,
        Status.REJECTED,
        "stocktaking.initiative.rejected",
        comment,
        comment_required=True,
    )


# The moderators' decisions by name, for the pages and the API.
DECISIONS = {"approve": approve, "request_changes": request_changes, "reject": reject}


def published_set_changed() -> None:
    """What follows any change to the published registry: the workers' facet and vector indexes
    refresh, and the open-data package is rebuilt in the background once the change is committed."""
    facet_index.invalidate()
    vectors.invalidate()
    transaction.on_commit(tasks.schedule_open_data_rebuild)


def _publish_side_effects(initiative: Initiative) -> None:
    """Keep the public index, facets and cached counts in step with a published initiative."""
    fulltext.index(initiative)
    facets.rebuild(initiative)
    schedule_embedding([initiative.pk])
    published_set_changed()


def file_progress_report(
    actor,
    initiative: Initiative,
    *,
    year: int,
    achieved: str,
    figures: str = "",
    next_steps: str = "",
) -> ProgressReport:
    """A yearly progress report on a published initiative; it turns the status light green."""
    _require(
        policies.can_report_progress(actor, initiative),
        _("Only the owner of a published initiative may report its progress."),
    )
    errors = {}
    this_year = timezone.now().year
    if not isinstance(year, int) or not 2000 <= year <= this_year:
        errors["year"] = _("Give a year between 2000 and {year}.").format(year=this_year)
    if not (achieved or "").strip():
        errors["achieved"] = _("Say what was achieved.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.progress_reports.filter(year=year).exists():
            raise InvalidTransition(
                {"year": _("A progress report for {year} was already filed.").format(year=year)},
                code="duplicate",
            )
        report = ProgressReport.objects.create(
            initiative=initiative,
            year=year,
            achieved=achieved.strip(),
            figures=(figures or "").strip(),
            next_steps=(next_steps or "").strip(),
            author=actor,
        )
        initiative.active_at = report.created_at
        initiative.save(update_fields=["active_at", "updated_at"])
        record_event("stocktaking.initiative.progress_reported", initiative, actor, year=year)
        published_set_changed()  # its activity light changed
    return report

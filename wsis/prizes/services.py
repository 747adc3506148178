"""Every change to an edition: create it, set its rules, its phases and its special prizes.

Each function checks that the actor is the secretariat, validates, runs in one transaction and
records an event (`prizes.edition.created`, …), like the registry's services.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis.core.errors import InvalidTransition
from wsis.core.events import record_event
from wsis.prizes import policies
from wsis.prizes.choices import PHASE_ORDER
from wsis.prizes.models import Edition, EditionCategory, Phase
from wsis.taxonomy.models import PrizeCategory

RULES = (
    "languages",
    "words_min",
    "words_max",
    "one_category_per_project",
    "one_project_per_organisation_per_category",
    "previous_winners_eligible",
    "requires_completed",
    "full_ballot_required",
    "finalists_per_category",
)


def _require_secretariat(actor) -> None:
    if not policies.is_secretariat(actor):
        raise PermissionDenied(_("Only the secretariat may do this."))


def _validated_rules(edition: Edition, rules: dict) -> None:
    unknown = set(rules) - set(RULES)
    if unknown:
        raise ValidationError({field: _("Not a rule of an edition.") for field in unknown})
    for field, value in rules.items():
        setattr(edition, field, value)
    errors = {}
    from wsis.stocktaking.choices import Language

    if not edition.languages or set(edition.languages) - set(Language.values):
        errors["languages"] = _("Choose one or more of the six languages.")
    if edition.words_min > edition.words_max:
        errors["words_min"] = _("The fewest words cannot be more than the most words.")
    if not 1 <= edition.finalists_per_category <= 20:
        errors["finalists_per_category"] = _("Between 1 and 20 finalists per category.")
    if errors:
        raise ValidationError(errors)


def create_edition(actor, year: int, **rules) -> Edition:
    """A new edition with the 18 prize categories and default rules (changed by `rules`)."""
    _require_secretariat(actor)
    if not 2012 <= year <= 2100:
        raise ValidationError({"year": _("The Prizes began in 2012; give a year from 2012.")})
    edition = Edition(year=year)
    _validated_rules(edition, rules)
    try:
        with transaction.atomic():
            edition.save()
            EditionCategory.objects.bulk_create(
                EditionCategory(
                    edition=edition,
                    code=category.code,
                    name=category.name,
                    prize_category=category,
                    position=index,
                )
                for index, category in enumerate(PrizeCategory.objects.order_by("position"))
            )
            record_event("prizes.edition.created", edition, actor)
    except IntegrityError as error:
        raise ValidationError({"year": _("There is already an edition for this year.")}) from error
    return edition


def set_rules(actor, edition: Edition, **rules) -> Edition:
    """Change the edition's rules: only before its submission phase has opened."""
    _require_secretariat(actor)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        submission = edition.phases.filter(kind=PHASE_ORDER[0]).first()
        if edition.is_past or (submission and submission.opens_at <= timezone.now()):
            raise InvalidTransition(
                _("The rules cannot change once entries are open."), code="invalid_transition"
            )
        _validated_rules(edition, rules)
        edition.save()
        record_event("prizes.edition.rules_changed", edition, actor, fields=sorted(rules))
    return edition


def set_phases(actor, edition: Edition, schedule: dict[str, tuple[datetime, datetime]]) -> Edition:
    """Set the opening and closing moments of the phases given (`{kind: (opens, closes)}`):
    each phase must close after it opens, and the phases follow one another in their order
    without overlapping. A phase that has closed cannot be moved."""
    _require_secretariat(actor)
    errors = {}
    for kind, (opens_at, closes_at) in schedule.items():
        if kind not in PHASE_ORDER:
            errors[kind] = _("Not a phase of an edition.")
        elif not (opens_at and closes_at) or closes_at <= opens_at:
            errors[kind] = _("A phase must close after it opens.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        current = {phase.kind: phase for phase in edition.phases.all()}
        for kind, (opens_at, closes_at) in schedule.items():
            phase = current.get(kind)
            if (
                phase
                and phase.closes_at <= now
                and (opens_at, closes_at)
                != (
                    phase.opens_at,
                    phase.closes_at,
                )
            ):
                errors[kind] = _("This phase has closed; it cannot be moved.")
            current[kind] = Phase(
                edition=edition, kind=kind, opens_at=opens_at, closes_at=closes_at
            )
        ordered = [current[kind] for kind in PHASE_ORDER if kind in current]
        for before, after in zip(ordered, ordered[1:], strict=False):
            if after.opens_at < before.closes_at:
                errors[after.kind] = _("A phase cannot open before the previous one closes.")
        if errors:
            raise ValidationError(errors)
        for kind, (opens_at, closes_at) in schedule.items():
            Phase.objects.update_or_create(
                edition=edition, kind=kind, defaults={"opens_at": opens_at, "closes_at": closes_at}
            )
        record_event("prizes.edition.phases_set", edition, actor, phases=sorted(schedule))
    return edition


def add_special_prize(actor, edition: Edition, code: str, name: dict) -> EditionCategory:
    """A special prize of the edition (e.g. the Healthy Ageing Innovation Prize), with its name
    in one or more languages."""
    _require_secretariat(actor)
    code = (code or "").strip()
    name = {k: v.strip() for k, v in (name or {}).items() if v and v.strip()}
    errors = {}
    if not code or len(code) > 40 or not code.replace("-", "").replace("_", "").isalnum():
        errors["code"] = _("A short code of letters, digits and hyphens.")
    if not name:
        errors["name"] = _("Give the prize's name in at least one language.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            category = EditionCategory.objects.create(
                edition=edition,
                code=code,
                name=name,
                is_special=True,
                position=100 + edition.categories.count(),
            )
            record_event("prizes.edition.special_prize_added", edition, actor, code=code)
    except IntegrityError as error:
        raise ValidationError({"code": _("This edition already has this code.")}) from error
    return category


def require_phase(edition: Edition, kind: str, now=None) -> Phase:
    """The phase `kind` of the edition if it is open now, else InvalidTransition saying when it
    opens or closed (every action checks the phase and the clock through this)."""
    now = now or timezone.now()
    phase = edition.phase(kind)
    if phase is None:
        raise InvalidTransition(_("This phase has no dates yet."), code="phase_closed")
    if now < phase.opens_at:
        raise InvalidTransition(
            _("This opens on {moment}.").format(moment=_moment(phase.opens_at)),
            code="phase_closed",
        )
    if now >= phase.closes_at:
        raise InvalidTransition(
            _("This closed on {moment}.").format(moment=_moment(phase.closes_at)),
            code="phase_closed",
        )
    return phase


def _moment(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z")

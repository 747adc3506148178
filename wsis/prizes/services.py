"""Every change to the Prizes: an edition, its rules, phases and special prizes; entries and
their review; votes; the experts' assignments and scores; the winners and champions.

Each function checks the actor (the secretariat, an entrant, a voter, an assigned expert), the
phase and the clock (`require_phase`), validates, runs in one transaction and records an event
(`prizes.edition.created`, …), like the registry's services.
"""

from contextlib import nullcontext
from datetime import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis.core.errors import InvalidTransition
from wsis.core.events import record_event
from wsis.prizes import notifications, policies, tally, tasks
from wsis.prizes.choices import (
    PHASE_ORDER,
    SCORE_MAX,
    SCORE_MIN,
    SECTIONS,
    AwardKind,
    Criterion,
    EntryStatus,
    PhaseKind,
)
from wsis.prizes.models import (
    Award,
    Edition,
    EditionCategory,
    Entry,
    ExpertAssignment,
    Phase,
    ScoreSheet,
    Vote,
)
from wsis.search import duplicates
from wsis.stocktaking import policies as registry
from wsis.stocktaking.choices import Language, Status, WorkState
from wsis.stocktaking.forms import count_words
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


# Entries


def _entry_problems(edition, initiative, category, values: dict, entry=None) -> dict:
    """Every rule of the edition an entry breaks, by field, in the reader's language."""

    problems = {}
    if initiative.status != Status.PUBLISHED:
        problems["initiative"] = _("Only an initiative published in the registry can be entered.")
    if not edition.previous_winners_eligible and "initiative" not in problems:
        won = _earlier_win(edition, initiative)
        if won is not None:
            problems["initiative"] = _(
                "This project won the WSIS Prizes {year}; previous winners may not enter this "
                "edition."
            ).format(year=won.edition.year)
    if category is None or category.edition_id != edition.pk:
        problems["category"] = _("Choose one of this edition's categories.")
    if values.get("language") not in edition.languages:
        problems["language"] = _("This edition accepts entries in: {languages}.").format(
            languages=", ".join(edition.languages)
        )
    words = count_words(values.get("short_description", ""))
    if not edition.words_min <= words <= edition.words_max:
        problems["short_description"] = _(
            "The short description must have {low} to {high} words; it has {words}."
        ).format(low=edition.words_min, high=edition.words_max, words=words)
    if edition.requires_completed and not (
        initiative.work_state == WorkState.COMPLETED or values.get("at_end_of_major_phase")
    ):
        problems["at_end_of_major_phase"] = _(
            "The project must be completed or at the end of a major phase."
        )
    others = Entry.objects.filter(edition=edition).exclude(pk=getattr(entry, "pk", None))
    if edition.one_category_per_project and "category" not in problems:
        taken = others.filter(initiative=initiative).select_related("category").first()
        if taken:
            problems["category"] = _("This project is already entered in {category}.").format(
                category=taken.category.display_name()
            )
    if (
        edition.one_project_per_organisation_per_category
        and initiative.organisation_id
        and "category" not in problems
        and others.filter(category=category, organisation_id=initiative.organisation_id).exists()
    ):
        problems["category"] = _(
            "Your organisation has already entered a project in this category."
        )
    if "initiative" not in problems:
        copy = _entered_copy(edition, initiative, others)
        if copy is not None:
            problems["initiative"] = _(
                "This looks like the same project as “{title}”, already entered in this edition."
            ).format(title=copy.title)
    return problems


def _earlier_win(edition, initiative):
    """The initiative's win in an earlier edition, if any."""
    return (
        Award.objects.filter(
            kind=AwardKind.WINNER, entry__initiative=initiative, edition__year__lt=edition.year
        )
        .select_related("edition")
        .order_by("-edition__year")
        .first()
    )


def _entered_copy(edition, initiative, others):
    """An initiative already entered in the edition that may be the same project (duplicate
    detection of the registry: translated or reworded copies)."""

    entered = set(others.values_list("initiative_id", flat=True))
    if not entered:
        return None
    for duplicate in duplicates.of_initiative(initiative):
        if duplicate.other_id in entered:
            return initiative.__class__.objects.get(pk=duplicate.other_id)
    return None


def enter(actor, edition: Edition, initiative, category_code: str, **values) -> Entry:
    """Enter one of the actor's published initiatives into a category of the edition, while
    its submission phase is open; every rule of the edition is checked first."""

    if not registry.is_owner(actor, initiative):
        raise PermissionDenied(_("Only the owner of an initiative may enter it."))
    unknown = set(values) - {*SECTIONS, "language", "at_end_of_major_phase"}
    if unknown:
        raise ValidationError({field: _("Not a part of an entry.") for field in unknown})
    with transaction.atomic():
        # One entry at a time per edition, so that two entries cannot both pass the rules.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        require_phase(edition, PhaseKind.SUBMISSION)
        category = edition.categories.filter(code=category_code).first()
        problems = _entry_problems(edition, initiative, category, values)
        if problems:
            raise ValidationError(problems)
        entry = Entry.objects.create(
            edition=edition,
            category=category,
            initiative=initiative,
            organisation_id=initiative.organisation_id,
            entrant=actor,
            submitted_at=timezone.now(),
            **values,
        )
        record_event("prizes.entry.submitted", entry, actor, category=category.code)
    return entry


def _review(actor, entry: Entry, status: str, reason: str = "") -> Entry:
    _require_secretariat(actor)
    reason = (reason or "").strip()
    if status == EntryStatus.NOT_ELIGIBLE and not reason:
        raise ValidationError({"reason": _("Say why the entry is not eligible.")})
    with transaction.atomic():
        entry = Entry.objects.select_for_update().select_related("edition").get(pk=entry.pk)
        require_phase(entry.edition, PhaseKind.REVIEW)
        entry.status, entry.review_reason, entry.reviewed_at = status, reason, timezone.now()
        entry.save(update_fields=["status", "review_reason", "reviewed_at", "updated_at"])
        record_event(f"prizes.entry.{status}", entry, actor, reason=reason)
        transaction.on_commit(lambda: notifications.review_decision(entry))
    return entry


def nominate(actor, entry: Entry) -> Entry:
    """The entry is eligible: it becomes a nominee of its category."""
    return _review(actor, entry, EntryStatus.NOMINATED)


def declare_not_eligible(actor, entry: Entry, reason: str) -> Entry:
    """The entry is not eligible, for `reason` (sent to the entrant)."""
    return _review(actor, entry, EntryStatus.NOT_ELIGIBLE, reason)


# Votes

VOTE_CHANGED = "changed"

# A vote is one statement: the INSERT takes its row from a SELECT that holds only when every
# rule does (a nominee, of the edition of the year when given, its edition's voting phase open
# at `now`, a voter with a verified address), and the partial unique index refuses a second
# valid vote in the category. The rules are thus checked in the same statement that records the
# vote, and no read of the voter's votes comes first. Written out rather than built by the ORM,
# which cannot express INSERT … SELECT and costs 1.4 ms of CPU for the SELECT alone.
CAST = """
INSERT INTO prizes_vote (edition_id, category_id, entry_id, voter_id, cast_at, address, void_reason)
SELECT entry.edition_id, entry.category_id, entry.id, %(voter)s, %(now)s, %(address)s, ''
FROM prizes_entry entry
JOIN prizes_edition edition ON edition.id = entry.edition_id
JOIN prizes_phase voting ON voting.edition_id = entry.edition_id AND voting.kind = %(voting)s
WHERE entry.id = %(entry)s AND entry.status = %(nominated)s
  AND (%(any_year)s OR edition.year = %(year)s)
  AND voting.opens_at <= %(now)s AND %(now)s < voting.closes_at
  AND EXISTS (
    SELECT 1 FROM account_emailaddress address
    WHERE address.user_id = %(voter)s AND address.verified
  )
RETURNING id, edition_id, category_id,
  (SELECT code FROM prizes_editioncategory category WHERE category.id = prizes_vote.category_id)
"""
# A change first voids the voter's valid vote in the nominee's category, unless it is for that
# nominee already, in the same transaction as CAST.
VOID_FOR_CHANGE = """
UPDATE prizes_vote SET voided_at = %(now)s, void_reason = %(reason)s
WHERE voter_id = %(voter)s AND voided_at IS NULL AND entry_id <> %(entry)s
  AND category_id = (SELECT category_id FROM prizes_entry WHERE id = %(entry)s)
"""


def _already_voted() -> InvalidTransition:
    return InvalidTransition(
        _("You have already voted in this category; change your vote instead."),
        code="already_voted",
    )


def _require_voter(actor) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to vote."))
    if not EmailAddress.objects.filter(user=actor, verified=True).exists():
        raise PermissionDenied(_("Confirm your e-mail address to vote."))


def _nominee(entry_id, year=None) -> Entry:
    entry = (
        Entry.objects.select_related("edition").filter(pk=entry_id).first()
        if str(entry_id).isdigit()
        else None
    )
    if (
        entry is None
        or entry.status != EntryStatus.NOMINATED
        or (year is not None and entry.edition.year != year)
    ):
        raise ValidationError({"nominee": _("Choose one of the nominees.")})
    return entry


def _check_rules(actor, entry_id, now, year=None) -> None:
    """The rules of CAST one at a time, in the order the voter should hear about them (signed
    in, verified address, a nominee, voting open): raises the first broken."""
    _require_voter(actor)
    require_phase(_nominee(entry_id, year).edition, PhaseKind.VOTING, now)


def _fits(entry_id, year) -> bool:
    """Whether the entry id and the year fit their columns, as CAST's parameters must (the
    ORM's checks refuse any others, as for a nominee that does not exist)."""
    return str(entry_id).isdigit() and int(entry_id) < 2**63 and (year is None or 0 < year < 2**15)


def _cast(actor, entry_id, now, address, year) -> Vote | None:
    """Run CAST: the vote recorded, or None when a rule does not hold."""
    with connection.cursor() as cursor:
        cursor.execute(
            CAST,
            {
                "voter": actor.pk,
                "now": connection.ops.adapt_datetimefield_value(now),
                "address": address,
                "voting": PhaseKind.VOTING.value,
                "entry": int(entry_id),
                "nominated": EntryStatus.NOMINATED.value,
                "any_year": year is None,
                "year": year,
            },
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, edition_id, category_id, code = row
    vote = Vote(
        pk=pk,
        edition_id=edition_id,
        category=EditionCategory(pk=category_id, edition_id=edition_id, code=code),
        entry_id=int(entry_id),
        voter=actor,
        cast_at=now,
        address=address,
    )
    vote._state.adding, vote._state.db = False, connection.alias
    return vote


def _void_for_change(actor, entry_id, now) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            VOID_FOR_CHANGE,
            {
                "now": connection.ops.adapt_datetimefield_value(now),
                "reason": VOTE_CHANGED,
                "voter": actor.pk,
                "entry": int(entry_id),
            },
        )


def cast_vote(
    actor, entry_id, address: str | None = None, replace: bool = False, year: int | None = None
) -> Vote:
    """The actor's vote for a nominee (of the edition of `year`, when given), while voting is
    open. A second vote in the same category is refused (InvalidTransition) unless `replace`,
    which voids the first (reason "changed") and records the new one in the same transaction;
    replacing a vote with the same nominee changes nothing and returns that vote.

    One statement checks the rules and records the vote (CAST), and the database's unique index
    decides between two requests of one voter at the same moment. Outside a transaction (the
    API) a vote is thus one round trip, committed when it returns; inside a caller's transaction
    a savepoint keeps that transaction usable after a refusal."""
    if actor is None or not actor.is_authenticated or not _fits(entry_id, year):
        _check_rules(actor, entry_id, timezone.now(), year)  # raises
    now, address = timezone.now(), address or None
    try:
        with transaction.atomic() if replace or connection.in_atomic_block else nullcontext():
            if replace:
                _void_for_change(actor, entry_id, now)
            vote = _cast(actor, entry_id, now, address, year)
            if vote is None:
                _check_rules(actor, entry_id, now, year)  # raises (and undoes the void)
                # Unless a rule changed between the two queries: the voter may try again.
                raise ValidationError({"nominee": _("Choose one of the nominees.")})
    except IntegrityError as error:
        current = replace and _current_vote(actor, entry_id)
        if not current:
            raise _already_voted() from error
        return current
    return vote


def _current_vote(actor, entry_id) -> Vote | None:
    """The voter's valid vote for this nominee, if that is their vote in its category."""
    return (
        Vote.objects.filter(voter=actor, entry_id=entry_id, voided_at__isnull=True)
        .select_related("category")
        .first()
    )


def void_votes(actor, edition: Edition, vote_ids, reason: str) -> int:
    """Void these valid votes of the edition for `reason` (the secretariat, after the integrity
    report); the tally, computed from the valid votes, changes with them. Returns how many."""
    _require_secretariat(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why these votes are voided.")})
    with transaction.atomic():
        votes = Vote.objects.select_for_update().filter(
            edition=edition, pk__in=list(vote_ids), voided_at__isnull=True
        )
        ids = list(votes.values_list("pk", flat=True))
        Vote.objects.filter(pk__in=ids).update(
            voided_at=timezone.now(), void_reason=reason[:300], voided_by=actor
        )
        record_event("prizes.votes.voided", edition, actor, votes=ids, reason=reason)
    return len(ids)


# Expert selection


def _before_selection_closes(edition: Edition) -> None:
    selection = edition.phase(PhaseKind.SELECTION)
    if edition.is_past or (selection and selection.closes_at <= timezone.now()):
        raise InvalidTransition(
            _("The expert selection of this edition has closed."), code="phase_closed"
        )


def assign_expert(actor, edition: Edition, expert) -> ExpertAssignment:
    """Assign an expert of the jury (a user with the expert role) to the edition, at any time
    until its selection phase closes."""
    _require_secretariat(actor)
    if not policies.is_expert(expert):
        raise ValidationError({"expert": _("Only a user with the expert role can be assigned.")})
    try:
        with transaction.atomic():
            edition = Edition.objects.select_for_update().get(pk=edition.pk)
            _before_selection_closes(edition)
            assignment = ExpertAssignment.objects.create(
                edition=edition, expert=expert, assigned_by=actor
            )
            record_event("prizes.expert.assigned", edition, actor, expert=expert.pk)
    except IntegrityError as error:
        raise ValidationError(
            {"expert": _("This expert is already assigned to the edition.")}
        ) from error
    return assignment


def unassign_expert(actor, edition: Edition, expert) -> None:
    """Withdraw an expert from the edition, as long as they have scored nothing in it."""
    _require_secretariat(actor)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        _before_selection_closes(edition)
        if ScoreSheet.objects.filter(edition=edition, expert=expert).exists():
            raise InvalidTransition(
                _("This expert has already scored finalists; the assignment stays."),
                code="invalid_transition",
            )
        ExpertAssignment.objects.filter(edition=edition, expert=expert).delete()
        record_event("prizes.expert.unassigned", edition, actor, expert=expert.pk)


def _validated_scores(scores: dict) -> dict[str, int]:
    """Every criterion given a whole number from SCORE_MIN to SCORE_MAX, else ValidationError."""
    scores = scores or {}
    errors = {name: _("Not a criterion.") for name in set(scores) - set(Criterion.values)}
    values = {}
    for name in Criterion.values:
        value = scores.get(name)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            value = None
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            errors[name] = _("Score each criterion from {low} to {high}.").format(
                low=SCORE_MIN, high=SCORE_MAX
            )
        values[name] = value
    if errors:
        raise ValidationError(errors)
    return values


def score_finalist(actor, entry: Entry, scores: dict, comment: str = "") -> ScoreSheet:
    """The actor's score sheet for a finalist (`tally.finalists`) of an edition they are
    assigned to, while its selection phase is open: every criterion from 1 to 10. Scoring the
    same finalist again changes the sheet (one per expert and finalist, kept by the database)."""
    entry = Entry.objects.select_related("edition", "category").get(pk=entry.pk)
    if not policies.is_assigned_expert(actor, entry.edition):
        raise PermissionDenied(
            _("Only an expert assigned to this edition may score its finalists.")
        )
    require_phase(entry.edition, PhaseKind.SELECTION)
    if not tally.is_finalist(entry):
        raise ValidationError({"entry": _("Only the finalists of the edition are scored.")})
    values = _validated_scores(scores)
    try:
        with transaction.atomic():
            sheet = ScoreSheet.objects.select_for_update().filter(expert=actor, entry=entry).first()
            sheet = sheet or ScoreSheet(edition=entry.edition, entry=entry, expert=actor)
            for name, value in values.items():
                setattr(sheet, name, value)
            sheet.comment = (comment or "").strip()
            sheet.save()
            record_event("prizes.score_sheet.saved", sheet, actor, entry=entry.pk, **values)
    except IntegrityError as error:
        # The same expert saving the same finalist twice at once: the database kept one.
        raise InvalidTransition(
            _("Your scores of this finalist were saved twice at once; try again."),
            code="conflict",
        ) from error
    return sheet


# Winners and champions


def _require_open(edition: Edition, *kinds: str) -> Phase:
    """The first of the phases `kinds` open now, else require_phase's refusal for the first."""
    now = timezone.now()
    for kind in kinds:
        phase = edition.phase(kind)
        if phase is not None and phase.is_open(now):
            return phase
    return require_phase(edition, kinds[0], now)


def confirm_winner(actor, entry: Entry, replace: bool = False) -> list[Award]:
    """The secretariat confirms a finalist as the winner of its category, during the selection or
    the announcement phase; the category's other finalists become its champions, in the same
    transaction. A category has one winner (the database refuses a second); while the selection
    is open, `replace` withdraws the category's awards and confirms again."""
    _require_secretariat(actor)
    entry = Entry.objects.select_related("edition", "category").get(pk=entry.pk)
    phase = _require_open(entry.edition, PhaseKind.SELECTION, PhaseKind.ANNOUNCEMENT)
    finalists = dict(tally.finalists(entry.edition)).get(entry.category, [])
    if entry not in finalists:
        raise ValidationError({"entry": _("Only a finalist of the category can win it.")})
    try:
        with transaction.atomic():
            category = EditionCategory.objects.select_for_update().get(pk=entry.category_id)
            current = Award.objects.filter(category=category)
            if current.exists():
                if not replace or phase.kind != PhaseKind.SELECTION:
                    raise InvalidTransition(
                        _("This category already has a winner."), code="winner_confirmed"
                    )
                for award in current:  # one by one, so that history records each
                    award.delete()
            now = timezone.now()
            awards = [
                Award.objects.create(
                    edition=entry.edition,
                    category=category,
                    entry=finalist,
                    kind=AwardKind.WINNER if finalist == entry else AwardKind.CHAMPION,
                    confirmed_by=actor,
                    confirmed_at=now,
                )
                for finalist in [entry, *(f for f in finalists if f != entry)]
            ]
            record_event(
                "prizes.award.winner_confirmed",
                entry,
                actor,
                category=category.code,
                champions=[award.entry_id for award in awards[1:]],
                replaced=replace,
            )
    except IntegrityError as error:
        # Two confirmations of one category at the same moment: the database kept one.
        raise InvalidTransition(
            _("This category already has a winner."), code="winner_confirmed"
        ) from error
    return awards


def notify_awardees(actor, edition: Edition) -> list[Award]:
    """The secretariat tells the winners and champions, once the announcement phase is open (the
    results are public then): each entrant not yet told is e-mailed the news and the certificate,
    in the entry's language, by the background worker. Each award is told once, whoever asks
    again."""
    _require_secretariat(actor)
    _require_open(edition, PhaseKind.ANNOUNCEMENT)
    with transaction.atomic():
        awards = list(
            Award.objects.select_for_update()
            .filter(edition=edition, notified_at__isnull=True)
            .order_by("pk")
        )
        now = timezone.now()
        for award in awards:  # one by one, so that history records each
            award.notified_at = now
            award.save(update_fields=["notified_at"])
        if awards:
            record_event(
                "prizes.award.entrants_notified",
                edition,
                actor,
                awards=[award.pk for award in awards],
            )
            ids = [award.pk for award in awards]
            transaction.on_commit(lambda: [tasks.send_award_letter.enqueue(pk) for pk in ids])
    return awards

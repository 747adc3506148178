"""A demo edition open for voting now, made from the demo initiatives (`load_demo_data`): for
trying the ballot on a developer's machine and for `bench/voting.py`."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wsis.accounts.models import User
from wsis.core.events import events_for, record_event
from wsis.prizes import services
from wsis.prizes.choices import PHASE_ORDER, EntryStatus, PhaseKind
from wsis.prizes.models import Edition, Entry, Vote
from wsis.stocktaking.choices import Status
from wsis.stocktaking.demo import MODERATOR
from wsis.stocktaking.models import Initiative, InitiativeActionLine

OPENED = "prizes.edition.demo_opened"
# How long each phase other than voting lasts; voting opens at the moment the edition is made.
PHASE = timedelta(days=14)


class NotADemoEdition(Exception):
    """The year's edition exists and was not made by `open_demo_edition`: it is left alone."""


def schedule(now, hours: int) -> dict:
    """Submission and review closed, voting open from `now` for `hours`, then the rest."""
    voting = PHASE_ORDER.index(PhaseKind.VOTING)
    moments = {}
    start = now - voting * PHASE
    for kind in PHASE_ORDER:
        length = timedelta(hours=hours) if kind == PhaseKind.VOTING else PHASE
        moments[kind] = (start, start + length)
        start += length
    return moments


def _categories_by_action_line(edition: Edition) -> dict[int, object]:
    """Action Line id → the edition's category for it: `C5` → `C5`, the C7 sub-line
    `C7.e-health` → `C7-e-health` (the vocabulary ties each prize category to its line)."""
    return {
        category.prize_category.action_line_id: category
        for category in edition.categories.select_related("prize_category")
        if category.prize_category_id
    }


def _choices(edition: Edition) -> list[tuple[Initiative, object]]:
    """Each published initiative with one category of its Action Lines, the one with fewest
    nominees so far (so that every category has some), keeping the edition's rules: one
    category per project, one project per organisation in each category."""
    by_line = _categories_by_action_line(edition)
    categories: dict[int, list] = {}
    tags = InitiativeActionLine.objects.filter(initiative__status=Status.PUBLISHED).order_by(
        "initiative_id", "pk"
    )
    for initiative_id, action_line_id in tags.values_list("initiative_id", "action_line_id"):
        if action_line_id in by_line:
            categories.setdefault(initiative_id, []).append(by_line[action_line_id])
    counts = dict.fromkeys(by_line.values(), 0)
    taken = set()
    chosen = []
    for initiative in Initiative.objects.filter(pk__in=categories).order_by("pk"):
        free = [
            category
            for category in categories[initiative.pk]
            if not (
                initiative.organisation_id and (initiative.organisation_id, category.pk) in taken
            )
        ]
        if not free:
            continue
        category = min(free, key=lambda c: counts[c])  # the first of the least chosen
        counts[category] += 1
        taken.add((initiative.organisation_id, category.pk))
        chosen.append((initiative, category))
    return chosen


def _remove(edition: Edition) -> dict[str, int]:
    """Delete a demo edition with its votes and entries (in the order their protection needs)."""
    if not events_for(edition).filter(label=OPENED).exists():
        raise NotADemoEdition(edition.year)
    removed = {
        "removed_votes": Vote.objects.filter(edition=edition).delete()[0],
        "removed_entries": Entry.objects.filter(edition=edition).count(),
    }
    for entry in Entry.objects.filter(edition=edition):
        entry.delete()  # one by one, so that the history records each deletion
    edition.delete()
    return removed


def open_edition(year: int, hours: int = 72, now=None) -> dict:
    """The demo edition of `year`, made anew: the 18 categories, submission and review closed,
    voting open from now for `hours`, and every published demo initiative nominated in its
    category. An edition of that year made by this function before is replaced (its votes and
    entries deleted); any other edition of that year is refused (NotADemoEdition).
    Returns what was made (`nominees`, `categories`) and removed (`removed_votes`,
    `removed_entries` when `replaced`)."""
    actor = User.objects.get(email=MODERATOR)
    now = now or timezone.now()
    phases = schedule(now, hours)
    with transaction.atomic():
        existing = Edition.objects.filter(year=year).first()
        removed = _remove(existing) if existing else {}
        edition = services.create_edition(actor, year)
        services.set_phases(actor, edition, phases)
        # Entries are made here directly, not through services.enter and services.nominate:
        # those check that the submission and the review phases are open now, and both are
        # in the past. Each entry still gets its history row and dates inside those phases;
        # one event on the edition stands for the per-entry events the services would record.
        submitted_at = phases[PhaseKind.SUBMISSION][0] + timedelta(days=1)
        reviewed_at = phases[PhaseKind.REVIEW][0] + timedelta(days=1)
        entries = []
        for initiative, category in _choices(edition):
            entries.append(
                Entry.objects.create(
                    edition=edition,
                    category=category,
                    initiative=initiative,
                    organisation_id=initiative.organisation_id,
                    entrant_id=initiative.owner_id,
                    language=initiative.language,
                    status=EntryStatus.NOMINATED,
                    short_description=initiative.summary,
                    submitted_at=submitted_at,
                    reviewed_at=reviewed_at,
                )
            )
        record_event(OPENED, edition, actor, entries=len(entries), hours=hours)
    return {
        "edition": edition,
        "nominees": len(entries),
        "categories": len({entry.category_id for entry in entries}),
        "replaced": existing is not None,
        **removed,
    }

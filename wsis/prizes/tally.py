"""The tally: computed from the valid votes every time, never kept as a counter."""

from django.db.models import Count

from wsis.prizes.choices import EntryStatus
from wsis.prizes.models import Edition, EditionCategory, Entry, Vote


def valid_votes(edition: Edition):
    """The votes that count: not voided, and when the edition requires full ballots, only
    those of voters who voted in every category."""
    votes = Vote.objects.filter(edition=edition, voided_at__isnull=True)
    if edition.full_ballot_required:
        categories = (
            EditionCategory.objects.filter(edition=edition, entries__status=EntryStatus.NOMINATED)
            .distinct()
            .count()
        )
        complete = (
            votes.values("voter").annotate(n=Count("category", distinct=True)).filter(n=categories)
        )
        votes = votes.filter(voter__in=complete.values("voter"))
    return votes


def results(edition: Edition) -> list[dict]:
    """Per category, the nominees with their valid votes, most first (ties by entry id), and
    which of them are finalists (the `finalists_per_category` with most votes). Two queries."""
    counts = dict(
        valid_votes(edition).values("entry").annotate(n=Count("pk")).values_list("entry", "n")
    )
    nominees = (
        Entry.objects.filter(edition=edition, status=EntryStatus.NOMINATED)
        .select_related("category", "initiative")
        .order_by("category__position", "pk")
    )
    by_category: dict = {}
    for entry in nominees:
        by_category.setdefault(entry.category, []).append(entry)
    table = []
    for category, entries in by_category.items():
        ranked = sorted(entries, key=lambda e: (-counts.get(e.pk, 0), e.pk))
        table.append(
            {
                "category": category,
                "nominees": [
                    {
                        "entry": entry,
                        "votes": counts.get(entry.pk, 0),
                        "is_finalist": rank < edition.finalists_per_category
                        and counts.get(entry.pk, 0) > 0,
                    }
                    for rank, entry in enumerate(ranked)
                ],
            }
        )
    return table


def voter_choices(edition: Edition, voter) -> dict[int, int]:
    """The voter's valid vote in each category: category id → entry id."""
    if voter is None or not voter.is_authenticated:
        return {}
    return dict(
        Vote.objects.filter(edition=edition, voter=voter, voided_at__isnull=True).values_list(
            "category_id", "entry_id"
        )
    )

"""The tally: computed from the valid votes every time, never kept as a counter; the finalists
it makes, and the experts' mean scores of them."""

from django.db.models import Avg, Count, F

from wsis.prizes.choices import Criterion, EntryStatus
from wsis.prizes.models import Edition, EditionCategory, Entry, ScoreSheet, Vote


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


def finalists(edition: Edition, table: list[dict] | None = None) -> list[tuple]:
    """Per category that has finalists, `(category, [finalist entries])`, most votes first
    (from `table`, the edition's `results`, when the caller has it already)."""
    return [
        (row["category"], [n["entry"] for n in row["nominees"] if n["is_finalist"]])
        for row in (results(edition) if table is None else table)
        if any(n["is_finalist"] for n in row["nominees"])
    ]


def is_finalist(entry: Entry) -> bool:
    return any(
        finalist.pk == entry.pk
        for category, entries in finalists(entry.edition)
        if category.pk == entry.category_id
        for finalist in entries
    )


def mean_scores(edition: Edition) -> dict[int, dict]:
    """Per scored entry, how many experts scored it and its mean score: the mean, over the
    experts' sheets, of the sheet's mean over the criteria (from 1 to 10). One query."""
    total = sum((F(name) for name in Criterion.values[1:]), F(Criterion.values[0]))
    rows = (
        ScoreSheet.objects.filter(edition=edition)
        .values("entry")
        .annotate(sheets=Count("pk"), total=Avg(total))
        .order_by()
    )
    return {
        row["entry"]: {
            "sheets": row["sheets"],
            "mean": round(float(row["total"]) / len(Criterion.values), 2),
        }
        for row in rows
    }

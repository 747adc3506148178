"""An edition's statistics: entries and nominees by category, region and stakeholder type, and
the votes day by day. Read from the rows each time (a handful of grouped queries)."""

from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from wsis.core.i18n import translated
from wsis.prizes.choices import EntryStatus
from wsis.prizes.models import Edition, Entry, Vote
from wsis.taxonomy import memo
from wsis.taxonomy.models import Region, StakeholderType


def _names(model) -> dict[str, str]:
    return {
        code: translated(entry.name) for code, entry in memo.vocabulary(model).by("code").items()
    }


def edition_statistics(edition: Edition) -> dict:
    entries = Counter()
    nominees = Counter()
    rows = Entry.objects.filter(edition=edition).values_list(
        "category__code", "status", "initiative__facet_codes"
    )
    regions, kinds = _names(Region), _names(StakeholderType)
    for category, status, codes in rows:
        keys = [("category", category)]
        for pair in (codes or "").split():
            facet, _sep, code = pair.partition(":")
            if facet == "region":
                keys.append(("region", regions.get(code, code)))
            elif facet == "stakeholder_type":
                keys.append(("stakeholder_type", kinds.get(code, code)))
        for key in keys:
            entries[key] += 1
            if status == EntryStatus.NOMINATED:
                nominees[key] += 1

    def table(dimension):
        names = sorted({name for kind, name in entries if kind == dimension})
        return [(name, entries[(dimension, name)], nominees[(dimension, name)]) for name in names]

    days = (
        Vote.objects.filter(edition=edition)
        .annotate(day=TruncDate("cast_at"))
        .values("day")
        .annotate(valid=Count("pk", filter=Q(voided_at__isnull=True)), voided=Count("voided_at"))
        .order_by("day")
    )
    return {
        "by_category": table("category"),
        "by_region": table("region"),
        "by_stakeholder_type": table("stakeholder_type"),
        "votes_by_day": list(days),
        "entries": Entry.objects.filter(edition=edition).count(),
        "nominees": Entry.objects.filter(edition=edition, status=EntryStatus.NOMINATED).count(),
        "votes": Vote.objects.filter(edition=edition, voided_at__isnull=True).count(),
        "voided": Vote.objects.filter(edition=edition, voided_at__isnull=False).count(),
    }

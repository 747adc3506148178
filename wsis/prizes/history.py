"""The totals of past editions (2012–2025), from `data/past_editions.json`, loaded as editions
so that the statistics show the trend from the first year."""

import json
from pathlib import Path

from django.db import transaction

from wsis.prizes.models import Edition

PAST_EDITIONS = Path(__file__).with_name("data") / "past_editions.json"
FIGURES = {
    "entries": "past_entries",
    "nominees": "past_nominees",
    "voters": "past_voters",
    "votes": "past_votes",
}


def load_past_editions() -> dict[str, int]:
    """Create or update the past editions; an edition run on this platform is never touched.
    Returns how many were created, updated and left as they were."""
    data = json.loads(PAST_EDITIONS.read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    with transaction.atomic():
        for row in data["editions"]:
            values = {field: row[key] for key, field in FIGURES.items()}
            values |= {
                "past_note": row.get("note") or {},
                "source": f"{data['source_file']}:{row['line']}",
                "is_past": True,
            }
            edition = Edition.objects.filter(year=row["year"]).first()
            if edition is None:
                Edition.objects.create(year=row["year"], **values)
                counts["created"] += 1
            elif not edition.is_past:
                counts["skipped"] += 1
            elif any(getattr(edition, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(edition, field, value)
                edition.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    return counts

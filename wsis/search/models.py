"""The full-text index of published initiatives.

`SearchDocument` holds each initiative's search terms, already normalised and stemmed in Python
(`wsis.core.text`). The database indexes them with its own engine: an FTS5 table kept in step
by triggers on SQLite, a generated `tsvector` column with a GIN index on PostgreSQL (see the
migration).
"""

from django.db import models


class SearchDocument(models.Model):
    initiative = models.OneToOneField(
        "stocktaking.Initiative",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    title_terms = models.TextField()
    body_terms = models.TextField()

    def __str__(self):
        return f"search terms of initiative {self.initiative_id}"


class FullTextIndex(models.Model):
    """The SQLite FTS5 table, joined to initiatives by rowid (unmanaged; SQLite only)."""

    initiative = models.OneToOneField(
        "stocktaking.Initiative",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fulltext",
    )

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"full-text entry of initiative {self.initiative_id}"


class InitiativeVector(models.Model):
    """The embedding of an initiative's title and summary (see `wsis.search.embeddings`).

    Written by a background task when an initiative is submitted, published or edited; every
    worker's in-process vector index is refreshed from these rows. `text_hash` says which text
    (and which model) the vector was computed from, so an unchanged text is never embedded twice.
    """

    initiative = models.OneToOneField(
        "stocktaking.Initiative",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="vector",
    )
    model = models.CharField(max_length=100)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"vector of initiative {self.initiative_id}"


class DuplicateDismissal(models.Model):
    """A moderator's decision that two initiatives are not the same project, so that the pair
    is no longer flagged as a possible duplicate."""

    initiative = models.ForeignKey(
        "stocktaking.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    other = models.ForeignKey("stocktaking.Initiative", on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # One row per pair, the smaller id first.
            models.UniqueConstraint(fields=["initiative", "other"], name="one_dismissal_per_pair"),
            models.CheckConstraint(
                condition=models.Q(initiative__lt=models.F("other")), name="dismissal_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.initiative_id} is not a duplicate of {self.other_id}"

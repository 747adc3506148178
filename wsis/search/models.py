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

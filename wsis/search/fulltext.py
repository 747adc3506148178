"""Full-text matching of published initiatives, one interface over SQLite FTS5 and PostgreSQL.

Both backends receive the same terms from `wsis.core.text`: every word of the query must match
(any of its stems), so the two databases return the same initiatives; they rank them with their
own functions (bm25 and ts_rank_cd), title terms weighing more than body terms.
"""

import numpy as np
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from wsis.core.text import index_terms, query_terms
from wsis.search.models import SearchDocument

TITLE_WEIGHT = 4.0


def _quote_fts5(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _quote_tsquery(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def fts5_query(text: str) -> str | None:
    groups = query_terms(text)
    if not groups:
        return None
    return " AND ".join(
        "(" + " OR ".join(_quote_fts5(t) for t in sorted(terms)) + ")" for terms in groups
    )


def tsquery(text: str) -> str | None:
    groups = query_terms(text)
    if not groups:
        return None
    return " & ".join(
        "(" + " | ".join(_quote_tsquery(t) for t in sorted(terms)) + ")" for terms in groups
    )


def _matching_sql(text: str) -> tuple[str, str | None]:
    """The index's query for the ids matching `text`, and its one parameter (None when the
    text has no searchable words)."""
    if connection.vendor == "postgresql":
        return (
            "SELECT initiative_id FROM search_searchdocument "
            "WHERE vector @@ to_tsquery('simple', %s)",
            tsquery(text),
        )
    return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", fts5_query(text)


def match(initiatives, text: str):
    """`initiatives` narrowed to those matching `text`; a query with no searchable words matches
    nothing. The index is queried once, as a subquery, however many initiatives there are."""
    sql, query = _matching_sql(text)
    if query is None:
        return initiatives.none()
    return initiatives.filter(pk__in=RawSQL(sql, [query]))  # noqa: S611 - bound parameter


def matching_ids(text: str) -> np.ndarray:
    """The ids of every initiative matching `text`, unranked: the index alone, no join."""
    sql, query = _matching_sql(text)
    if query is None:
        return np.zeros(0, np.int64)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql, [query])
            return np.fromiter((row[0] for row in cursor.fetchall()), np.int64)
        # Handing Python one row per match costs several times what the index takes to find
        # them (3 ms for 13,000 matches); SQLite joins them into one string that numpy reads.
        cursor.execute(f"SELECT group_concat(rowid) FROM ({sql})", [query])  # noqa: S608
        joined = cursor.fetchone()[0]
    return np.fromstring(joined, np.int64, sep=",") if joined else np.zeros(0, np.int64)


def readable_beside() -> bool:
    """Whether a connection of another thread sees what this thread's connection sees, so that
    the index can be read there at the same time: a SQLite file (WAL lets readers side by side)
    outside a transaction (another connection would not see its writes). Not PostgreSQL: each
    helper thread would hold a connection of its own for the process's lifetime."""
    return (
        connection.vendor == "sqlite"
        and not connection.is_in_memory_db()
        and not connection.in_atomic_block
    )


def best_ids(text: str, limit: int) -> list[int]:
    """The ids of the `limit` best-ranked initiatives matching `text`, best first: the index's
    own fast path (no join), for a result page to be picked from."""
    if connection.vendor == "postgresql":
        query = tsquery(text)
        sql = (
            "SELECT initiative_id FROM search_searchdocument "
            "WHERE vector @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank_cd(vector, to_tsquery('simple', %s)) DESC, initiative_id LIMIT %s"
        )
        params = [query, query, limit]
    else:
        query = fts5_query(text)
        sql = (
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608 - a constant
            f"ORDER BY bm25(search_fts, {TITLE_WEIGHT}, 1.0), rowid LIMIT %s"
        )
        params = [query, limit]
    if query is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def ranked(initiatives, text: str):
    """`initiatives` (already matched) annotated with `rank`, higher is better, to order a page.

    Joined to the index so that the engine computes the rank while it matches; the join
    must only drive small result pages, not counts (SQLite would probe the index per row).
    """
    if connection.vendor == "postgresql":
        query = tsquery(text)
        if query is None:
            return initiatives.none()
        return (
            initiatives.filter(search_document__isnull=False)
            .extra(
                where=["search_searchdocument.vector @@ to_tsquery('simple', %s)"], params=[query]
            )
            .annotate(
                rank=RawSQL(
                    "ts_rank_cd(search_searchdocument.vector, to_tsquery('simple', %s))", [query]
                )
            )
        )
    query = fts5_query(text)
    if query is None:
        return initiatives.none()
    return (
        initiatives.filter(fulltext__isnull=False)
        .extra(where=["search_fts MATCH %s"], params=[query])
        .annotate(rank=RawSQL(f"-bm25(search_fts, {TITLE_WEIGHT}, 1.0)", []))  # noqa: S611
    )


def document_terms(initiative) -> tuple[str, str]:
    """The title and body terms of an initiative and of its translations."""
    versions = [(initiative.language, initiative.title, initiative.summary, initiative.description)]
    versions += [
        (t.language, t.title, t.summary, t.description) for t in initiative.translations.all()
    ]
    organisation = initiative.organisation.name if initiative.organisation_id else ""
    return text_terms(versions, [organisation, *initiative.partners])


def text_terms(versions, names) -> tuple[str, str]:
    """Title and body terms from the (language, title, summary, description) versions of an
    initiative, the original first, and the names of its organisation and partners. Plain
    values in, plain values out: a bulk import computes them in another process."""
    titles = " ".join(index_terms(title, language) for language, title, _s, _d in versions)
    bodies = [
        index_terms(f"{summary}\n{description}", language)
        for language, _t, summary, description in versions
    ]
    bodies.append(index_terms(" ".join(filter(None, names)), versions[0][0]))
    return titles, " ".join(bodies)


def index(initiative) -> None:
    title_terms, body_terms = document_terms(initiative)
    SearchDocument.objects.update_or_create(
        initiative=initiative, defaults={"title_terms": title_terms, "body_terms": body_terms}
    )


def reindex_all(initiatives, batch: int = 1000, progress=None) -> int:
    """Recompute the search terms of every published initiative (after a change to the text
    rules in `wsis.core.text`); returns how many were indexed."""
    done = 0
    ids = list(initiatives.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = (
            initiatives.filter(pk__in=ids[start : start + batch])
            .select_related("organisation")
            .prefetch_related("translations")
        )
        documents = []
        for initiative in chunk:
            title_terms, body_terms = document_terms(initiative)
            documents.append(
                SearchDocument(
                    initiative=initiative, title_terms=title_terms, body_terms=body_terms
                )
            )
        with transaction.atomic():
            SearchDocument.objects.filter(
                initiative_id__in=[d.initiative_id for d in documents]
            ).delete()
            SearchDocument.objects.bulk_create(documents, batch_size=batch)
        done += len(documents)
        if progress:
            progress(done, len(ids))
    return done


def remove(initiative) -> None:
    SearchDocument.objects.filter(initiative=initiative).delete()

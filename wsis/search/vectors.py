"""Initiative vectors: computed into the database, searched in memory.

`embed` writes the vector of each initiative's title and summary (skipping texts already
embedded with the same model). Every worker process keeps an index of the published
initiatives' vectors, made language-neutral (`neutral`): a float32 matrix searched with one
matrix product (about 10 ms for 100,000 initiatives). It is brought up to date from the
database when the version token in the shared cache changes, like the facet index: the rows
changed since its last refresh are re-read, and the whole index is rebuilt when the number of
published vectors no longer adds up.
"""

import hashlib
import threading
from datetime import datetime, timedelta

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wsis.core.versions import Version
from wsis.search.embeddings import embedder, from_bytes, passages, to_bytes
from wsis.search.models import InitiativeVector
from wsis.search.neutral import neutraliser
from wsis.stocktaking.models import Initiative

VERSION_KEY = "search:vectors:version"
REFRESH_MARGIN = timedelta(minutes=5)
CHUNK = 2000
# Passages are embedded this many at a time (on every core), and each batch is written in its
# own transaction, so a long run can be interrupted and resumed without losing what is done.
BATCH = 256
# The text embedded: e5 reads up to 512 tokens; the title and summary say what a project is,
# and a bound on the length keeps one initiative's embedding near 100 ms on one core.
MAX_CHARACTERS = 1200
PUBLISHED = "published"


def passage_text(title: str, summary: str) -> str:
    return f"{title.strip()}\n{summary.strip()}"[:MAX_CHARACTERS]


def text_hash(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def embed(initiative_ids, progress=None) -> int:
    """Compute and store the vectors of these initiatives whose text changed since their last
    vector (or that have none); returns how many were computed."""

    model = embedder()
    ids = sorted(set(initiative_ids))
    known = dict(
        InitiativeVector.objects.filter(initiative_id__in=ids, model=model.name).values_list(
            "initiative_id", "text_hash"
        )
    )
    texts = {}
    for pk, title, summary in Initiative.objects.filter(pk__in=ids).values_list(
        "pk", "title", "summary"
    ):
        text = passage_text(title, summary)
        if known.get(pk) != text_hash(text, model.name):
            texts[pk] = text
    pending = list(texts)
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        vectors = passages([texts[pk] for pk in batch])
        with transaction.atomic():
            for pk, vector in zip(batch, vectors, strict=True):
                InitiativeVector.objects.update_or_create(
                    initiative_id=pk,
                    defaults={
                        "model": model.name,
                        "text_hash": text_hash(texts[pk], model.name),
                        "vector": to_bytes(vector),
                    },
                )
            invalidate()
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    return len(pending)


def forget(initiative_ids) -> None:
    """Delete these initiatives' vectors, so that `embed` computes them all again."""
    InitiativeVector.objects.filter(initiative_id__in=list(initiative_ids)).delete()
    invalidate()


def neutral_vector_of(initiative) -> np.ndarray:
    """`vector_of` without its language, comparable with the index's vectors."""
    return neutraliser()(vector_of(initiative), "passage", [initiative.language])[0]


def vector_of(initiative) -> np.ndarray:
    """The vector of an initiative's current text: the stored one when it is up to date,
    else computed now (and not stored: the background task does that)."""
    model = embedder()
    text = passage_text(initiative.title, initiative.summary)
    stored = InitiativeVector.objects.filter(
        initiative_id=initiative.pk, model=model.name, text_hash=text_hash(text, model.name)
    ).values_list("vector", flat=True)
    for data in stored:
        return from_bytes(data)
    return model.passage([text])[0]


class VectorIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.token = None
        self.refreshed_at: datetime | None = None
        self.model: str | None = None
        self.rows: dict[int, int] = {}  # initiative id -> row of `matrix`
        self.ids = np.zeros(0, np.int64)  # row -> initiative id
        self.matrix = np.zeros((0, 0), np.float32)

    @property
    def size(self) -> int:
        return len(self.rows)

    def _put(self, pk: int, vector: np.ndarray) -> None:
        row = self.rows.get(pk)
        if row is None:
            row = self.rows[pk] = self.size
            if row >= self.ids.size:
                self._grow(vector.size)
            self.ids[row] = pk
        self.matrix[row] = vector

    def _grow(self, dim: int) -> None:
        """Double the capacity (copying is rare: 20 doublings reach a million rows)."""
        capacity = max(1024, 2 * self.ids.size)
        matrix = np.zeros((capacity, dim), np.float32)
        if self.ids.size:
            matrix[: self.ids.size] = self.matrix
        ids = np.zeros(capacity, np.int64)
        ids[: self.ids.size] = self.ids
        self.matrix, self.ids = matrix, ids

    def _drop(self, pk: int) -> None:
        """Remove a row by moving the last row into its place."""
        row = self.rows.pop(pk, None)
        if row is None:
            return
        last = self.size
        if row != last:
            moved = int(self.ids[last])
            self.matrix[row] = self.matrix[last]
            self.ids[row] = moved
            self.rows[moved] = row

    def _apply(self, rows: list) -> None:
        """Put the published rows' language-neutral vectors in the index, drop the others."""
        published = [
            (pk, language, data) for pk, status, language, data in rows if status == PUBLISHED
        ]
        for pk, status, _language, _data in rows:
            if status != PUBLISHED:
                self._drop(pk)
        if not published:
            return
        raw = np.stack([from_bytes(data) for _pk, _language, data in published])
        neutral = neutraliser()(raw, "passage", [language for _pk, language, _d in published])
        for (pk, _language, _data), vector in zip(published, neutral, strict=True):
            self._put(pk, vector)

    def refresh(self, token) -> None:
        started = timezone.now()
        self.model = embedder().name
        rows = InitiativeVector.objects.filter(model=self.model).order_by()
        if self.refreshed_at is None:
            rows = rows.filter(initiative__status=PUBLISHED)
        else:
            since = self.refreshed_at - REFRESH_MARGIN
            rows = rows.filter(Q(updated_at__gte=since) | Q(initiative__updated_at__gte=since))
        chunk: list = []
        for row in rows.values_list(
            "initiative_id", "initiative__status", "initiative__language", "vector"
        ).iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) == CHUNK:
                self._apply(chunk)
                chunk = []
        self._apply(chunk)
        if self.refreshed_at is not None:
            published = InitiativeVector.objects.filter(
                model=self.model, initiative__status=PUBLISHED
            ).count()
            if published != self.size:  # an initiative or its vector was deleted
                self._reset()
                return self.refresh(token)
        self.refreshed_at = started
        self.token = token

    def similarities(self, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(ids, cosine similarities) of every published initiative with a vector."""
        if not self.size:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return self.ids[: self.size], self.matrix[: self.size] @ vector

    def nearest(self, vector: np.ndarray, limit: int, floor: float = -1.0) -> list[tuple]:
        """Up to `limit` (id, similarity) pairs, most similar first, not below `floor`."""
        ids, scores = self.similarities(vector)
        chosen = np.flatnonzero(scores >= floor)
        if chosen.size > limit:
            chosen = chosen[np.argpartition(-scores[chosen], limit - 1)[:limit]]
        chosen = chosen[np.lexsort((ids[chosen], -scores[chosen]))]
        return [(int(ids[i]), float(scores[i])) for i in chosen]


_index = VectorIndex()


_version = Version(VERSION_KEY)


def invalidate() -> None:
    """Called whenever the data behind the index changes: every worker's index brings itself
    up to date on its next use (`wsis.core.versions`)."""
    _version.invalidate()


def current() -> VectorIndex:
    """This process's index of published vectors, up to date with every committed change."""
    return _version.up_to_date(_index)

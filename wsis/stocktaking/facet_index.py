"""Facet and activity-light counts from an in-process bitmap index of the published initiatives.

Counting the facets of a search that matches 10,000 initiatives row by row costs tens of
milliseconds (every initiative carries some thirty codes); here each code holds one bit per
initiative id, so the counts of all codes for any set of initiatives are one AND and one
popcount over a few megabytes, a few milliseconds whatever the set. The index also keeps, for
each initiative, the run of codes it carries; a set of a few thousand initiatives is counted from
those runs instead, in proportion to its size.

Every worker process keeps its own index and brings it up to date from the database when the
published set's version token (in the shared cache, replaced by `invalidate`) changes: it
re-reads the initiatives changed since its last refresh, and rebuilds from scratch when the
number of published initiatives no longer adds up (a deletion). Counts are therefore exact for
every request made after a change is committed.
"""

import threading
from datetime import datetime, timedelta

import numpy as np
from django.utils import timezone

from wsis.core.versions import Version
from wsis.stocktaking.choices import Status, StatusLight
from wsis.stocktaking.facets import FACETS
from wsis.stocktaking.models import AMBER_AFTER, RED_AFTER, Initiative

# Changes committed out of order (a transaction that began before the last refresh and ended
# after it) are caught by re-reading a margin before the last refresh.
REFRESH_MARGIN = timedelta(minutes=5)
# Capacity grows by this many ids at a time, so that a new initiative rarely reallocates.
GROWTH = 8192
CHUNK = 5000
VERSION_KEY = "stocktaking:published:version"
# Gathering and counting one code of a run costs about as much as ANDing and counting this many
# bytes of bitmap, in a request (bench/search.py): the bitmaps are read from memory, not cache.
RUN_COST = 32
NEVER = np.iinfo(np.int64).min


def _micros(moment: datetime) -> int:
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


class FacetIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.token = None
        self.refreshed_at: datetime | None = None
        self.codes: dict[str, int] = {}  # "facet:code" -> row of `bits`
        self.pairs: list[tuple[str, str]] = []  # row -> (facet, code)
        self.bits = np.zeros((0, 0), np.uint8)  # row -> ids carrying the code, packed
        self.published = np.zeros(0, bool)  # by id
        self.active_at = np.zeros(0, np.int64)  # by id, microseconds since the epoch
        # The code rows each id carries: rows[first[id] : first[id] + length[id]]. Replaced as a
        # whole on each change, so that a reader never pairs new offsets with old rows.
        self.runs = (np.zeros(0, np.int32), np.zeros(0, np.int64), np.zeros(0, np.int32))

    # Building and refreshing

    @property
    def capacity(self) -> int:
        return self.published.size

    def _grow(self, largest_id: int) -> None:
        """Room for ids up to `largest_id` and for every code named so far."""
        capacity = max(self.capacity, (largest_id // GROWTH + 1) * GROWTH)
        if capacity == self.capacity and len(self.pairs) == self.bits.shape[0]:
            return
        bits = np.zeros((len(self.pairs), capacity // 8), np.uint8)
        bits[: self.bits.shape[0], : self.bits.shape[1]] = self.bits
        self.bits = bits
        self.published = np.concatenate([self.published, np.zeros(capacity - self.capacity, bool)])
        self.active_at = np.concatenate(
            [self.active_at, np.full(capacity - self.active_at.size, NEVER, np.int64)]
        )

    def _row(self, pair: str) -> int:
        row = self.codes.get(pair)
        if row is None:
            row = self.codes[pair] = len(self.pairs)
            facet, _, code = pair.partition(":")
            self.pairs.append((facet, code))
        return row

    def _apply(self, rows: list) -> None:
        """Set the bits of `rows` (id, status, facet codes, active at), clearing what they had."""
        if not rows:
            return
        code_rows: list[int] = []
        code_ids: list[int] = []
        for pk, status, facet_codes, active_at in rows:
            if status == Status.PUBLISHED and active_at is not None:
                for pair in set(facet_codes.split()):
                    code_rows.append(self._row(pair))
                    code_ids.append(pk)
        self._grow(max(row[0] for row in rows))
        ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
        keep = np.full(self.bits.shape[1], 0xFF, np.uint8)
        np.bitwise_and.at(keep, ids >> 3, ~(np.uint8(1) << (ids & 7).astype(np.uint8)))
        self.bits &= keep
        self.published[ids] = False
        self.active_at[ids] = NEVER
        for pk, status, _codes, active_at in rows:
            if status == Status.PUBLISHED and active_at is not None:
                self.published[pk] = True
                self.active_at[pk] = _micros(active_at)
        rows_ = np.array(code_rows, np.int64)
        ids_ = np.array(code_ids, np.int64)
        if code_rows:
            flat = rows_ * self.bits.shape[1] + (ids_ >> 3)
            bit = np.uint8(1) << (ids_ & 7).astype(np.uint8)
            np.bitwise_or.at(self.bits.reshape(-1), flat, bit)
        self._set_runs(ids, ids_, rows_)

    def _set_runs(self, ids: np.ndarray, code_ids: np.ndarray, code_rows: np.ndarray) -> None:
        """The runs of `ids` replaced by their codes (`code_ids` grouped by id); the old runs
        are left as garbage, dropped once they outweigh the live ones."""
        carried, first, length = self.runs
        grown = np.zeros(self.capacity - first.size, np.int64)
        first = np.concatenate([first, grown])
        length = np.concatenate([length, grown.astype(np.int32)])
        length[ids] = 0
        with_codes, starts, counts = np.unique(code_ids, return_index=True, return_counts=True)
        first[with_codes] = carried.size + starts
        length[with_codes] = counts
        carried = np.concatenate([carried, code_rows.astype(np.int32)])
        if carried.size > 2 * int(length.sum()) + GROWTH:
            live = np.flatnonzero(length)
            carried = carried[_positions(first[live], length[live])]
            ends = np.cumsum(length[live])
            first[live] = ends - length[live]
        self.runs = (carried, first, length)

    def refresh(self, token) -> None:
        started = timezone.now()
        rows = Initiative.objects.order_by().values_list("pk", "status", "facet_codes", "active_at")
        if self.refreshed_at is None:
            rows = rows.filter(status=Status.PUBLISHED)
        else:
            rows = rows.filter(updated_at__gte=self.refreshed_at - REFRESH_MARGIN)
        chunk: list = []
        for row in rows.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) == CHUNK:
                self._apply(chunk)
                chunk = []
        self._apply(chunk)
        if self.refreshed_at is not None:
            published = Initiative.objects.filter(status=Status.PUBLISHED).count()
            if published != int(np.count_nonzero(self.published)):
                # An initiative left the published set without an update (it was deleted).
                self._reset()
                return self.refresh(token)
        self.refreshed_at = started
        self.token = token

    # Counting

    def _mask_of_ids(self, ids) -> np.ndarray:
        ids = np.asarray(ids, np.int64)
        mask = np.zeros(self.capacity, bool)
        mask[ids[(ids >= 0) & (ids < self.capacity)]] = True
        return mask

    def _mask_of_codes(self, facet: str, codes) -> np.ndarray:
        rows = [self.codes[f"{facet}:{code}"] for code in codes if f"{facet}:{code}" in self.codes]
        if not rows:
            return np.zeros(self.capacity, bool)
        packed = np.bitwise_or.reduce(self.bits[rows], axis=0)
        return np.unpackbits(packed, count=self.capacity, bitorder="little").view(bool)

    def lights(self, now: datetime) -> dict[str, np.ndarray]:
        green = self.active_at > _micros(now - AMBER_AFTER)
        red = (self.active_at <= _micros(now - RED_AFTER)) & self.published
        return {
            StatusLight.GREEN: green,
            StatusLight.AMBER: self.published & ~green & ~red,
            StatusLight.RED: red,
        }

    def _chosen(self, chosen: dict) -> np.ndarray:
        """The published initiatives carrying, for each facet in `chosen`, any of its codes."""
        mask = self.published.copy()
        for facet, codes in chosen.items():
            mask &= self._mask_of_codes(facet, codes)
        return mask

    def select(self, chosen: dict, lights_shown, now: datetime) -> "Selection":
        """The published initiatives carrying, for each facet in `chosen`, any of its codes,
        whose activity light is in `lights_shown`."""
        return Selection(self, chosen, lights_shown, now)

    def _totals(self, shown: np.ndarray) -> np.ndarray:
        """How many of the ids set in `shown` each code has. A sparse set is counted from the
        runs of codes its initiatives carry, in proportion to its size; a larger one over the
        bitmaps, 64 ids per operation, which reads every code's bitmap whatever the set."""
        ids = np.flatnonzero(shown)
        # Every published initiative carries a code at least (its language).
        if ids.size * RUN_COST < self.bits.size:
            carried, first, length = self.runs
            lengths = length[ids]
            if int(lengths.sum()) * RUN_COST < self.bits.size:
                positions = _positions(first[ids], lengths)
                return np.bincount(carried[positions], minlength=len(self.pairs))
        words = np.packbits(shown, bitorder="little").view(np.uint64)
        bits = self.bits.view(np.uint64)
        used = np.flatnonzero(words)
        if used.size < words.size // 2:
            words, bits = words[used], bits[:, used]
        return np.bitwise_count(bits & words).sum(axis=1, dtype=np.int64)


class Selection:
    """Initiatives chosen by facets and activity lights at one moment (`FacetIndex.select`):
    what a list keeps of its candidates and what it counts, the masks computed once."""

    def __init__(self, index: FacetIndex, chosen: dict, lights_shown, now: datetime):
        self.index = index
        self.chosen = index._chosen(chosen)
        self.lights = index.lights(now)
        self.shown = np.zeros(index.capacity, bool)
        for light in lights_shown:
            self.shown |= self.lights[light]
        self.shown &= self.chosen

    def keep(self, ids: list[int]) -> list[int]:
        """`ids` (in their order) of the selected initiatives."""
        capacity, shown = self.index.capacity, self.shown
        return [pk for pk in ids if pk < capacity and shown[pk]]

    def counts(self, ids=None) -> dict[str, dict[str, int]]:
        """Facet counts of the selected initiatives among `ids` (all of them when None), and
        the activity-light counts of those among `ids` that the facets choose."""
        mask = self.chosen
        if ids is not None:
            mask = mask & self.index._mask_of_ids(ids)
        totals = self.index._totals(mask & self.shown)
        result: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        rows = np.flatnonzero(totals)
        for row, total in zip(rows.tolist(), totals[rows].tolist(), strict=True):
            facet, code = self.index.pairs[row]
            result.setdefault(facet, {})[code] = total
        result["status_light"] = {
            light: int(np.count_nonzero(mask & self.lights[light])) for light in StatusLight.values
        }
        return result


def _positions(first: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions of the runs starting at `first`, of `lengths`, one after another."""
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if ends.size else 0
    return np.repeat(first - (ends - lengths), lengths) + np.arange(total)


_index = FacetIndex()


_version = Version(VERSION_KEY)


def invalidate() -> None:
    """Called whenever the data behind the index changes: every worker's index brings itself
    up to date on its next use (`wsis.core.versions`)."""
    _version.invalidate()


def current() -> FacetIndex:
    """This process's index, up to date with every committed change."""
    return _version.up_to_date(_index)

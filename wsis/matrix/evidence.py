"""The registry's evidence for the matrix: published initiatives tagged with both sides of a
cell, counted on the registry's own facet index (`stocktaking.facet_index`, the bitmaps behind
the list's facet counts), so that a count here is the list's count for the same filters.

Each count is one AND and one popcount over bitmaps of one bit per initiative: the whole heat
map (19 Action Lines × 191 SDG goals, targets and GDC objectives) takes milliseconds and no SQL
query, whatever the size of the registry (`bench/matrix.py`).
"""

from collections import Counter
from urllib.parse import urlencode

import numpy as np
from django.urls import reverse

from wsis.matrix.models import ALL_LIGHTS
from wsis.stocktaking import facet_index
from wsis.stocktaking.filters import published

SECOND_SIDES = ("sdg_goal", "sdg_target", "gdc_objective")


class Bitmaps:
    """The facet index's bitmaps by (facet, code), as 64-bit words of published initiatives."""

    def __init__(self):
        self.index = index = facet_index.current()
        self.capacity = index.capacity
        self.words = index.bits.view(np.uint64) if index.bits.size else index.bits
        self.rows = {pair: row for row, pair in enumerate(index.pairs)}

    def of(self, facet: str, code: str):
        row = self.rows.get((facet, code))
        return None if row is None else self.words[row]

    def count(self, *sides: tuple[str, str]) -> int:
        """Published initiatives carrying every one of the (facet, code) `sides`."""
        maps = [self.of(*side) for side in sides]
        if any(m is None for m in maps):
            return 0
        both = maps[0]
        for other in maps[1:]:
            both = both & other
        return int(np.bitwise_count(both).sum())


def pair_counts(bitmaps: Bitmaps | None = None) -> Counter:
    """(Action Line code, facet, code) → published initiatives tagged with both, for every SDG
    goal, SDG target and GDC objective. A C7 sub-line's initiatives count under C7 too, as in
    the registry's facets."""
    bitmaps = bitmaps or Bitmaps()
    lines = [(code, row) for (facet, code), row in bitmaps.rows.items() if facet == "action_line"]
    seconds = [(pair, row) for pair, row in bitmaps.rows.items() if pair[0] in SECOND_SIDES]
    counts: Counter = Counter()
    if not lines or not seconds:
        return counts
    second_words = bitmaps.words[[row for _pair, row in seconds]]
    for line, row in lines:
        totals = np.bitwise_count(second_words & bitmaps.words[row]).sum(axis=1)
        for (facet, code), total in zip((p for p, _r in seconds), totals.tolist(), strict=True):
            if total:
                counts[(line, facet, code)] = total
    return counts


def _sides(cell) -> list[tuple[str, str]]:
    sides = [("action_line", cell.action_line_code)]
    if cell.sdg_code:
        sides.append((cell.sdg_facet, cell.sdg_code))
    if cell.gdc_code:
        sides.append(("gdc_objective", cell.gdc_code))
    return sides


def cell_counts(cells, bitmaps: Bitmaps | None = None) -> dict[int, int]:
    """Cell id → published initiatives tagged with every side of the cell."""
    bitmaps = bitmaps or Bitmaps()
    return {cell.pk: bitmaps.count(*_sides(cell)) for cell in cells}


def outside_ids(cells, bitmaps: Bitmaps | None = None) -> list[int]:
    """Ids of the published initiatives whose tags match no cell (no cell names one of their
    Action Lines with one of their SDG goals or targets, and GDC objective where the cell has
    one), newest first."""
    bitmaps = bitmaps or Bitmaps()
    index = bitmaps.index  # the same version of the index as the counts
    matched = np.zeros(bitmaps.words.shape[1] if bitmaps.words.ndim == 2 else 0, np.uint64)
    for cell in cells:
        maps = [bitmaps.of(*side) for side in _sides(cell)]
        if all(m is not None for m in maps):
            both = maps[0]
            for other in maps[1:]:
                both = both & other
            matched |= both
    matched_ids = np.unpackbits(
        matched.view(np.uint8), count=index.capacity, bitorder="little"
    ).view(bool)
    outside = np.flatnonzero(index.published[: index.capacity] & ~matched_ids)
    return outside[::-1].tolist()


def outside_initiatives(ids: list[int], shown: int):
    """The first `shown` of those initiatives, as rows of the registry."""
    return published().filter(pk__in=ids[:shown]).order_by("-pk").only("pk", "title")


def registry_url(params: dict) -> str:
    """The registry's list page with these filters: the drill-down of a count."""
    return f"{reverse('stocktaking:list')}?{urlencode(params, doseq=True)}"


def registry_api_url(params: dict) -> str:
    return f"/api/v1/initiatives?{urlencode(params, doseq=True)}"


def pair_filters(line_code: str, facet: str, code: str) -> dict:
    return {"action_line": [line_code], facet: [code]} | ALL_LIGHTS

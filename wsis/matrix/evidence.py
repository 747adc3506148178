"""The registry's evidence for the matrix: published initiatives tagged with both sides of a
cell, counted over the registry's facet rows (the rows its list filters on) in a fixed number
of queries whatever the number of cells or initiatives."""

from collections import Counter
from urllib.parse import urlencode

from django.db import connection
from django.db.models.expressions import RawSQL
from django.urls import reverse

from wsis.matrix.models import ALL_LIGHTS, MatrixCell
from wsis.stocktaking.filters import published
from wsis.stocktaking.models import Facet

SECOND_SIDES = ("sdg_goal", "sdg_target", "gdc_objective")


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(facet=Facet._meta.db_table), params)
        return cursor.fetchall()


def pair_counts() -> Counter:
    """(Action Line code, facet, code) → published initiatives tagged with both, for every SDG
    goal, SDG target and GDC objective: one query. A C7 sub-line's initiatives count under C7
    too, as in the registry's facets."""
    rows = _rows(
        "SELECT a.code, b.facet, b.code, COUNT(*) FROM {facet} a "
        "JOIN {facet} b ON b.initiative_id = a.initiative_id "
        "WHERE a.facet = 'action_line' AND b.facet IN (%s, %s, %s) "
        "GROUP BY a.code, b.facet, b.code",
        SECOND_SIDES,
    )
    return Counter({(line, facet, code): count for line, facet, code, count in rows})


def triple_counts() -> Counter:
    """(Action Line, SDG facet, SDG code, GDC objective) → initiatives tagged with all three:
    one query, for the cells that name both an SDG side and a GDC objective."""
    rows = _rows(
        "SELECT a.code, b.facet, b.code, c.code, COUNT(*) FROM {facet} a "
        "JOIN {facet} b ON b.initiative_id = a.initiative_id "
        "JOIN {facet} c ON c.initiative_id = a.initiative_id "
        "WHERE a.facet = 'action_line' AND b.facet IN (%s, %s) AND c.facet = %s "
        "GROUP BY a.code, b.facet, b.code, c.code",
        SECOND_SIDES,
    )
    return Counter({tuple(row[:4]): row[4] for row in rows})


def cell_counts(cells, pairs: Counter | None = None) -> dict[int, int]:
    """Cell id → published initiatives tagged with every side of the cell."""
    pairs = pair_counts() if pairs is None else pairs
    triples = triple_counts() if any(c.sdg_code and c.gdc_code for c in cells) else Counter()
    counts = {}
    for cell in cells:
        line = cell.action_line_code
        if cell.sdg_code and cell.gdc_code:
            counts[cell.pk] = triples[(line, cell.sdg_facet, cell.sdg_code, cell.gdc_code)]
        elif cell.sdg_code:
            counts[cell.pk] = pairs[(line, cell.sdg_facet, cell.sdg_code)]
        else:
            counts[cell.pk] = pairs[(line, "gdc_objective", cell.gdc_code)]
    return counts


def registry_url(params: dict) -> str:
    """The registry's list page with these filters: the drill-down of a count."""
    return f"{reverse('stocktaking:list')}?{urlencode(params, doseq=True)}"


def registry_api_url(params: dict) -> str:
    return f"/api/v1/initiatives?{urlencode(params, doseq=True)}"


def pair_filters(line_code: str, facet: str, code: str) -> dict:
    return {"action_line": [line_code], facet: [code]} | ALL_LIGHTS


_MATCHED = (
    "SELECT a.initiative_id FROM {facet} a JOIN {cell} c "
    "ON a.facet = 'action_line' AND a.code = c.action_line_code "
    "WHERE (c.sdg_code = '' OR EXISTS (SELECT 1 FROM {facet} b WHERE "
    "b.initiative_id = a.initiative_id AND b.facet = c.sdg_facet AND b.code = c.sdg_code)) "
    "AND (c.gdc_code = '' OR EXISTS (SELECT 1 FROM {facet} g WHERE "
    "g.initiative_id = a.initiative_id AND g.facet = 'gdc_objective' AND g.code = c.gdc_code))"
)


def initiatives_outside_matrix():
    """Published initiatives whose tags match no cell: no cell names one of their Action Lines
    together with one of their SDG goals or targets (and GDC objective, where the cell has one)."""
    matched = _MATCHED.format(facet=Facet._meta.db_table, cell=MatrixCell._meta.db_table)
    # No user input in `matched`: table names come from the models.
    outside = published().exclude(pk__in=RawSQL(matched, ()))  # noqa: S611
    return outside.order_by("-published_at", "-pk")

"""Gap analysis: connectivity set against the registry, per country or ITU region.

For each area, the latest Internet use (`internet_use`) beside the number of published
initiatives registered for it in each Action Line, read from the registry's facet index (the
same bits that count the list's facets), so that a cell equals the count of the registry's list
filtered by that area and line with every activity light. An area is a gap for a line when its
Internet use is below the threshold (the world's latest figure by default) and it has at most
`few` initiatives in that line. Counting is a few popcounts over bitmaps: a constant number of
queries and a few milliseconds whatever the size of the registry.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wsis.core.i18n import translated
from wsis.indicators.choices import AreaType, ValueState
from wsis.indicators.series import latest_by_area
from wsis.stocktaking import facet_index
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine, Country, Region

CONNECTIVITY = "internet_use"
AREAS = {"country": (AreaType.COUNTRY, Country), "region": (AreaType.REGION, Region)}
DEFAULT_LINE = "C2"
DEFAULT_FEW = 1


@dataclass
class GapRow:
    code: str
    name: str
    region: str
    numeric: str
    internet_use: Decimal | None
    year: int | None
    state: str  # reported, no_data, or "" when there is no row at all
    counts: dict[str, int]
    total: int
    is_gap: bool


@dataclass
class GapAnalysis:
    area: str
    line: str
    lines: list[str]
    threshold: Decimal | None
    threshold_year: int | None
    few: int
    rows: list[GapRow]


def action_lines() -> list[str]:
    """The eleven Action Lines (a C7 sub-line's initiatives count under C7)."""
    return [line.code for line in memo.vocabulary(ActionLine).entries if line.parent_id is None]


def cross_counts(facet: str, codes: list[str], lines: list[str]) -> tuple[dict, dict]:
    """Published initiatives per (code of `facet`, Action Line), and per code in all."""
    index = facet_index.current()
    bits, published, rows_of = index.bits, index.published, index.codes
    packed = np.packbits(published, bitorder="little")[: bits.shape[1]]
    present = [code for code in codes if f"{facet}:{code}" in rows_of]
    counts = {code: dict.fromkeys(lines, 0) for code in codes}
    totals = dict.fromkeys(codes, 0)
    if not present or not bits.size:
        return counts, totals
    areas = bits[[rows_of[f"{facet}:{code}"] for code in present]] & packed
    words = areas.view(np.uint64)
    for code, total in zip(present, np.bitwise_count(words).sum(axis=1).tolist(), strict=True):
        totals[code] = total
    for line in lines:
        row = rows_of.get(f"action_line:{line}")
        if row is None:
            continue
        line_words = bits[row].view(np.uint64)
        found = np.bitwise_count(words & line_words).sum(axis=1).tolist()
        for code, count in zip(present, found, strict=True):
            counts[code][line] = count
    return counts, totals


def analyse(
    area: str = "country",
    line: str = DEFAULT_LINE,
    threshold: Decimal | None = None,
    few: int = DEFAULT_FEW,
    language: str | None = None,
) -> GapAnalysis:
    """The table of the gap page and API; `area` and `line` are checked by the caller."""
    area_type, model = AREAS[area]
    lines = action_lines()
    entries = memo.vocabulary(model).entries
    codes = [entry.code for entry in entries]
    counts, totals = cross_counts(area, codes, lines)
    latest = latest_by_area(CONNECTIVITY, area_type)
    threshold_year = None
    if threshold is None:
        world = latest_by_area(CONNECTIVITY, AreaType.WORLD).get("WLD")
        if world is not None and world.has_value:
            threshold, threshold_year = world.value, world.year
    regions = memo.vocabulary(Region).by_pk
    rows = []
    for entry in entries:
        observation = latest.get(entry.code)
        value = observation.value if observation is not None and observation.has_value else None
        rows.append(
            GapRow(
                code=entry.code,
                name=translated(entry.name, language),
                region=regions[entry.itu_region_id].code if area == "country" else "",
                numeric=getattr(entry, "numeric", ""),
                internet_use=value,
                year=observation.year if observation is not None else None,
                state=observation.state if observation is not None else "",
                counts=counts[entry.code],
                total=totals[entry.code],
                is_gap=value is not None
                and threshold is not None
                and value < threshold
                and counts[entry.code][line] <= few,
            )
        )
    # Gaps first, then by Internet use (lowest first), areas without a figure last; the
    # vocabulary's order (by name) within each.
    rows.sort(key=lambda row: (not row.is_gap, row.internet_use is None, row.internet_use or 0))
    return GapAnalysis(area, line, lines, threshold, threshold_year, few, rows)


EXPORT_COLUMNS = [
    "area",
    "code",
    "name",
    "itu_region",
    "internet_use",
    "internet_use_year",
    "internet_use_state",
    "initiatives",
]


def export_rows(analysis: GapAnalysis):
    """The table as flat records (the registry's CSV and XLSX writers take them)."""
    for row in analysis.rows:
        yield {
            "area": analysis.area,
            "code": row.code,
            "name": row.name,
            "itu_region": row.region,
            "internet_use": float(row.internet_use) if row.internet_use is not None else "",
            "internet_use_year": row.year or "",
            "internet_use_state": row.state or ValueState.NO_DATA,
            "initiatives": row.total,
            **row.counts,
            "gap": f"gap:{analysis.line}" if row.is_gap else "",
        }


def export_columns(analysis: GapAnalysis) -> list[str]:
    return [*EXPORT_COLUMNS, *analysis.lines, "gap"]


def options_from(params) -> dict:
    """The gap analysis's options from query parameters, each checked; ValidationError names
    the parameter and the reason."""
    errors, options = {}, {}
    area = params.get("area") or "country"
    if area not in AREAS:
        errors["area"] = [_("Choose country or region.")]
    else:
        options["area"] = area
    line = params.get("line") or DEFAULT_LINE
    if line not in action_lines():
        errors["line"] = [_("Unknown Action Line “{code}”.").format(code=line)]
    else:
        options["line"] = line
    threshold = params.get("threshold")
    if threshold:
        try:
            options["threshold"] = Decimal(threshold)
            if not 0 <= options["threshold"] <= 100:
                raise InvalidOperation
        except InvalidOperation:
            errors["threshold"] = [_("A percentage from 0 to 100, please.")]
            options.pop("threshold", None)
    few = params.get("few")
    if few:
        if few.isdigit():
            options["few"] = int(few)
        else:
            errors["few"] = [_("A whole number of initiatives, please.")]
    if errors:
        raise ValidationError(errors)
    return options

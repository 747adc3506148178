"""Reading observations: the latest figure of an indicator per area, a country's figures."""

from wsis.core.i18n import translated
from wsis.indicators.choices import AreaType, IncomeGroup, Location, Sex, ValueState
from wsis.indicators.models import Observation
from wsis.taxonomy import memo
from wsis.taxonomy.models import Country, CountryGroup, Region


def latest_by_area(indicator_code: str, area_type: str) -> dict[str, Observation]:
    """The latest reported figure (totals, all ages) of an indicator for each area of a type,
    in one query. An area whose rows all say "no data" gets its latest such row, so that the
    page can say "no data" rather than show nothing or a zero."""
    rows = (
        Observation.objects.filter(
            indicator__code=indicator_code,
            area_type=area_type,
            sex=Sex.TOTAL,
            location=Location.TOTAL,
            age="",
        )
        .order_by("area_code", "year")
        .only("area_code", "year", "value", "state", "qualifier", "source")
    )
    latest: dict[str, Observation] = {}
    for row in rows:
        kept = latest.get(row.area_code)
        # Reported beats "no data"; among equals the later year wins (rows come by year).
        if kept is None or row.has_value or not kept.has_value:
            latest[row.area_code] = row
    return latest


def series_of(
    indicator,
    area_type: str = AreaType.WORLD,
    area_code: str = "WLD",
    sex: str = Sex.TOTAL,
    location: str = Location.TOTAL,
    age: str = "",
) -> list[Observation]:
    """One series (an indicator for an area and a breakdown), oldest first, "no data" years
    included: what a roadmap target set on an indicator reads its baseline and progress from
    (the latest reported value is the last row with `has_value`)."""
    return list(
        Observation.objects.filter(
            indicator=indicator,
            area_type=area_type,
            area_code=area_code,
            sex=sex,
            location=location,
            age=age,
        ).order_by("year")
    )


def for_country(country) -> list[Observation]:
    """Every figure of a country, by indicator, breakdown and year, in one query."""
    return list(
        Observation.objects.filter(country=country)
        .select_related("indicator")
        .order_by("indicator__position", "indicator__code", "sex", "location", "age", "year")
    )


MISSING = "missing"


def chart_series(observations) -> dict:
    """Series for a line chart: one per area and breakdown, a value per year; a "no data" year
    is null (a gap in the line), never zero."""
    years = sorted({o.year for o in observations})
    series: dict[tuple, dict[int, float | None]] = {}
    for o in observations:
        key = (o.area_type, o.area_code, o.sex, o.location, o.age)
        series.setdefault(key, {})[o.year] = (
            float(o.value) if o.state == ValueState.REPORTED else None
        )
    return {
        "years": years,
        "series": [
            # Years this series has no row for are left out (not gaps): only a "no data" row
            # is a gap, drawn as a break in the line.
            {"key": list(key), "values": [values.get(year, MISSING) for year in years]}
            for key, values in series.items()
        ],
    }


def area_name(area_type: str, code: str, language: str | None = None) -> str:
    """An area's name in the reader's language (vocabularies are held in memory)."""
    if area_type == AreaType.WORLD:
        return str(AreaType.WORLD.label)
    if area_type == AreaType.INCOME_GROUP:
        return str(IncomeGroup(code).label) if code in IncomeGroup.values else code
    model = {
        AreaType.COUNTRY: Country,
        AreaType.REGION: Region,
        AreaType.COUNTRY_GROUP: CountryGroup,
    }[area_type]
    entry = memo.vocabulary(model).by("code").get(code)
    return translated(entry.name, language) if entry is not None else code

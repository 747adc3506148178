"""Public pages: the indicators and global targets, one indicator's series, a country's
figures beside its initiatives, and the gap analysis. Thin: reading lives in `series` and
`gap`, the registry's list in `stocktaking.listing`."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wsis.indicators import gap, series
from wsis.indicators.choices import AreaType, Framework, Location, Sex
from wsis.indicators.models import GlobalTarget, Indicator, Observation
from wsis.stocktaking import listing
from wsis.stocktaking.choices import StatusLight
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine, Country

ALL_LIGHTS = StatusLight.values
COUNTRY_PAGE_SIZE = 10


class IndicatorListView(TemplateView):
    template_name = "indicators/list.html"

    def get_context_data(self, **kwargs):
        indicators = list(Indicator.objects.all())
        world = {}
        # The world's total (both sexes, all areas); all ages if given, else the one age group
        # the figure is for ("10+" for mobile phones).
        for row in Observation.objects.filter(
            area_type=AreaType.WORLD, sex=Sex.TOTAL, location=Location.TOTAL
        ).order_by("year", "-age"):
            if row.has_value or row.indicator_id not in world:
                world[row.indicator_id] = row
        targets = list(GlobalTarget.objects.all())
        return super().get_context_data(
            indicators=[(indicator, world.get(indicator.pk)) for indicator in indicators],
            frameworks=[
                (label, [t for t in targets if t.framework == value])
                for value, label in Framework.choices
            ],
            **kwargs,
        )


class IndicatorDetailView(TemplateView):
    template_name = "indicators/detail.html"

    def get_context_data(self, code: str, **kwargs):
        indicator = get_object_or_404(Indicator, code=code)
        observations = list(
            indicator.observations.exclude(area_type=AreaType.COUNTRY).order_by(
                "area_type", "area_code", "sex", "location", "age", "year"
            )
        )
        countries = indicator.observations.filter(area_type=AreaType.COUNTRY).count()
        for observation in observations:
            observation.area_name = series.area_name(observation.area_type, observation.area_code)
        chart = series.chart_series(observations)
        for line in chart["series"]:
            area_type, area_code, sex, location, age = line["key"]
            parts = [series.area_name(area_type, area_code)]
            parts += [str(Sex(sex).label)] if sex != Sex.TOTAL else []
            parts += [str(Location(location).label)] if location != Location.TOTAL else []
            parts += [age] if age else []
            line["name"] = " · ".join(parts)
        return super().get_context_data(
            indicator=indicator,
            observations=observations,
            country_count=countries,
            chart=chart,
            **kwargs,
        )


class CountryView(TemplateView):
    """A country's figures beside the published initiatives registered for it (the registry's
    own list, filtered by the country, every activity light)."""

    template_name = "indicators/country.html"

    def get_context_data(self, code: str, **kwargs):
        country = memo.vocabulary(Country).by("code").get(code.upper())
        if country is None:
            raise Http404
        try:
            page_number = max(1, int(self.request.GET.get("page", 1)))
        except ValueError:
            page_number = 1
        params = {"country": [country.code], "status_light": ALL_LIGHTS}
        page = listing.list_initiatives(params, page=page_number, page_size=COUNTRY_PAGE_SIZE)
        lines = memo.vocabulary(ActionLine).entries
        by_line = page.facets.get("action_line", {})
        return super().get_context_data(
            country=country,
            observations=series.for_country(country),
            page=page,
            has_next=page.page * page.page_size < page.count,
            line_counts=[(line, by_line.get(line.code, 0)) for line in lines if not line.parent_id],
            all_lights=ALL_LIGHTS,
            **kwargs,
        )


class GapView(TemplateView):
    template_name = "indicators/gap.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            options = gap.options_from(self.request.GET)
        except ValidationError as error:
            options, context["errors"] = {}, error.message_dict
        analysis = gap.analyse(**options)
        context.update(
            analysis=analysis,
            lines=[
                line for line in memo.vocabulary(ActionLine).entries if line.code in analysis.lines
            ],
            map_data=[
                {
                    "numeric": row.numeric,
                    "code": row.code,
                    "name": row.name,
                    "internet_use": float(row.internet_use)
                    if row.internet_use is not None
                    else None,
                    "count": row.counts[analysis.line],
                    "gap": row.is_gap,
                }
                for row in analysis.rows
            ],
            table=_table(analysis),
            gap_label=_("gap"),
            no_data_label=_("No data"),
            gap_count=sum(row.is_gap for row in analysis.rows),
            threshold_text=(
                format(analysis.threshold.normalize(), "f")
                if analysis.threshold is not None
                else ""
            ),
            all_lights=ALL_LIGHTS,
        )
        return context


def _table(analysis: gap.GapAnalysis) -> list[tuple]:
    """Each row with the address of its country's page and its cells, each count linked to the
    registry's list for the pair: written here as HTML once (counts are integers, codes come
    from the vocabularies) rather than by template tags per cell, a fifth of the page's time
    for the 2,739 cells of the countries."""
    registry = reverse("stocktaking:list")
    lights = "".join(f"&amp;status_light={light}" for light in ALL_LIGHTS)
    country = reverse("indicators:country", args=["XX"]).removesuffix("XX/")
    table = []
    for row in analysis.rows:
        code = escape(row.code)
        prefix = f"{registry}?{analysis.area}={code}{lights}&amp;action_line="
        cells = "".join(
            f'<td class="text-center{" table-primary" if line == analysis.line else ""}">'
            + (f'<a href="{prefix}{escape(line)}">{count:d}</a>' if count else "0")
            + "</td>"
            for line, count in row.counts.items()
        )
        page = f"{country}{code}/" if analysis.area == "country" else ""
        table.append((row, page, mark_safe(cells)))  # noqa: S308 - built from escaped codes
    return table

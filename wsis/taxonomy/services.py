"""Read access to the vocabularies for pages and the API.

Each function returns a queryset that fetches everything its page or endpoint shows in a fixed
number of queries, however many rows there are.
"""

from django.db.models import Prefetch

from wsis.taxonomy import models


def action_lines():
    """The 11 Action Lines with their C7 sub-lines."""
    return models.ActionLine.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("sub_lines", queryset=models.ActionLine.objects.order_by("position"))
    )


def prize_categories():
    return models.PrizeCategory.objects.select_related("action_line")


def sdg_goals(with_targets: bool = False):
    goals = models.SDGGoal.objects.all()
    if with_targets:
        goals = goals.prefetch_related(
            Prefetch("targets", queryset=models.SDGTarget.objects.prefetch_related("indicators"))
        )
    return goals


def sdg_targets(goal: int | None = None):
    targets = models.SDGTarget.objects.select_related("goal")
    return targets.filter(goal__number=goal) if goal else targets


def sdg_indicators(goal: int | None = None):
    indicators = models.SDGIndicator.objects.select_related("target__goal")
    return indicators.filter(target__goal__number=goal) if goal else indicators


def countries(region: str | None = None, group: str | None = None):
    queryset = models.Country.objects.select_related("itu_region").prefetch_related("groups")
    if region:
        queryset = queryset.filter(itu_region__code=region)
    if group:
        queryset = queryset.filter(groups__code=group)
    return queryset


def vocabulary_counts() -> dict[str, int]:
    """How many entries each vocabulary holds, for the home page and health pages."""
    return {
        "action_lines": models.ActionLine.objects.filter(parent__isnull=True).count(),
        "prize_categories": models.PrizeCategory.objects.count(),
        "sdg_goals": models.SDGGoal.objects.count(),
        "sdg_targets": models.SDGTarget.objects.count(),
        "sdg_indicators": models.SDGIndicator.objects.count(),
        "gdc_objectives": models.GDCObjective.objects.count(),
        "countries": models.Country.objects.count(),
    }

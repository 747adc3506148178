"""The facet rows of published initiatives (counted by `facet_index`)."""

from wsis.stocktaking.models import Facet, Initiative
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine, Country, CountryGroup, Region

FACETS = (
    "action_line",
    "sdg_goal",
    "sdg_target",
    "gdc_objective",
    "stakeholder_type",
    "region",
    "country",
    "country_group",
    "target_group",
    "language",
    "start_year",
    "work_state",
)


def country_groups() -> dict[int, list[str]]:
    """Country id -> codes of its groups (LDC, LLDC, SIDS), one query."""
    groups = {group.pk: group.code for group in memo.vocabulary(CountryGroup).entries}
    found: dict[int, list[str]] = {}
    through = Country.groups.through.objects.values_list("country_id", "countrygroup_id")
    for country_id, group_id in through:
        found.setdefault(country_id, []).append(groups[group_id])
    return found


def facet_pairs(
    *,
    language,
    start_date,
    work_state,
    stakeholder_type,
    action_lines,
    goals,
    targets,
    objectives,
    target_groups,
    regions,
    countries,
    groups_of,
) -> set:
    """The (facet, code) pairs of an initiative from its vocabulary entries: a C7 sub-line
    counts under C7 too, a country under its ITU region and its country groups."""
    lines = memo.vocabulary(ActionLine).by_pk
    region_of = memo.vocabulary(Region).by_pk
    rows: set[tuple[str, str]] = set()
    for line in action_lines:
        rows.add(("action_line", line.code))
        if line.parent_id:
            rows.add(("action_line", lines[line.parent_id].code))
    rows |= {("sdg_goal", str(goal.number)) for goal in goals}
    rows |= {("sdg_target", target.code) for target in targets}
    rows |= {("gdc_objective", obj.code) for obj in objectives}
    rows |= {("target_group", group.code) for group in target_groups}
    rows |= {("region", region.code) for region in regions}
    for country in countries:
        rows.add(("country", country.code))
        rows.add(("region", region_of[country.itu_region_id].code))
        rows |= {("country_group", code) for code in groups_of.get(country.pk, ())}
    if stakeholder_type is not None:
        rows.add(("stakeholder_type", stakeholder_type.code))
    rows.add(("language", language))
    if start_date:
        rows.add(("start_year", str(start_date.year)))
    if work_state:
        rows.add(("work_state", work_state))
    return rows


def facet_rows(initiative: Initiative) -> set[tuple[str, str]]:
    return facet_pairs(
        language=initiative.language,
        start_date=initiative.start_date,
        work_state=initiative.work_state,
        stakeholder_type=initiative.stakeholder_type,
        action_lines=initiative.action_lines.all(),
        goals=initiative.sdg_goals.all(),
        targets=initiative.sdg_targets.all(),
        objectives=initiative.gdc_objectives.all(),
        target_groups=initiative.target_groups.all(),
        regions=initiative.regions.all(),
        countries=initiative.countries.all(),
        groups_of=country_groups(),
    )


def rebuild(initiative: Initiative) -> None:
    Facet.objects.filter(initiative=initiative).delete()
    rows = facet_rows(initiative) if initiative.is_published else set()
    Facet.objects.bulk_create(Facet(initiative=initiative, facet=f, code=c) for f, c in rows)
    codes = encode(rows)
    Initiative.objects.filter(pk=initiative.pk).update(facet_codes=codes)
    initiative.facet_codes = codes


def encode(rows) -> str:
    return " ".join(sorted(f"{facet}:{code}" for facet, code in rows))

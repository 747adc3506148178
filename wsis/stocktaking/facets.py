"""The facet rows of published initiatives (counted by `facet_index`)."""

from wsis.stocktaking.models import Facet, Initiative

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


def facet_rows(initiative: Initiative) -> set[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()
    for line in initiative.action_lines.select_related("parent"):
        rows.add(("action_line", line.code))
        if line.parent_id:
            rows.add(("action_line", line.parent.code))  # a C7 sub-line counts under C7 too
    rows |= {("sdg_goal", str(goal.number)) for goal in initiative.sdg_goals.all()}
    rows |= {("sdg_target", target.code) for target in initiative.sdg_targets.all()}
    rows |= {("gdc_objective", obj.code) for obj in initiative.gdc_objectives.all()}
    rows |= {("target_group", group.code) for group in initiative.target_groups.all()}
    rows |= {("region", region.code) for region in initiative.regions.all()}
    for country in initiative.countries.select_related("itu_region").prefetch_related("groups"):
        rows.add(("country", country.code))
        rows.add(("region", country.itu_region.code))
        rows |= {("country_group", group.code) for group in country.groups.all()}
    if initiative.stakeholder_type_id:
        rows.add(("stakeholder_type", initiative.stakeholder_type.code))
    rows.add(("language", initiative.language))
    if initiative.start_date:
        rows.add(("start_year", str(initiative.start_date.year)))
    if initiative.work_state:
        rows.add(("work_state", initiative.work_state))
    return rows


def rebuild(initiative: Initiative) -> None:
    Facet.objects.filter(initiative=initiative).delete()
    rows = facet_rows(initiative) if initiative.is_published else set()
    Facet.objects.bulk_create(Facet(initiative=initiative, facet=f, code=c) for f, c in rows)
    codes = encode(rows)
    Initiative.objects.filter(pk=initiative.pk).update(facet_codes=codes)
    initiative.facet_codes = codes


def encode(rows) -> str:
    return " ".join(sorted(f"{facet}:{code}" for facet, code in rows))

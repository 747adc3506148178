"""Read-only endpoints for the vocabularies, under /api/v1/taxonomy/."""

from ninja import Query, Router, Schema

from wsis.api.language import LanguageQuery, answer_language
from wsis.api.schemas import READ_ERRORS
from wsis.core.i18n import translated
from wsis.taxonomy import services

router = Router(tags=["vocabularies"])


class Entry(Schema):
    code: str
    name: str


class SubLine(Entry):
    lead_facilitator: str


class ActionLineOut(Entry):
    lead_facilitator: str
    names: dict[str, str]
    sub_lines: list[SubLine]


class PrizeCategoryOut(Entry):
    action_line: str


class GoalOut(Entry):
    number: int
    short_name: str


class TargetOut(Entry):
    goal: str


class IndicatorOut(Entry):
    target: str
    goal: str
    note: str


class GDCObjectiveOut(Entry):
    number: int
    source: str
    verified: bool


class RegionOut(Entry):
    office: str


class CountryOut(Entry):
    alpha3: str
    numeric: str
    itu_region: str
    m49_region: str
    m49_subregion: str
    groups: list[str]


@router.get(
    "/action-lines",
    response={200: list[ActionLineOut], **READ_ERRORS},
    summary="WSIS Action Lines C1–C11",
)
def action_lines(request, query: Query[LanguageQuery]):
    lang = answer_language(request, query.lang)
    return [
        {
            "code": line.code,
            "name": translated(line.name, lang),
            "names": line.name,
            "lead_facilitator": line.lead_facilitator,
            "sub_lines": [
                {
                    "code": sub.code,
                    "name": translated(sub.name, lang),
                    "lead_facilitator": sub.lead_facilitator,
                }
                for sub in line.sub_lines.all()
            ],
        }
        for line in services.action_lines()
    ]


@router.get(
    "/prize-categories",
    response={200: list[PrizeCategoryOut], **READ_ERRORS},
    summary="WSIS Prizes categories",
)
def prize_categories(request, query: Query[LanguageQuery]):
    lang = answer_language(request, query.lang)
    return [
        {"code": c.code, "name": translated(c.name, lang), "action_line": c.action_line.code}
        for c in services.prize_categories()
    ]


@router.get(
    "/sdg/goals",
    response={200: list[GoalOut], **READ_ERRORS},
    summary="The 17 Sustainable Development Goals",
)
def sdg_goals(request, query: Query[LanguageQuery]):
    lang = answer_language(request, query.lang)
    return [
        {
            "code": g.code,
            "number": g.number,
            "name": translated(g.title, lang),
            "short_name": translated(g.short, lang),
        }
        for g in services.sdg_goals()
    ]


class GoalQuery(LanguageQuery):
    goal: int | None = None


@router.get(
    "/sdg/targets", response={200: list[TargetOut], **READ_ERRORS}, summary="The 169 SDG targets"
)
def sdg_targets(request, query: Query[GoalQuery]):
    lang = answer_language(request, query.lang)
    return [
        {"code": t.code, "goal": t.goal.code, "name": translated(t.text, lang)}
        for t in services.sdg_targets(goal=query.goal)
    ]


@router.get(
    "/sdg/indicators", response={200: list[IndicatorOut], **READ_ERRORS}, summary="SDG indicators"
)
def sdg_indicators(request, query: Query[GoalQuery]):
    lang = answer_language(request, query.lang)
    return [
        {
            "code": i.code,
            "target": i.target.code,
            "goal": i.target.goal.code,
            "name": translated(i.text, lang),
            "note": i.note,
        }
        for i in services.sdg_indicators(goal=query.goal)
    ]


@router.get(
    "/gdc-objectives",
    response={200: list[GDCObjectiveOut], **READ_ERRORS},
    summary="Global Digital Compact objectives",
)
def gdc_objectives(request, query: Query[LanguageQuery]):
    lang = answer_language(request, query.lang)
    return [
        {
            "code": o.code,
            "number": o.number,
            "name": translated(o.name, lang),
            "source": o.source,
            "verified": o.is_verified,
        }
        for o in services.models.GDCObjective.objects.all()
    ]


def _entries(queryset, lang):
    return [{"code": e.code, "name": translated(e.name, lang)} for e in queryset]


@router.get(
    "/stakeholder-types", response={200: list[Entry], **READ_ERRORS}, summary="Stakeholder types"
)
def stakeholder_types(request, query: Query[LanguageQuery]):
    return _entries(
        services.models.StakeholderType.objects.all(), answer_language(request, query.lang)
    )


@router.get("/target-groups", response={200: list[Entry], **READ_ERRORS}, summary="Target groups")
def target_groups(request, query: Query[LanguageQuery]):
    return _entries(services.models.TargetGroup.objects.all(), answer_language(request, query.lang))


@router.get(
    "/country-groups",
    response={200: list[Entry], **READ_ERRORS},
    summary="Country groups (LDC, LLDC, SIDS)",
)
def country_groups(request, query: Query[LanguageQuery]):
    return _entries(
        services.models.CountryGroup.objects.all(), answer_language(request, query.lang)
    )


@router.get("/regions", response={200: list[RegionOut], **READ_ERRORS}, summary="ITU regions")
def regions(request, query: Query[LanguageQuery]):
    lang = answer_language(request, query.lang)
    return [
        {"code": r.code, "name": translated(r.name, lang), "office": translated(r.office, lang)}
        for r in services.models.Region.objects.all()
    ]


class CountryQuery(LanguageQuery):
    region: str | None = None
    group: str | None = None


@router.get(
    "/countries",
    response={200: list[CountryOut], **READ_ERRORS},
    summary="Countries and territories (ISO 3166-1)",
)
def countries(request, query: Query[CountryQuery]):
    lang = answer_language(request, query.lang)
    return [
        {
            "code": c.code,
            "alpha3": c.alpha3,
            "numeric": c.numeric,
            "name": translated(c.name, lang),
            "itu_region": c.itu_region.code,
            "m49_region": c.m49_region,
            "m49_subregion": c.m49_subregion,
            "groups": [g.code for g in c.groups.all()],
        }
        for c in services.countries(region=query.region, group=query.group)
    ]

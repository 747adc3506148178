"""The registry over HTTP: `/api/v1/initiatives`. Thin: every rule is in services and filters."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from wsis.api.auth import OPTIONAL_AUTH_OPENAPI, optional_auth, token_or_session
from wsis.api.language import Language, answer_language
from wsis.api.ratelimit import limit
from wsis.api.renderers import rendered
from wsis.api.schemas import READ_ERRORS, WRITE_ERRORS, MessageOut
from wsis.core.i18n import data_language, translated
from wsis.stocktaking import exports, fetch, listing, policies, services
from wsis.stocktaking.fetch import with_list_data
from wsis.stocktaking.filters import PAGE_SIZE, PAGE_SIZE_MAX
from wsis.stocktaking.models import Initiative

router = Router(tags=["initiatives"])


class FundingOut(Schema):
    amount: Decimal | None
    currency: str
    source: str


class InitiativeOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    language: str
    title_original: str
    organisation: str | None
    stakeholder_type: str | None
    countries: list[str]
    regions: list[str]
    scope: str
    start_date: date | None
    end_date: date | None
    work_state: str
    website: str
    partners: list[str]
    funding: FundingOut | None
    target_groups: list[str]
    action_lines: list[str]
    sdg_goals: list[str]
    sdg_targets: list[str]
    gdc_objectives: list[str]
    status: str
    status_light: str | None
    published_at: datetime | None


class InitiativeDetailOut(InitiativeOut):
    description: str
    translations: list[str]
    contact_email: str
    tags: list[dict]
    progress_reports: list[dict]


class ListOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[InitiativeOut]
    facets: dict[str, dict[str, int]]


class ListQuery(Schema):
    q: str | None = None
    action_line: list[str] = Field(default_factory=list)
    sdg_goal: list[str] = Field(default_factory=list)
    sdg_target: list[str] = Field(default_factory=list)
    gdc_objective: list[str] = Field(default_factory=list)
    stakeholder_type: list[str] = Field(default_factory=list)
    region: list[str] = Field(default_factory=list)
    country: list[str] = Field(default_factory=list)
    country_group: list[str] = Field(default_factory=list)
    target_group: list[str] = Field(default_factory=list)
    language: list[str] = Field(default_factory=list)
    start_year: list[str] = Field(default_factory=list)
    work_state: list[str] = Field(default_factory=list)
    status_light: list[str] = Field(default_factory=list)
    mode: Literal["hybrid", "keyword", "semantic"] = Field(
        "hybrid",
        description="How `q` matches: by keywords, by meaning (in any of the six languages), "
        "or both, fused (the default).",
    )
    sort: str | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=PAGE_SIZE_MAX)


class InitiativeIn(Schema):
    """Fields of an initiative; tags are vocabulary codes (`"action_lines": ["C5"]`)."""

    title: str | None = None
    summary: str | None = None
    description: str | None = None
    language: str | None = None
    organisation: str | None = None
    stakeholder_type: str | None = None
    countries: list[str] | None = None
    regions: list[str] | None = None
    scope: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    work_state: str | None = None
    website: str | None = None
    contact_email: str | None = None
    partners: list[str] | None = None
    funding_amount: str | None = None
    funding_currency: str | None = None
    funding_source: str | None = None
    target_groups: list[str] | None = None
    action_lines: list[str] | None = None
    sdg_goals: list[str] | None = None
    sdg_targets: list[str] | None = None
    gdc_objectives: list[str] | None = None


class TranslationIn(Schema):
    title: str
    summary: str
    description: str = ""


class CommentIn(Schema):
    comment: str = ""


class ProgressReportOut(Schema):
    year: int
    achieved: str
    figures: str
    next_steps: str


class ProgressReportIn(Schema):
    year: int
    achieved: str
    figures: str = ""
    next_steps: str = ""


def _text(initiative, field: str, language: str) -> str:
    return getattr(initiative.version_in(language), field)


def serialise(initiative: Initiative, language: str) -> dict:
    """An initiative as the API shows it; the title and summary in `language` when translated."""
    return {
        "id": initiative.pk,
        "url": initiative.get_absolute_url(),
        "title": _text(initiative, "title", language),
        "summary": _text(initiative, "summary", language),
        "language": initiative.language,
        "title_original": initiative.title,
        "organisation": initiative.organisation.name if initiative.organisation_id else None,
        "stakeholder_type": initiative.stakeholder_type.code
        if initiative.stakeholder_type_id
        else None,
        "countries": [c.code for c in initiative.countries.all()],
        "regions": [r.code for r in initiative.regions.all()],
        "scope": initiative.scope,
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "work_state": initiative.work_state,
        "website": initiative.website,
        "partners": initiative.partners,
        "funding": {
            "amount": initiative.funding_amount,
            "currency": initiative.funding_currency,
            "source": initiative.funding_source,
        }
        if initiative.funding_amount is not None or initiative.funding_source
        else None,
        "target_groups": [g.code for g in initiative.target_groups.all()],
        "action_lines": [a.code for a in initiative.action_lines.all()],
        "sdg_goals": [str(g.number) for g in initiative.sdg_goals.all()],
        "sdg_targets": [t.code for t in initiative.sdg_targets.all()],
        "gdc_objectives": [o.code for o in initiative.gdc_objectives.all()],
        "status": initiative.status,
        "status_light": initiative.status_light(),
        "published_at": initiative.published_at,
    }


def _detail(initiative: Initiative, language: str) -> dict:
    tags = []
    for relation, key in (
        ("initiativeactionline_set", "action_line"),
        ("initiativesdggoal_set", "goal"),
        ("initiativesdgtarget_set", "target"),
        ("initiativegdcobjective_set", "objective"),
    ):
        for tag in getattr(initiative, relation).select_related(key):
            value = getattr(tag, key)
            tags.append(
                {
                    "kind": key,
                    "code": str(getattr(value, "code", "")),
                    "origin": tag.origin,
                    "name": translated(
                        getattr(value, "name", None)
                        or getattr(value, "text", None)
                        or getattr(value, "title", None),
                        language,
                    ),
                }
            )
    return serialise(initiative, language) | {
        "description": _text(initiative, "description", language),
        "translations": sorted(t.language for t in initiative.translations.all()),
        "contact_email": initiative.contact_email,
        "tags": tags,
        "progress_reports": [
            {
                "year": r.year,
                "achieved": r.achieved,
                "figures": r.figures,
                "next_steps": r.next_steps,
            }
            for r in initiative.progress_reports.all()
        ],
    }


def _visible(request, pk: int) -> Initiative:
    user = request.user  # set by the token or the session; anonymous otherwise
    initiative = get_object_or_404(with_list_data(Initiative.objects.all()), pk=pk)
    if not policies.can_view(user, initiative):
        # Not "forbidden": a private draft must not even be known to exist.
        get_object_or_404(Initiative.objects.none(), pk=pk)
    return initiative


def _chosen(params: dict) -> dict:
    """The filters given: an empty value (`?country=`, as forms send them) is no filter."""
    chosen = {}
    for name, value in params.items():
        if isinstance(value, list):
            value = [v for v in value if v]
        if value not in (None, [], ""):
            chosen[name] = value
    return chosen


def _form_data(payload: InitiativeIn) -> dict:
    return {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}


@router.get(
    "", response={200: ListOut, **READ_ERRORS}, summary="Search and filter published initiatives"
)
def list_initiatives(request, query: Query[ListQuery]):
    language = data_language()
    page = listing.list_initiatives(
        _chosen(query.dict(exclude={"page", "page_size"})),
        page=query.page,
        page_size=query.page_size,
        fetch=lambda ids: fetch.list_items(ids, language),
    )
    body = {
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "results": page.results,
        "facets": page.facets,
    }
    # Rendered as built: the items are made to the schema by `fetch.list_items` (a test holds
    # them to `serialise`), and validating them again would cost more than building them.
    return rendered(request, body)


class ExportQuery(ListQuery):
    format: Literal["csv", "xlsx", "json", "jsonl"] = "csv"
    lang: Language | None = None


@router.get(
    "/export",
    summary="Export the filtered initiatives (CSV, XLSX, JSON, JSON Lines)",
    response={200: None, **READ_ERRORS},
)
def export_initiatives(request, query: Query[ExportQuery]):
    """Every published initiative matching the same filters as the list (no pages), in a stable
    order, streamed; texts in `lang` where translated, tags as codes and names."""
    initiatives = listing.filtered(
        _chosen(query.dict(exclude={"page", "page_size", "format", "lang", "sort"}))
    )
    language = answer_language(request, query.lang)
    rows = exports.records(initiatives, language)
    name = f"wsis-initiatives-{timezone.now():%Y%m%d}.{query.format}"
    if query.format == "xlsx":
        response = FileResponse(exports.xlsx_file(rows), content_type=exports.FORMATS["xlsx"])
    else:
        writer = {
            "csv": exports.csv_lines,
            "json": exports.json_chunks,
            "jsonl": exports.jsonl_lines,
        }[query.format]
        response = StreamingHttpResponse(writer(rows), content_type=exports.FORMATS[query.format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "/{int:initiative_id}",
    response={200: InitiativeDetailOut, 404: MessageOut},
    summary="One initiative",
    auth=optional_auth,
    openapi_extra=OPTIONAL_AUTH_OPENAPI,
)  # anyone; a token shows own drafts
def get_initiative(request, initiative_id: int):
    return _detail(_visible(request, initiative_id), data_language())


@router.post(
    "",
    response={201: InitiativeDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Create a draft initiative",
)
@limit("submission", "60/h")
def create_initiative(request, payload: InitiativeIn):
    initiative = services.create_initiative(request.auth, _form_data(payload))
    return Status(201, _detail(initiative, data_language()))


@router.patch(
    "/{int:initiative_id}",
    response={200: InitiativeDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Change an initiative (only the fields given)",
)
def update_initiative(request, initiative_id: int, payload: InitiativeIn):
    initiative = services.update_initiative(
        request.auth, _visible(request, initiative_id), _form_data(payload)
    )
    return _detail(initiative, data_language())


@router.post(
    "/{int:initiative_id}/submit",
    response={200: InitiativeDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Send a draft to moderation",
)
@limit("submission", "60/h")
def submit_initiative(request, initiative_id: int):
    return _detail(services.submit(request.auth, _visible(request, initiative_id)), data_language())


@router.put(
    "/{int:initiative_id}/translations/{language}",
    response={200: InitiativeDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Add or replace a translation (title, summary, description)",
)
def put_translation(request, initiative_id: int, language: str, payload: TranslationIn):
    initiative = _visible(request, initiative_id)
    services.set_translation(request.auth, initiative, language=language, **payload.dict())
    return _detail(_visible(request, initiative_id), data_language())


def _moderation(action):
    def endpoint(request, initiative_id: int, payload: CommentIn):
        initiative = action(request.auth, _visible(request, initiative_id), payload.comment)
        return _detail(initiative, data_language())

    return endpoint


for _decision, _summary in (
    ("approve", "Publish (moderators)"),
    ("request_changes", "Send back for changes, with a comment (moderators)"),
    ("reject", "Reject, with a reason (moderators)"),
):
    router.post(
        f"/{{int:initiative_id}}/{_decision.replace('_', '-')}",
        response={200: InitiativeDetailOut, **WRITE_ERRORS},
        auth=token_or_session,
        summary=_summary,
        operation_id=_decision,
    )(_moderation(services.DECISIONS[_decision]))


@router.post(
    "/{int:initiative_id}/progress-reports",
    response={201: ProgressReportOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="File a yearly progress report",
)
def file_progress_report(request, initiative_id: int, payload: ProgressReportIn):
    report = services.file_progress_report(
        request.auth, _visible(request, initiative_id), **payload.dict()
    )
    return Status(
        201,
        {
            "year": report.year,
            "achieved": report.achieved,
            "figures": report.figures,
            "next_steps": report.next_steps,
        },
    )

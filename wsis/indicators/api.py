"""Indicators over HTTP: `/api/v1/indicators`. Thin: reading in `series` and `gap`, every
change in `services`."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.files import UploadedFile

from wsis.api.auth import token_or_session
from wsis.api.language import Language, answer_language
from wsis.api.ratelimit import limit
from wsis.api.schemas import READ_ERRORS, WRITE_ERRORS, MessageOut
from wsis.core.i18n import translated
from wsis.indicators import gap, series, services
from wsis.indicators.choices import AreaType, Framework, Location, Sex
from wsis.indicators.models import GlobalTarget, Indicator
from wsis.stocktaking import exports
from wsis.stocktaking.forms import ImportForm
from wsis.taxonomy import memo
from wsis.taxonomy.models import Country

router = Router(tags=["indicators"])
PAGE_SIZE_MAX = 1000


class SeriesOut(Schema):
    code: str
    name: str
    names: dict[str, str]
    unit: str
    custodian: str
    observations: int


class ObservationOut(Schema):
    area_type: str
    area_code: str
    year: int
    sex: str
    location: str
    age: str
    value: Decimal | None = Field(description="null when the state is no_data: never a zero")
    state: str
    qualifier: str
    source: str
    notes: str


class SeriesDetailOut(SeriesOut):
    count: int
    page: int
    page_size: int
    results: list[ObservationOut]


class SeriesLanguageQuery(Schema):
    lang: Language | None = None


class ObservationQuery(SeriesLanguageQuery):
    area_type: AreaType | None = None
    area: list[str] = Field(default_factory=list, description="Area codes (WLD, KE, ARB, HIC…)")
    year_from: int | None = None
    year_to: int | None = None
    sex: Sex | None = None
    location: Location | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=PAGE_SIZE_MAX)


def _indicator(indicator: Indicator, lang: str, count: int) -> dict:
    return {
        "code": indicator.code,
        "name": translated(indicator.name, lang) or indicator.code,
        "names": indicator.name,
        "unit": indicator.unit,
        "custodian": indicator.custodian,
        "observations": count,
    }


@router.get("", response={200: list[SeriesOut], **READ_ERRORS}, summary="ICT indicators")
def list_indicators(request, query: Query[SeriesLanguageQuery]):
    lang = answer_language(request, query.lang)
    return [
        _indicator(indicator, lang, indicator.count)
        for indicator in Indicator.objects.annotate(count=Count("observations"))
    ]


class GlobalTargetOut(Schema):
    framework: str
    number: int
    title: str
    target_year: int | None
    baseline_year: int | None
    baseline: str
    baseline_state: str
    status_year: int | None
    status: str
    status_state: str
    progress: str
    challenges: str
    challenges_state: str
    source: str


class GlobalTargetQuery(SeriesLanguageQuery):
    framework: Framework | None = None


@router.get(
    "/targets",
    response={200: list[GlobalTargetOut], **READ_ERRORS},
    summary="Targets of the Geneva Plan of Action and the Broadband Commission",
)
def list_targets(request, query: Query[GlobalTargetQuery]):
    """Each cell in `lang` where written (Arabic as the source gives it, English), with its
    state: `given`, `no_global_data` («نقص البيانات العالمية») or `blank` (an empty cell)."""
    lang = answer_language(request, query.lang)
    targets = GlobalTarget.objects.all()
    if query.framework:
        targets = targets.filter(framework=query.framework)
    return [
        {
            "framework": t.framework,
            "number": t.number,
            "title": translated(t.title, lang),
            "target_year": t.target_year,
            "baseline_year": t.baseline_year,
            "baseline": translated(t.baseline, lang),
            "baseline_state": t.baseline_state,
            "status_year": t.status_year,
            "status": translated(t.status, lang),
            "status_state": t.status_state,
            "progress": t.progress,
            "challenges": translated(t.challenges, lang),
            "challenges_state": t.challenges_state,
            "source": t.source,
        }
        for t in targets
    ]


class GapQuery(SeriesLanguageQuery):
    area: Literal["country", "region"] = "country"
    line: str = Field(gap.DEFAULT_LINE, description="The Action Line set against (C1…C11)")
    threshold: Decimal | None = Field(
        None,
        ge=0,
        le=100,
        description="Internet use (%) below which an area may be a gap; "
        "the world's latest figure by default",
    )
    few: int = Field(gap.DEFAULT_FEW, ge=0, description="At most this many initiatives")


class GapRowOut(Schema):
    code: str
    name: str
    itu_region: str
    internet_use: Decimal | None
    internet_use_year: int | None
    internet_use_state: str
    initiatives: dict[str, int]
    total: int
    is_gap: bool


class GapOut(Schema):
    area: str
    line: str
    threshold: Decimal | None
    threshold_year: int | None
    few: int
    results: list[GapRowOut]


def _analysis(request, query: GapQuery) -> gap.GapAnalysis:
    """The analysis for the query; a bad option is answered 422 naming the parameter."""
    params = {"area": query.area, "line": query.line, "few": str(query.few)}
    if query.threshold is not None:
        params["threshold"] = str(query.threshold)
    try:
        options = gap.options_from(params)
    except ValidationError as error:
        raise NinjaValidationError(
            [
                {"loc": ["query", field], "msg": message, "type": "invalid"}
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error
    return gap.analyse(**options, language=answer_language(request, query.lang))


@router.get(
    "/gap-analysis",
    response={200: GapOut, **READ_ERRORS},
    summary="Internet use against the registry's initiatives per Action Line",
)
def gap_analysis(request, query: Query[GapQuery]):
    """Per country or ITU region: the latest Internet use and the published initiatives in each
    Action Line (a count equals the registry's list filtered by the area and the line, every
    activity light); `is_gap` when use is below `threshold` and the line has at most `few`."""
    analysis = _analysis(request, query)
    return {
        "area": analysis.area,
        "line": analysis.line,
        "threshold": analysis.threshold,
        "threshold_year": analysis.threshold_year,
        "few": analysis.few,
        "results": [
            {
                "code": row.code,
                "name": row.name,
                "itu_region": row.region,
                "internet_use": row.internet_use,
                "internet_use_year": row.year,
                "internet_use_state": row.state or "no_data",
                "initiatives": row.counts,
                "total": row.total,
                "is_gap": row.is_gap,
            }
            for row in analysis.rows
        ],
    }


class GapExportQuery(GapQuery):
    format: Literal["csv", "xlsx"] = "csv"


@router.get(
    "/gap-analysis/export",
    response={200: None, **READ_ERRORS},
    summary="The gap analysis as CSV or XLSX",
)
def export_gap_analysis(request, query: Query[GapExportQuery]):
    analysis = _analysis(request, query)
    rows, columns = gap.export_rows(analysis), gap.export_columns(analysis)
    name = f"wsis-gap-analysis-{analysis.area}-{analysis.line}-{date.today():%Y%m%d}"
    if query.format == "xlsx":
        handle = exports.xlsx_file(rows, columns, title="gap-analysis")
        response = FileResponse(handle, content_type=exports.FORMATS["xlsx"])
    else:
        response = StreamingHttpResponse(
            exports.csv_lines(rows, columns), content_type=exports.FORMATS["csv"]
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{query.format}"'
    return response


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    written: bool
    indicators_created: list[str]
    ignored_columns: list[str]


@router.post(
    "/imports",
    response={200: ImportOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Import indicator values from a CSV or XLSX file (the secretariat)",
)
@limit("indicator-import", "60/h")  # each file is read whole
def import_file(request, file: File[UploadedFile], dry_run: Form[bool] = False):
    """All or nothing: with any bad row nothing is written and the answer is 422, each problem
    located as `["row", N, column]` with its reason. The same file twice changes nothing."""
    # The same limits and words as the registry's import form.
    name = file.name or ""
    refusal = None
    if not name.lower().endswith((".csv", ".xlsx")):
        refusal = _("Upload a .csv or .xlsx file.")
    elif file.size > ImportForm.MAX_BYTES:
        refusal = _("The file is larger than 50 MB.")
    if refusal:
        return Status(
            422, {"detail": [{"loc": ["body", "file"], "msg": refusal, "type": "invalid"}]}
        )
    report = services.import_observations(request.user, name, file.read(), dry_run=dry_run)
    if not report.ok:
        return Status(
            422,
            {
                "detail": [
                    {"loc": ["body", "file", p.row, p.column], "msg": p.message, "type": "invalid"}
                    for p in report.problems
                ]
            },
        )
    return report


class CountryFigureOut(ObservationOut):
    indicator: str


class CountryFiguresOut(Schema):
    code: str
    name: str
    figures: list[CountryFigureOut]
    initiatives: int
    initiatives_by_action_line: dict[str, int]


@router.get(
    "/countries/{code}",
    response={200: CountryFiguresOut, 404: MessageOut, **READ_ERRORS},
    summary="A country's figures and its published initiatives per Action Line",
)
def get_country(request, code: str, query: Query[SeriesLanguageQuery]):
    """What the country's page shows: every figure of the country (`value` null exactly when
    `state` is `no_data`), and the number of published initiatives registered for it, in all
    and per Action Line (as the registry's list filtered by the country counts them)."""
    country = memo.vocabulary(Country).by("code").get(code.upper())
    if country is None:
        return Status(404, {"detail": _("Not Found")})
    counts, totals = gap.cross_counts("country", [country.code], gap.action_lines())
    return {
        "code": country.code,
        "name": translated(country.name, answer_language(request, query.lang)),
        "figures": [
            {field: getattr(o, field) for field in ObservationOut.model_fields}
            | {"indicator": o.indicator.code}
            for o in series.for_country(country)
        ],
        "initiatives": totals[country.code],
        "initiatives_by_action_line": counts[country.code],
    }


@router.get(
    "/{code}",
    response={200: SeriesDetailOut, 404: MessageOut, **READ_ERRORS},
    summary="One indicator with its observations",
)
def get_indicator(request, code: str, query: Query[ObservationQuery]):
    """Observations in a stable order (area, breakdown, year), a page at a time; `value` is
    null exactly when `state` is `no_data`."""
    indicator = get_object_or_404(Indicator, code=code)
    rows = indicator.observations.order_by(
        "area_type", "area_code", "sex", "location", "age", "year"
    )
    if query.area_type:
        rows = rows.filter(area_type=query.area_type)
    if query.area:
        rows = rows.filter(area_code__in=[code.upper() for code in query.area])
    if query.year_from:
        rows = rows.filter(year__gte=query.year_from)
    if query.year_to:
        rows = rows.filter(year__lte=query.year_to)
    if query.sex:
        rows = rows.filter(sex=query.sex)
    if query.location:
        rows = rows.filter(location=query.location)
    count = rows.count()
    start = (query.page - 1) * query.page_size
    lang = answer_language(request, query.lang)
    return _indicator(indicator, lang, indicator.observations.count()) | {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "results": list(rows.values(*ObservationOut.model_fields)[start : start + query.page_size]),
    }

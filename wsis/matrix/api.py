"""The matrix over HTTP: `/api/v1/matrix`. Thin: counts in `evidence`, rules in `services`."""

from dataclasses import asdict

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from wsis.api.auth import token_or_session
from wsis.api.language import Language, LanguageQuery, answer_language
from wsis.api.ratelimit import limit
from wsis.api.schemas import READ_ERRORS, WRITE_ERRORS, MessageOut
from wsis.core.i18n import data_language
from wsis.matrix import evidence, overview, services
from wsis.matrix.models import MatrixCell

router = Router(tags=["matrix"])


class CellOut(Schema):
    id: int
    action_line: str
    action_line_name: str
    sdg_goal: int | None
    sdg_target: str | None
    sdg_text: str
    gdc_objective: str | None
    rationale: str = Field(description="In the requested language, else English, else any.")
    rationale_language: str | None
    rationale_languages: list[str]
    evidence: str
    source: str
    origin: str
    initiatives: int = Field(description="Published initiatives tagged with every side.")
    list_url: str = Field(description="The registry's list of those initiatives.")
    api_url: str


class ColumnOut(Schema):
    facet: str
    code: str
    label: str
    name: str


class HeatCellOut(Schema):
    count: int
    linked: bool
    url: str


class HeatRowOut(Schema):
    code: str
    name: str
    cells: list[HeatCellOut]


class HeatmapOut(Schema):
    columns: list[ColumnOut]
    rows: list[HeatRowOut]


class MatrixOut(Schema):
    cells: list[CellOut]
    heatmap: HeatmapOut


class MatrixQuery(Schema):
    action_line: str | None = Field(None, description="An Action Line code (C7: its sub-lines).")
    sdg_goal: int | None = Field(None, ge=1, le=17)
    lang: Language | None = None


class EntryOut(Schema):
    code: str
    name: str


class TargetGapOut(EntryOut):
    goal_linked: bool = Field(description="A cell links a line to the target's whole goal.")


class OutsideItemOut(Schema):
    id: int
    title: str
    url: str


class OutsideOut(Schema):
    count: int
    results: list[OutsideItemOut]


class GapsOut(Schema):
    sdg_goals: list[EntryOut]
    sdg_targets: list[TargetGapOut]
    gdc_objectives: list[EntryOut]
    cells_without_initiatives: list[CellOut]
    initiatives_outside: OutsideOut


class CellIn(Schema):
    """A cell's sides by code; `rationale` maps language codes to texts (an empty text removes
    that language; languages not given are kept)."""

    action_line: str | None = None
    sdg_goal: str | None = None
    sdg_target: str | None = None
    gdc_objective: str | None = None
    rationale: dict[str, str] | None = None
    evidence: str | None = None
    source: str | None = None


def _data(payload: CellIn) -> dict:
    given = payload.dict(exclude_unset=True, exclude={"rationale"})
    return {k: "" if v is None else v for k, v in given.items()}


def _record(cell: MatrixCell, language: str) -> dict:
    counts = evidence.cell_counts([cell])
    return overview.cell_record(cell, counts[cell.pk], language)


@router.get("", response={200: MatrixOut, **READ_ERRORS}, summary="The WSIS–SDG–GDC matrix")
def get_matrix(request, query: Query[MatrixQuery]):
    """Every cell with its rationale and the published initiatives tagged with both sides, and
    the heat map of Action Lines against SDG goals and GDC objectives."""
    result = overview.matrix(
        answer_language(request, query.lang), query.action_line, query.sdg_goal
    )
    result["heatmap"]["columns"] = [asdict(c) for c in result["heatmap"]["columns"]]
    return result


@router.get("/gaps", response={200: GapsOut, **READ_ERRORS}, summary="Gaps of the matrix")
def get_gaps(request, query: Query[LanguageQuery]):
    """SDG goals, targets and GDC objectives no cell names; cells with a rationale and no
    initiative; published initiatives whose tags fall outside every cell (the first 50)."""
    return overview.gaps(answer_language(request, query.lang))


@router.post(
    "/cells",
    response={201: CellOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Add a cell (facilitators of its line, moderators)",
)
@limit("matrix-edit", "600/h")  # an editor at work, not a bulk channel
def create_cell(request, payload: CellIn):
    cell = services.create_cell(request.auth, _data(payload), payload.rationale)
    return Status(201, _record(cell, data_language()))


@router.patch(
    "/cells/{int:cell_id}",
    response={200: CellOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Change a cell (only the fields given)",
)
@limit("matrix-edit", "600/h")
def update_cell(request, cell_id: int, payload: CellIn):
    cell = get_object_or_404(MatrixCell, pk=cell_id)
    cell = services.update_cell(request.auth, cell, _data(payload), payload.rationale)
    return _record(cell, data_language())


@router.delete(
    "/cells/{int:cell_id}",
    response={200: MessageOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Delete a cell",
)
@limit("matrix-edit", "600/h")
def delete_cell(request, cell_id: int):
    services.delete_cell(request.auth, get_object_or_404(MatrixCell, pk=cell_id))
    return {"detail": _("The cell is deleted.")}

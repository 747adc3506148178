"""What the matrix page and `GET /api/v1/matrix` show: the cells with their evidence, the heat
map of Action Lines against SDG goals and GDC objectives, and the gaps. Built in a fixed number
of queries (the vocabularies come from the process's memo)."""

from dataclasses import dataclass

from wsis.core.i18n import translated
from wsis.matrix import evidence
from wsis.matrix.models import MatrixCell
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine, GDCObjective, SDGGoal, SDGTarget

OUTSIDE_SHOWN = 50


def cells(action_line: str | None = None, sdg_goal: int | None = None) -> list[MatrixCell]:
    """The cells, optionally those of one Action Line (with its sub-lines) or one SDG goal."""
    found = list(
        MatrixCell.objects.select_related(
            "action_line", "sdg_goal", "sdg_target", "gdc_objective", "maintained_by"
        )
    )
    found.sort(key=_reading_order)
    if action_line:
        found = [
            c
            for c in found
            if action_line in (c.action_line_code, c.action_line_code.split(".")[0])
        ]
    if sdg_goal:
        found = [c for c in found if c.goal_number == sdg_goal]
    return found


def _reading_order(cell: MatrixCell) -> tuple:
    """Action Lines in their order, then SDG goals and targets in theirs, then GDC objectives."""
    lines = memo.vocabulary(ActionLine).position
    targets = memo.vocabulary(SDGTarget).position
    return (
        lines.get(cell.action_line_id, 0),
        cell.goal_number or 99,
        targets.get(cell.sdg_target_id, -1),
        cell.gdc_code,
    )


def cell_record(cell: MatrixCell, count: int, language: str) -> dict:
    params = cell.registry_filters()
    return {
        "id": cell.pk,
        "action_line": cell.action_line_code,
        "action_line_name": translated(cell.action_line.name, language),
        "sdg_goal": cell.goal_number,
        "sdg_target": cell.sdg_code if cell.sdg_facet == "sdg_target" else None,
        "sdg_text": translated(
            cell.sdg_target.text if cell.sdg_target_id else cell.sdg_goal.title, language
        )
        if cell.sdg_code
        else "",
        "gdc_objective": cell.gdc_code or None,
        "rationale": cell.rationale_in(language),
        "rationale_language": _shown_language(cell.rationale, language),
        "rationale_languages": sorted(cell.rationale),
        "evidence": cell.evidence,
        "source": cell.source,
        "origin": cell.origin,
        "initiatives": count,
        "list_url": evidence.registry_url(params),
        "api_url": evidence.registry_api_url(params),
    }


def _shown_language(texts: dict, language: str) -> str | None:
    if language in texts:
        return language
    return "en" if "en" in texts else next(iter(texts), None)


@dataclass
class Column:
    facet: str
    code: str
    label: str
    name: str


def columns(language: str) -> list[Column]:
    goals = [
        Column("sdg_goal", str(g.number), f"SDG {g.number}", translated(g.short, language))
        for g in memo.vocabulary(SDGGoal).entries
    ]
    objectives = [
        Column("gdc_objective", o.code, o.code, translated(o.name, language))
        for o in memo.vocabulary(GDCObjective).entries
    ]
    return goals + objectives


def heatmap(found: list[MatrixCell], language: str, pairs) -> dict:
    """Every Action Line against every SDG goal and GDC objective: the published initiatives
    tagged with both, whether the matrix links them, and the registry's list of them."""
    linked = {(c.action_line_code, "sdg_goal", str(c.goal_number)) for c in found if c.sdg_code}
    linked |= {(c.action_line_code, "gdc_objective", c.gdc_code) for c in found if c.gdc_code}
    shown = columns(language)
    rows = []
    for line in memo.vocabulary(ActionLine).entries:
        row = []
        for column in shown:
            pair = (line.code, column.facet, column.code)
            row.append(
                {
                    "count": pairs[pair],
                    "linked": pair in linked,
                    "url": evidence.registry_url(evidence.pair_filters(*pair)),
                }
            )
        rows.append({"code": line.code, "name": translated(line.name, language), "cells": row})
    return {"columns": shown, "rows": rows}


def matrix(language: str, action_line: str | None = None, sdg_goal: int | None = None) -> dict:
    found = cells(action_line, sdg_goal)
    bitmaps = evidence.Bitmaps()
    pairs = evidence.pair_counts(bitmaps)
    counts = evidence.cell_counts(found, bitmaps)
    return {
        "cells": [cell_record(c, counts[c.pk], language) for c in found],
        "heatmap": heatmap(found, language, pairs),
    }


def gaps(language: str, shown: int = OUTSIDE_SHOWN) -> dict:
    """SDG goals, targets and GDC objectives that no cell names; cells with a rationale but no
    initiative; published initiatives whose tags fall outside every cell."""
    found = cells()
    bitmaps = evidence.Bitmaps()
    counts = evidence.cell_counts(found, bitmaps)
    goals_linked = {c.goal_number for c in found if c.sdg_facet == "sdg_goal"}
    named_goals = {c.goal_number for c in found if c.sdg_code}
    named_targets = {c.sdg_code for c in found if c.sdg_facet == "sdg_target"}
    named_objectives = {c.gdc_code for c in found if c.gdc_code}
    outside = evidence.outside_ids(found, bitmaps)
    return {
        "sdg_goals": [
            {"code": str(g.number), "name": translated(g.short, language)}
            for g in memo.vocabulary(SDGGoal).entries
            if g.number not in named_goals
        ],
        "sdg_targets": [
            {
                "code": t.code,
                "name": translated(t.text, language),
                "goal_linked": int(t.code.split(".")[0]) in goals_linked,
            }
            for t in memo.vocabulary(SDGTarget).entries
            if t.code not in named_targets
        ],
        "gdc_objectives": [
            {"code": o.code, "name": translated(o.name, language)}
            for o in memo.vocabulary(GDCObjective).entries
            if o.code not in named_objectives
        ],
        "cells_without_initiatives": [
            cell_record(c, 0, language) for c in found if c.rationale and counts[c.pk] == 0
        ],
        "initiatives_outside": {
            "count": len(outside),
            "results": [
                {"id": i.pk, "title": i.title, "url": i.get_absolute_url()}
                for i in evidence.outside_initiatives(outside, shown)
            ],
        },
    }

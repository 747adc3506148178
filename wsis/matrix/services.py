"""Every change to the matrix: create, change and delete a cell, and load the reference matrix.

Each function checks the actor against `policies`, validates with `CellForm`, runs in one
transaction, saves through django-simple-history with the actor named (never taken from a
request) and records a domain event.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wsis.core.events import record_event
from wsis.matrix import policies
from wsis.matrix.choices import CellOrigin
from wsis.matrix.forms import CellForm, clean_rationale
from wsis.matrix.models import MatrixCell

CREATED = "matrix.cell.created"
CHANGED = "matrix.cell.changed"
DELETED = "matrix.cell.deleted"
SIDES = ("action_line", "sdg_goal", "sdg_target", "gdc_objective")


def cell_data(cell: MatrixCell) -> dict:
    """A cell as form data (codes), to edit it or to patch some of its fields."""
    return {
        "action_line": cell.action_line_code,
        "sdg_goal": cell.sdg_code if cell.sdg_facet == "sdg_goal" else "",
        "sdg_target": cell.sdg_code if cell.sdg_facet == "sdg_target" else "",
        "gdc_objective": cell.gdc_code,
        "evidence": cell.evidence,
        "source": cell.source,
    }


def _validated(data: dict) -> dict:
    form = CellForm(data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def _rationale_of(cleaned: dict, rationale: dict | None) -> dict:
    """The rationale texts a change sets: the API's map, else the page's one language."""
    if rationale is not None:
        return clean_rationale(rationale)
    if "rationale" in cleaned and cleaned.get("language"):
        return {cleaned["language"]: cleaned["rationale"].strip()}
    return {}


def _require_line(actor, action_line) -> None:
    if not policies.can_edit_line(actor, action_line):
        raise PermissionDenied(
            _("You may change only the cells of the Action Lines you facilitate.")
        )


def _save(cell: MatrixCell, cleaned: dict, texts: dict, actor) -> None:
    for side in SIDES:
        setattr(cell, side, cleaned.get(side))
    cell.evidence = cleaned.get("evidence", "")
    cell.source = cleaned.get("source", "")
    merged = {**cell.rationale, **texts}
    cell.rationale = {language: text for language, text in merged.items() if text}
    cell.fill_codes()
    cell.origin = CellOrigin.EDITOR  # the reference loader no longer overwrites it
    cell.maintained_by = actor
    cell._history_user = actor
    if MatrixCell.objects.filter(key=cell.key).exclude(pk=cell.pk).exists():
        raise ValidationError({"action_line": _("The matrix already has this cell.")})
    try:
        with transaction.atomic():
            cell.save()
    except IntegrityError as error:  # the same cell created at the same moment elsewhere
        raise ValidationError({"action_line": _("The matrix already has this cell.")}) from error


def create_cell(actor, data: dict, rationale: dict | None = None) -> MatrixCell:
    """A new cell, by a moderator or a facilitator of its Action Line."""
    if not policies.can_edit_any(actor):
        raise PermissionDenied(_("Only facilitators and moderators change the matrix."))
    cleaned = _validated(data)
    _require_line(actor, cleaned["action_line"])
    texts = _rationale_of(cleaned, rationale)
    with transaction.atomic():
        cell = MatrixCell()
        _save(cell, cleaned, texts, actor)
        record_event(CREATED, cell, actor, key=cell.key)
    return cell


def update_cell(actor, cell: MatrixCell, data: dict, rationale: dict | None = None) -> MatrixCell:
    """Change a cell's sides, evidence, source or rationale (texts of other languages are kept);
    moving it to another Action Line needs the right to edit both lines."""
    _require_line(actor, cell.action_line)
    cleaned = _validated({**cell_data(cell), **data})
    _require_line(actor, cleaned["action_line"])
    texts = _rationale_of(cleaned, rationale)
    with transaction.atomic():
        cell = MatrixCell.objects.select_for_update().get(pk=cell.pk)
        before = cell.key
        _save(cell, cleaned, texts, actor)
        record_event(CHANGED, cell, actor, key=cell.key, before=before)
    return cell


def delete_cell(actor, cell: MatrixCell) -> None:
    _require_line(actor, cell.action_line)
    with transaction.atomic():
        record_event(DELETED, cell, actor, key=cell.key)
        cell._history_user = actor
        cell.delete()


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # edited on the platform: left as they are

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def load_reference_cells(cells: list[MatrixCell]) -> LoadReport:
    """Write the reference matrix's cells (built and checked by `reference.read_reference_matrix`)
    all at once: new cells are created, reference cells updated where the data changed, cells
    edited on the platform left alone. A second run changes nothing."""
    report = LoadReport()
    with transaction.atomic():
        existing = {cell.key: cell for cell in MatrixCell.objects.all()}
        for cell in cells:
            current = existing.get(cell.key)
            if current is None:
                cell.save()
                report.created += 1
            elif current.origin != CellOrigin.REFERENCE:
                report.kept.append(cell.key)
            elif (current.rationale, current.evidence, current.source) != (
                cell.rationale,
                cell.evidence,
                cell.source,
            ):
                current.rationale, current.evidence = cell.rationale, cell.evidence
                current.source = cell.source
                current.save()
                report.updated += 1
            else:
                report.unchanged += 1
    return report

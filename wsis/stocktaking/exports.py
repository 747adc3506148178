"""Exports of any filtered list of initiatives: CSV, XLSX, JSON and JSON Lines, streamed.

Rows are read in chunks (with their tags prefetched per chunk) and written as they come, so an
export of 100,000 initiatives never holds them all in memory.
"""

import csv
import io
import json
import tempfile
from collections.abc import Iterator

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from wsis.core.i18n import interface_language, translated
from wsis.stocktaking.fetch import with_list_data

CHUNK = 1000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "description",
    "language",
    "organisation",
    "stakeholder_type",
    "countries",
    "country_names",
    "regions",
    "scope",
    "start_date",
    "end_date",
    "work_state",
    "website",
    "partners",
    "funding_amount",
    "funding_currency",
    "funding_source",
    "target_groups",
    "target_group_names",
    "action_lines",
    "action_line_names",
    "sdg_goals",
    "sdg_targets",
    "gdc_objectives",
    "gdc_objective_names",
    "status_light",
    "published_at",
]
LIST_SEPARATOR = "; "


def records(initiatives, language: str) -> Iterator[dict]:
    """One flat record per initiative, texts in `language` where translated, tags as codes
    and names."""
    # Permalinks in the export's language too.
    with translation.override(interface_language(language)):
        yield from _records(initiatives, language)


def _records(initiatives, language: str) -> Iterator[dict]:
    for initiative in with_list_data(initiatives.order_by("pk")).iterator(chunk_size=CHUNK):
        version = initiative.version_in(language)
        countries = list(initiative.countries.all())
        groups = list(initiative.target_groups.all())
        lines = list(initiative.action_lines.all())
        objectives = list(initiative.gdc_objectives.all())
        yield {
            "id": initiative.pk,
            "url": settings.SITE_URL + initiative.get_absolute_url(),
            "title": version.title,
            "summary": version.summary,
            "description": version.description,
            "language": initiative.language,
            "organisation": initiative.organisation.name if initiative.organisation_id else "",
            "stakeholder_type": initiative.stakeholder_type.code
            if initiative.stakeholder_type_id
            else "",
            "countries": [c.code for c in countries],
            "country_names": [translated(c.name, language) for c in countries],
            "regions": [r.code for r in initiative.regions.all()],
            "scope": initiative.scope,
            "start_date": initiative.start_date.isoformat() if initiative.start_date else "",
            "end_date": initiative.end_date.isoformat() if initiative.end_date else "",
            "work_state": initiative.work_state,
            "website": initiative.website,
            "partners": initiative.partners,
            "funding_amount": str(initiative.funding_amount)
            if initiative.funding_amount is not None
            else "",
            "funding_currency": initiative.funding_currency,
            "funding_source": initiative.funding_source,
            "target_groups": [g.code for g in groups],
            "target_group_names": [translated(g.name, language) for g in groups],
            "action_lines": [a.code for a in lines],
            "action_line_names": [translated(a.name, language) for a in lines],
            "sdg_goals": [str(g.number) for g in initiative.sdg_goals.all()],
            "sdg_targets": [t.code for t in initiative.sdg_targets.all()],
            "gdc_objectives": [o.code for o in objectives],
            "gdc_objective_names": [translated(o.name, language) for o in objectives],
            "status_light": initiative.status_light() or "",
            "published_at": initiative.published_at.isoformat() if initiative.published_at else "",
        }


def _flat(value) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)


def csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # a BOM, so that spreadsheet programs read Arabic and Chinese as UTF-8
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_flat(row[column]) for column in COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(rows: Iterator[dict]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def jsonl_lines(rows: Iterator[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _cell(sheet, value: str):
    """A text cell: control characters (which XLSX forbids) dropped, and never a formula, even
    when the text starts with "=" (openpyxl would otherwise write it as one)."""
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def _xlsx_value(sheet, column: str, value):
    """Numbers stay numbers for the analyst's formulas; everything else is text."""
    if column == "id":
        return value
    if column == "funding_amount" and value:
        return float(value)
    return _cell(sheet, _flat(value))


def xlsx_file(rows: Iterator[dict]):
    """An XLSX workbook written row by row (openpyxl's write-only mode) to a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("initiatives")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([_xlsx_value(sheet, column, row[column]) for column in COLUMNS])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle

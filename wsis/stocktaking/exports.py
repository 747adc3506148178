"""Exports of any filtered list of initiatives: CSV, XLSX, JSON and JSON Lines, streamed.

Rows are read in chunks (each chunk's rows, tags and translations in three queries) and written
as they come, so an export of 100,000 initiatives never holds them all in memory.
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
from wsis.stocktaking import fetch
from wsis.taxonomy import memo
from wsis.taxonomy import models as taxonomy

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
# The tags an export names as well as codes.
NAMED = {
    "countries": taxonomy.Country,
    "target_groups": taxonomy.TargetGroup,
    "action_lines": taxonomy.ActionLine,
    "gdc_objectives": taxonomy.GDCObjective,
}


def records(initiatives, language: str) -> Iterator[dict]:
    """One flat record per initiative, texts in `language` where translated, tags as codes
    and names."""
    # Permalinks in the export's language too.
    with translation.override(interface_language(language)):
        yield from _records(initiatives, language)


def _records(initiatives, language: str) -> Iterator[dict]:
    # The ids first (a few MB for 100,000), then each chunk's rows, tags and translations in
    # three queries, as the list's items are built: no model instance, no prefetch.
    ids = list(initiatives.order_by("pk").values_list("pk", flat=True))
    names = {
        name: {
            code: translated(entry.name, language)
            for code, entry in memo.vocabulary(model).by("code").items()
        }
        for name, model in NAMED.items()
    }
    for start in range(0, len(ids), CHUNK):
        for item in fetch.list_items(ids[start : start + CHUNK], language, description=True):
            yield {
                "id": item["id"],
                "url": settings.SITE_URL + item["url"],
                "title": item["title"],
                "summary": item["summary"],
                "description": item["description"],
                "language": item["language"],
                "organisation": item["organisation"] or "",
                "stakeholder_type": item["stakeholder_type"] or "",
                "countries": item["countries"],
                "country_names": [names["countries"][c] for c in item["countries"]],
                "regions": item["regions"],
                "scope": item["scope"],
                "start_date": item["start_date"].isoformat() if item["start_date"] else "",
                "end_date": item["end_date"].isoformat() if item["end_date"] else "",
                "work_state": item["work_state"],
                "website": item["website"],
                "partners": item["partners"],
                "funding_amount": str(item["funding"]["amount"])
                if item["funding"] and item["funding"]["amount"] is not None
                else "",
                "funding_currency": item["funding"]["currency"] if item["funding"] else "",
                "funding_source": item["funding"]["source"] if item["funding"] else "",
                "target_groups": item["target_groups"],
                "target_group_names": [names["target_groups"][c] for c in item["target_groups"]],
                "action_lines": item["action_lines"],
                "action_line_names": [names["action_lines"][c] for c in item["action_lines"]],
                "sdg_goals": item["sdg_goals"],
                "sdg_targets": item["sdg_targets"],
                "gdc_objectives": item["gdc_objectives"],
                "gdc_objective_names": [names["gdc_objectives"][c] for c in item["gdc_objectives"]],
                "status_light": item["status_light"] or "",
                "published_at": item["published_at"].isoformat() if item["published_at"] else "",
            }


def _flat(value) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)


def csv_lines(rows: Iterator[dict], columns=COLUMNS) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # a BOM, so that spreadsheet programs read Arabic and Chinese as UTF-8
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_flat(row[column]) for column in columns])
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
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _cell(sheet, _flat(value))


def xlsx_file(rows: Iterator[dict], columns=COLUMNS, title: str = "initiatives"):
    """An XLSX workbook written row by row (openpyxl's write-only mode) to a temporary file;
    `columns` and `title` for tables other than the registry's (the gap analysis)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(columns)
    for row in rows:
        sheet.append([_xlsx_value(sheet, column, row[column]) for column in columns])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle

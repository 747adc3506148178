"""Bulk import of initiatives from a CSV or XLSX file (the template's columns, or an export).

Every row is validated first, with the submission form's own rules (`InitiativeForm`, complete);
if any row is wrong nothing is written and every problem is reported with its row, column and
reason. Rows whose title and organisation repeat an earlier row of the file, or an initiative
already registered, are reported and skipped. A clean file is written in one transaction, in
bulk: the initiatives published by the importing moderator, their tags marked as imported, their
facets, search terms, history and one event each.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from wsis.accounts.services import get_or_create_organisation
from wsis.core.models import Event
from wsis.search import fulltext
from wsis.search.models import SearchDocument
from wsis.stocktaking import facet_index, policies
from wsis.stocktaking.choices import Status, TagOrigin
from wsis.stocktaking.exports import LIST_SEPARATOR
from wsis.stocktaking.facets import country_groups, encode, facet_pairs
from wsis.stocktaking.forms import InitiativeForm
from wsis.stocktaking.models import Facet, Initiative
from wsis.stocktaking.services import SCALAR_FIELDS, TAGS

# The template's columns, in order; an export's other columns (id, url, names…) are ignored.
COLUMNS = [
    "title",
    "summary",
    "description",
    "language",
    "organisation",
    "stakeholder_type",
    "countries",
    "regions",
    "scope",
    "start_date",
    "end_date",
    "work_state",
    "website",
    "contact_email",
    "partners",
    "funding_amount",
    "funding_currency",
    "funding_source",
    "target_groups",
    "action_lines",
    "sdg_goals",
    "sdg_targets",
    "gdc_objectives",
]
LIST_COLUMNS = {
    "countries",
    "regions",
    "partners",
    "target_groups",
    "action_lines",
    "sdg_goals",
    "sdg_targets",
    "gdc_objectives",
}
REQUIRED_COLUMNS = {"title", "summary", "language"}
IMPORTED = "stocktaking.initiative.imported"


@dataclass
class Problem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class Report:
    rows: int = 0
    imported: int = 0
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def read_rows(name: str, content: bytes) -> tuple[list[str], list[dict]]:
    """The header and the rows (as text) of a CSV or XLSX file."""
    if name.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        lines = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(lines, ())]
        rows = [
            {column: _cell_text(value) for column, value in zip(header, line, strict=False)}
            for line in lines
            if any(value not in (None, "") for value in line)
        ]
        return header, rows
    text = content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [column.strip() for column in reader.fieldnames or []]
    rows = [
        {column.strip(): (value or "") for column, value in row.items() if column}
        for row in reader
        if any((value or "").strip() for value in row.values() if isinstance(value, str))
    ]
    return header, rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _form_data(row: dict, organisation: str) -> dict:
    data = {}
    for column in COLUMNS:
        value = (row.get(column) or "").strip()
        if column in LIST_COLUMNS:
            value = [item.strip() for item in value.split(LIST_SEPARATOR.strip()) if item.strip()]
        data[column] = value
    if not data["organisation"] and organisation:
        data["organisation"] = organisation
    return data


def _key(title: str, organisation: str) -> tuple[str, str]:
    return " ".join(title.split()).casefold(), " ".join(organisation.split()).casefold()


def validate(header: list[str], rows: list[dict], organisation: str = "") -> tuple[Report, list]:
    """Check every row; returns the report and the cleaned rows to write (row number, data)."""
    report = Report(rows=len(rows))
    report.ignored_columns = [c for c in header if c and c not in COLUMNS]
    missing = REQUIRED_COLUMNS - set(header)
    for column in sorted(missing):
        report.problems.append(Problem(1, column, _("This column is missing.")))
    if missing:
        return report, []
    names = {(row.get("organisation") or organisation).strip() for row in rows}
    existing = {
        _key(title, name)
        for title, name in Initiative.objects.filter(
            organisation__name__in=[n for n in names if n]
        ).values_list("title", "organisation__name")
    }
    seen: dict[tuple[str, str], int] = {}
    cleaned_rows = []
    for number, row in enumerate(rows, start=2):
        form = InitiativeForm(_form_data(row, organisation), complete=True)
        if not form.is_valid():
            for column, errors in form.errors.as_data().items():
                for error in errors:
                    for message in error.messages:
                        report.problems.append(Problem(number, column, message))
            continue
        data = form.cleaned_data
        key = _key(data["title"], data.get("organisation") or "")
        if key in seen:
            report.duplicates.append(
                Problem(
                    number,
                    "title",
                    _("The same title and organisation as row {row}; not imported twice.").format(
                        row=seen[key]
                    ),
                )
            )
            continue
        seen[key] = number
        if key in existing:
            report.duplicates.append(
                Problem(
                    number,
                    "title",
                    _("An initiative with this title and organisation is already registered."),
                )
            )
            continue
        cleaned_rows.append((number, data))
    return report, cleaned_rows


def import_initiatives(
    actor, name: str, content: bytes, *, organisation: str = "", dry_run: bool = False
) -> Report:
    """Validate the file, then (unless `dry_run` or any row is wrong) write it all at once."""
    if not policies.is_moderator(actor):
        raise PermissionDenied(_("Only moderators may import initiatives."))
    try:
        header, rows = read_rows(name, content)
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError) as error:
        report = Report()
        message = _("The file cannot be read: {error}").format(error=error)
        report.problems.append(Problem(0, "", message))
        return report
    report, cleaned_rows = validate(header, rows, organisation)
    if report.ok and not dry_run and cleaned_rows:
        with transaction.atomic():
            _write(actor, name, cleaned_rows)
        report.imported = len(cleaned_rows)
        report.written = True
    elif report.ok:
        report.imported = len(cleaned_rows)
    return report


def _write(actor, name: str, cleaned_rows: list) -> None:
    now = timezone.now()
    organisations = {}
    for _number, data in cleaned_rows:
        wanted = data.get("organisation") or ""
        if wanted and wanted.casefold() not in organisations:
            kind = data["stakeholder_type"].code if data.get("stakeholder_type") else None
            organisations[wanted.casefold()] = get_or_create_organisation(actor, wanted, kind)
    initiatives = []
    for _number, data in cleaned_rows:
        initiative = Initiative(
            owner=actor,
            status=Status.PUBLISHED,
            submitted_at=now,
            published_at=now,
            active_at=now,
            organisation=organisations.get((data.get("organisation") or "").casefold()),
        )
        for name_ in SCALAR_FIELDS:
            value = data.get(name_)
            nullable = name_ in {"stakeholder_type", "start_date", "end_date", "funding_amount"}
            setattr(initiative, name_, "" if value is None and not nullable else value)
        initiatives.append(initiative)
    Initiative.objects.bulk_create(initiatives, batch_size=1000)
    Initiative.history.bulk_history_create(initiatives, default_user=actor)
    _write_links(initiatives, [data for _n, data in cleaned_rows])
    content_type = ContentType.objects.get_for_model(Initiative)
    Event.objects.bulk_create(
        [
            Event(
                label=IMPORTED,
                actor=actor,
                target_type=content_type,
                target_id=str(initiative.pk),
                data={"file": name, "row": number},
            )
            for initiative, (number, _data) in zip(initiatives, cleaned_rows, strict=True)
        ],
        batch_size=2000,
    )
    facet_index.invalidate()


def _write_links(initiatives: list, cleaned: list) -> None:
    groups_of = country_groups()
    links = {name: [] for name in ("countries", "regions", "target_groups")}
    tags = {name: [] for name in TAGS}
    facets, documents = [], []
    for initiative, data in zip(initiatives, cleaned, strict=True):
        for name in links:
            through = getattr(Initiative, name).through
            source = getattr(Initiative, name).field.m2m_field_name() + "_id"
            target = getattr(Initiative, name).field.m2m_reverse_field_name() + "_id"
            links[name] += [
                through(**{source: initiative.pk, target: entry.pk}) for entry in data[name]
            ]
        for name, (model, key) in TAGS.items():
            tags[name] += [
                model(initiative_id=initiative.pk, origin=TagOrigin.IMPORTED, **{key: entry})
                for entry in data[name]
            ]
        pairs = facet_pairs(
            language=initiative.language,
            start_date=initiative.start_date,
            work_state=initiative.work_state,
            stakeholder_type=initiative.stakeholder_type,
            action_lines=data["action_lines"],
            goals=data["sdg_goals"],
            targets=data["sdg_targets"],
            objectives=data["gdc_objectives"],
            target_groups=data["target_groups"],
            regions=data["regions"],
            countries=data["countries"],
            groups_of=groups_of,
        )
        initiative.facet_codes = encode(pairs)
        facets += [Facet(initiative_id=initiative.pk, facet=f, code=c) for f, c in pairs]
        title_terms, body_terms = fulltext.document_terms(initiative, translations=())
        documents.append(
            SearchDocument(initiative=initiative, title_terms=title_terms, body_terms=body_terms)
        )
    Initiative.objects.bulk_update(initiatives, ["facet_codes"], batch_size=1000)
    for rows in [*links.values(), *tags.values(), facets, documents]:
        if rows:
            type(rows[0]).objects.bulk_create(rows, batch_size=2000)


def template_csv() -> str:
    """The template: the columns and one example row, codes as the vocabularies give them."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    example = {
        "title": "Community networks for mountain villages",
        "summary": "Villagers build and run their own wireless network with a university.",
        "description": "Twelve villages were connected with solar-powered relays.",
        "language": "en",
        "organisation": "Highland Connectivity Cooperative",
        "stakeholder_type": "civil_society",
        "countries": "NP; BT",
        "scope": "regional",
        "start_date": "2023-03-01",
        "work_state": "ongoing",
        "website": "https://example.org",
        "partners": "Kathmandu University; Bhutan Telecom",
        "funding_amount": "250000",
        "funding_currency": "USD",
        "funding_source": "Universal service fund",
        "target_groups": "rural_populations",
        "action_lines": "C2; C7.e-learning",
        "sdg_goals": "9",
        "sdg_targets": "9.c",
        "gdc_objectives": "GDC1",
    }
    writer.writerow([example.get(column, "") for column in COLUMNS])
    return buffer.getvalue()

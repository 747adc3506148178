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
import json
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from multiprocessing import get_context
from operator import itemgetter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from wsis.accounts.models import Organisation
from wsis.accounts.services import get_or_create_organisation
from wsis.core.i18n import translated
from wsis.core.models import Event
from wsis.search import fulltext
from wsis.search.models import SearchDocument
from wsis.search.tasks import schedule_embedding
from wsis.stocktaking import policies
from wsis.stocktaking.choices import Status, TagOrigin
from wsis.stocktaking.exports import LIST_SEPARATOR
from wsis.stocktaking.facets import country_groups, encode, facet_pairs
from wsis.stocktaking.forms import InitiativeForm
from wsis.stocktaking.models import Facet, Initiative
from wsis.stocktaking.services import SCALAR_FIELDS, TAGS, published_set_changed
from wsis.taxonomy import memo
from wsis.taxonomy.models import (
    ActionLine,
    Country,
    GDCObjective,
    Region,
    SDGGoal,
    SDGTarget,
    StakeholderType,
    TargetGroup,
)

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
# The vocabularies whose codes the template's columns take, for the template's own sheets.
CODE_SHEETS = {
    "stakeholder_type": StakeholderType,
    "countries": Country,
    "regions": Region,
    "target_groups": TargetGroup,
    "action_lines": ActionLine,
    "sdg_goals": SDGGoal,
    "sdg_targets": SDGTarget,
    "gdc_objectives": GDCObjective,
}
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


def read_rows(name: str, content: bytes) -> tuple[list[str], Iterator[dict]]:
    """The header and the rows (as text, read as they are used) of a CSV or XLSX file."""
    if name.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        lines = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(lines, ())]
        rows = (
            {column: _cell_text(value) for column, value in zip(header, line, strict=False)}
            for line in lines
            if any(value not in (None, "") for value in line)
        )
        return header, rows
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    header = [column.strip() for column in reader.fieldnames or []]
    rows = (
        {column.strip(): (value or "") for column, value in row.items() if column}
        for row in reader
        if any((value or "").strip() for value in row.values() if isinstance(value, str))
    )
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


@dataclass
class Row:
    """A valid row, kept small (100,000 of them wait for the write): the cleaned values, the
    organisation's name and the ids of the vocabulary entries of each tag field."""

    number: int
    values: dict
    organisation: str
    links: dict


LINK_FIELDS = ("countries", "regions", "target_groups", *TAGS)


def _row(number: int, data: dict) -> Row:
    values = {name: data.get(name) for name in SCALAR_FIELDS if name != "stakeholder_type"}
    values["stakeholder_type_id"] = getattr(data.get("stakeholder_type"), "pk", None)
    links = {name: tuple(entry.pk for entry in data.get(name) or ()) for name in LINK_FIELDS}
    return Row(number, values, data.get("organisation") or "", links)


def _check_chunk(numbered: list[tuple[int, dict]], organisation: str) -> list:
    """Each row checked with the submission form's rules: a Row, or the row's problems. Runs in
    either process; one form checks every row in turn, as building a form copies all its fields
    and their choices (some hundred currencies), which costs more than the checks themselves."""
    form = InitiativeForm(complete=True)
    checked = []
    for number, raw in numbered:
        form.data, form.is_bound, form._errors = _form_data(raw, organisation), True, None
        if form.is_valid():
            checked.append(_row(number, form.cleaned_data))
            continue
        checked.append(
            [
                Problem(number, column, str(message))
                for column, errors in form.errors.as_data().items()
                for error in errors
                for message in error.messages
            ]
        )
    return checked


def _numbered_chunks(rows) -> Iterator[list[tuple[int, dict]]]:
    chunk = []
    for number, raw in enumerate(rows, start=2):
        chunk.append((number, raw))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def validate(
    header: list[str], rows, organisation: str = "", worker=None
) -> tuple[Report, list[Row]]:
    """Check every row (with the help of a `worker` process, if given); returns the report and
    the valid rows to write."""
    report = Report()
    report.ignored_columns = [c for c in header if c and c not in COLUMNS]
    missing = REQUIRED_COLUMNS - set(header)
    for column in sorted(missing):
        report.problems.append(Problem(1, column, _("This column is missing.")))
    if missing:
        return report, []
    seen: dict[tuple[str, str], int] = {}
    valid: list[Row] = []
    # With a worker, every other chunk is checked there while this process checks the next.
    pending = []
    for index, chunk in enumerate(_numbered_chunks(rows)):
        if worker is not None and index % 2:
            pending.append(worker.submit(_check_chunk, chunk, organisation))
        else:
            pending.append(_check_chunk(chunk, organisation))
    for checked in pending:
        for result in checked if isinstance(checked, list) else checked.result():
            report.rows += 1
            if isinstance(result, list):
                report.problems += result
                continue
            key = _key(result.values["title"], result.organisation)
            if key in seen:
                message = _("The same title and organisation as row {row}; not imported twice.")
                report.duplicates.append(
                    Problem(result.number, "title", message.format(row=seen[key]))
                )
                continue
            seen[key] = result.number
            valid.append(result)
    registered = _registered({row.organisation for row in valid if row.organisation})
    message = _("An initiative with this title and organisation is already registered.")
    for row in valid:
        if _key(row.values["title"], row.organisation) in registered:
            report.duplicates.append(Problem(row.number, "title", message))
    report.duplicates.sort(key=lambda problem: problem.row)
    if registered:
        valid = [r for r in valid if _key(r.values["title"], r.organisation) not in registered]
    return report, valid


def _registered(organisations: set[str]) -> set[tuple[str, str]]:
    """(title, organisation) keys of the initiatives already registered by `organisations`."""
    folded = {name.casefold() for name in organisations}
    found = set()
    names = Organisation.objects.values_list("pk", "name")
    ids = [pk for pk, name in names if " ".join(name.split()).casefold() in folded]
    for start in range(0, len(ids), 500):
        found |= {
            _key(title, name)
            for title, name in Initiative.objects.filter(
                organisation_id__in=ids[start : start + 500]
            ).values_list("title", "organisation__name")
        }
    return found


def import_initiatives(
    actor,
    name: str,
    content: bytes,
    *,
    organisation: str = "",
    dry_run: bool = False,
    parallel: bool = True,
) -> Report:
    """Validate the file, then (unless `dry_run` or any row is wrong) write it all at once.
    `parallel` lets a large file be helped by a second process (not inside a web server,
    whose processes must not fork)."""
    if not policies.is_moderator(actor):
        raise PermissionDenied(_("Only moderators may import initiatives."))
    with memo.held(), _worker(len(content) if parallel else 0) as worker:
        try:
            header, rows = read_rows(name, content)
            report, valid = validate(header, rows, organisation, worker)
        except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError) as error:
            report, valid = Report(), []
            message = _("The file cannot be read: {error}").format(error=error)
            report.problems.append(Problem(0, "", message))
        if report.ok and not dry_run and valid:
            with transaction.atomic():
                _write(actor, name, valid, worker)
            report.written = True
    if report.ok:
        report.imported = len(valid)
    return report


CHUNK = 2000
NULLABLE = {"stakeholder_type", "start_date", "end_date", "funding_amount"}
# Field types whose values the database driver cannot take as Python gives them.
PREPARED_TYPES = {"JSONField", "DecimalField", "DateField", "DateTimeField"}


def _write(actor, name: str, rows: list[Row], worker=None) -> None:
    """Everything written with prepared statements, a chunk of rows at a time (the ORM's
    bulk_create builds and compiles far more than these plain rows need), while another
    process computes the search terms of the chunks ahead."""
    now = timezone.now()
    stakeholder_types = memo.vocabulary(StakeholderType).by_pk
    organisations = {}
    for row in rows:
        folded = row.organisation.casefold()
        if row.organisation and folded not in organisations:
            kind = stakeholder_types.get(row.values["stakeholder_type_id"])
            organisations[folded] = get_or_create_organisation(
                actor, row.organisation, kind.code if kind else None
            )
    ids = _reserve_ids(Initiative, len(rows))
    records = []
    for pk, row in zip(ids, rows, strict=True):
        organisation = organisations.get(row.organisation.casefold())
        record = {
            name_: "" if value is None and name_ not in NULLABLE else value
            for name_, value in row.values.items()
        }
        record |= {
            "id": pk,
            "owner_id": actor.pk,
            "organisation_id": organisation.pk if organisation else None,
            "status": Status.PUBLISHED,
            "submitted_at": now,
            "published_at": now,
            "active_at": now,
            "created_at": now,
            "updated_at": now,
        }
        records.append(record)
    chunks = [(start, start + CHUNK) for start in range(0, len(rows), CHUNK)]
    texts = [
        [
            (
                [(r["language"], r["title"], r["summary"], r["description"])],
                [row.organisation, *r["partners"]],
            )
            for r, row in zip(records[a:b], rows[a:b], strict=True)
        ]
        for a, b in chunks
    ]
    compute = worker.map if worker is not None else map
    for (a, b), terms in zip(chunks, compute(_chunk_terms, texts), strict=True):
        _write_chunk(actor, name, now, records[a:b], rows[a:b], terms)
    published_set_changed()
    schedule_embedding(ids)


# Files above this size are checked and indexed with the help of a second process.
PARALLEL_FROM_BYTES = 2_000_000


@contextmanager
def _worker(size: int):
    """A second process for large files (the machine's other core): it checks rows and
    computes search terms while this one does the same and writes. The vocabularies are loaded
    first, so that the forked worker has them and never touches the database."""
    if size < PARALLEL_FROM_BYTES:
        yield None
        return
    for model in CODE_SHEETS.values():
        memo.vocabulary(model)
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as pool:
        yield pool


def _chunk_terms(texts: list) -> list[tuple[str, str]]:
    return [fulltext.text_terms(versions, names) for versions, names in texts]


def _write_chunk(actor, name, now, records, rows, terms) -> None:
    groups_of = country_groups()
    for record, row in zip(records, rows, strict=True):
        record["facet_codes"] = _facet_codes(record, row, groups_of)
    _insert_records(Initiative, records)
    _insert_history(records, actor, now)
    for field_name in ("countries", "regions", "target_groups"):
        field = Initiative._meta.get_field(field_name)
        _insert(
            field.remote_field.through,
            (field.m2m_field_name(), field.m2m_reverse_field_name()),
            [
                (r["id"], pk)
                for r, row in zip(records, rows, strict=True)
                for pk in row.links[field_name]
            ],
        )
    for field_name, (model, key) in TAGS.items():
        _insert(
            model,
            ("initiative", "origin", key),
            [
                (r["id"], TagOrigin.IMPORTED, pk)
                for r, row in zip(records, rows, strict=True)
                for pk in row.links[field_name]
            ],
        )
    _insert(
        Facet,
        ("facet", "code", "initiative"),
        # In the order of the (facet, code, initiative) index: each insert lands next to the
        # last one instead of anywhere in a large index.
        sorted(
            (*pair.split(":", 1), r["id"]) for r in records for pair in r["facet_codes"].split()
        ),
    )
    _insert(
        SearchDocument,
        ("initiative", "title_terms", "body_terms"),
        [(r["id"], *found) for r, found in zip(records, terms, strict=True)],
    )
    content_type = ContentType.objects.get_for_model(Initiative)
    _insert(
        Event,
        ("label", "actor", "target_type", "target_id", "data", "created_at"),
        [
            (
                IMPORTED,
                actor.pk,
                content_type.pk,
                str(r["id"]),
                json.dumps({"file": name, "row": row.number}),
                now,
            )
            for r, row in zip(records, rows, strict=True)
        ],
    )


def _facet_codes(record: dict, row: Row, groups_of) -> str:
    def entries(field):
        model = Initiative._meta.get_field(field).related_model
        by_pk = memo.vocabulary(model).by_pk
        return [by_pk[pk] for pk in row.links[field]]

    stakeholder = memo.vocabulary(StakeholderType).by_pk.get(row.values["stakeholder_type_id"])
    return encode(
        facet_pairs(
            language=record["language"],
            start_date=record["start_date"],
            work_state=record["work_state"],
            stakeholder_type=stakeholder,
            action_lines=entries("action_lines"),
            goals=entries("sdg_goals"),
            targets=entries("sdg_targets"),
            objectives=entries("gdc_objectives"),
            target_groups=entries("target_groups"),
            regions=entries("regions"),
            countries=entries("countries"),
            groups_of=groups_of,
        )
    )


def _reserve_ids(model, count: int) -> list[int]:
    """`count` fresh primary keys for `model`, so that rows and their links are written
    together without reading the keys back."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so no other writer
        # can take these keys; AUTOINCREMENT never reuses a key, hence the sequence too.
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
        largest = max(largest, cursor.fetchone()[0])
    return list(range(largest + 1, largest + 1 + count))


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows written with one prepared statement."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(field).column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _insert_records(model, records: list[dict], skip=()) -> None:
    """Records (values by attribute name) written as `bulk_create` would write the model's
    instances: each value prepared by its field where the driver needs it."""
    fields = [f for f in model._meta.concrete_fields if f.name not in skip]
    values_of = itemgetter(*(f.attname for f in fields))
    preparations = [(i, _preparation(f)) for i, f in enumerate(fields)]
    preparations = [(i, prepare) for i, prepare in preparations if prepare]
    rows = []
    for record in records:
        values = list(values_of(record))
        for i, prepare in preparations:
            values[i] = prepare(values[i])
        rows.append(values)
    _insert(model, tuple(f.name for f in fields), rows)


def _preparation(field):
    """How the driver gets `field`'s values (None: as they are); dates and amounts repeat
    across rows, so each distinct value is prepared once."""
    if field.get_internal_type() not in PREPARED_TYPES:
        return None
    if field.get_internal_type() == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
    prepared = {}

    def prepare(value):
        if value not in prepared:
            prepared[value] = field.get_db_prep_save(value, connection)
        return prepared[value]

    return prepare


def _insert_history(records: list[dict], actor, now) -> None:
    """The history's first record of each initiative ("created"), as simple-history writes it."""
    historical = Initiative.history.model
    extra = {
        "history_date": now,
        "history_type": "+",
        "history_user_id": actor.pk,
        "history_change_reason": None,
    }
    _insert_records(
        historical,
        [record | extra for record in records],
        skip={historical._meta.pk.name},
    )


def template_xlsx(language: str):
    """The template as a workbook: the columns and the example row, then one sheet per
    vocabulary with its codes and their names in `language`."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("initiatives")
    header, example = list(csv.reader(io.StringIO(template_csv().lstrip("\ufeff"))))
    sheet.append(header)
    sheet.append(example)
    for column, model in CODE_SHEETS.items():
        codes = book.create_sheet(column)
        codes.append([_("code"), _("name")])
        for entry in memo.vocabulary(model).entries:
            name = (
                getattr(entry, "name", None)
                or getattr(entry, "short", None)
                or getattr(entry, "text", None)
            )
            codes.append([memo.vocabulary(model).code[entry.pk], translated(name, language)])
    handle = tempfile.TemporaryFile()
    book.save(handle)
    handle.seek(0)
    return handle


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

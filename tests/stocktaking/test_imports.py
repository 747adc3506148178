"""Bulk import: all rows or none, every bad row named, duplicates skipped, exports re-importable."""

import csv
import io
from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative, moderator
from wsis.core.models import Event
from wsis.stocktaking import exports, imports
from wsis.stocktaking.choices import Status, TagOrigin
from wsis.stocktaking.listing import list_initiatives
from wsis.stocktaking.models import Initiative, InitiativeActionLine

pytestmark = pytest.mark.django_db


def csv_file(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def good_row(index: int, **overrides) -> dict:
    row = {
        "title": f"Rural telecentre {index}",
        "summary": "A telecentre run by the village council offers internet access and training.",
        "language": "en",
        "organisation": "Regional Commission Pilot",
        "stakeholder_type": "government",
        "countries": "SN; ML",
        "scope": "national",
        "start_date": "2022-01-01",
        "work_state": "ongoing",
        "target_groups": "rural_populations",
        "action_lines": "C2; C7.e-learning",
        "sdg_targets": "9.c",
        "gdc_objectives": "GDC1",
    }
    row.update(overrides)
    return row


def test_one_thousand_good_rows_and_three_bad_ones_import_nothing():
    rows = [good_row(i) for i in range(1000)]
    rows[10]["action_lines"] = "C99"  # row 12
    rows[500]["summary"] = " ".join(["word"] * 201)  # row 502
    rows[998].update(start_date="2024-05-01", end_date="2023-01-01")  # row 1000
    report = imports.import_initiatives(moderator(), "commission.csv", csv_file(rows))
    assert not report.ok and not report.written
    assert Initiative.objects.count() == 0
    named = {(p.row, p.column) for p in report.problems}
    assert named == {(12, "action_lines"), (502, "summary"), (1000, "end_date")}
    messages = {p.row: p.message for p in report.problems}
    assert "C99" in messages[12]
    assert "200" in messages[502]
    assert "before the start" in messages[1000]


def test_a_clean_file_is_published_with_imported_tags_and_an_event_each():
    actor = moderator()
    report = imports.import_initiatives(
        actor, "commission.csv", csv_file([good_row(i) for i in range(3)])
    )
    assert report.ok and report.written and report.imported == 3
    initiatives = Initiative.objects.filter(status=Status.PUBLISHED)
    assert initiatives.count() == 3
    assert set(InitiativeActionLine.objects.values_list("origin", flat=True)) == {
        TagOrigin.IMPORTED
    }
    assert Event.objects.filter(label=imports.IMPORTED).count() == 3
    assert Initiative.history.filter(history_type="+").count() == 3
    # Searchable and counted at once.
    page = list_initiatives({"q": "telecentre", "country_group": ["LDC"]})
    assert page.count == 3
    assert page.facets["action_line"] == {"C2": 3, "C7": 3, "C7.e-learning": 3}


def test_duplicates_in_the_file_and_in_the_registry_are_skipped_and_reported():
    make_initiative(title="Rural telecentre 1", organisation="Regional Commission Pilot")
    rows = [good_row(0), good_row(1), good_row(0, summary="The same project, reworded.")]
    report = imports.import_initiatives(moderator(), "commission.csv", csv_file(rows))
    assert report.ok and report.imported == 1
    assert {p.row for p in report.duplicates} == {3, 4}
    again = imports.import_initiatives(moderator(), "commission.csv", csv_file(rows))
    assert again.imported == 0 and len(again.duplicates) == 3
    assert Initiative.objects.filter(title="Rural telecentre 0").count() == 1


def test_an_export_imports_into_an_empty_registry_with_the_same_tags():
    make_initiative(
        title="Telemedicine for islands",
        countries=["FJ", "WS"],
        action_lines=["C7.e-health"],
        sdg_targets=["3.8", "9.c"],
        gdc_objectives=["GDC1", "GDC3"],
        target_groups=["women_girls", "rural_populations"],
    )
    make_initiative(title="Données ouvertes", language="fr", regions=["AFR"], countries=[])

    def described():
        return sorted(
            (
                record["title"],
                record["organisation"],
                *(
                    tuple(sorted(record[name]))
                    for name in (
                        "countries",
                        "regions",
                        "target_groups",
                        "action_lines",
                        "sdg_goals",
                        "sdg_targets",
                        "gdc_objectives",
                    )
                ),
            )
            for record in exports.records(Initiative.objects.all(), "en")
        )

    before = described()
    exported = "".join(exports.csv_lines(exports.records(Initiative.objects.all(), "en")))
    Initiative.objects.all().delete()
    report = imports.import_initiatives(moderator(), "export.csv", exported.encode())
    assert report.ok and report.imported == 2, report.problems
    assert "url" in report.ignored_columns
    assert described() == before


def test_only_moderators_import():
    with pytest.raises(PermissionDenied):
        imports.import_initiatives(UserFactory(), "x.csv", csv_file([good_row(0)]))


def test_the_command_checks_with_dry_run_and_reports_bad_rows(tmp_path):
    UserFactory(email="admin@wsis.test", role="administrator")
    path = tmp_path / "commission.csv"
    path.write_bytes(csv_file([good_row(0), good_row(1, language="xx")]))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_initiatives", str(path))
    path.write_bytes(csv_file([good_row(0), good_row(1)]))
    call_command("import_initiatives", str(path), "--dry-run")
    assert Initiative.objects.count() == 0
    call_command("import_initiatives", str(path), "--organisation", "Ignored when named")
    assert Initiative.objects.count() == 2


def test_an_xlsx_file_imports_like_a_csv():
    book = Workbook()
    sheet = book.active
    sheet.append(imports.COLUMNS)
    for row in (good_row(0), good_row(1, start_date="")):
        sheet.append([row.get(column, "") for column in imports.COLUMNS])
    sheet["J3"] = datetime(2021, 6, 1)  # a date typed as a date in the spreadsheet
    buffer = io.BytesIO()
    book.save(buffer)
    report = imports.import_initiatives(moderator(), "commission.xlsx", buffer.getvalue())
    assert report.ok and report.imported == 2, report.problems
    assert Initiative.objects.get(title="Rural telecentre 1").start_date.isoformat() == "2021-06-01"


def test_a_large_file_is_checked_and_indexed_with_a_second_process(monkeypatch):
    # Small chunks and no size floor, so that this file takes the path of a 100,000-row one.
    monkeypatch.setattr(imports, "CHUNK", 50)
    monkeypatch.setattr(imports, "PARALLEL_FROM_BYTES", 0)
    rows = [good_row(i, title=f"Rural telecentre {i} طريق") for i in range(240)]
    rows[75]["countries"] = "XX"  # row 77, in a chunk checked by the worker
    report = imports.import_initiatives(moderator(), "commission.csv", csv_file(rows))
    assert [(p.row, p.column) for p in report.problems] == [(77, "countries")]
    assert Initiative.objects.count() == 0
    rows[75]["countries"] = "SN"
    report = imports.import_initiatives(moderator(), "commission.csv", csv_file(rows))
    assert report.imported == 240 and report.written
    assert list_initiatives({"q": "الطريق telecentre"}).count == 240
    assert Initiative.history.count() == 240

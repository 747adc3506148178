"""The moderators' import page and the import templates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import moderator
from tests.stocktaking.test_imports import csv_file, good_row
from wsis.stocktaking import imports
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.django_db
URL = "/{}/moderation/import/"


def upload(client, rows, language="en", **fields):
    data = {"file": SimpleUploadedFile("commission.csv", csv_file(rows), "text/csv")} | fields
    return client.post(URL.format(language), data)


def test_only_moderators_see_the_page(client):
    assert client.get(URL.format("en")).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(URL.format("en")).status_code == 403
    assert upload(client, [good_row(0)]).status_code == 403
    assert Initiative.objects.count() == 0
    client.force_login(moderator())
    page = client.get(URL.format("en"))
    assert page.status_code == 200 and b"import-template.xlsx" in page.content


def test_a_bad_file_is_reported_row_by_row_in_the_readers_language(client):
    client.force_login(moderator())
    rows = [good_row(0), good_row(1, action_lines="C99"), good_row(2, language="")]
    page = upload(client, rows, language="ar", organisation="لجنة", dry_run="")
    assert page.status_code == 422
    assert Initiative.objects.count() == 0
    text = page.content.decode()
    assert "<td>3</td><td><code>action_lines</code></td>" in text
    assert "<td>4</td><td><code>language</code></td>" in text
    assert 'dir="rtl"' in text and "لم يُستورد شيء" in text
    assert 'value="لجنة"' in text  # what was typed is kept


def test_a_dry_run_writes_nothing_then_the_import_publishes(client):
    client.force_login(moderator())
    page = upload(client, [good_row(0), good_row(1)], dry_run="on")
    assert page.status_code == 200 and b"Nothing was written" in page.content
    assert Initiative.objects.count() == 0
    page = upload(client, [good_row(0), good_row(1)], dry_run="")
    assert page.status_code == 200 and b"2 initiatives imported" in page.content
    assert Initiative.objects.filter(status="published").count() == 2


def test_only_csv_and_xlsx_files_are_taken(client):
    client.force_login(moderator())
    page = client.post(
        URL.format("en"), {"file": SimpleUploadedFile("x.pdf", b"%PDF", "application/pdf")}
    )
    assert page.status_code == 400 and b"Upload a .csv or .xlsx file." in page.content


def test_the_templates_list_the_columns_and_every_vocabularys_codes(client):
    answer = client.get("/en/initiatives/import-template.csv")
    header = answer.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == imports.COLUMNS
    answer = client.get("/fr/initiatives/import-template.xlsx")
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)), read_only=True)
    assert book.sheetnames[0] == "initiatives" and "sdg_targets" in book.sheetnames
    targets = [row[0] for row in book["sdg_targets"].iter_rows(min_row=2, values_only=True)]
    assert "9.c" in targets and len(targets) == 169
    countries = {row[0]: row[1] for row in book["countries"].iter_rows(values_only=True)}
    assert countries["DE"] == "Allemagne"


def test_the_template_imports_as_it_is():
    content = imports.template_csv().encode()
    report = imports.import_initiatives(moderator(), "template.csv", content)
    assert report.ok and report.imported == 1, report.problems

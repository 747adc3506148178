"""The open-data package: valid Frictionless, complete, downloadable once built."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import Package

from tests.stocktaking.factories import make_initiative
from wsis.stocktaking import open_data
from wsis.stocktaking.choices import Status

pytestmark = pytest.mark.django_db


def rows(directory, table):
    with (directory / f"{table}.csv").open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


@pytest.fixture
def registry():
    return [
        make_initiative(
            title="Telemedicine for islands",
            countries=["FJ", "WS"],
            action_lines=["C7.e-health"],
            sdg_targets=["3.8"],
            partners=["Fiji Ministry of Health", "WHO"],
            funding_amount="125000",
            funding_currency="USD",
        ),
        make_initiative(title="شبكات مجتمعية", language="ar", regions=["ARB"], countries=[]),
        make_initiative(title="A draft", status=Status.DRAFT),
    ]


def test_the_package_validates_and_holds_only_published_initiatives(registry, tmp_path):
    call_command("export_open_data", str(tmp_path))
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    initiatives = rows(tmp_path, "initiatives")
    assert {row["title"] for row in initiatives} == {"Telemedicine for islands", "شبكات مجتمعية"}
    islands = next(row for row in initiatives if row["title"].startswith("Telemedicine"))
    assert islands["partners"] == "Fiji Ministry of Health; WHO"
    assert islands["funding_amount"] == "125000.00"
    tags = {(row["vocabulary"], row["code"], row["origin"]) for row in rows(tmp_path, "tags")}
    assert ("action_line", "C7.e-health", "submitter") in tags
    assert ("sdg_goal", "3", "submitter") in tags
    assert ("country", "WS", "") in tags and ("region", "ARB", "") in tags
    vocabularies = {(row["vocabulary"], row["code"]): row for row in rows(tmp_path, "vocabularies")}
    assert vocabularies["sdg_target", "3.8"]["parent"] == "3"
    assert vocabularies["action_line", "C7.e-health"]["parent"] == "C7"
    assert vocabularies["country", "DE"]["name_fr"] == "Allemagne"
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["resources"][0]["description"] == "2 rows"


def test_a_broken_reference_fails_validation(registry, tmp_path):
    open_data.write_package(tmp_path)
    with (tmp_path / "tags.csv").open("a", encoding="utf-8", newline="") as out:
        csv.writer(out).writerow([999999, "country", "ZZ", ""])
    assert not Package(str(tmp_path / "datapackage.json")).validate().valid


def test_the_site_offers_the_package_once_built(registry, client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "site"
    assert client.get("/en/initiatives/open-data.zip").status_code == 404
    call_command("export_open_data", "--site")
    answer = client.get("/en/initiatives/open-data.zip")
    assert answer.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    assert set(archive.namelist()) == {
        "datapackage.json",
        "initiatives.csv",
        "tags.csv",
        "organisations.csv",
        "vocabularies.csv",
    }


@pytest.mark.django_db(transaction=True)
def test_a_publication_schedules_one_rebuild_that_the_worker_runs(
    settings, tmp_path, live_vocabularies
):
    # Committed for real: the rebuild is scheduled after the commit, and the worker closes
    # database connections as a worker process does.
    from django_tasks_db.models import DBTaskResult

    from wsis.stocktaking.tasks import rebuild_open_data

    settings.OPEN_DATA_DIR = tmp_path / "site"
    settings.OPEN_DATA_REBUILD_DELAY = 0
    pending = DBTaskResult.objects.filter(task_path=rebuild_open_data.module_path)
    make_initiative(title="First")
    make_initiative(title="Second")
    assert pending.filter(status="READY").count() == 1  # one build for both changes
    assert not (tmp_path / "site" / open_data.ARCHIVE).exists()  # nothing built on the request
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert pending.get().status == "SUCCESSFUL"
    archive = zipfile.ZipFile(tmp_path / "site" / open_data.ARCHIVE)
    titles = archive.read("initiatives.csv").decode()
    assert "First" in titles and "Second" in titles

"""The published registry as a Frictionless Data Package: `datapackage.json` (the tables'
schemas, keys and licence) and one CSV per table: initiatives, tags, organisations and the
vocabularies the tags' codes come from, with their names in the six languages.

Rows are read in chunks and written as they come, like the exports.
"""

import csv
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from wsis.accounts.models import Organisation
from wsis.core.i18n import DATA_LANGUAGES
from wsis.stocktaking import fetch
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative
from wsis.stocktaking.services import TAGS
from wsis.taxonomy import memo
from wsis.taxonomy import models as taxonomy

CHUNK = 2000
ARCHIVE = "wsis-stocktaking-datapackage.zip"
LIST_SEPARATOR = "; "

# vocabulary name in tags.csv -> (model, field of Initiative)
VOCABULARIES = {
    "country": (taxonomy.Country, "countries"),
    "region": (taxonomy.Region, "regions"),
    "target_group": (taxonomy.TargetGroup, "target_groups"),
    "action_line": (taxonomy.ActionLine, "action_lines"),
    "sdg_goal": (taxonomy.SDGGoal, "sdg_goals"),
    "sdg_target": (taxonomy.SDGTarget, "sdg_targets"),
    "gdc_objective": (taxonomy.GDCObjective, "gdc_objectives"),
    "stakeholder_type": (taxonomy.StakeholderType, None),
}


def _field(name, kind="string", description="", **constraints):
    field = {"name": name, "type": kind}
    if description:
        field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


INITIATIVE_FIELDS = [
    _field("id", "integer", "Permanent identifier", required=True, unique=True),
    _field("url", description="Permalink on the platform"),
    _field("title", required=True),
    _field("summary"),
    _field("description"),
    _field("language", description="Language of the original text (ar, en, es, fr, ru, zh)"),
    _field("organisation_id", "integer"),
    _field("stakeholder_type", description="Code in vocabularies.csv (stakeholder_type)"),
    _field("scope", description="local, national, regional or global"),
    _field("start_date", "date"),
    _field("end_date", "date"),
    _field("work_state", description="planned, ongoing or completed"),
    _field("website"),
    _field("partners", description="Names separated by '; '"),
    _field("funding_amount", "number"),
    _field("funding_currency", description="ISO 4217 code"),
    _field("funding_source"),
    _field("status_light", description="green, amber or red (activity in the last 12/24 months)"),
    _field("published_at", "datetime"),
]
TAG_FIELDS = [
    _field("initiative_id", "integer", required=True),
    _field("vocabulary", required=True),
    _field("code", required=True),
    _field("origin", description="submitter, suggestion, moderator or imported (empty: none)"),
]
ORGANISATION_FIELDS = [
    _field("id", "integer", required=True, unique=True),
    _field("name", required=True),
    _field("stakeholder_type"),
]
VOCABULARY_FIELDS = [
    _field("vocabulary", required=True),
    _field("code", required=True),
    _field("parent", description="Code of the broader entry (a C7 sub-line's C7, a target's goal)"),
    *[_field(f"name_{language}") for language in DATA_LANGUAGES],
]


def descriptor(tables: dict[str, int]) -> dict:
    """The package's datapackage.json; `tables` gives each table's number of rows."""

    def resource(name, fields, primary_key, foreign_keys=()):
        return {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": f"{tables[name]} rows",
            "schema": {
                "fields": fields,
                "primaryKey": primary_key,
                "foreignKeys": list(foreign_keys),
                "missingValues": [""],
            },
        }

    return {
        "profile": "tabular-data-package",
        "name": "wsis-stocktaking",
        "title": "WSIS Stocktaking: ICT-for-development initiatives",
        "description": (
            "The published initiatives of the WSIS Stocktaking registry, their classification by "
            "WSIS Action Line, SDG goal and target, Global Digital Compact objective, country, "
            "region and target group, their organisations, and the vocabularies of the codes."
        ),
        "homepage": settings.SITE_URL,
        "created": timezone.now().isoformat(timespec="seconds"),
        "licenses": [
            {
                "name": settings.OPEN_DATA_LICENSE,
                "path": f"https://spdx.org/licenses/{settings.OPEN_DATA_LICENSE}.html",
            }
        ],
        "resources": [
            resource(
                "initiatives",
                INITIATIVE_FIELDS,
                ["id"],
                [
                    {
                        "fields": ["organisation_id"],
                        "reference": {"resource": "organisations", "fields": ["id"]},
                    }
                ],
            ),
            resource(
                "tags",
                TAG_FIELDS,
                ["initiative_id", "vocabulary", "code"],
                [
                    {
                        "fields": ["initiative_id"],
                        "reference": {"resource": "initiatives", "fields": ["id"]},
                    },
                    {
                        "fields": ["vocabulary", "code"],
                        "reference": {"resource": "vocabularies", "fields": ["vocabulary", "code"]},
                    },
                ],
            ),
            resource("organisations", ORGANISATION_FIELDS, ["id"]),
            resource("vocabularies", VOCABULARY_FIELDS, ["vocabulary", "code"]),
        ],
    }


def write_package(directory: Path) -> dict[str, int]:
    """Write the package into `directory` (created if needed); returns the rows per table."""
    directory.mkdir(parents=True, exist_ok=True)
    published = Initiative.objects.filter(status=Status.PUBLISHED)
    ids = list(published.order_by("pk").values_list("pk", flat=True))
    tables = {
        "initiatives": _write(directory, "initiatives", INITIATIVE_FIELDS, _initiatives(ids)),
        "tags": _write(directory, "tags", TAG_FIELDS, _tags(published)),
        "organisations": _write(
            directory, "organisations", ORGANISATION_FIELDS, _organisations(published)
        ),
        "vocabularies": _write(directory, "vocabularies", VOCABULARY_FIELDS, _vocabularies()),
    }
    (directory / "datapackage.json").write_text(
        json.dumps(descriptor(tables), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return tables


def _write(directory: Path, name: str, fields: list, rows) -> int:
    count = 0
    with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([field["name"] for field in fields])
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
            count += 1
    return count


def _initiatives(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        organisations = dict(
            Initiative.objects.filter(pk__in=chunk).values_list("pk", "organisation_id")
        )
        for item in fetch.list_items(chunk, "", description=True):
            funding = item["funding"] or {}
            yield (
                item["id"],
                settings.SITE_URL + item["url"],
                item["title"],
                item["summary"],
                item["description"],
                item["language"],
                organisations[item["id"]],
                item["stakeholder_type"],
                item["scope"],
                item["start_date"],
                item["end_date"],
                item["work_state"],
                item["website"],
                LIST_SEPARATOR.join(item["partners"]),
                funding.get("amount"),
                funding.get("currency", ""),
                funding.get("source", ""),
                item["status_light"],
                item["published_at"].isoformat(timespec="seconds") if item["published_at"] else "",
            )


def _tags(published):
    for vocabulary, (model, field_name) in VOCABULARIES.items():
        if field_name is None:
            continue
        codes = memo.vocabulary(model).code
        if field_name in TAGS:
            tag_model, key = TAGS[field_name]
            links = tag_model.objects.filter(initiative__in=published).values_list(
                "initiative_id", f"{key}_id", "origin"
            )
        else:
            through = Initiative._meta.get_field(field_name).remote_field.through
            target = Initiative._meta.get_field(field_name).m2m_reverse_field_name() + "_id"
            links = through.objects.filter(initiative__in=published).values_list(
                "initiative_id", target
            )
        for initiative_id, entry_id, *origin in links.order_by("initiative_id").iterator(CHUNK):
            yield initiative_id, vocabulary, codes[entry_id], origin[0] if origin else ""


def _organisations(published):
    kinds = memo.vocabulary(taxonomy.StakeholderType).code
    used = published.values("organisation_id")
    for pk, name, kind in (
        Organisation.objects.filter(pk__in=used)
        .order_by("pk")
        .values_list("pk", "name", "stakeholder_type_id")
        .iterator(CHUNK)
    ):
        yield pk, name, kinds.get(kind, "")


def _vocabularies():
    for vocabulary, (model, _field_name) in VOCABULARIES.items():
        loaded = memo.vocabulary(model)
        parents = {}
        if model is taxonomy.ActionLine:
            parents = {e.pk: loaded.code.get(e.parent_id, "") for e in loaded.entries}
        elif model is taxonomy.SDGTarget:
            goals = memo.vocabulary(taxonomy.SDGGoal).code
            parents = {e.pk: goals[e.goal_id] for e in loaded.entries}
        for entry in loaded.entries:
            names = (
                getattr(entry, "name", None)
                or getattr(entry, "short", None)
                or getattr(entry, "text", None)
                or {}
            )
            yield (
                vocabulary,
                loaded.code[entry.pk],
                parents.get(entry.pk, ""),
                *(names.get(language, "") for language in DATA_LANGUAGES),
            )


def build_site_package() -> Path:
    """Rebuild the package offered for download, replacing the previous one only when the
    new one is complete (a download never gets a half-written file)."""
    target = Path(settings.OPEN_DATA_DIR)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target) as work:
        package = Path(work) / "package"
        write_package(package)
        archive = Path(work) / ARCHIVE
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(package.iterdir()):
                zipped.write(path, path.name)
        archive.replace(target / ARCHIVE)
        shutil.rmtree(package)
    return target / ARCHIVE

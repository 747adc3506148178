"""Every change to indicator data: imports of observations and the loading of the figures the
sources give. Each checks the actor (where there is one), runs in one transaction, and leaves
field history (django-simple-history) and a domain event per indicator touched."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from wsis.core.events import record_event
from wsis.indicators import imports, policies
from wsis.indicators.models import GlobalTarget, Indicator, Observation
from wsis.stocktaking.imports import Report
from wsis.taxonomy import memo

DATA = Path(__file__).resolve().parent / "data"
IMPORTED = "indicators.observations.imported"
CHANGED_FIELDS = ("value", "state", "qualifier", "source", "notes", "country_id")


@dataclass
class ImportReport(Report):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indicators_created: list[str] = field(default_factory=list)


def import_observations(actor, name: str, content: bytes, *, dry_run: bool = False):
    """Check the file; unless `dry_run` or any row is wrong, write it in one transaction: new
    observations created, changed ones updated (their history keeps the old value), the same
    ones left alone, so that importing a file twice changes nothing the second time."""
    if not policies.can_import(actor):
        raise PermissionDenied(_("Only the secretariat may import indicator data."))
    return _import(actor, name, content, dry_run=dry_run)


def _import(actor, name: str, content: bytes, *, dry_run: bool = False) -> ImportReport:
    with memo.held():
        checked, rows = imports.check_file(name, content)
    report = ImportReport(
        rows=checked.rows, problems=checked.problems, ignored_columns=checked.ignored_columns
    )
    if not report.ok:
        return report
    with transaction.atomic():
        _write(actor, name, rows, report)
        if dry_run:
            transaction.set_rollback(True)
        else:
            report.written = True
    report.imported = report.created + report.updated
    return report


def _write(actor, name: str, rows: list[imports.Row], report: ImportReport) -> None:
    indicators = {i.code: i for i in Indicator.objects.select_for_update()}
    for row in rows:
        if row.indicator_code not in indicators:
            indicators[row.indicator_code] = Indicator.objects.create(
                code=row.indicator_code,
                name={"en": row.indicator_name},
                unit=row.unit,
                position=len(indicators),
            )
            report.indicators_created.append(row.indicator_code)
    existing = {
        (o.indicator.code, o.area_type, o.area_code, o.year, o.sex, o.location, o.age): o
        for o in Observation.objects.filter(
            indicator__code__in={row.indicator_code for row in rows}
        ).select_related("indicator")
    }
    new, changed = [], []
    touched: dict[str, int] = {}
    for row in rows:
        values = {
            "value": row.value,
            "state": row.state,
            "qualifier": row.qualifier,
            "source": row.source,
            "notes": row.notes,
            "country_id": row.country_id,
        }
        observation = existing.get(row.key)
        if observation is None:
            _code, area_type, area_code, year, sex, location, age = row.key
            new.append(
                Observation(
                    indicator=indicators[row.indicator_code],
                    area_type=area_type,
                    area_code=area_code,
                    year=year,
                    sex=sex,
                    location=location,
                    age=age,
                    **values,
                )
            )
        elif any(getattr(observation, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(observation, key, value)
            changed.append(observation)
        else:
            report.unchanged += 1
            continue
        touched[row.indicator_code] = touched.get(row.indicator_code, 0) + 1
    user = actor if getattr(actor, "is_authenticated", False) else None
    bulk_create_with_history(new, Observation, batch_size=1000, default_user=user)
    bulk_update_with_history(
        changed, Observation, list(CHANGED_FIELDS), batch_size=1000, default_user=user
    )
    report.created, report.updated = len(new), len(changed)
    for code, count in touched.items():
        record_event(IMPORTED, indicators[code], actor, file=name, observations=count)


def load_sources(path: Path = DATA) -> dict[str, int]:
    """The indicators and figures the sources give (`wsis/indicators/data/`): definitions,
    observations (through the same checks as any import) and the global targets. Run by
    `manage.py load_indicator_data`; a second run changes nothing."""
    definitions = json.loads((path / "indicators.json").read_text(encoding="utf-8"))
    targets = json.loads((path / "targets.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        for position, entry in enumerate(definitions["indicators"]):
            _update_or_create(
                Indicator,
                {"code": entry["code"]},
                {
                    "name": entry["name"],
                    "unit": entry["unit"],
                    "custodian": entry.get("custodian", ""),
                    "position": position,
                },
            )
        name = "observations.csv"
        report = _import(None, name, (path / name).read_bytes())
        if not report.ok:
            problems = "; ".join(f"{p.row} {p.column}: {p.message}" for p in report.problems)
            raise ValueError(f"{path / name}: {problems}")
        for entry in targets["targets"]:
            key = {"framework": entry["framework"], "number": entry["number"]}
            _update_or_create(GlobalTarget, key, {k: v for k, v in entry.items() if k not in key})
    return {
        "indicators": len(definitions["indicators"]),
        "observations created": report.created,
        "observations updated": report.updated,
        "observations unchanged": report.unchanged,
        "targets": len(targets["targets"]),
    }


def _update_or_create(model, key: dict, values: dict) -> None:
    """Saved only when something differs, so that history records changes, not reloads."""
    instance = model.objects.filter(**key).first()
    if instance is None:
        model.objects.create(**key, **values)
    elif any(getattr(instance, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()

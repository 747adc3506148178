from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wsis.taxonomy.reference_data import (
    ReferenceDataError,
    load_reference_data,
    read_reference_data,
)


class Command(BaseCommand):
    help = (
        "Load the vocabularies (Action Lines, prize categories, SDGs, GDC objectives, stakeholder "
        "types, regions, countries, target groups). Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=None,
            help="Reference data folder (default: WSIS_REFERENCE_DATA, else ../shared/data).",
        )

    def handle(self, *args, path=None, **options):
        path = path or settings.WSIS_REFERENCE_DATA
        try:
            data = read_reference_data(path)
        except ReferenceDataError as error:
            raise CommandError(
                "Nothing was loaded; the reference data has problems:\n- "
                + "\n- ".join(error.problems)
            ) from error
        report = load_reference_data(data)
        self.stdout.write(f"Reference data from {path}:")
        for name, count in report.counts.items():
            self.stdout.write(
                f"  {name:<28} {count.total:>4}  (created {count.created}, "
                f"updated {count.updated}, unchanged {count.unchanged})"
            )
        self.stdout.write(
            self.style.SUCCESS("Loaded.")
            if report.changed
            else "Already up to date; nothing changed."
        )

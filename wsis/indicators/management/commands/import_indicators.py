from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wsis.indicators import services
from wsis.stocktaking.management.commands.import_initiatives import Command as InitiativeImport


class Command(BaseCommand):
    help = (
        "Import indicator values from a CSV or XLSX file (docs/indicators.md; ITU DataHub's "
        "column names are understood). Every row is checked first; if any is wrong nothing "
        "is written. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file, write nothing.")
        parser.add_argument(
            "--as",
            dest="email",
            help="The moderator who imports (default: the first administrator).",
        )

    def handle(self, *args, file, dry_run, email, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        actor = InitiativeImport()._actor(email)
        report = services.import_observations(actor, file.name, file.read_bytes(), dry_run=dry_run)
        for column in report.ignored_columns:
            self.stdout.write(f"ignored column: {column}")
        for problem in report.problems:
            self.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}")
        if not report.ok:
            raise CommandError(
                f"{len(report.problems)} problem(s) in {report.rows} rows; nothing was imported."
            )
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.rows} rows: {report.created} {verb} created, {report.updated} {verb} "
            f"updated, {report.unchanged} unchanged."
            + (
                f" New indicators: {', '.join(report.indicators_created)}."
                if report.indicators_created
                else ""
            )
        )

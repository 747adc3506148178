from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wsis.accounts.choices import Role
from wsis.accounts.models import User
from wsis.stocktaking import imports


class Command(BaseCommand):
    help = (
        "Import initiatives from a CSV or XLSX file (the template's columns, or an export). "
        "Every row is checked first; if any is wrong nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file, write nothing.")
        parser.add_argument(
            "--organisation", default="", help="Organisation of the rows that name none."
        )
        parser.add_argument(
            "--as",
            dest="email",
            help="The moderator who imports (default: the first administrator).",
        )

    def handle(self, *args, file, dry_run, organisation, email, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        actor = self._actor(email)
        report = imports.import_initiatives(
            actor, file.name, file.read_bytes(), organisation=organisation, dry_run=dry_run
        )
        for column in report.ignored_columns:
            self.stdout.write(f"ignored column: {column}")
        for problem in report.duplicates:
            self.stdout.write(f"row {problem.row}, {problem.column}: {problem.message}")
        for problem in report.problems:
            self.stderr.write(f"row {problem.row}, {problem.column}: {problem.message}")
        if not report.ok:
            raise CommandError(
                f"{len(report.problems)} problem(s) in {report.rows} rows; nothing was imported."
            )
        verb = "would be imported (dry run)" if dry_run else "imported"
        self.stdout.write(
            f"{report.rows} rows: {report.imported} {verb}, "
            f"{len(report.duplicates)} duplicate(s) skipped."
        )

    def _actor(self, email):
        users = User.objects.filter(role__in=[Role.MODERATOR, Role.ADMINISTRATOR])
        actor = (
            users.filter(email__iexact=email).first()
            if email
            else users.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                "Name a moderator with --as EMAIL (or create an administrator: "
                "manage.py createuser EMAIL --role administrator)."
            )
        return actor

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wsis.matrix.reference import ReferenceMatrixError, read_reference_matrix
from wsis.matrix.services import load_reference_cells


class Command(BaseCommand):
    help = (
        "Load the reference WSIS–SDG matrix (wsis/wsis_sdg_matrix.json of the reference data) "
        "into matrix cells. All or nothing; idempotent; cells edited on the platform are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=None, help="Reference data folder (default: WSIS_REFERENCE_DATA)."
        )

    def handle(self, *args, path=None, **options):
        path = path or settings.WSIS_REFERENCE_DATA
        try:
            cells = read_reference_matrix(path)
        except ReferenceMatrixError as error:
            raise CommandError(
                "Nothing was loaded; the reference matrix has problems:\n- "
                + "\n- ".join(error.problems)
            ) from error
        report = load_reference_cells(cells)
        self.stdout.write(
            f"Matrix cells from {path}: {len(cells)} (created {report.created}, updated "
            f"{report.updated}, unchanged {report.unchanged}, edited on the platform and kept "
            f"{len(report.kept)})"
        )
        self.stdout.write(
            self.style.SUCCESS("Loaded.")
            if report.changed
            else "Already up to date; nothing changed."
        )

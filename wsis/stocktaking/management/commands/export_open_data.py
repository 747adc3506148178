from pathlib import Path

from django.core.management.base import BaseCommand

from wsis.stocktaking import open_data


class Command(BaseCommand):
    help = (
        "Write the published registry as a Frictionless Data Package (datapackage.json and one "
        "CSV per table) into DIR; with --site, rebuild the package the site offers for download."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, nargs="?")
        parser.add_argument("--site", action="store_true", help="Rebuild the site's download.")

    def handle(self, *args, directory, site, **options):
        if directory is None and not site:
            self.stderr.write("Give a directory, or --site.")
            raise SystemExit(2)
        if directory is not None:
            tables = open_data.write_package(directory)
            counts = ", ".join(f"{name} {rows}" for name, rows in tables.items())
            self.stdout.write(f"Data package written to {directory}: {counts}.")
        if site:
            self.stdout.write(f"Site package rebuilt: {open_data.build_site_package()}")

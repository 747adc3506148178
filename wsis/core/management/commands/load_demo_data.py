from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wsis.accounts import demo as accounts_demo
from wsis.stocktaking import demo as stocktaking_demo
from wsis.taxonomy.models import ActionLine

DEMO_PASSWORD = "wsis-demo-2026"  # noqa: S105 - a published demo password, refused in production


class Command(BaseCommand):
    help = "Load demo accounts (one per role) and initiatives (every state). For developers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--in-production",
            action="store_true",
            help="Load even with DEBUG off (creates accounts with a published password).",
        )

    def handle(self, *args, in_production=False, **options):
        if not settings.DEBUG and not in_production:
            raise CommandError(
                "DEBUG is off: demo accounts have a published password. "
                "Use --in-production to insist."
            )
        if not ActionLine.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        with transaction.atomic():
            accounts_demo.load(DEMO_PASSWORD, self.stdout)
        stocktaking_demo.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

from django.core.management.base import BaseCommand, CommandError

from wsis.stocktaking import synthetic
from wsis.taxonomy.models import ActionLine


class Command(BaseCommand):
    help = "Create N synthetic published initiatives for load tests (not for production)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("Give a positive number of initiatives.")
        if not ActionLine.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        total = synthetic.generate(count, seed=seed)
        self.stdout.write(f"Generated {count} initiatives; {total} published in all.")

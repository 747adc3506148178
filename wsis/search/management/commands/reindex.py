from django.core.management.base import BaseCommand

from wsis.search import fulltext
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative


class Command(BaseCommand):
    help = "Rebuild the full-text index of every published initiative (after changing text rules)."

    def handle(self, *args, **options):
        def progress(done, total):
            self.stdout.write(f"\r  {done:,}/{total:,} initiatives", ending="")
            self.stdout.flush()

        total = fulltext.reindex_all(
            Initiative.objects.filter(status=Status.PUBLISHED), progress=progress
        )
        self.stdout.write(self.style.SUCCESS(f"\nIndexed {total:,} published initiatives."))

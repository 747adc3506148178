from django.core.management.base import BaseCommand

from wsis.prizes.history import load_past_editions


class Command(BaseCommand):
    help = "Load the totals of the WSIS Prizes editions 2012–2025 given by the sources."

    def handle(self, *args, **options):
        counts = load_past_editions()
        self.stdout.write(
            "Past editions: {created} created, {updated} updated, {unchanged} unchanged, "
            "{skipped} run on this platform (left as they are).".format(**counts)
        )

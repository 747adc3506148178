from django.core.management.base import BaseCommand

from wsis.indicators import services


class Command(BaseCommand):
    help = (
        "Load the indicators and figures the sources give (wsis/indicators/data/: Internet use "
        "from A/RES/80/173, the Geneva Plan of Action's 10 targets and the Broadband "
        "Commission's 7 targets for 2025), each cited to its source line. Idempotent."
    )

    def handle(self, *args, **options):
        for what, count in services.load_sources().items():
            self.stdout.write(f"{what}: {count}")

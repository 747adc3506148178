from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wsis.deliverables.services import load_shipped


class Command(BaseCommand):
    help = (
        "Load the mandated deliverables shipped with the platform (wsis/deliverables/data/), "
        "each cited to its source. Idempotent; status, owners and due dates set on the platform "
        "are kept."
    )

    def handle(self, *args, **options):
        try:
            counts = load_shipped()
        except ValidationError as error:
            raise CommandError("Nothing was loaded:\n- " + "\n- ".join(error.messages)) from error
        self.stdout.write(
            "Deliverables: created {created}, updated {updated}, unchanged {unchanged}".format(
                **counts
            )
        )

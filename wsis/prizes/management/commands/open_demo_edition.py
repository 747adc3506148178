from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wsis.accounts.models import User
from wsis.prizes import demo


class Command(BaseCommand):
    help = (
        "Open a demo edition for voting now (next year's unless --year), every published demo "
        "initiative nominated in its category. Run again, it replaces the demo edition of that "
        "year with a new one (its votes and entries deleted). For developers and bench/voting.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The edition's year (default: next year).")
        parser.add_argument(
            "--hours", type=int, default=72, help="How long voting stays open (default 72)."
        )
        parser.add_argument(
            "--in-production",
            action="store_true",
            help="Run even with DEBUG off (it deletes the votes of the demo edition it replaces).",
        )

    def handle(self, *args, year=None, hours=72, in_production=False, **options):
        if not settings.DEBUG and not in_production:
            raise CommandError(
                "DEBUG is off: this makes a demo edition. Use --in-production to insist."
            )
        if hours < 1:
            raise CommandError("Voting must stay open at least one hour (--hours).")
        year = year or timezone.now().year + 1
        if not User.objects.filter(email=demo.MODERATOR).exists():
            raise CommandError("Load the demo data first: manage.py load_demo_data")
        try:
            made = demo.open_edition(year, hours)
        except demo.NotADemoEdition as error:
            raise CommandError(
                f"The {year} edition exists and was not made by this command; it is left alone."
            ) from error
        if made["replaced"]:
            self.stdout.write(
                f"Replaced the demo edition {year}: {made['removed_votes']} votes and "
                f"{made['removed_entries']} entries deleted."
            )
        voting = made["edition"].phase("voting")
        self.stdout.write(
            self.style.SUCCESS(
                f"Edition {year}: {made['nominees']} nominees in {made['categories']} categories, "
                f"voting open until {voting.closes_at:%Y-%m-%d %H:%M %Z}."
            )
        )

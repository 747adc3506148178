from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wsis.accounts.choices import Role
from wsis.accounts.models import User
from wsis.roadmaps import demo


class Command(BaseCommand):
    help = (
        "Load demonstration roadmaps (C2 2023 and 2027), marked as such in their texts, as the "
        "demo moderator; their baselines and values are the indicators app's cited figures. "
        "Run after load_demo_data and load_indicator_data. Roadmaps present are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--in-production", action="store_true", help="Run with DEBUG off.")

    def handle(self, *args, in_production=False, **options):
        if not settings.DEBUG and not in_production:
            raise CommandError("DEBUG is off: this loads demo content. Use --in-production.")
        actor = User.objects.filter(role=Role.MODERATOR, is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError("No moderator account: run load_demo_data first.")
        demo.load(actor, self.stdout)

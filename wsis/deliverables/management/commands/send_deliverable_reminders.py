import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wsis.deliverables.reminders import LEAD_DAYS, send_reminders
from wsis.deliverables.tasks import schedule_daily_reminders


class Command(BaseCommand):
    help = (
        "E-mail the owners of open deliverables whose due date is near (daily: from cron, or with "
        "--schedule by the background worker). Each reminder is sent once and recorded; running it "
        "again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            default=",".join(str(d) for d in LEAD_DAYS),
            help="Lead times in days, comma-separated (default: %(default)s).",
        )
        parser.add_argument("--today", default=None, help="Run as on this date (YYYY-MM-DD).")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also plant the daily run in the background worker (db_worker), if none waits.",
        )

    def handle(self, *args, days, today=None, schedule=False, **options):
        try:
            lead_days = tuple(sorted({int(d) for d in days.split(",") if d.strip()}))
            on = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--days takes whole numbers, --today a date: {error}") from error
        if not lead_days or min(lead_days) < 0:
            raise CommandError("--days needs at least one lead time of zero days or more.")
        sent = send_reminders(on, lead_days)
        self.stdout.write(f"Reminders sent: {sent}")
        if schedule and schedule_daily_reminders():
            self.stdout.write("The daily run is planted in the background worker's queue.")

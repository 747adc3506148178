"""Background work of the calendar, run by `manage.py db_worker` (django-tasks): the reminders,
once a day, without a cron job (`make run` starts the worker; `send_deliverable_reminders
--schedule` plants the first run)."""

import datetime

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from wsis.deliverables.reminders import send_reminders

# The hour of the day (in the site's time zone) at which the daily run is due.
DAILY_AT = datetime.time(6, 0)


@task()
def send_reminders_daily() -> int:
    """Today's reminders, then the next day's run planted."""
    sent = send_reminders(timezone.localdate())
    schedule_daily_reminders()
    return sent


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next DAILY_AT after `now`, in the site's time zone."""
    local = timezone.localtime(now)
    at = local.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def schedule_daily_reminders() -> bool:
    """Plant the next daily run unless one is waiting already; whether one was planted."""
    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders_daily.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    send_reminders_daily.using(run_after=next_run(timezone.now())).enqueue()
    return True

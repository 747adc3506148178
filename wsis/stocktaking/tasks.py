"""Background work of the registry, run by `manage.py db_worker` (django-tasks)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult


@task()
def rebuild_open_data() -> str:
    """Rebuild the open-data package offered for download."""
    from wsis.stocktaking import open_data  # it reads the services' tags: imported when run

    return str(open_data.build_site_package())


def schedule_open_data_rebuild() -> None:
    """After a change to the published registry: one rebuild a few minutes later, shared by
    every change made meanwhile (a moderation session, an import), never one per request."""
    pending = DBTaskResult.objects.filter(
        task_path=rebuild_open_data.module_path, status=TaskResultStatus.READY
    )
    if pending.exists():
        return
    delay = timedelta(seconds=settings.OPEN_DATA_REBUILD_DELAY)
    rebuild_open_data.using(run_after=timezone.now() + delay).enqueue()

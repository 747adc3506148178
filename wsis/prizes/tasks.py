"""Background work of the Prizes, run by `manage.py db_worker` (django-tasks)."""

from django_tasks import task

from wsis.prizes import notifications
from wsis.prizes.models import Award


@task()
def send_award_letter(award_id: int) -> str:
    """E-mail an award's entrant the news with the certificate attached (rendering a
    certificate takes a fraction of a second: 90 awards would hold a request for a minute)."""
    award = Award.objects.select_related(
        "edition", "category", "entry__initiative", "entry__organisation", "entry__entrant"
    ).get(pk=award_id)
    notifications.award_letter(award)
    return award.entry.entrant.email

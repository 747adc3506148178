"""Background work of search, run by `manage.py db_worker` (django-tasks)."""

from django.db import transaction
from django_tasks import task


@task()
def embed_initiatives(initiative_ids: list[int]) -> int:
    """Compute the vectors of these initiatives (those whose text changed)."""
    from wsis.search import vectors  # loads the model: imported when run

    return vectors.embed(initiative_ids)


def schedule_embedding(initiative_ids) -> None:
    """Once the current transaction commits, embed these initiatives in the background: a
    request never waits for the model."""
    ids = sorted(set(initiative_ids))
    if ids:
        transaction.on_commit(lambda: embed_initiatives.enqueue(ids))

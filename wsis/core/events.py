"""Recording domain events; called by services inside their transaction."""

from django.contrib.contenttypes.models import ContentType

from wsis.core.models import Event


def record_event(label: str, target, actor=None, **data) -> Event:
    """Record that `actor` did `label` to `target` (a saved model instance)."""
    return Event.objects.create(
        label=label,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        data=data,
    )


def events_for(target):
    """The events of one object, newest first, with their actors."""
    return Event.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


def events_for_objects(model, pks, exclude_labels=()):
    """The events of many objects of one model, newest first, in one query."""
    return (
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=[str(pk) for pk in pks],
        )
        .exclude(label__in=exclude_labels)
        .select_related("actor")
    )

"""Changes made through search: a moderator's decision that two initiatives differ."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wsis.core.events import record_event
from wsis.search.models import DuplicateDismissal
from wsis.stocktaking import policies

DISMISSED = "search.duplicate.dismissed"


def dismiss_duplicate(actor, initiative, other) -> DuplicateDismissal:
    """Record that `initiative` and `other` are not the same project: the pair is no longer
    flagged, for either of them. Moderators only; dismissing a pair twice changes nothing."""
    if not policies.is_moderator(actor):
        raise PermissionDenied(_("Only moderators may do this."))
    if initiative.pk == other.pk:
        raise ValidationError({"other": _("An initiative cannot be compared with itself.")})
    first, second = sorted((initiative.pk, other.pk))
    with transaction.atomic():
        existing = DuplicateDismissal.objects.filter(initiative_id=first, other_id=second).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                dismissal = DuplicateDismissal.objects.create(
                    initiative_id=first, other_id=second, dismissed_by=actor
                )
        except IntegrityError:  # a second moderator, at the same moment
            return DuplicateDismissal.objects.get(initiative_id=first, other_id=second)
        record_event(DISMISSED, initiative, actor, other=other.pk)
    return dismissal

"""Who may see and do what with initiatives: the one permission policy, used everywhere."""

from django.db.models import Q

from wsis.accounts.choices import Role
from wsis.stocktaking.choices import Status

EDITABLE_BY_OWNER = (Status.DRAFT, Status.CHANGES_REQUESTED)


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.MODERATOR))


def visible(initiatives, user):
    """Narrow a queryset to what `user` may see: everyone sees published initiatives, owners see
    their own in every state, moderators see everything."""
    if is_moderator(user):
        return initiatives
    if user is not None and user.is_authenticated:
        return initiatives.filter(Q(status=Status.PUBLISHED) | Q(owner=user))
    return initiatives.filter(status=Status.PUBLISHED)


def can_view(user, initiative) -> bool:
    return initiative.is_published or is_owner(user, initiative) or is_moderator(user)


def is_owner(user, initiative) -> bool:
    return bool(user and user.is_authenticated and initiative.owner_id == user.pk)


def can_edit(user, initiative) -> bool:
    """Owners edit while the initiative is theirs to change; moderators edit at any time."""
    if is_moderator(user):
        return True
    return is_owner(user, initiative) and initiative.status in EDITABLE_BY_OWNER


def can_report_progress(user, initiative) -> bool:
    return initiative.is_published and (is_owner(user, initiative) or is_moderator(user))

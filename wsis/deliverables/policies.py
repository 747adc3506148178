"""Who may change the calendar: moderators (the secretariat) everything; a deliverable's owners
its status and deliveries; everyone reads it."""

from wsis.accounts.choices import Role


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.MODERATOR))


def is_owner(user, deliverable) -> bool:
    return bool(user and user.is_authenticated and deliverable.owners.filter(pk=user.pk).exists())


def can_update(user, deliverable) -> bool:
    return is_moderator(user) or is_owner(user, deliverable)

"""Who may change the matrix: the one permission policy, used by pages, API and admin actions.

Everyone reads the matrix. Moderators (and administrators) change any cell; a facilitator
changes the cells of the Action Lines they facilitate (a facilitator of C7 those of its
sub-lines too); nobody else changes anything.
"""

from django.db.models import Q

from wsis.accounts.choices import Role
from wsis.taxonomy.models import ActionLine


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.MODERATOR))


def is_facilitator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.FACILITATOR))


def editable_lines(user):
    """The Action Lines whose cells `user` may create and change."""
    if is_moderator(user):
        return ActionLine.objects.all()
    if not is_facilitator(user):
        return ActionLine.objects.none()
    own = user.action_lines.values("pk")
    return ActionLine.objects.filter(Q(pk__in=own) | Q(parent__in=own))


def can_edit_line(user, action_line) -> bool:
    if is_moderator(user):
        return True
    return editable_lines(user).filter(pk=action_line.pk).exists()


def can_edit(user, cell) -> bool:
    return can_edit_line(user, cell.action_line)


def can_edit_any(user) -> bool:
    """Whether to offer editing at all (the page's "Add a cell")."""
    return is_moderator(user) or (is_facilitator(user) and user.action_lines.exists())

"""Who may change a roadmap: moderators (the secretariat) every roadmap, facilitators the
roadmaps of the Action Lines they facilitate (a C7 facilitator also its sub-lines). Everyone,
signed in or not, may read roadmaps."""

from wsis.accounts.choices import Role
from wsis.stocktaking.policies import is_moderator
from wsis.taxonomy.models import ActionLine


def can_edit(user, action_line) -> bool:
    if is_moderator(user):
        return True
    if not (user and user.is_authenticated and user.has_role(Role.FACILITATOR)):
        return False
    lines = {action_line.pk, action_line.parent_id} - {None}
    return user.action_lines.filter(pk__in=lines).exists()


def editable_lines(user) -> set[int] | None:
    """The Action Line ids `user` may edit (None: all of them), for pages listing many."""
    if is_moderator(user):
        return None
    if not (user and user.is_authenticated and user.has_role(Role.FACILITATOR)):
        return set()
    own = set(user.action_lines.values_list("pk", flat=True))
    return own | set(ActionLine.objects.filter(parent__in=own).values_list("pk", flat=True))

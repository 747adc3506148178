"""Who may do what with the Prizes: the secretariat (moderators and administrators) runs them;
experts of the jury assigned to an edition score its finalists."""

from django.utils import timezone

from wsis.accounts.choices import Role
from wsis.prizes.choices import PhaseKind


def is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.MODERATOR))


def is_expert(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.EXPERT))


def is_assigned_expert(user, edition) -> bool:
    """An expert whom the secretariat assigned to this edition."""
    return is_expert(user) and edition.experts.filter(expert=user).exists()


def results_are_public(edition, now=None) -> bool:
    """The winners and champions are public once the announcement phase has opened."""
    announcement = edition.phase(PhaseKind.ANNOUNCEMENT)
    return announcement is not None and announcement.opens_at <= (now or timezone.now())


def may_see_awards(user, edition) -> bool:
    return results_are_public(edition) or is_secretariat(user)

"""Who may do what with the Prizes: the secretariat (moderators and administrators) runs them."""

from wsis.accounts.choices import Role


def is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.MODERATOR))

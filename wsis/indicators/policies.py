"""Who may change indicator data: the secretariat (moderators) and administrators. Everyone,
signed in or not, may read it: these are open statistics."""

from wsis.stocktaking.policies import is_moderator


def can_import(user) -> bool:
    return is_moderator(user)

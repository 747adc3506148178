from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from wsis.core.events import record_event


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up through the site: the new account is a submitter; the event is recorded."""

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                record_event("accounts.user.signed_up", user, user)
        return user

"""Errors that services raise besides ValidationError (bad input) and PermissionDenied."""

from django.core.exceptions import ValidationError


class InvalidTransition(ValidationError):
    """The object is not in a state that allows this action (e.g. approving twice): HTTP 409."""

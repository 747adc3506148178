"""What the Prizes' pages share: finding the edition of an address, telling errors."""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from wsis.prizes.models import Edition


def edition_or_404(year: int, *related: str) -> Edition:
    """The edition of `year` with its phases (every page checks the phase and the clock) and
    whatever else is named in `related`, prefetched."""
    return get_object_or_404(Edition.objects.prefetch_related("phases", *related), year=year)


def report(request, error) -> None:
    """Each message of a refused action (ValidationError, InvalidTransition, PermissionDenied)
    as an error message on the next page."""
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)

"""Reminders by e-mail to the owners of open deliverables before their due dates.

Lead times are in days (30, 7 and 1 by default). A run sends each owner at most one reminder per
deliverable: for the shortest lead time already reached. Each sent reminder is recorded (unique
per deliverable, owner, due date and lead time), so running the command again, or daily, never
sends the same reminder twice; a recurring deliverable's next due date starts over.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wsis.deliverables.choices import OPEN
from wsis.deliverables.models import Deliverable, Reminder

LEAD_DAYS = (30, 7, 1)


def _lead_time(days_left: int, lead_days) -> int | None:
    reached = [lead for lead in lead_days if days_left <= lead]
    return min(reached) if reached else None


def send_reminders(today: datetime.date, lead_days=LEAD_DAYS) -> int:
    """Send the reminders due on `today`; the number sent."""
    horizon = today + datetime.timedelta(days=max(lead_days))
    deliverables = (
        Deliverable.objects.filter(status__in=OPEN, due_date__gte=today, due_date__lte=horizon)
        .select_related("body")
        .prefetch_related("owners")
    )
    sent_before = set(
        Reminder.objects.filter(due_date__gte=today).values_list(
            "deliverable_id", "owner_id", "due_date", "days_before"
        )
    )
    sent = 0
    for deliverable in deliverables:
        lead = _lead_time((deliverable.due_date - today).days, lead_days)
        for owner in deliverable.owners.all():
            key = (deliverable.pk, owner.pk, deliverable.due_date, lead)
            if lead is None or not owner.is_active or key in sent_before:
                continue
            sent += _send_once(deliverable, owner, lead, today)
    return sent


def _send_once(deliverable: Deliverable, owner, lead: int, today: datetime.date) -> int:
    """Record the reminder and send it, together: a failed e-mail records nothing."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                deliverable=deliverable,
                owner=owner,
                due_date=deliverable.due_date,
                days_before=lead,
            )
            with translation.override(settings.LANGUAGE_CODE):
                subject, body = _message(deliverable, (deliverable.due_date - today).days)
            send_mail(subject, body, None, [owner.email], fail_silently=False)
    except IntegrityError:  # another run sent it meanwhile
        return 0
    return 1


def _message(deliverable: Deliverable, days_left: int) -> tuple[str, str]:
    title = deliverable.display_title()
    subject = ngettext(
        "Due in {days} day: {title}", "Due in {days} days: {title}", days_left
    ).format(days=days_left, title=title)
    lines = [
        _("{title} is due on {date} ({body}, {session}).").format(
            title=title,
            date=deliverable.due_date.isoformat(),
            body=deliverable.body.display_name(),
            session=deliverable.session,
        ),
        _("Mandate: {mandate}").format(mandate=deliverable.mandate),
    ]
    if deliverable.is_estimated:
        lines.append(_("The date is an estimate: the mandate names the session or the year."))
    lines.append(settings.SITE_URL.rstrip("/") + deliverable.get_absolute_url())
    return subject, "\n\n".join(lines)

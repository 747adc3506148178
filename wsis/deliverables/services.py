"""Every change to the calendar: owners, status, deliveries, and loading the shipped mandates.

Each function checks the actor against `policies`, runs in one transaction, saves through
django-simple-history with the actor named, and records a domain event.
"""

import datetime
import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis.accounts.models import User
from wsis.core.events import record_event
from wsis.deliverables import policies
from wsis.deliverables.choices import OPEN, YEARS_OF, Cadence, Status
from wsis.deliverables.models import Body, Deliverable

SHIPPED = Path(__file__).parent / "data" / "deliverables.json"
# The fields the shipped file describes; status, owners and due dates are the platform's own once
# a deliverable exists.
DESCRIBED = ("title", "session", "responsible", "is_estimated", "cadence", "mandate", "source")


def _locked(deliverable: Deliverable) -> Deliverable:
    return Deliverable.objects.select_for_update().get(pk=deliverable.pk)


def assign_owners(actor, deliverable: Deliverable, owners) -> Deliverable:
    """The people reminded of the deliverable and allowed to report on it (moderators only)."""
    if not policies.is_moderator(actor):
        raise PermissionDenied(_("Only moderators assign the owners of a deliverable."))
    with transaction.atomic():
        deliverable = _locked(deliverable)
        deliverable._history_user = actor
        deliverable.owners.set(owners)
        record_event(
            "deliverables.deliverable.owners_assigned",
            deliverable,
            actor,
            owners=sorted(o.email for o in owners),
        )
    return deliverable


def assign_owners_by_email(actor, deliverable: Deliverable, emails: list[str]) -> Deliverable:
    """As `assign_owners`, from e-mail addresses; an unknown address is refused, naming it."""
    wanted = sorted({e.strip().lower() for e in emails if e.strip()})
    found = list(User.objects.filter(email__in=wanted, is_active=True))
    unknown = sorted(set(wanted) - {u.email for u in found})
    if unknown:
        raise ValidationError(
            {
                "owners": _("No active account has the address {emails}.").format(
                    emails=", ".join(unknown)
                )
            }
        )
    return assign_owners(actor, deliverable, found)


def set_status(actor, deliverable: Deliverable, status: str) -> Deliverable:
    """Planned, in progress or cancelled (moderators, or the owners); delivery has its own step."""
    if not policies.can_update(actor, deliverable):
        raise PermissionDenied(_("Only the owners and moderators update this deliverable."))
    if status not in (Status.PLANNED, Status.IN_PROGRESS, Status.CANCELLED):
        raise ValidationError({"status": _("Choose planned, in progress or cancelled.")})
    with transaction.atomic():
        deliverable = _locked(deliverable)
        before = deliverable.status
        deliverable.status = status
        deliverable._history_user = actor
        deliverable.save()
        record_event(
            "deliverables.deliverable.status_changed", deliverable, actor, before=before, to=status
        )
    return deliverable


def _next_due(due: datetime.date, cadence: str) -> datetime.date:
    years = YEARS_OF[cadence]
    try:
        return due.replace(year=due.year + years)
    except ValueError:  # 29 February
        return due.replace(year=due.year + years, day=28)


def record_delivery(actor, deliverable: Deliverable, on: datetime.date | None = None):
    """The deliverable was delivered: a one-off is done; a recurring one moves to its next due
    date and is planned again (so reminders start over for that date)."""
    if not policies.can_update(actor, deliverable):
        raise PermissionDenied(_("Only the owners and moderators update this deliverable."))
    on = on or timezone.localdate()
    with transaction.atomic():
        deliverable = _locked(deliverable)
        if deliverable.status not in OPEN:
            raise ValidationError({"status": _("This deliverable is not open.")})
        delivered_due = deliverable.due_date
        deliverable.last_delivered_on = on
        if deliverable.cadence == Cadence.ONCE:
            deliverable.status = Status.DELIVERED
        else:
            deliverable.due_date = _next_due(deliverable.due_date, deliverable.cadence)
            deliverable.status = Status.PLANNED
        deliverable._history_user = actor
        deliverable.save()
        record_event(
            "deliverables.deliverable.delivered",
            deliverable,
            actor,
            due=delivered_due.isoformat(),
            on=on.isoformat(),
        )
    return deliverable


def load_shipped(path: Path = SHIPPED) -> dict[str, int]:
    """Create the shipped bodies and deliverables, or refresh their descriptions; never touches
    status, owners or due dates of existing ones. Checked whole first; idempotent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    body_codes = {b["code"] for b in data["bodies"]}
    problems = [
        f"{entry.get('code')}: unknown body {entry.get('body')}"
        for entry in data["deliverables"]
        if entry.get("body") not in body_codes
    ]
    for entry in data["deliverables"]:
        if entry.get("cadence") not in Cadence.values:
            problems.append(f"{entry.get('code')}: unknown cadence {entry.get('cadence')}")
        try:
            datetime.date.fromisoformat(entry.get("due_date", ""))
        except (TypeError, ValueError):
            problems.append(f"{entry.get('code')}: bad due date {entry.get('due_date')}")
    if problems:
        raise ValidationError(problems)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        bodies = {}
        for position, entry in enumerate(data["bodies"]):
            bodies[entry["code"]], _created = Body.objects.update_or_create(
                code=entry["code"], defaults={"name": entry["name"], "position": position}
            )
        for entry in data["deliverables"]:
            described = {name: entry.get(name, "") for name in DESCRIBED}
            described["is_estimated"] = bool(entry.get("is_estimated"))
            current = Deliverable.objects.filter(code=entry["code"]).first()
            if current is None:
                Deliverable.objects.create(
                    code=entry["code"],
                    body=bodies[entry["body"]],
                    due_date=datetime.date.fromisoformat(entry["due_date"]),
                    **described,
                )
                counts["created"] += 1
            elif any(getattr(current, k) != v for k, v in described.items()) or (
                current.body_id != bodies[entry["body"]].pk
            ):
                for name, value in described.items():
                    setattr(current, name, value)
                current.body = bodies[entry["body"]]
                current.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    return counts

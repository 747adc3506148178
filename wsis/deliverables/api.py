"""The deliverables calendar over HTTP: `/api/v1/deliverables`. Thin: rules in `services`."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from wsis.api.auth import token_or_session
from wsis.api.language import Language, answer_language
from wsis.api.ratelimit import limit
from wsis.api.schemas import READ_ERRORS, WRITE_ERRORS
from wsis.core.i18n import data_language, translated
from wsis.deliverables import services
from wsis.deliverables.models import Deliverable

router = Router(tags=["deliverables"])


class DeliverableOut(Schema):
    code: str
    title: str
    body: str
    body_name: str
    session: str
    responsible: str
    due_date: date
    is_estimated: bool = Field(description="The mandate names the session or year, not the day.")
    cadence: str
    status: str
    is_overdue: bool
    mandate: str
    source: str = Field(description="Where the mandate is quoted: file and line of the sources.")
    last_delivered_on: date | None
    url: str


class CalendarQuery(Schema):
    status: str | None = None
    lang: Language | None = None


class StatusIn(Schema):
    status: str


def _record(deliverable: Deliverable, language: str, today: date) -> dict:
    return {
        "code": deliverable.code,
        "title": translated(deliverable.title, language),
        "body": deliverable.body.code,
        "body_name": translated(deliverable.body.name, language),
        "session": deliverable.session,
        "responsible": deliverable.responsible,
        "due_date": deliverable.due_date,
        "is_estimated": deliverable.is_estimated,
        "cadence": deliverable.cadence,
        "status": deliverable.status,
        "is_overdue": deliverable.is_overdue(today),
        "mandate": deliverable.mandate,
        "source": deliverable.source,
        "last_delivered_on": deliverable.last_delivered_on,
        "url": deliverable.get_absolute_url(),
    }


@router.get("", response={200: list[DeliverableOut], **READ_ERRORS}, summary="The calendar")
def list_deliverables(request, query: Query[CalendarQuery]):
    """The mandated reports and reviews by due date, with bodies, status and mandates."""
    deliverables = Deliverable.objects.select_related("body")
    if query.status:
        deliverables = deliverables.filter(status=query.status)
    language, today = answer_language(request, query.lang), timezone.localdate()
    return [_record(d, language, today) for d in deliverables]


@router.post(
    "/{code}/status",
    response={200: DeliverableOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Set the status (owners, moderators)",
)
@limit("deliverables-edit", "600/h")
def set_status(request, code: str, payload: StatusIn):
    deliverable = get_object_or_404(Deliverable, code=code)
    deliverable = services.set_status(request.auth, deliverable, payload.status)
    return _record(deliverable, data_language(), timezone.localdate())


@router.post(
    "/{code}/deliveries",
    response={200: DeliverableOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Record a delivery (owners, moderators); a recurring one moves to its next date",
)
@limit("deliverables-edit", "600/h")
def record_delivery(request, code: str):
    deliverable = get_object_or_404(Deliverable, code=code)
    deliverable = services.record_delivery(request.auth, deliverable)
    return _record(deliverable, data_language(), timezone.localdate())

"""The deliverables calendar: shipped mandates, updates per role, reminders sent once."""

import datetime
import json
import tempfile

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import moderator
from wsis.core.events import events_for
from wsis.deliverables import services
from wsis.deliverables.choices import Status
from wsis.deliverables.models import Deliverable, Reminder
from wsis.deliverables.reminders import send_reminders

pytestmark = pytest.mark.django_db

SOURCES = "unga-a-res-80-173-wsis20-outcome.ar.txt"


@pytest.fixture
def shipped(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.load_shipped()
    return Deliverable.objects.all()


def test_the_mandates_are_shipped_with_their_sources(shipped):
    codes = set(shipped.values_list("code", flat=True))
    assert {
        "ungis-joint-wsis-gdc-roadmap",
        "action-line-roadmaps",
        "ict-indicators-review",
        "gdc-review-2027",
        "agenda-2030-review",
        "wsis-30-review",
        "sg-biennial-report",
        "annual-action-line-review",
    } <= codes
    roadmaps = shipped.get(code="action-line-roadmaps")
    assert (roadmaps.body.code, roadmaps.due_date.year) == ("CSTD", 2027)
    assert roadmaps.source == f"{SOURCES}:L339" and roadmaps.is_estimated
    assert shipped.get(code="wsis-30-review").due_date.year == 2035
    assert shipped.get(code="sg-biennial-report").cadence == "biennial"
    assert all(d.source and d.mandate for d in shipped)
    assert services.load_shipped() == {"created": 0, "updated": 0, "unchanged": len(codes)}


def test_a_reload_keeps_status_owners_and_dates(shipped):
    review = shipped.get(code="annual-action-line-review")
    owner = UserFactory()
    services.assign_owners(moderator(), review, [owner])
    services.record_delivery(owner, review, on=datetime.date(2026, 3, 20))
    services.load_shipped()
    review.refresh_from_db()
    assert review.due_date == datetime.date(2027, 4, 1) and list(review.owners.all()) == [owner]


def test_who_may_update(shipped):
    roadmaps = shipped.get(code="action-line-roadmaps")
    owner, stranger = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        services.assign_owners(owner, roadmaps, [owner])
    services.assign_owners_by_email(moderator(), roadmaps, [owner.email.upper()])
    with pytest.raises(PermissionDenied):
        services.set_status(stranger, roadmaps, Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        services.set_status(owner, roadmaps, Status.DELIVERED)  # delivery has its own step
    services.set_status(owner, roadmaps, Status.IN_PROGRESS)
    done = services.record_delivery(owner, roadmaps, on=datetime.date(2027, 3, 1))
    assert done.status == Status.DELIVERED and done.due_date.year == 2027
    with pytest.raises(ValidationError):
        services.record_delivery(owner, roadmaps)
    labels = [e.label for e in events_for(roadmaps)]
    assert labels[0] == "deliverables.deliverable.delivered" and len(labels) == 3
    assert roadmaps.history.first().history_user == owner
    with pytest.raises(ValidationError) as unknown:
        services.assign_owners_by_email(moderator(), roadmaps, ["nobody@example.org"])
    assert "nobody@example.org" in unknown.value.messages[0]


def test_a_recurring_deliverable_moves_to_its_next_date(shipped):
    report = shipped.get(code="sg-biennial-report")
    services.record_delivery(moderator(), report, on=datetime.date(2027, 3, 30))
    report.refresh_from_db()
    assert (report.due_date, report.status) == (datetime.date(2029, 4, 1), Status.PLANNED)
    assert report.last_delivered_on == datetime.date(2027, 3, 30)


def test_reminders_go_to_owners_once_per_lead_time(shipped):
    roadmaps = shipped.get(code="action-line-roadmaps")  # due 2027-04-01
    owners = [UserFactory(), UserFactory()]
    services.assign_owners(moderator(), roadmaps, owners)
    assert send_reminders(datetime.date(2027, 2, 1)) == 0  # 59 days ahead: not yet
    assert send_reminders(datetime.date(2027, 3, 5)) == 2  # 27 days: the 30-day reminder
    assert {m.to[0] for m in mail.outbox} == {o.email for o in owners}
    assert "Due in 27 days" in mail.outbox[0].subject
    assert "A/RES/80/173, para. 113" in mail.outbox[0].body
    assert "/deliverables/action-line-roadmaps/" in mail.outbox[0].body
    assert send_reminders(datetime.date(2027, 3, 6)) == 0  # the same reminder is not repeated
    assert send_reminders(datetime.date(2027, 3, 26)) == 2  # 6 days: the 7-day reminder
    assert send_reminders(datetime.date(2027, 3, 31)) == 2  # 1 day
    assert send_reminders(datetime.date(2027, 3, 31)) == 0
    assert len(mail.outbox) == 6 and Reminder.objects.count() == 6
    services.record_delivery(owners[0], roadmaps)
    assert send_reminders(datetime.date(2027, 3, 31)) == 0  # delivered: no more reminders


def test_the_command_and_a_late_first_run(shipped):
    gdc = shipped.get(code="gdc-review-2027")  # due 2027-09-15
    services.assign_owners(moderator(), gdc, [UserFactory()])
    # Run first 3 days before: one reminder (the 7-day one), not one per lead time passed.
    call_command("send_deliverable_reminders", today="2027-09-12", days="30,7")
    call_command("send_deliverable_reminders", today="2027-09-12", days="30,7")
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().days_before == 7


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_calendar_pages(client, shipped, language):
    page = client.get(f"/{language}/deliverables/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "A/RES/80/173, para. 127" in html and "/deliverables/wsis-30-review/" in html
    detail = client.get(f"/{language}/deliverables/wsis-30-review/").content.decode()
    assert f"{SOURCES}:L371" in detail and 'name="action"' not in detail  # readers only read


def test_updates_on_the_page_per_role(client, shipped):
    url = "/en/deliverables/ict-indicators-review/update/"
    assert client.post(url, {"action": "status", "status": "in_progress"}).status_code == 302
    client.force_login(UserFactory())
    assert client.post(url, {"action": "status", "status": "in_progress"}).status_code == 403
    owner = UserFactory()
    client.force_login(moderator())
    client.post(url, {"action": "owners", "owners": f"{owner.email}\n"})
    client.force_login(owner)
    assert client.post(url, {"action": "owners", "owners": ""}).status_code == 302
    review = Deliverable.objects.get(code="ict-indicators-review")
    assert list(review.owners.all()) == [owner]  # an owner may not change the owners
    client.post(url, {"action": "status", "status": "in_progress"})
    review.refresh_from_db()
    assert review.status == Status.IN_PROGRESS


@pytest.mark.parametrize("url", ["/en/deliverables/", "/api/v1/deliverables"])
def test_calendar_queries_do_not_grow_with_rows(client, shipped, url):
    client.force_login(moderator())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    few = count()
    for deliverable in shipped[:4]:
        services.assign_owners(moderator(), deliverable, [UserFactory(), UserFactory()])
    services.load_shipped(_more())
    assert Deliverable.objects.count() == 12 + 3 and count() == few


def _more():
    """The shipped file with three more deliverables, written to a temporary file."""
    data = json.loads(services.SHIPPED.read_text(encoding="utf-8"))
    extra = dict(data["deliverables"][0])
    for number in range(3):
        data["deliverables"].append(extra | {"code": f"extra-{number}"})
    path = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    with path:
        json.dump(data, path)
    return path.name


def test_the_background_worker_sends_them_daily(shipped, settings):
    # `make run` plants the daily run (`send_deliverable_reminders --schedule`); each run sends
    # the day's reminders and plants the next one, so no cron job is needed.
    from django_tasks_db.models import DBTaskResult

    from wsis.deliverables import tasks

    waiting = DBTaskResult.objects.filter(
        task_path=tasks.send_reminders_daily.module_path, status="READY"
    )
    call_command("send_deliverable_reminders", schedule=True)
    call_command("send_deliverable_reminders", schedule=True)
    (run,) = waiting
    assert run.run_after == tasks.next_run(run.enqueued_at)
    assert timezone.localtime(run.run_after).time() == tasks.DAILY_AT
    roadmaps = shipped.get(code="action-line-roadmaps")
    roadmaps.due_date = timezone.localdate() + datetime.timedelta(days=5)
    roadmaps.save()
    services.assign_owners(moderator(), roadmaps, [UserFactory()])
    mail.outbox.clear()
    run.status = "RUNNING"  # as the worker marks it before running it
    run.save()
    assert tasks.send_reminders_daily.call() == 1
    assert mail.outbox[0].subject.startswith("Due in 5 days")
    assert waiting.count() == 1  # the next day's run


def test_a_reminder_for_one_day_says_day(shipped):
    from wsis.deliverables.reminders import _message

    deliverable = Deliverable.objects.select_related("body").first()
    assert _message(deliverable, 1)[0].startswith("Due in 1 day:")

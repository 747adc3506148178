"""Changing roadmaps: who may, what is refused (nothing changed), and the history kept."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import UserFactory
from tests.roadmaps.factories import facilitator, make_roadmap, make_target, record
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.core.events import events_for
from wsis.indicators.choices import ValueState
from wsis.roadmaps import reading, services
from wsis.roadmaps.choices import TargetStatus
from wsis.roadmaps.models import Progress, Roadmap
from wsis.taxonomy.models import ActionLine

pytestmark = pytest.mark.django_db


def test_target_with_two_recorded_values_has_the_right_status():
    """Baseline 50 (2020), target 100 (2040): by 2024 a fifth of the time has passed, so a
    fifth of the way (60) is on track, 57 at risk, 54 off track."""
    roadmap = make_roadmap()
    for latest, expected in [
        (Decimal(60), TargetStatus.ON_TRACK),
        (Decimal(57), TargetStatus.AT_RISK),
        (Decimal(54), TargetStatus.OFF_TRACK),
    ]:
        target = make_target(roadmap)
        record(target, date(2022, 1, 1), Decimal(53))
        record(target, date(2024, 1, 1), latest)
        [view] = reading.target_views(reading.targets_queryset().filter(pk=target.pk))
        assert view.status == expected
        assert view.latest.value == latest


@pytest.mark.parametrize(
    ("role", "lines", "allowed"),
    [
        (Role.SUBMITTER, [], False),
        (Role.EXPERT, [], False),
        (Role.FACILITATOR, ["C4"], False),  # another line's facilitator
        (Role.FACILITATOR, ["C2"], True),
        (Role.MODERATOR, [], True),
        (Role.ADMINISTRATOR, [], True),
    ],
)
def test_who_may_record_progress(role, lines, allowed):
    target = make_target(make_roadmap("C2"))
    user = UserFactory(role=role)
    user.action_lines.set(ActionLine.objects.filter(code__in=lines))
    if allowed:
        record(target, date(2024, 1, 1), 60, actor=user)
        assert Progress.objects.filter(target=target).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            record(target, date(2024, 1, 1), 60, actor=user)
        assert not Progress.objects.exists()


def test_anonymous_may_not_change_anything():
    roadmap = make_roadmap()
    with pytest.raises(PermissionDenied):
        services.add_objective(AnonymousUser(), roadmap, {"en": "x"})
    with pytest.raises(PermissionDenied):
        record(make_target(roadmap), date(2024, 1, 1), 60, actor=AnonymousUser())


def test_a_c7_facilitator_edits_the_sub_lines():
    roadmap = make_roadmap("C7.e-health", sdg_targets=())
    record(make_target(roadmap), date(2024, 1, 1), 60, actor=facilitator("C7"))
    assert Progress.objects.count() == 1


def test_no_data_is_stored_as_no_value_never_zero():
    target = make_target(make_roadmap())
    progress = record(target, date(2024, 1, 1), None)
    progress.refresh_from_db()
    assert progress.state == ValueState.NO_DATA and progress.value is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"on": date(2019, 12, 31), "value": 60}, "date"),  # before the baseline
        ({"on": date(2999, 1, 1), "value": 60}, "date"),  # in the future
        ({"on": None, "value": 60}, "date"),
        ({"on": date(2024, 1, 1), "value": None}, "value"),  # reported needs a value
        ({"on": date(2024, 1, 1), "value": "many"}, "value"),
        ({"on": date(2024, 1, 1), "value": 0, "state": ValueState.NO_DATA}, "value"),
        ({"on": date(2024, 1, 1), "value": 60, "state": "maybe"}, "state"),
    ],
)
def test_bad_progress_names_the_field_and_changes_nothing(fields, field):
    target = make_target(make_roadmap())
    with pytest.raises(ValidationError) as error:
        services.record_progress(moderator(), target, **fields)
    assert field in error.value.message_dict
    assert not Progress.objects.exists()


def test_one_value_per_target_and_date():
    target = make_target(make_roadmap())
    record(target, date(2024, 1, 1), 60)
    with pytest.raises(ValidationError) as error:
        record(target, date(2024, 1, 1), 61)
    assert "date" in error.value.message_dict
    assert Progress.objects.get().value == 60


def test_history_and_events_are_kept():
    target = make_target(make_roadmap())
    actor = moderator()
    progress = record(target, date(2024, 1, 1), 60, actor=actor)
    assert progress.history.count() == 1
    [event] = events_for(target).filter(label=services.PROGRESS_RECORDED)
    assert event.actor == actor and event.data["value"] == "60"


def test_a_target_must_lie_beyond_its_baseline():
    roadmap = make_roadmap()
    with pytest.raises(ValidationError) as error:
        make_target(roadmap, target_value=Decimal(40))
    assert "target_value" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_target(roadmap, indicator="nothing", target_date=date(2019, 1, 1))
    assert {"indicator", "target_date"} <= set(error.value.message_dict)
    assert not roadmap.targets.exists()


def test_versions_one_current():
    first = make_roadmap(version=2023)
    second = make_roadmap(version=2027)
    assert Roadmap.objects.get(pk=first.pk).is_current and not second.is_current
    services.make_current(moderator(), second)
    assert list(Roadmap.objects.filter(is_current=True)) == [second]
    with pytest.raises(ValidationError) as error:
        make_roadmap(version=2027)
    assert "version" in error.value.message_dict

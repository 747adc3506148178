"""Changing and removing objectives, actions, targets and recorded values: every service per
role (refused ones change nothing), the checks of the add path, history naming the actor, the
events, and the status computed again after a correction."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import UserFactory
from tests.roadmaps.factories import (
    a_roadmap,
    facilitator,
    make_roadmap,
    make_target,
    record,
    snapshot,
)
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.core.models import Event
from wsis.indicators.choices import ValueState
from wsis.roadmaps import reading, services
from wsis.roadmaps.choices import TargetStatus
from wsis.roadmaps.models import Action, Objective, Progress, Target

pytestmark = pytest.mark.django_db

ACTORS = {
    "anonymous": AnonymousUser,
    "submitter": lambda: UserFactory(role=Role.SUBMITTER),
    "other_facilitator": lambda: facilitator("C4"),
    "facilitator": lambda: facilitator("C2"),
    "moderator": moderator,
}
ALLOWED = {"facilitator", "moderator"}


# What each service does to the roadmap of `a_roadmap`: the call, its event's label, and the
# model and object whose history must name the actor ("-": removed).
SERVICES = {
    "change_objective": (
        lambda actor, w: services.change_objective(actor, w.objective, {"en": "Reach"}),
        services.OBJECTIVE_CHANGED,
        lambda w: (Objective, w.objective.pk, "~"),
    ),
    "remove_objective": (
        lambda actor, w: services.remove_objective(actor, w.objective),
        services.OBJECTIVE_REMOVED,
        lambda w: (Objective, w.objective.pk, "-"),
    ),
    "change_action": (
        lambda actor, w: services.change_action(actor, w.action, partners="ITU"),
        services.ACTION_CHANGED,
        lambda w: (Action, w.action.pk, "~"),
    ),
    "remove_action": (
        lambda actor, w: services.remove_action(actor, w.action),
        services.ACTION_REMOVED,
        lambda w: (Action, w.action.pk, "-"),
    ),
    "change_target": (
        lambda actor, w: services.change_target(actor, w.target, target_value=Decimal(90)),
        services.TARGET_CHANGED,
        lambda w: (Target, w.target.pk, "~"),
    ),
    "remove_target": (
        lambda actor, w: services.remove_target(actor, w.target),
        services.TARGET_REMOVED,
        lambda w: (Target, w.target.pk, "-"),
    ),
    "correct_progress": (
        lambda actor, w: services.correct_progress(actor, w.progress, value=Decimal(60)),
        services.PROGRESS_CORRECTED,
        lambda w: (Progress, w.progress.pk, "~"),
    ),
    "remove_progress": (
        lambda actor, w: services.remove_progress(actor, w.progress),
        services.PROGRESS_REMOVED,
        lambda w: (Progress, w.progress.pk, "-"),
    ),
}


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("name", SERVICES)
def test_every_service_per_role(name, who):
    call, label, historical = SERVICES[name]
    world = a_roadmap()
    actor = ACTORS[who]()
    model, pk, kind = historical(world)  # before a removal forgets the primary key
    before = snapshot()
    if who not in ALLOWED:
        with pytest.raises(PermissionDenied):
            call(actor, world)
        assert snapshot() == before
        return
    call(actor, world)
    assert snapshot() != before
    latest = model.history.filter(id=pk).latest("history_id")
    assert latest.history_type == kind and latest.history_user == actor
    [event] = Event.objects.filter(label=label)
    assert event.actor == actor


def test_a_correction_moves_the_status():
    """Baseline 50 (2020), target 100 (2040): 57 in 2024 is at risk, 60 on track."""
    world = a_roadmap()

    def status():
        [view] = reading.target_views(reading.targets_queryset().filter(pk=world.target.pk))
        return view.status

    assert status() == TargetStatus.AT_RISK
    services.correct_progress(facilitator("C2"), world.progress, value="60", source="ITU 2025")
    assert status() == TargetStatus.ON_TRACK
    progress = Progress.objects.get()
    assert (progress.value, progress.source, progress.date) == (60, "ITU 2025", date(2024, 1, 1))
    [event] = Event.objects.filter(label=services.PROGRESS_CORRECTED)
    assert event.data["was"] == {"date": "2024-01-01", "value": "57.0000"}
    services.correct_progress(moderator(), progress, state=ValueState.NO_DATA)
    progress.refresh_from_db()
    assert progress.value is None and progress.state == ValueState.NO_DATA
    assert status() == TargetStatus.NO_DATA
    services.correct_progress(moderator(), progress, value=Decimal(57))  # a value: reported
    assert status() == TargetStatus.AT_RISK


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": date(2019, 12, 31)}, "date"),  # before the baseline
        ({"date": date(2999, 1, 1)}, "date"),
        ({"date": date(2023, 1, 1)}, "date"),  # another value's date
        ({"value": "many"}, "value"),
        ({"value": None}, "value"),  # reported needs a value
        ({"state": ValueState.NO_DATA, "value": 3}, "value"),
        ({"state": "maybe"}, "state"),
    ],
)
def test_a_wrong_correction_names_the_field_and_changes_nothing(changes, field):
    world = a_roadmap()
    record(world.target, date(2023, 1, 1), Decimal(55))
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        services.correct_progress(moderator(), world.progress, **changes)
    assert field in error.value.message_dict
    assert snapshot() == before


def test_a_date_may_move_to_a_free_one():
    world = a_roadmap()
    services.correct_progress(moderator(), world.progress, date=date(2023, 6, 1), note="Revised")
    progress = Progress.objects.get()
    assert progress.date == date(2023, 6, 1) and progress.note == "Revised"
    assert progress.source == "Test source"  # not given: kept


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"target_value": Decimal(40)}, {"target_value"}),  # not beyond the baseline
        ({"indicator": "nothing", "target_date": date(2019, 1, 1)}, {"indicator", "target_date"}),
        ({"direction": "sideways"}, {"direction"}),
        ({"sdg_targets": ["99.z"]}, {"sdg_targets"}),
        ({"text": {"en": "", "ar": " "}}, {"text"}),  # every language emptied
        ({"text": {"xx": "?"}}, {"text"}),
        ({"baseline_date": date(2024, 6, 1)}, {"baseline_date"}),  # after a recorded value
    ],
)
def test_a_target_is_checked_as_when_added(changes, fields):
    world = a_roadmap()
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        services.change_target(moderator(), world.target, **changes)
    assert fields <= set(error.value.message_dict)
    assert snapshot() == before


def test_change_every_field_of_a_target():
    world = a_roadmap()
    services.change_target(
        facilitator("C2"),
        world.target,
        indicator="internet_use",
        text={"en": "Most online"},  # "ar" kept
        objective=None,
        area_type="country",
        area_code="KEN",
        sex="female",
        location="rural",
        age="15-24",
        direction="increase",
        baseline_value=Decimal(40),
        baseline_date=date(2021, 1, 1),
        baseline_source="ITU",
        target_value=Decimal(80),
        target_date=date(2030, 1, 1),
        sdg_targets=["9.c", "5.b"],
    )
    target = Target.objects.get()
    assert target.text == {"en": "Most online", "ar": "الجميع متصلون"}
    assert (target.objective, target.area_code, target.sex, target.age) == (
        None,
        "KEN",
        "female",
        "15-24",
    )
    assert (target.baseline_value, target.target_value) == (40, 80)
    assert sorted(t.code for t in target.sdg_targets.all()) == ["5.b", "9.c"]
    [event] = Event.objects.filter(label=services.TARGET_CHANGED)
    assert {"text", "area_code", "target_value", "sdg_targets"} <= set(event.data["fields"])


def test_removing_a_target_removes_its_values_and_keeps_their_history():
    world = a_roadmap()
    record(world.target, date(2023, 1, 1), None)
    actor, pk = facilitator("C2"), world.target.pk
    services.remove_target(actor, world.target)
    assert not Target.objects.exists() and not Progress.objects.exists()
    removed = Progress.history.filter(history_type="-")
    assert removed.count() == 2 and {row.history_user for row in removed} == {actor}
    assert Target.history.filter(id=pk, history_type="-").exists()
    [event] = Event.objects.filter(label=services.TARGET_REMOVED)
    assert event.data["values"] == 2 and event.target_id == str(world.roadmap.pk)
    assert [e.label for e in reading.history(world.roadmap, [])][0] == services.TARGET_REMOVED


def test_removing_an_objective_keeps_its_targets():
    world = a_roadmap()
    actor = moderator()
    services.remove_objective(actor, world.objective)
    assert not Objective.objects.exists() and not Action.objects.exists()
    target = Target.objects.get()
    assert target.objective is None
    assert target.history.latest("history_id").history_user == actor
    assert Action.history.get(history_type="-").history_user == actor


def test_texts_change_in_one_language_and_actions_stay_in_their_roadmap():
    world = a_roadmap()
    services.change_objective(moderator(), world.objective, {"ar": "ربط"})
    world.objective.refresh_from_db()
    assert world.objective.text == {"en": "Connect", "fr": "Relier", "ar": "ربط"}
    services.change_objective(moderator(), world.objective, {"fr": ""})
    assert Objective.objects.get().text == {"en": "Connect", "ar": "ربط"}
    elsewhere = services.add_objective(moderator(), make_roadmap("C2", version=2031), {"en": "X"})
    with pytest.raises(ValidationError) as error:
        services.change_action(moderator(), world.action, objective=elsewhere)
    assert "objective" in error.value.message_dict
    second = services.add_objective(moderator(), world.roadmap, {"en": "Second"})
    services.change_action(moderator(), world.action, objective=second, expected_result={})
    action = Action.objects.get()
    assert action.objective == second and action.expected_result == {"en": "Networks"}


def test_a_c7_facilitator_changes_the_sub_lines():
    roadmap = make_roadmap("C7.e-health", sdg_targets=())
    progress = record(make_target(roadmap), date(2024, 1, 1), 60)
    services.correct_progress(facilitator("C7"), progress, value=61)
    assert Progress.objects.get().value == 61
    with pytest.raises(PermissionDenied):
        services.remove_progress(facilitator("C2"), progress)

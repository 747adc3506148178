"""Roadmaps made the way facilitators and the secretariat make them: through the services."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.core.serializers import serialize

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.core.models import Event
from wsis.indicators import services as indicator_services
from wsis.indicators.choices import ValueState
from wsis.roadmaps import services
from wsis.roadmaps.models import Action, Objective, Progress, Target
from wsis.taxonomy.models import ActionLine

BASELINE_DATE = date(2020, 1, 1)
TARGET_DATE = date(2040, 1, 1)


def facilitator(*codes: str):
    user = UserFactory(role=Role.FACILITATOR)
    user.action_lines.set(ActionLine.objects.filter(code__in=codes))
    return user


def make_roadmap(line: str = "C2", version: int = 2027, actor=None, sdg_targets=("9.c",)):
    indicator_services.load_sources()
    return services.create_roadmap(
        actor or moderator(),
        ActionLine.objects.get(code=line),
        version,
        {"en": f"{line} roadmap {version}", "ar": f"خريطة طريق {line} {version}"},
        {"en": "Summary"},
        sdg_targets,
    )


def make_target(roadmap, actor=None, **overrides):
    values = {
        "indicator": "internet_use",
        "text": {"en": "Everyone online", "ar": "الجميع متصلون"},
        "baseline_value": Decimal(50),
        "baseline_date": BASELINE_DATE,
        "target_value": Decimal(100),
        "target_date": TARGET_DATE,
        "sdg_targets": ["17.8"],
    }
    values.update(overrides)
    return services.add_target(actor or moderator(), roadmap, **values)


def record(target, on: date, value, actor=None):
    state = ValueState.NO_DATA if value is None else ValueState.REPORTED
    return services.record_progress(
        actor or moderator(), target, on=on, value=value, state=state, source="Test source"
    )


def a_roadmap():
    """A C2 roadmap with an objective, an action, a target under the objective and a value."""
    roadmap = make_roadmap("C2")
    objective = services.add_objective(moderator(), roadmap, {"en": "Connect", "fr": "Relier"})
    action = services.add_action(moderator(), objective, {"en": "Build"}, {"en": "Networks"})
    target = make_target(roadmap, objective=objective)
    progress = record(target, date(2024, 1, 1), Decimal(57))
    return SimpleNamespace(
        roadmap=roadmap, objective=objective, action=action, target=target, progress=progress
    )


def snapshot() -> str:
    """Every roadmap row, its history and the roadmaps' events, as text."""
    rows = [*Objective.objects.all(), *Action.objects.all(), *Target.objects.all()]
    rows += [*Progress.objects.all(), *Event.objects.filter(label__startswith="roadmaps.")]
    history = [
        model.history.count() for model in (Objective, Action, Target, Progress)
    ]  # the history rows too
    links = list(Target.sdg_targets.through.objects.values_list("target_id", "sdgtarget_id"))
    return serialize("json", rows) + str(history) + str(links)

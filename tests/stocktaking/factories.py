"""Initiatives made the way users make them: through the services."""

from tests.accounts.factories import UserFactory
from wsis.accounts.choices import Role
from wsis.stocktaking import services
from wsis.stocktaking.choices import Status


def initiative_data(**overrides) -> dict:
    data = {
        "title": "Community networks for mountain villages",
        "language": "en",
        "summary": "Villagers build and run their own wireless network with a regional university.",
        "description": "Twelve villages were connected with solar-powered relays.",
        "organisation": "Highland Connectivity Cooperative",
        "stakeholder_type": "civil_society",
        "countries": ["NP"],
        "scope": "local",
        "work_state": "ongoing",
        "start_date": "2023-03-01",
        "action_lines": ["C2"],
        "sdg_targets": ["9.c"],
        "gdc_objectives": ["GDC1"],
        "target_groups": ["rural_populations"],
    }
    data.update(overrides)
    return data


def moderator():
    return UserFactory(role=Role.MODERATOR)


def make_initiative(owner=None, status=Status.PUBLISHED, moderated_by=None, **overrides):
    owner = owner or UserFactory()
    initiative = services.create_initiative(owner, initiative_data(**overrides))
    if status == Status.DRAFT:
        return initiative
    initiative = services.submit(owner, initiative)
    if status == Status.SUBMITTED:
        return initiative
    actor = moderated_by or moderator()
    if status == Status.PUBLISHED:
        return services.approve(actor, initiative)
    if status == Status.CHANGES_REQUESTED:
        return services.request_changes(actor, initiative, "Please add the figures.")
    return services.reject(actor, initiative, "Not an ICT initiative.")

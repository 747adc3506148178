"""The submission form's suggestions: the HTMX panel for each role, and accepting a suggestion
with one click records the tag as suggested."""

import pytest

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative, moderator
from wsis.stocktaking.choices import Status, TagOrigin
from wsis.stocktaking.models import Initiative, InitiativeActionLine

pytestmark = pytest.mark.django_db

HEALTH = {
    "title": "Télémédecine pour les dispensaires ruraux",
    "summary": "Les infirmiers des villages consultent les médecins de l'hôpital par vidéo et "
    "suivent les femmes enceintes et les patients diabétiques.",
}


def test_the_panel_needs_a_signed_in_user(client):
    response = client.post("/en/suggestions/", HEALTH)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_panel_suggests_tags_for_the_text_being_typed(client):
    client.force_login(UserFactory())
    page = client.post("/en/suggestions/", HEALTH).content.decode()
    assert 'data-accept="action_lines:C7.e-health"' in page
    assert 'data-accept="sdg_goals:3"' in page
    assert "Accept" in page
    page = client.post("/en/suggestions/", {"title": "Hello"}).content.decode()
    assert "data-accept" not in page  # too little text to say anything


def test_the_panel_of_someone_elses_draft_is_refused(client):
    draft = make_initiative(status=Status.DRAFT)
    client.force_login(UserFactory())
    assert client.post("/en/suggestions/", {"initiative": draft.pk}).status_code == 403


def test_moderators_see_suggested_next_to_chosen_tags(client):
    pending = make_initiative(status=Status.SUBMITTED, action_lines=["C7.e-health"], **HEALTH)
    client.force_login(moderator())
    page = client.post("/en/suggestions/", {"initiative": pending.pk, "moderator": "1"})
    page = page.content.decode()
    assert "Chosen" in page and "data-accept" not in page
    assert "Not chosen" in page


def test_an_accepted_suggestion_is_saved_as_suggested(client):
    owner = UserFactory()
    draft = make_initiative(owner=owner, status=Status.DRAFT, **HEALTH)
    client.force_login(owner)
    response = client.post(
        f"/en/initiatives/{draft.pk}/edit/about/",
        {
            "title": HEALTH["title"],
            "language": "fr",
            "summary": HEALTH["summary"],
            "accepted": ["action_lines:C7.e-health", "sdg_goals:3"],
            "next": "where",
        },
    )
    assert response.status_code == 302
    tags = dict(
        InitiativeActionLine.objects.filter(initiative=draft).values_list(
            "action_line__code", "origin"
        )
    )
    assert tags == {"C2": TagOrigin.SUBMITTER, "C7.e-health": TagOrigin.SUGGESTION}
    goals = Initiative.objects.get(pk=draft.pk).sdg_goals.values_list("number", flat=True)
    assert 3 in goals


def test_an_unknown_accepted_code_changes_nothing_and_keeps_the_text(client):
    owner = UserFactory()
    draft = make_initiative(owner=owner, status=Status.DRAFT)
    client.force_login(owner)
    response = client.post(
        f"/en/initiatives/{draft.pk}/edit/about/",
        {
            "title": "A new title",
            "language": "en",
            "summary": "Typed text.",
            "accepted": ["action_lines:C99"],
        },
    )
    assert response.status_code == 422
    assert "A new title" in response.content.decode()
    assert not InitiativeActionLine.objects.filter(
        initiative=draft, origin=TagOrigin.SUGGESTION
    ).exists()

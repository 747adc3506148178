from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import initiative_data, make_initiative, moderator
from wsis.core.errors import InvalidTransition
from wsis.core.events import events_for
from wsis.search.models import SearchDocument
from wsis.stocktaking import services
from wsis.stocktaking.choices import Status, StatusLight, TagOrigin
from wsis.stocktaking.models import Facet, Initiative, InitiativeActionLine

pytestmark = pytest.mark.django_db


def test_a_draft_needs_only_a_title_and_a_language():
    owner = UserFactory()
    initiative = services.create_initiative(owner, {"title": "تجربة", "language": "ar"})
    assert initiative.status == Status.DRAFT and initiative.owner == owner
    assert [e.label for e in events_for(initiative)] == ["stocktaking.initiative.created"]


def test_an_incomplete_draft_cannot_be_submitted():
    owner = UserFactory()
    initiative = services.create_initiative(owner, {"title": "Half done", "language": "en"})
    with pytest.raises(ValidationError) as error:
        services.submit(owner, initiative)
    assert {"summary", "action_lines", "sdg_goals", "countries"} <= set(error.value.message_dict)
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_the_whole_path_to_publication():
    owner, mod = UserFactory(), moderator()
    initiative = services.create_initiative(owner, initiative_data())
    services.submit(owner, initiative)
    services.approve(mod, initiative)
    initiative.refresh_from_db()
    assert initiative.status == Status.PUBLISHED and initiative.published_at is not None
    assert initiative.status_light() == StatusLight.GREEN
    assert [e.label for e in events_for(initiative)][:3] == [
        "stocktaking.initiative.approved",
        "stocktaking.initiative.submitted",
        "stocktaking.initiative.created",
    ]
    assert SearchDocument.objects.filter(initiative=initiative).exists()
    facets = set(Facet.objects.filter(initiative=initiative).values_list("facet", "code"))
    assert {
        ("action_line", "C2"),
        ("sdg_goal", "9"),
        ("country", "NP"),
        ("region", "ASP"),
        ("country_group", "LDC"),
        ("country_group", "LLDC"),
    } <= facets


def test_a_target_brings_its_goal():
    initiative = make_initiative(sdg_targets=["3.8", "4.4"], sdg_goals=[])
    assert sorted(g.number for g in initiative.sdg_goals.all()) == [3, 4]


def test_decisions_are_mailed_in_the_initiative_language(django_capture_on_commit_callbacks):
    owner = UserFactory(email="owner@example.org")
    initiative = make_initiative(
        owner, status=Status.SUBMITTED, language="fr", title="Télécentres ruraux"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(moderator(), initiative, "Ajoutez les chiffres de 2024.")
    message = mail.outbox[-1]
    assert message.to == ["owner@example.org"]
    assert "Télécentres ruraux" in message.subject and "Ajoutez les chiffres" in message.body
    assert "/fr/initiatives/" in message.body


@pytest.mark.parametrize("action", [services.request_changes, services.reject])
def test_sending_back_or_rejecting_needs_a_comment(action):
    initiative = make_initiative(status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        action(moderator(), initiative, "  ")
    assert "comment" in error.value.message_dict
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_a_second_approval_is_refused():
    mod = moderator()
    initiative = make_initiative(moderated_by=mod)
    published_at = initiative.published_at
    with pytest.raises(InvalidTransition):
        services.approve(mod, initiative)
    initiative.refresh_from_db()
    assert initiative.published_at == published_at
    assert [e.label for e in events_for(initiative)].count("stocktaking.initiative.approved") == 1


@pytest.mark.parametrize("role", ["submitter", "facilitator", "expert"])
def test_only_moderators_decide(role):
    initiative = make_initiative(status=Status.SUBMITTED)
    for action in (services.approve, services.request_changes, services.reject):
        with pytest.raises(PermissionDenied):
            action(UserFactory(role=role), initiative, "comment")
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_nobody_else_edits_or_submits_my_draft():
    initiative = make_initiative(status=Status.DRAFT)
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        services.update_initiative(other, initiative, {"title": "Taken over"})
    with pytest.raises(PermissionDenied):
        services.submit(other, initiative)
    with pytest.raises(PermissionDenied):
        services.submit(moderator(), initiative)  # moderators decide; owners submit
    initiative.refresh_from_db()
    assert initiative.title == "Community networks for mountain villages"


def test_owners_cannot_edit_while_in_moderation_or_once_published():
    initiative = make_initiative(status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.update_initiative(initiative.owner, initiative, {"title": "Changed"})


def test_changes_requested_then_resubmitted():
    initiative = make_initiative(status=Status.CHANGES_REQUESTED)
    services.update_initiative(initiative.owner, initiative, {"description": "With 2024 figures."})
    services.submit(initiative.owner, initiative)
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_tags_keep_their_origin():
    initiative = make_initiative()
    services.update_initiative(moderator(), initiative, {"action_lines": ["C2", "C4"]})
    origins = dict(
        InitiativeActionLine.objects.filter(initiative=initiative).values_list(
            "action_line__code", "origin"
        )
    )
    assert origins == {"C2": TagOrigin.SUBMITTER, "C4": TagOrigin.MODERATOR}
    assert Facet.objects.filter(initiative=initiative, facet="action_line", code="C4").exists()


def test_bad_input_changes_nothing():
    initiative = make_initiative(status=Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.update_initiative(
            initiative.owner,
            initiative,
            {
                "summary": "word " * 201,
                "action_lines": ["C99"],
                "start_date": "2024-05-01",
                "end_date": "2023-01-01",
            },
        )
    assert {"summary", "action_lines", "end_date"} <= set(error.value.message_dict)
    initiative.refresh_from_db()
    assert initiative.summary.startswith("Villagers")


def test_progress_reports_turn_the_light_green():
    initiative = make_initiative()
    long_ago = timezone.now() - timedelta(days=800)
    Initiative.objects.filter(pk=initiative.pk).update(active_at=long_ago)
    initiative.refresh_from_db()
    assert initiative.status_light() == StatusLight.RED
    Initiative.objects.filter(pk=initiative.pk).update(
        active_at=timezone.now() - timedelta(days=400)
    )
    initiative.refresh_from_db()
    assert initiative.status_light() == StatusLight.AMBER
    services.file_progress_report(initiative.owner, initiative, year=2025, achieved="3,000 users.")
    initiative.refresh_from_db()
    assert initiative.status_light() == StatusLight.GREEN
    with pytest.raises(InvalidTransition):
        services.file_progress_report(initiative.owner, initiative, year=2025, achieved="Again.")


def test_progress_reports_only_by_owners_of_published_initiatives():
    draft = make_initiative(status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.file_progress_report(draft.owner, draft, year=2025, achieved="x")
    published = make_initiative()
    with pytest.raises(PermissionDenied):
        services.file_progress_report(UserFactory(), published, year=2025, achieved="x")
    with pytest.raises(ValidationError):
        services.file_progress_report(published.owner, published, year=1999, achieved="")
    assert not published.progress_reports.exists()


def test_chinese_words_are_counted_without_spaces():
    from wsis.stocktaking.forms import count_words

    assert count_words("数字" * 100) == 100
    assert count_words("Internet 农村学校 access") == 4
    with pytest.raises(ValidationError) as error:
        services.create_initiative(
            UserFactory(), {"title": "农村", "language": "zh", "summary": "农村学校" * 101}
        )
    assert "summary" in error.value.message_dict

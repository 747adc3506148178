"""Entries: an organisation enters a published initiative into one category while submissions
are open; every rule of the edition is checked with a precise message; the secretariat reviews
them during the review phase and the entrant is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative, moderator
from wsis.core.errors import InvalidTransition
from wsis.prizes import services
from wsis.prizes.choices import EntryStatus, PhaseKind
from wsis.prizes.models import Edition, Entry
from wsis.search.vectors import embed

pytestmark = pytest.mark.django_db

WORDS = " ".join(["word"] * 160)


def edition_in(phase: str, year: int = 2027) -> Edition:
    """An edition whose phase `phase` is open now (the earlier ones closed)."""
    now = timezone.now()
    index = list(PhaseKind.values).index(phase)
    start = now - timedelta(days=30 * index + 1)
    edition = services.create_edition(moderator(), year)
    services.set_phases(
        moderator(),
        edition,
        {
            kind: (start + timedelta(days=30 * i), start + timedelta(days=30 * (i + 1)))
            for i, kind in enumerate(PhaseKind.values)
        },
    )
    return Edition.objects.prefetch_related("phases").get(pk=edition.pk)


def initiative(owner=None, **values):
    values = {"work_state": "completed", "end_date": "2025-12-31", **values}
    return make_initiative(owner=owner or UserFactory(), **values)


def sections(**values):
    return {"language": "en", "short_description": WORDS, "linkages": "C7 e-health, SDG 3"} | values


def test_an_owner_enters_a_published_initiative():
    project = initiative()
    entry = services.enter(project.owner, edition_in("submission"), project, "C2", **sections())
    assert entry.status == EntryStatus.SUBMITTED and entry.category.code == "C2"
    assert entry.organisation_id == project.organisation_id


@pytest.mark.parametrize(
    "values,field",
    [
        ({"short_description": " ".join(["word"] * 120)}, "short_description"),
        ({"language": "pt"}, "language"),
    ],
)
def test_rules_of_the_entry_itself(values, field):
    project = initiative()
    with pytest.raises(ValidationError) as error:
        services.enter(project.owner, edition_in("submission"), project, "C2", **sections(**values))
    assert field in error.value.message_dict
    assert not Entry.objects.exists()


def test_a_120_word_description_is_refused_with_the_count():
    project = initiative()
    with pytest.raises(ValidationError) as error:
        services.enter(
            project.owner,
            edition_in("submission"),
            project,
            "C2",
            **sections(short_description=" ".join(["word"] * 120)),
        )
    assert error.value.message_dict["short_description"] == [
        "The short description must have 150 to 200 words; it has 120."
    ]


def test_a_project_enters_one_category_and_an_organisation_one_project_per_category():
    edition = edition_in("submission")
    project = initiative()
    services.enter(project.owner, edition, project, "C2", **sections())
    with pytest.raises(ValidationError) as error:
        services.enter(project.owner, edition, project, "C4", **sections())
    assert "already entered" in error.value.message_dict["category"][0]
    sibling = initiative(owner=project.owner, title="Another network of the same cooperative")
    with pytest.raises(ValidationError) as error:
        services.enter(project.owner, edition, sibling, "C2", **sections())
    assert "organisation" in error.value.message_dict["category"][0]
    services.enter(project.owner, edition, sibling, "C4", **sections())
    assert Entry.objects.count() == 2


def test_an_ongoing_project_must_be_at_the_end_of_a_major_phase():
    edition = edition_in("submission")
    project = initiative(work_state="ongoing", end_date="")
    with pytest.raises(ValidationError) as error:
        services.enter(project.owner, edition, project, "C2", **sections())
    assert "at_end_of_major_phase" in error.value.message_dict
    services.enter(project.owner, edition, project, "C2", **sections(at_end_of_major_phase=True))


def test_who_and_when():
    project = initiative()
    with pytest.raises(PermissionDenied):
        services.enter(UserFactory(), edition_in("submission"), project, "C2", **sections())
    Edition.objects.all().delete()
    with pytest.raises(InvalidTransition, match="closed on"):
        services.enter(project.owner, edition_in("review"), project, "C2", **sections())
    draft = make_initiative(owner=project.owner, status="draft")
    Edition.objects.all().delete()
    with pytest.raises(ValidationError) as error:
        services.enter(project.owner, edition_in("submission"), draft, "C2", **sections())
    assert "initiative" in error.value.message_dict
    assert not Entry.objects.exists()


def test_the_same_project_cannot_enter_twice_even_translated():
    edition = edition_in("submission")
    owner = UserFactory()
    common = {"countries": ["EG"], "start_date": "2021-09-01", "action_lines": ["C7.e-health"]}
    original = initiative(
        owner=owner,
        language="en",
        title="Linking rural clinics of Upper Egypt to specialist doctors by video",
        summary="With Assiut University, forty rural health units consult specialists of the "
        "university hospitals by video; fifteen thousand patients were spared the journey.",
        **common,
    )
    copy = initiative(
        owner=owner,
        language="fr",
        title="Relier les dispensaires ruraux de Haute-Égypte aux médecins spécialistes par vidéo",
        summary="Avec l'université d'Assiout, quarante unités de santé rurales consultent par "
        "vidéo les spécialistes des hôpitaux universitaires ; quinze mille patients ont évité "
        "le voyage.",
        **common,
    )
    embed([original.pk, copy.pk])
    services.enter(owner, edition, original, "C7-e-health", **sections())
    with pytest.raises(ValidationError) as error:
        services.enter(owner, edition, copy, "C4", **sections(language="fr"))
    assert original.title in error.value.message_dict["initiative"][0]


def test_the_secretariat_reviews_during_the_review_phase(django_capture_on_commit_callbacks):
    edition = edition_in("review")
    project = initiative()
    entry = Entry.objects.create(
        edition=edition,
        category=edition.categories.get(code="C2"),
        initiative=project,
        entrant=project.owner,
        language="fr",
        short_description=WORDS,
    )
    with pytest.raises(PermissionDenied):
        services.nominate(project.owner, entry)
    with pytest.raises(ValidationError):
        services.declare_not_eligible(moderator(), entry, " ")
    with django_capture_on_commit_callbacks(execute=True):
        services.declare_not_eligible(moderator(), entry, "Le projet n'utilise pas les TIC.")
    assert mail.outbox[-1].to == [project.owner.email]
    assert "SMSI" in mail.outbox[-1].subject  # in the entry's language
    assert "Le projet n'utilise pas les TIC." in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.nominate(moderator(), entry)
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.NOMINATED
    assert len(mail.outbox) == 2


def test_no_review_outside_its_phase():
    edition = edition_in("submission")
    project = initiative()
    entry = services.enter(project.owner, edition, project, "C2", **sections())
    with pytest.raises(InvalidTransition, match="opens on"):
        services.nominate(moderator(), entry)
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED


def test_the_entry_page_keeps_what_was_typed_and_says_why(client):
    edition = edition_in("submission")
    project = initiative()
    client.force_login(project.owner)
    short = " ".join(["mot"] * 120)
    response = client.post(
        f"/en/prizes/{edition.year}/enter/",
        {"initiative": project.pk, "category": "C2", "language": "en", "short_description": short},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "it has 120" in page and short in page
    response = client.post(
        f"/en/prizes/{edition.year}/enter/",
        {"initiative": project.pk, "category": "C2", "language": "en", "short_description": WORDS},
    )
    assert response.status_code == 302
    assert project.title in client.get(f"/en/prizes/{edition.year}/mine/").content.decode()
    client.force_login(UserFactory())
    assert project.title not in client.get(f"/en/prizes/{edition.year}/mine/").content.decode()
    assert client.get(f"/en/prizes/{edition.year}/review/").status_code == 403


def test_nominees_are_published_per_category(client):
    edition = edition_in("review")
    nominated, other = initiative(title="Nominated project"), initiative(title="Pending project")
    for project, status in ((nominated, EntryStatus.NOMINATED), (other, EntryStatus.SUBMITTED)):
        Entry.objects.create(
            edition=edition,
            category=edition.categories.get(code="C2"),
            initiative=project,
            entrant=project.owner,
            language="en",
            short_description=WORDS,
            status=status,
        )
    page = client.get(f"/en/prizes/{edition.year}/nominees/").content.decode()
    assert "Nominated project" in page and "Pending project" not in page
    answer = client.get(f"/api/v1/prizes/editions/{edition.year}/categories/C2/nominees")
    assert [n["title"] for n in answer.json()] == ["Nominated project"]
    assert (
        client.get(f"/api/v1/prizes/editions/{edition.year}/categories/C99/nominees").status_code
        == 404
    )

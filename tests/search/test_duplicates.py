"""Possible duplicates in the moderation queue: a translated copy is flagged, moderators can
dismiss a pair, nobody else can; the queue's queries do not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative, moderator
from wsis.core.models import Event
from wsis.search import duplicates, services, vectors
from wsis.search.models import DuplicateDismissal
from wsis.search.vectors import embed
from wsis.stocktaking.choices import Status

pytestmark = pytest.mark.django_db

ORIGINAL = {
    "language": "ar",
    "title": "ربط العيادات الريفية في صعيد مصر بالأطباء الاختصاصيين عبر الفيديو",
    "summary": (
        "أطلقت وزارة الصحة بالتعاون مع جامعة أسيوط شبكة استشارات طبية عن بُعد تربط أربعين "
        "وحدة صحية ريفية في محافظات الصعيد بأطباء اختصاصيين في المستشفيات الجامعية، ووفّرت على "
        "أكثر من خمسة عشر ألف مريض عناء السفر إلى المدن الكبرى."
    ),
    "countries": ["EG"],
    "start_date": "2021-09-01",
    "action_lines": ["C7.e-health"],
    "organisation": "Assiut University Hospitals",
}
TRANSLATION = ORIGINAL | {
    "language": "fr",
    "title": "Relier les dispensaires ruraux de Haute-Égypte aux médecins spécialistes par vidéo",
    "summary": (
        "Le ministère de la Santé, avec l'université d'Assiout, a lancé un réseau de "
        "téléconsultation qui relie quarante unités de santé rurales de Haute-Égypte à des "
        "médecins spécialistes des hôpitaux universitaires ; plus de quinze mille patients ont "
        "évité le voyage vers les grandes villes."
    ),
    "organisation": "Hôpitaux universitaires d'Assiout",
}
OTHER_PROJECT = {
    "language": "fr",
    "title": "Adressage numérique des quartiers informels d'Abidjan",
    "summary": (
        "Chaque maison des quartiers précaires reçoit une adresse numérique et une plaque, "
        "pour que les secours, le courrier et les services municipaux les trouvent."
    ),
    "countries": ["CI"],
    "start_date": "2022-01-01",
    "action_lines": ["C7.e-government"],
    "organisation": "District d'Abidjan",
}


def data(values):
    return {"description": values["summary"], **values}


@pytest.fixture
def original():
    initiative = make_initiative(**data(ORIGINAL))
    embed([initiative.pk])
    return initiative


def submitted(values):
    initiative = make_initiative(status=Status.SUBMITTED, **data(values))
    embed([initiative.pk])  # what the background task does after submission
    return initiative


def test_a_translated_copy_is_flagged_in_the_moderation_queue(client, original):
    copy, other = submitted(TRANSLATION), submitted(OTHER_PROJECT)
    found = duplicates.of_initiatives([copy, other])
    assert [d.other_id for d in found[copy.pk]] == [original.pk]
    assert found[other.pk] == []
    client.force_login(moderator())
    page = client.get("/en/moderation/").content.decode()
    assert f'href="/en/initiatives/{original.pk}/"' in page
    assert "% similar" in page and "Not a duplicate" in page


def test_a_dismissed_pair_is_no_longer_flagged(client, original):
    copy = submitted(TRANSLATION)
    client.force_login(UserFactory())
    url = f"/en/moderation/{copy.pk}/not-duplicate/{original.pk}/"
    assert client.post(url).status_code == 403
    assert not DuplicateDismissal.objects.exists()
    mod = moderator()
    client.force_login(mod)
    response = client.post(url, {"next": "/en/moderation/"})
    assert response.status_code == 302 and response["Location"] == "/en/moderation/"
    assert duplicates.of_initiatives([copy])[copy.pk] == []
    services.dismiss_duplicate(mod, original, copy)  # the same pair, the other way: no change
    assert DuplicateDismissal.objects.count() == 1
    event = Event.objects.get(label=services.DISMISSED)
    assert event.target_id == str(copy.pk) and event.data == {"other": original.pk}


def test_an_unsafe_next_address_is_not_followed(client, original):
    copy = submitted(TRANSLATION)
    client.force_login(moderator())
    url = f"/en/moderation/{copy.pk}/not-duplicate/{original.pk}/"
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == "/en/moderation/"


def test_the_queue_queries_do_not_grow_with_its_rows(client, original):
    client.force_login(moderator())
    submitted(TRANSLATION)

    def count():
        vectors.invalidate()  # both measures include the vector index's refresh
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/moderation/").status_code == 200
        return len(queries)

    count()
    few = count()
    for index in range(3):
        submitted(OTHER_PROJECT | {"title": f"{OTHER_PROJECT['title']} {index}"})
    assert count() == few


def test_the_submitter_is_warned_on_the_review_step(client, original):
    owner = UserFactory()
    draft = make_initiative(owner=owner, status=Status.DRAFT, **data(TRANSLATION))
    client.force_login(owner)
    review = client.get(f"/en/initiatives/{draft.pk}/edit/review/").content.decode()
    assert '"only_duplicates": "1"' in review
    panel = client.post("/en/suggestions/", {"initiative": draft.pk, "only_duplicates": "1"})
    assert original.title in panel.content.decode()
    other = make_initiative(owner=owner, status=Status.DRAFT, **data(OTHER_PROJECT))
    panel = client.post("/en/suggestions/", {"initiative": other.pk, "only_duplicates": "1"})
    assert original.title not in panel.content.decode()

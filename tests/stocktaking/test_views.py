"""Every page of the registry for every role: nothing leaks, nothing changes that should not."""

import pytest

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative, moderator
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    owner = UserFactory()
    return {"anonymous": None, "owner": owner, "other": UserFactory(), "moderator": moderator()}


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "status,who,expected",
    [
        (Status.DRAFT, "anonymous", 404),
        (Status.DRAFT, "other", 404),
        (Status.DRAFT, "owner", 200),
        (Status.DRAFT, "moderator", 200),
        (Status.REJECTED, "anonymous", 404),
        (Status.REJECTED, "other", 404),
        (Status.REJECTED, "owner", 200),
        (Status.SUBMITTED, "other", 404),
        (Status.SUBMITTED, "moderator", 200),
        (Status.PUBLISHED, "anonymous", 200),
        (Status.PUBLISHED, "other", 200),
    ],
)
def test_who_sees_an_initiative(client, people, status, who, expected):
    initiative = make_initiative(people["owner"], status=status)
    response = as_(client, people[who]).get(f"/en/initiatives/{initiative.pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "who,expected", [("anonymous", 302), ("other", 403), ("moderator", 200), ("owner", 200)]
)
def test_who_edits_a_draft(client, people, who, expected):
    initiative = make_initiative(people["owner"], status=Status.DRAFT)
    if who == "other":
        expected = 404  # a draft is not even shown to exist
    client = as_(client, people[who])
    assert client.get(f"/en/initiatives/{initiative.pk}/edit/about/").status_code == expected
    response = client.post(
        f"/en/initiatives/{initiative.pk}/edit/about/", {"title": "Changed", "language": "en"}
    )
    assert response.status_code == (302 if who in ("owner", "moderator") else expected)
    initiative.refresh_from_db()
    assert (initiative.title == "Changed") == (who in ("owner", "moderator"))


def test_the_owner_cannot_edit_once_published(client, people):
    initiative = make_initiative(people["owner"])
    client.force_login(people["owner"])
    assert client.get(f"/en/initiatives/{initiative.pk}/edit/about/").status_code == 403


@pytest.mark.parametrize(
    "who,expected", [("anonymous", 302), ("owner", 403), ("other", 403), ("moderator", 200)]
)
def test_only_moderators_reach_the_queue(client, people, who, expected):
    make_initiative(people["owner"], status=Status.SUBMITTED, title="Waiting")
    response = as_(client, people[who]).get("/en/moderation/")
    assert response.status_code == expected
    if expected == 200:
        assert "Waiting" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "owner", "other"])
def test_only_moderators_decide(client, people, who):
    initiative = make_initiative(people["owner"], status=Status.SUBMITTED)
    response = as_(client, people[who]).post(f"/en/moderation/{initiative.pk}/approve/")
    assert response.status_code in (302, 403)
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_moderator_approves_from_the_page(client, people):
    initiative = make_initiative(people["owner"], status=Status.SUBMITTED)
    client.force_login(people["moderator"])
    assert client.post(f"/en/moderation/{initiative.pk}/approve/").status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.PUBLISHED


def test_request_changes_needs_a_comment_on_the_page(client, people):
    initiative = make_initiative(people["owner"], status=Status.SUBMITTED)
    client.force_login(people["moderator"])
    response = client.post(
        f"/en/moderation/{initiative.pk}/request_changes/", {"comment": ""}, follow=True
    )
    assert "Say what needs to change" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_submission_form_keeps_what_was_typed(client, people):
    client.force_login(people["owner"])
    response = client.post(
        "/ar/initiatives/new/", {"title": "", "language": "ar", "summary": "نص " * 201}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'dir="rtl"' in page and "نص نص" in page  # what was typed is still there
    assert not Initiative.objects.exists()


def test_step_by_step_then_submit(client, people):
    owner = people["owner"]
    client.force_login(owner)
    response = client.post(
        "/en/initiatives/new/",
        {
            "title": "Braille e-books",
            "language": "en",
            "summary": "Accessible books.",
            "next": "where",
        },
    )
    initiative = Initiative.objects.get(owner=owner)
    assert response.url == f"/en/initiatives/{initiative.pk}/edit/where/"
    client.post(
        response.url,
        {
            "organisation": "Reading Rights",
            "stakeholder_type": "civil_society",
            "countries": ["KE", "UG"],
            "scope": "regional",
            "next": "when",
        },
    )
    client.post(f"/en/initiatives/{initiative.pk}/edit/when/", {"work_state": "ongoing"})
    client.post(
        f"/en/initiatives/{initiative.pk}/edit/classification/",
        {
            "action_lines": ["C3", "C8"],
            "sdg_targets": ["4.5"],
            "target_groups": ["persons_with_disabilities"],
        },
    )
    review = client.get(f"/en/initiatives/{initiative.pk}/edit/review/")
    assert "Everything needed is there" in review.content.decode()
    response = client.post(f"/en/initiatives/{initiative.pk}/submit/")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert sorted(c.code for c in initiative.countries.all()) == ["KE", "UG"]
    dashboard = client.get("/en/dashboard/").content.decode()
    assert "Braille e-books" in dashboard and "Awaiting moderation" in dashboard


def test_other_people_do_not_see_my_drafts_on_the_list(client, people):
    make_initiative(people["owner"], status=Status.DRAFT, title="Secret draft")
    make_initiative(people["owner"], title="Public one")
    page = as_(client, people["other"]).get("/en/initiatives/").content.decode()
    assert "Public one" in page and "Secret draft" not in page


def test_progress_report_from_the_page(client, people):
    initiative = make_initiative(people["owner"])
    client.force_login(people["owner"])
    client.post(
        f"/en/initiatives/{initiative.pk}/progress-reports/",
        {"year": "2025", "achieved": "Fourteen villages online."},
    )
    assert initiative.progress_reports.get().achieved == "Fourteen villages online."
    client.force_login(people["other"])
    client.post(
        f"/en/initiatives/{initiative.pk}/progress-reports/", {"year": "2024", "achieved": "x"}
    )
    assert initiative.progress_reports.count() == 1


def test_list_queries_do_not_grow_with_rows(client, django_assert_num_queries):
    make_initiative(title="Village one")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wsis.search import vectors
    from wsis.stocktaking import facet_index

    def count():
        # Each measure starts from a change to the published set, so that both include the
        # facet and vector indexes' refreshes (a fixed number of queries too).
        facet_index.invalidate()
        vectors.invalidate()
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/en/initiatives/", {"q": "villages"})
            answer = client.get("/api/v1/initiatives", {"q": "village"})
        assert page.status_code == 200 and answer.status_code == 200
        return len(queries), answer.json()["count"]

    count()  # the first use builds the facet index from scratch
    few, shown = count()
    assert shown == 1
    for index in range(6):
        make_initiative(
            title=f"Village network {index}",
            countries=["NP", "BT"],
            action_lines=["C2", "C7.e-learning"],
            target_groups=["youth", "children"],
        )
    assert count() == (few, 7)


def test_owner_adds_a_translation_to_a_draft_from_the_page(client, people):
    initiative = make_initiative(people["owner"], status=Status.DRAFT)
    client.force_login(people["owner"])
    client.post(
        f"/en/initiatives/{initiative.pk}/translations/",
        {"language": "ar", "title": "شبكات مجتمعية للقرى الجبلية", "summary": "ملخص."},
    )
    assert initiative.translations.get(language="ar").title.startswith("شبكات")
    page = client.get(f"/ar/initiatives/{initiative.pk}/").content.decode()
    assert 'lang="ar" dir="rtl">' in page and "شبكات مجتمعية للقرى الجبلية" in page
    client.force_login(people["other"])
    client.post(
        f"/en/initiatives/{initiative.pk}/translations/",
        {"language": "fr", "title": "Pris", "summary": "x"},
    )
    assert not initiative.translations.filter(language="fr").exists()


def test_cached_counts_follow_publications(client):
    make_initiative(title="First")
    assert client.get("/api/v1/initiatives").json()["count"] == 1
    make_initiative(title="Second", countries=["FJ"])
    answer = client.get("/api/v1/initiatives").json()
    assert answer["count"] == 2 and answer["facets"]["country"]["FJ"] == 1


def test_lists_of_names_use_the_languages_comma(client):
    initiative = make_initiative(countries=["EG", "JO"])
    arabic = client.get(f"/ar/initiatives/{initiative.pk}/").content.decode()
    assert "مصر، الأردن" in arabic or "الأردن، مصر" in arabic
    chinese = client.get(f"/zh-hans/initiatives/{initiative.pk}/").content.decode()
    assert "埃及、约旦" in chinese or "约旦、埃及" in chinese


def test_the_list_offers_its_export_with_the_same_filters(client):
    make_initiative()
    page = client.get("/ar/initiatives/", {"country": "NP"}).content.decode()
    assert "/api/v1/initiatives/export?country=NP&amp;format=xlsx&amp;lang=ar" in page


def test_atom_feed_of_new_initiatives_by_action_line(client):
    make_initiative(title="Rural broadband", action_lines=["C2"])
    make_initiative(title="Cyber drills", action_lines=["C5"])
    make_initiative(title="Unpublished", action_lines=["C2"], status=Status.SUBMITTED)
    response = client.get("/en/initiatives/feed/", {"action_line": "C2"})
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Rural broadband" in body and "Cyber drills" not in body and "Unpublished" not in body
    assert client.get("/en/initiatives/feed/", {"region": "XX"}).status_code == 404


def test_sitemap_lists_published_initiatives_in_every_language(client):
    published = make_initiative()
    draft = make_initiative(status=Status.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-initiatives.xml" in index
    body = client.get("/sitemap-initiatives.xml").content.decode()
    for language in ("ar", "en", "zh-hans"):
        assert f"/{language}/initiatives/{published.pk}/" in body
    assert f"/initiatives/{draft.pk}/" not in body


def test_initiative_pages_carry_schema_org_metadata(client):
    import json
    import re

    initiative = make_initiative(title="</script><b>Community networks</b>", countries=["NP"])
    page = client.get(f"/en/initiatives/{initiative.pk}/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "Project" and data["name"] == initiative.title
    assert data["areaServed"][0]["identifier"] == "NP"
    assert "<b>Community" not in page  # the title cannot break out of the script element


def test_history_names_events_and_hides_edits_from_the_public(client, people):
    initiative = make_initiative(people["owner"])
    public = client.get(f"/en/initiatives/{initiative.pk}/").content.decode()
    assert "Approved and published" in public and "Submitted for moderation" in public
    assert "Edited" not in public
    arabic = client.get(f"/ar/initiatives/{initiative.pk}/").content.decode()
    assert "Approved and published" not in arabic  # translated


def test_detail_page_queries_are_bounded(client, django_assert_max_num_queries):
    initiative = make_initiative(countries=["NP", "BT", "IN"], target_groups=["youth", "children"])
    with django_assert_max_num_queries(11):
        assert client.get(f"/en/initiatives/{initiative.pk}/").status_code == 200

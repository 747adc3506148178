"""The facilitators' pages to write roadmaps: per role, each form through its service, refused
input shown beside its field with what was typed kept."""

import pytest
from django.utils import translation

from tests.accounts.factories import PASSWORD, UserFactory
from tests.roadmaps.factories import facilitator, make_roadmap
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.roadmaps.models import Action, Objective, Roadmap, Target


def arabic(message: str, **values) -> str:
    with translation.override("ar"):
        text = translation.gettext(message).format(**values)
    assert text != message.format(**values), "translated"
    return text


pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("submitter", 403),
        ("other_facilitator", 403),
        ("facilitator", 200),
        ("moderator", 200),
    ],
)
def test_edit_pages_per_role(client, who, expected):
    make_roadmap("C2", version=2023)
    users = {
        "submitter": lambda: UserFactory(role=Role.SUBMITTER),
        "other_facilitator": lambda: facilitator("C4"),
        "facilitator": lambda: facilitator("C2"),
        "moderator": moderator,
    }
    if who != "anonymous":
        login(client, users[who]())
    assert client.get("/en/roadmaps/C2/2023/edit/").status_code == expected
    assert client.get("/en/roadmaps/C2/new/").status_code == expected
    response = client.post(
        "/en/roadmaps/C2/new/", {"version": "2027", "title": "C2 2027", "sdg_targets": "9.c"}
    )
    assert response.status_code == (302 if expected == 200 else 403)
    assert Roadmap.objects.filter(version=2027).exists() == (expected == 200)
    listing = client.get("/en/roadmaps/").content.decode()
    # "Start a roadmap" on the lines one may edit that have none.
    assert ('href="/en/roadmaps/C4/new/"' in listing) == (who in ("other_facilitator", "moderator"))
    assert 'href="/en/roadmaps/C2/new/"' not in listing


def test_write_a_roadmap_in_arabic(client):
    make_roadmap("C2", version=2023)
    login(client, facilitator("C2"))
    url = "/ar/roadmaps/C2/new/"
    response = client.post(url, {"version": "2023", "title": "نسخة", "sdg_targets": "9.c 99.z"})
    content = response.content.decode()
    assert response.status_code == 422 and 'value="نسخة"' in content
    assert arabic("Unknown SDG target: {codes}.", codes="99.z") in content
    assert content.count("invalid-feedback") == 1
    response = client.post(url, {"version": "2023", "title": "نسخة", "sdg_targets": "9.c"})
    refusal = arabic("This Action Line already has a roadmap for that year.")
    assert response.status_code == 422 and refusal in response.content.decode()
    response = client.post(url, {"version": "2027", "title": "خريطة 2027", "summary": "ملخص"})
    assert response.status_code == 302
    roadmap = Roadmap.objects.get(version=2027)
    assert roadmap.title == {"ar": "خريطة 2027"} and not roadmap.is_current
    edit = "/ar/roadmaps/C2/2027/edit/"
    client.post(edit, {"action": "texts", "title": "خريطة 2027 المحدثة", "sdg_targets": "17.8"})
    client.post("/en" + edit[3:], {"action": "texts", "title": "Roadmap 2027"})
    roadmap.refresh_from_db()
    assert roadmap.title == {"ar": "خريطة 2027 المحدثة", "en": "Roadmap 2027"}
    assert client.post(edit, {"action": "objective", "text": "هدف"}).status_code == 302
    objective = Objective.objects.get(roadmap=roadmap)
    response = client.post(
        edit,
        {"action": "action", "objective": objective.pk, "text": "إجراء", "timeframe": "2027"},
    )
    assert response.status_code == 302
    assert Action.objects.get().text == {"ar": "إجراء"}
    target = {
        "action": "target",
        "objective": objective.pk,
        "text": "الجميع متصلون",
        "indicator": "internet_use",
        "area_type": "world",
        "area_code": "WLD",
        "sex": "total",
        "location": "total",
        "direction": "increase",
        "baseline_value": "68",
        "baseline_date": "2024-07-01",
        "target_value": "60",  # below the baseline of an increase
        "target_date": "2030-07-01",
    }
    response = client.post(edit, target)
    assert response.status_code == 422 and not Target.objects.exists()
    assert 'value="60"' in response.content.decode()
    target["target_value"] = "90"
    assert client.post(edit, target).status_code == 302
    assert Target.objects.get().text == {"ar": "الجميع متصلون"}
    assert client.post(edit, {"action": "current"}).status_code == 302
    assert Roadmap.objects.get(is_current=True).version == 2027
    assert client.post(edit, {"action": "nothing"}).status_code == 403

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.accounts.factories import PASSWORD, UserFactory
from wsis.accounts.models import User
from wsis.core.events import events_for

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"
LOGIN = "/en/accounts/login/"


def test_sign_up_confirm_the_address_then_sign_in(client):
    response = client.post(
        SIGNUP, {"email": "Official@Gov.example", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="official@gov.example")
    assert user.role == "submitter"
    assert [e.label for e in events_for(user)] == ["accounts.user.signed_up"]
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory verification: signing in is held until the address is confirmed.
    client.logout()
    response = client.post(LOGIN, {"login": "official@gov.example", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response.url
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    confirm_path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    response = client.post(LOGIN, {"login": "official@gov.example", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/en/accounts/profile/"


def test_sign_up_in_arabic_sends_arabic_mail(client):
    client.post(
        "/ar/accounts/signup/",
        {"email": "wazara@gov.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.filter(email="wazara@gov.example").exists()
    assert re.search(r"[\u0600-\u06FF]", mail.outbox[-1].subject + mail.outbox[-1].body)


def test_a_second_sign_up_with_the_same_address_is_refused(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        SIGNUP, {"email": "Taken@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_a_weak_password_is_refused_and_the_address_kept(client):
    response = client.post(
        SIGNUP, {"email": "new@example.org", "password1": "password", "password2": "password"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "too common" in page and 'value="new@example.org"' in page
    assert not User.objects.filter(email="new@example.org").exists()


def test_arabic_errors_are_translated(client):
    response = client.post(
        "/ar/accounts/signup/",
        {"email": "new@example.org", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "شائعة" in response.content.decode()  # "This password is too common" in Arabic


def test_repeated_failed_sign_ins_lock_the_account_for_a_while(client):
    UserFactory(email="target@example.org")
    for _ in range(5):
        page = client.post(LOGIN, {"login": "target@example.org", "password": "wrong"}).content
        assert b"not correct" in page
    # Even the right password is held back while the limit lasts.
    response = client.post(LOGIN, {"login": "target@example.org", "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_attempts_from_one_address_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    statuses = [
        client.post(LOGIN, {"login": f"u{i}@example.org", "password": "x"}).status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert "Too many attempts" in client.post(LOGIN, {"login": "a@example.org"}).content.decode()


def test_sign_up_is_rate_limited(client, settings):
    statuses = [
        client.post(
            SIGNUP, {"email": f"bot{i}@example.org", "password1": PASSWORD, "password2": PASSWORD}
        ).status_code
        for i in range(12)
    ]
    assert statuses.count(302) == 10 and statuses[-1] == 429
    assert User.objects.filter(email__startswith="bot").count() == 10


def test_profile_needs_signing_in(client):
    assert client.get("/en/accounts/profile/").status_code == 302
    user = UserFactory(role="expert")
    client.force_login(user)
    page = client.get("/en/accounts/profile/").content.decode()
    assert user.email in page and "Expert (prize jury)" in page

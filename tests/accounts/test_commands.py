import io

import pytest
from django.core.management import CommandError, call_command

from tests.accounts.factories import UserFactory
from wsis.accounts.models import Organisation, User
from wsis.accounts.services import user_for_token

pytestmark = pytest.mark.django_db


def test_createuser_creates_a_verified_account_with_its_role_and_organisation():
    out = io.StringIO()
    call_command(
        "createuser",
        "moderator@itu.example",
        "--role",
        "moderator",
        "--password",
        "long-enough-passphrase-1",
        "--organisation",
        "WSIS Secretariat",
        stdout=out,
    )
    user = User.objects.get(email="moderator@itu.example")
    assert user.role == "moderator" and user.organisation.name == "WSIS Secretariat"
    assert "Created moderator@itu.example" in out.getvalue()


@pytest.mark.parametrize(
    "args,message",
    [
        (["x@example.org", "--role", "emperor"], "Unknown role “emperor”"),
        (["taken@example.org"], "already exists"),
        (["x@example.org", "--password", "short"], "too short"),
        (["not-an-email"], "valid e-mail"),
    ],
)
def test_createuser_refuses_bad_input_and_creates_nothing(args, message):
    UserFactory(email="taken@example.org")
    count, organisations = User.objects.count(), Organisation.objects.count()
    with pytest.raises(CommandError, match=message) as error:
        call_command("createuser", *args, "--organisation", "Would Be Created")
    assert "No account was created" in str(error.value)
    assert (User.objects.count(), Organisation.objects.count()) == (count, organisations)


def test_create_api_token_prints_a_working_token():
    user = UserFactory(email="analyst@example.org")
    out = io.StringIO()
    call_command("create_api_token", "Analyst@Example.org", stdout=out, stderr=io.StringIO())
    assert user_for_token(out.getvalue().strip()) == user


def test_create_api_token_for_an_unknown_user():
    with pytest.raises(CommandError, match="No user has the e-mail address"):
        call_command("create_api_token", "nobody@example.org")

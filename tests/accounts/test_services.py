import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import UserFactory
from wsis.accounts import services
from wsis.accounts.choices import Role
from wsis.accounts.models import ApiToken, Organisation, User
from wsis.core.events import events_for
from wsis.taxonomy.models import ActionLine

pytestmark = pytest.mark.django_db


def test_create_user_with_a_verified_address_and_an_event():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    user = services.create_user(
        admin,
        email="Official@Ministry.example",
        role=Role.MODERATOR,
        password="correct-horse-battery-9",
        organisation="Ministère X",
        stakeholder_type="government",
    )
    assert user.email == "official@ministry.example"
    assert user.check_password("correct-horse-battery-9")
    assert EmailAddress.objects.get(user=user).verified
    assert user.organisation.stakeholder_type.code == "government"
    event = events_for(user).get()
    assert (event.label, event.actor, event.data) == (
        "accounts.user.created",
        admin,
        {"role": "moderator"},
    )


def test_without_a_password_the_account_cannot_sign_in_yet():
    user = services.create_user(None, email="a@example.org")
    assert not user.has_usable_password() and user.role == Role.SUBMITTER


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"email": "taken@example.org"}, "email"),
        ({"email": "TAKEN@example.org"}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "new@example.org", "role": "king"}, "role"),
        (
            {"email": "new@example.org", "organisation": "New Org", "stakeholder_type": "pirates"},
            "stakeholder_type",
        ),
    ],
)
def test_bad_input_creates_nothing(kwargs, field):
    UserFactory(email="taken@example.org")
    users, organisations = User.objects.count(), Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_user(None, **kwargs)
    assert field in error.value.message_dict
    assert (User.objects.count(), Organisation.objects.count()) == (users, organisations)


def test_a_weak_password_creates_nothing():
    with pytest.raises(ValidationError):
        services.create_user(None, email="weak@example.org", password="12345")
    assert not User.objects.filter(email="weak@example.org").exists()


@pytest.mark.parametrize("role", [Role.SUBMITTER, Role.MODERATOR, Role.FACILITATOR, Role.EXPERT])
def test_only_administrators_create_accounts_and_set_roles(role):
    actor = UserFactory(role=role)
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        services.create_user(actor, email="x@example.org")
    with pytest.raises(PermissionDenied):
        services.set_role(actor, other, Role.MODERATOR)
    other.refresh_from_db()
    assert other.role == Role.SUBMITTER and not User.objects.filter(email="x@example.org").exists()


def test_facilitators_are_scoped_to_action_lines():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    user = UserFactory()
    lines = ActionLine.objects.filter(code__in=["C2", "C5"])
    services.set_role(admin, user, Role.FACILITATOR, lines)
    assert set(user.action_lines.values_list("code", flat=True)) == {"C2", "C5"}
    services.set_role(admin, user, Role.EXPERT)
    assert not user.action_lines.exists()
    assert [e.label for e in events_for(user)] == ["accounts.user.role_changed"] * 2


def test_administrator_role_grants_the_admin_site():
    user = services.set_role(
        UserFactory(role=Role.ADMINISTRATOR), UserFactory(), Role.ADMINISTRATOR
    )
    assert user.is_staff and user.is_superuser and user.has_role(Role.MODERATOR)


def test_api_tokens_are_stored_as_digests_and_can_be_revoked():
    user = UserFactory()
    token, raw = services.issue_api_token(user, user)
    assert raw.startswith("wsis_") and raw not in token.digest and len(raw) > 40
    assert services.user_for_token(raw) == user
    assert services.user_for_token(raw + "x") is None
    assert services.user_for_token("") is None
    services.revoke_api_token(user, token)
    assert services.user_for_token(raw) is None


def test_someone_else_cannot_issue_or_revoke_my_tokens():
    me, other = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        services.issue_api_token(other, me)
    token, raw = services.issue_api_token(me, me)
    with pytest.raises(PermissionDenied):
        services.revoke_api_token(other, token)
    assert services.user_for_token(raw) == me
    assert ApiToken.objects.filter(user=me).count() == 1


def test_a_deactivated_account_loses_its_tokens():
    user = UserFactory()
    _token, raw = services.issue_api_token(None, user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert services.user_for_token(raw) is None


def test_the_token_lookup_gives_the_whole_user_and_notes_the_use():
    """The lookup is written in SQL: its user must be the one the ORM would give, typed alike
    on either database (time zones, booleans), and the token's "last used" set once."""
    user = UserFactory(role=Role.MODERATOR)
    token, raw = services.issue_api_token(None, user)
    found = services.user_for_token(raw)
    expected = User.objects.get(pk=user.pk)
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert found.date_joined.tzinfo is not None and found.is_active is True
    assert found._state.adding is False and found.has_role(Role.MODERATOR)
    token.refresh_from_db()
    used = token.last_used_at
    assert used is not None
    services.user_for_token(raw)
    token.refresh_from_db()
    assert token.last_used_at == used  # not written again within TOKEN_TOUCH_INTERVAL

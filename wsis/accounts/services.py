"""Every change to accounts: creating people and organisations, roles, API tokens.

Each function checks the actor's permission, runs in a transaction and records an event. An
`actor` of None is the operator at the server's console (management commands), who holds every
right already through the database.
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connections, router, transaction
from django.db.models.sql import Query
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis.accounts.choices import Role
from wsis.accounts.models import ApiToken, Organisation, User
from wsis.api import ratelimit
from wsis.core.events import record_event
from wsis.taxonomy.models import StakeholderType

TOKEN_PREFIX = "wsis_"  # noqa: S105 - a marker, not a secret
# Writing "last used" on every request would make each API call a write; a few minutes is enough.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=5)


def _require_administrator(actor) -> None:
    if actor is not None and not (actor.is_authenticated and actor.has_role(Role.ADMINISTRATOR)):
        raise PermissionDenied(_("Only administrators may do this."))


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("Unknown role “{role}”. Choose one of: {roles}.").format(
                    role=role, roles=", ".join(Role.values)
                )
            }
        )


def get_or_create_organisation(
    actor, name: str, stakeholder_type: str | None = None
) -> Organisation:
    """The organisation called `name` (case-insensitive), created if missing."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"organisation": _("The organisation needs a name.")})
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    kind = None
    if stakeholder_type:
        kind = StakeholderType.objects.filter(code=stakeholder_type).first()
        if kind is None:
            raise ValidationError(
                {
                    "stakeholder_type": _("Unknown stakeholder type “{code}”.").format(
                        code=stakeholder_type
                    )
                }
            )
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name, stakeholder_type=kind)
        record_event("accounts.organisation.created", organisation, actor, name=name)
    return organisation


def create_user(
    actor,
    *,
    email: str,
    role: str = Role.SUBMITTER,
    password: str | None = None,
    organisation: str | None = None,
    stakeholder_type: str | None = None,
) -> User:
    """Create an account with a verified e-mail address (the operator vouches for it).

    Without a password the account cannot sign in until its owner resets the password.
    """
    _require_administrator(actor)
    _check_role(role)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from error
    if (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    if password is not None:
        validate_password(password, User(email=email))
    with transaction.atomic():
        org = (
            get_or_create_organisation(actor, organisation, stakeholder_type)
            if organisation
            else None
        )
        user = User(
            email=email,
            role=role,
            organisation=org,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        record_event("accounts.user.created", user, actor, role=role)
    return user


def set_role(actor, user: User, role: str, action_lines=()) -> User:
    """Give `user` a role; facilitators are scoped to the Action Lines given."""
    _require_administrator(actor)
    _check_role(role)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.role = role
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.save(update_fields=["role", "is_staff", "is_superuser"])
        user.action_lines.set(action_lines if role == Role.FACILITATOR else [])
        record_event(
            "accounts.user.role_changed",
            user,
            actor,
            role=role,
            action_lines=sorted(line.code for line in action_lines),
        )
    return user


def token_digest(raw_token: str) -> str:
    """What is stored of an API token: its SHA-256 digest."""
    return hashlib.sha256(raw_token.encode()).hexdigest()


def issue_api_token(actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for `user`; returns it with the raw token, which is never stored."""
    if actor is not None and actor != user:
        _require_administrator(actor)
    if not user.is_active:
        raise ValidationError({"user": _("This account is deactivated.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=raw[:12], digest=token_digest(raw)
        )
        record_event("accounts.api_token.issued", user, actor, prefix=token.prefix)
    return token, raw


def revoke_api_token(actor, token: ApiToken) -> None:
    if actor is not None and actor != token.user:
        _require_administrator(actor)
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        record_event("accounts.api_token.revoked", token.user, actor, prefix=token.prefix)


class _TokenLookup:
    """The active user of a valid token, with the token's id and whether its "last used" is
    older than a given moment, in one query; on PostgreSQL, given a group of endpoints and its
    period, the same statement also counts the call under the user's rate limit
    (`wsis.api.ratelimit`), which else costs a round trip of its own.

    Every API call runs it, so it is written in SQL and its rows become users the way Django's
    raw queries make them (`Model.from_db`, each column through the database's converters),
    with the converters worked out once: through the ORM's query builder the lookup costs 0.8 ms
    of CPU, as `User.objects.raw` 0.2 ms, this way 0.1 ms."""

    def __init__(self, alias: str):
        connection = connections[alias]
        fields = User._meta.concrete_fields
        # The column names come from the model; the values are parameters.
        columns = ", ".join(f"u.{connection.ops.quote_name(field.column)}" for field in fields)
        self.sql = (
            f"SELECT {columns}, t.id AS token_id, "  # noqa: S608
            "t.last_used_at IS NULL OR t.last_used_at < %(touched_before)s AS needs_touch "
            "FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id "
            "WHERE t.digest = %(digest)s AND t.revoked_at IS NULL AND u.is_active"
        )
        # A statement that writes inside WITH is PostgreSQL's; SQLite counts apart (`hit`).
        window_end = ratelimit.WINDOW_END.format(offset="found.id")
        count = ratelimit.UPSERT.format(
            rows=f"SELECT %(prefix)s::text || found.id::text, {window_end}, 1 FROM found"  # noqa: S608
        )
        self.counted_sql = connection.vendor == "postgresql" and (
            f"WITH found AS ({self.sql}), counted AS ({count}) "  # noqa: S608
            "SELECT found.*, (SELECT hits FROM counted) FROM found"
        )
        self.alias, self.names = alias, [field.attname for field in fields]
        compiler = connection.ops.compiler("SQLCompiler")(Query(User), connection, alias)
        self.converters = compiler.get_converters(
            [field.get_col(User._meta.db_table) for field in fields]
        ).items()

    def __call__(
        self, digest: str, touched_before, group: str | None = None, period: int = 0
    ) -> tuple[User, int, bool, int | None] | None:
        """The user, the token's id, whether to touch it, and the calls of `group` counted
        (None when not counted here)."""
        connection = connections[self.alias]
        parameters = {
            "touched_before": connection.ops.adapt_datetimefield_value(touched_before),
            "digest": digest,
        }
        counted = group is not None and self.counted_sql
        if counted:
            parameters.update(
                prefix=ratelimit.user_counter_prefix(group),
                now=int(ratelimit.clock()),
                period=period,
            )
        with connection.cursor() as cursor:
            cursor.execute(self.counted_sql if counted else self.sql, parameters)
            row = cursor.fetchone()
        if row is None:
            return None
        *values, token_id, needs_touch = row[:-1] if counted else row
        for position, (functions, expression) in self.converters:
            for convert in functions:
                values[position] = convert(values[position], expression, connection)
        user = User.from_db(self.alias, self.names, values)
        return user, token_id, bool(needs_touch), row[-1] if counted else None


_token_lookups = {}


def _found(raw_token: str, group: str | None = None, period: int = 0):
    if not raw_token or not raw_token.startswith(TOKEN_PREFIX):
        return None
    alias = router.db_for_read(User)
    lookup = _token_lookups.get(alias) or _token_lookups.setdefault(alias, _TokenLookup(alias))
    now = timezone.now()
    found = lookup(token_digest(raw_token), now - TOKEN_TOUCH_INTERVAL, group, period)
    if found is not None and found[2]:
        ApiToken.objects.filter(pk=found[1]).update(last_used_at=now)
    return found


def user_for_token(raw_token: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    found = _found(raw_token)
    return found and found[0]


def user_for_token_counted(raw_token: str, group: str, rate: str) -> tuple[User | None, int]:
    """The active user a bearer token belongs to (or None), and their call of `group` counted
    under the windows of `rate` as `ratelimit.count_call` counts it: the calls counted in the
    current window (0 when there is no such user). One round trip on PostgreSQL."""
    period = ratelimit.parse_rate(rate)[1]
    found = _found(raw_token, group, period)
    if found is None:
        return None, 0
    user, _token_id, _touch, hits = found
    if hits is None:
        hits = ratelimit.hit(*ratelimit.counter(group, user), period)
    else:
        ratelimit.clear_now_and_then(hits)
    return user, hits

"""Demo organisations and one account per role, for trying the platform on a developer's machine."""

from wsis.accounts import services
from wsis.accounts.choices import Role
from wsis.accounts.models import Organisation, User
from wsis.taxonomy.models import ActionLine, Country

# Written for this project; they name no real person.
ORGANISATIONS = [
    ("Ministry of Communications and Information Technology", "government", "EG"),
    ("Agence nationale de la société numérique", "government", "SN"),
    ("Red de Telecentros Comunitarios del Altiplano", "civil_society", "BO"),
    ("Digital Skills Foundation", "civil_society", "KE"),
    ("Université numérique de l'Atlas", "academia", "MA"),
    ("Pacific Islands Connectivity Consortium", "private_sector", "FJ"),
    ("Open Standards Lab", "technical", "DE"),
]

ACCOUNTS = [
    (
        "submitter@demo.wsis.local",
        Role.SUBMITTER,
        "Ministry of Communications and Information Technology",
    ),
    ("moderator@demo.wsis.local", Role.MODERATOR, None),
    ("facilitator@demo.wsis.local", Role.FACILITATOR, None),
    ("expert@demo.wsis.local", Role.EXPERT, None),
    ("admin@demo.wsis.local", Role.ADMINISTRATOR, None),
]


def load(password: str, stdout) -> None:
    countries = {c.code: c for c in Country.objects.filter(code__in=[o[2] for o in ORGANISATIONS])}
    for name, kind, country in ORGANISATIONS:
        organisation = services.get_or_create_organisation(None, name, kind)
        if organisation.country_id is None:
            Organisation.objects.filter(pk=organisation.pk).update(country=countries.get(country))
    for email, role, organisation in ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        user = services.create_user(
            None, email=email, role=role, password=password, organisation=organisation
        )
        if role == Role.FACILITATOR:
            services.set_role(
                None, user, role, ActionLine.objects.filter(code__in=["C2", "C4", "C5", "C6"])
            )
    stdout.write(f"Demo accounts, all with the password {password!r}:")
    for email, role, _organisation in ACCOUNTS:
        stdout.write(f"  {email:<32} {role}")

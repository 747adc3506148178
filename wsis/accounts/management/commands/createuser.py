from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wsis.accounts import services
from wsis.accounts.choices import Role


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Create an account with a verified e-mail address and a role."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--role", default=Role.SUBMITTER, help=f"One of: {', '.join(Role.values)}."
        )
        parser.add_argument("--password", help="Without it the owner sets one by password reset.")
        parser.add_argument(
            "--organisation", help="Organisation name; created if it does not exist."
        )
        parser.add_argument(
            "--stakeholder-type", help="Stakeholder type code of a new organisation."
        )

    def handle(self, *args, email, role, password, organisation, stakeholder_type, **options):
        try:
            user = services.create_user(
                None,
                email=email,
                role=role,
                password=password,
                organisation=organisation,
                stakeholder_type=stakeholder_type,
            )
        except ValidationError as error:
            raise CommandError(f"No account was created. {validation_message(error)}") from error
        self.stdout.write(self.style.SUCCESS(f"Created {user.email} with the role {user.role}."))
        if password is None:
            self.stdout.write("No password was set: the owner sets one with “Forgot password?”.")

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wsis.accounts import services
from wsis.accounts.management.commands.createuser import validation_message
from wsis.accounts.models import User


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="A label to tell the token apart.")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        try:
            _token, raw = services.issue_api_token(None, user, name=name)
        except ValidationError as error:
            raise CommandError(validation_message(error)) from error
        self.stdout.write(raw)
        self.stderr.write(
            "Send it as the header “Authorization: Bearer <token>”. It is not stored."
        )

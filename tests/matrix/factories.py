"""Matrix cells made the way users make them: through the services."""

from django.conf import settings

from tests.accounts.factories import UserFactory
from wsis.accounts.choices import Role
from wsis.matrix import services
from wsis.matrix.reference import read_reference_matrix
from wsis.taxonomy.models import ActionLine


def facilitator(*codes: str):
    user = UserFactory(role=Role.FACILITATOR)
    user.action_lines.set(ActionLine.objects.filter(code__in=codes))
    return user


def load_reference_matrix():
    return services.load_reference_cells(read_reference_matrix(settings.WSIS_REFERENCE_DATA))


def make_cell(actor=None, **data):
    data = {"action_line": "C2", "sdg_target": "9.c", "language": "en", "rationale": "Why."} | data
    return services.create_cell(actor or UserFactory(role=Role.MODERATOR), data)

"""`POST /api/v1/suggestions`: tags suggested for a text, and possible duplicates."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from wsis.api.auth import OPTIONAL_AUTH_OPENAPI, optional_auth
from wsis.api.ratelimit import limit
from wsis.api.schemas import MessageOut, ValidationErrorOut
from wsis.search import suggestions

router = Router(tags=["suggestions"])

# Anonymous callers share a small allowance per address; a signed-in user (token or session)
# has one far beyond what filling in forms needs, which still stops a runaway script.
ANONYMOUS_RATE = "20/m"
SIGNED_IN_RATE = "2000/h"


class SuggestionsIn(Schema):
    title: str = Field("", max_length=300, description="The initiative's title, if known.")
    text: str = Field(
        max_length=20000, description="Its summary or description, in any of six languages."
    )


class ScoredCode(Schema):
    code: str
    score: float = Field(description="Probability from 0 to 1.")


class PossibleDuplicate(Schema):
    id: int
    title: str
    similarity: float


class SuggestionsOut(Schema):
    prize_categories: list[ScoredCode] = Field(description="All 18, best first.")
    action_lines: list[ScoredCode]
    sdg_goals: list[ScoredCode]
    sdg_targets: list[ScoredCode] = Field(description="The 10 most likely.")
    gdc_objectives: list[ScoredCode]
    possible_duplicates: list[PossibleDuplicate] = Field(
        description="Published initiatives so close that they may be the same project."
    )


def rate(group, request) -> str:
    user = getattr(request, "user", None)
    return SIGNED_IN_RATE if user is not None and user.is_authenticated else ANONYMOUS_RATE


@router.post(
    "",
    response={
        200: SuggestionsOut,
        400: MessageOut,
        401: MessageOut,
        403: MessageOut,
        422: ValidationErrorOut,
        429: MessageOut,
    },
    auth=optional_auth,
    openapi_extra=OPTIONAL_AUTH_OPENAPI,
    summary="Suggest tags for a text and find possible duplicates",
)  # anyone; anonymous callers are limited more tightly
@limit("suggestions", rate)
def suggest(request, payload: SuggestionsIn):
    """Prize categories, Action Lines, SDG goals and targets and GDC objectives for the text
    (probabilities, best first), and published initiatives it may duplicate, whatever the
    languages."""
    if not (payload.title.strip() or payload.text.strip()):
        raise ValidationError({"text": _("Give a title or a text to suggest tags for.")})
    found = suggestions.suggest(payload.title, payload.text)
    return {
        name: [item.as_dict() for item in items] if name != "possible_duplicates" else items
        for name, items in found.items()
    }

"""Who am I: lets an API client check its token."""

from ninja import Router, Schema

from wsis.api.auth import token_or_session
from wsis.api.schemas import MessageOut

router = Router(tags=["accounts"])


class MeOut(Schema):
    email: str
    role: str
    organisation: str | None
    action_lines: list[str]


@router.get(
    "/me",
    response={200: MeOut, 401: MessageOut},
    auth=token_or_session,
    summary="The account behind the token",
)
def me(request):
    user = request.auth
    return {
        "email": user.email,
        "role": user.role,
        "organisation": user.organisation.name if user.organisation_id else None,
        "action_lines": [line.code for line in user.action_lines.all()],
    }

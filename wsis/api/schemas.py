"""The shapes of the API's error answers, documented on every endpoint."""

from ninja import Schema


class ErrorDetail(Schema):
    loc: list[str | int]
    msg: str
    type: str | None = None


class ValidationErrorOut(Schema):
    """422 (bad input) and 409 (not allowed in the object's present state): every field and why."""

    detail: list[ErrorDetail]


class MessageOut(Schema):
    """400 (a body that is not JSON), 401, 403, 404 and 429: one sentence."""

    detail: str


READ_ERRORS = {422: ValidationErrorOut}
WRITE_ERRORS = {
    400: MessageOut,
    401: MessageOut,
    403: MessageOut,
    404: MessageOut,
    409: ValidationErrorOut,
    422: ValidationErrorOut,
    429: MessageOut,
}

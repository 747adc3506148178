"""How the API writes JSON."""

from django.http import HttpResponse
from ninja.renderers import JSONRenderer


class UnicodeJSONRenderer(JSONRenderer):
    """Arabic, Chinese and Russian names as readable UTF-8, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


def rendered(request, body, status: int = 200) -> HttpResponse:
    """`body` written as the API writes every answer, without validating it against a schema
    again (for hot paths whose output is built to the schema and tested against it)."""
    renderer = UnicodeJSONRenderer()
    return HttpResponse(
        renderer.render(request, body, response_status=status),
        status=status,
        content_type=f"{renderer.media_type}; charset={renderer.charset}",
    )

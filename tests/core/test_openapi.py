"""The OpenAPI document is committed as a snapshot; a change to the API must update it."""

import json
from pathlib import Path

from django.conf import settings
from ninja import Schema

from wsis.api.urls import api

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"


def test_openapi_matches_the_committed_snapshot():
    live = json.loads(json.dumps(api.get_openapi_schema(), sort_keys=True))
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert live == committed, "The API changed: run `make openapi` and commit docs/api/openapi.json"


def test_every_operation_is_documented():
    schema = api.get_openapi_schema()
    assert schema["openapi"].startswith("3.1")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            codes = {str(code) for code in operation["responses"]}
            assert codes & {"200", "201"}, (method, path)
            if method != "get":
                assert {"401", "403", "422"} <= codes, (method, path)


def test_openapi_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json()["info"]["title"] == "WSIS Platform API"
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn." not in docs  # no network needed


def test_no_two_schemas_share_a_name():
    # The OpenAPI document names each schema by its class name only: a second class of the same
    # name in another app's api.py silently replaces the first in the document (an indicators'
    # `CountryOut` once described the taxonomy's country list).
    seen: dict[str, str] = {}
    pending = list(Schema.__subclasses__())
    while pending:
        schema = pending.pop()
        pending.extend(schema.__subclasses__())
        if not schema.__module__.startswith("wsis."):
            continue
        where = f"{schema.__module__}.{schema.__qualname__}"
        assert seen.setdefault(schema.__name__, where) == where, (seen[schema.__name__], where)

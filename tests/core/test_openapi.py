"""The OpenAPI document is committed as a snapshot; a change to the API must update it."""

import json
from pathlib import Path

from django.conf import settings

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

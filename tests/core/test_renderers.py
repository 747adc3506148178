"""The API's JSON says what Django's encoder says, value for value."""

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.utils.translation import gettext_lazy
from ninja.responses import NinjaJSONEncoder

from wsis.api.renderers import UnicodeJSONRenderer


def test_orjson_writes_what_the_standard_encoder_writes():
    data = {
        "published_at": datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        "start_date": date(2024, 2, 29),
        "at": time(1, 2, 3, 456789),
        "amount": Decimal("125000.00"),
        "detail": gettext_lazy("Not Found"),
        "title": "منصة الصحة الإلكترونية",
        "facets": {"country": {"SN": 3}},
        7: None,
    }
    written = UnicodeJSONRenderer().render(None, data, response_status=200)
    assert json.loads(written) == json.loads(json.dumps(data, cls=NinjaJSONEncoder))
    assert "منصة".encode() in written  # UTF-8, not \u escapes

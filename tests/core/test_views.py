import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "vendor": connection.vendor}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_when_the_database_is_gone(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_the_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "ar"})
    assert response.status_code == 302 and response.url == "/ar/"


@pytest.mark.parametrize(
    "language,direction,heading",
    [
        ("en", "ltr", "The WSIS follow-up, in one open platform"),
        ("ar", "rtl", None),
        ("fr", "ltr", None),
        ("zh-hans", "ltr", None),
    ],
)
def test_home_page_in_each_language(client, language, direction, heading):
    page = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    if heading:
        assert heading in page
    else:
        assert "The WSIS follow-up, in one open platform" not in page  # translated
    for code in ("ar", "en", "es", "fr", "ru", "zh-hans"):
        assert f'hreflang="{code}" href="/{code}/"' in page
    stylesheet = "bootstrap.rtl.min.css" if direction == "rtl" else "bootstrap.min.css"
    assert stylesheet in page


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()

import functools
import time

import pytest
from django.conf import settings

from wsis.api import ratelimit
from wsis.taxonomy.reference_data import load_reference_data, read_reference_data


@functools.cache
def reference_data():
    """Read once per test run; loading it into a database is what each fixture does."""
    return read_reference_data(settings.WSIS_REFERENCE_DATA)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the vocabularies, as a deployed site does."""
    with django_db_blocker.unblock():
        load_reference_data(reference_data())


@pytest.fixture
def live_vocabularies(transactional_db):
    """Transactional tests (live server, browser) empty the tables afterwards; reload first."""
    load_reference_data(reference_data())


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.LANGUAGE_CODE = "en"
    # Password hashing is slow by design; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _rate_limit_clock(monkeypatch):
    """The API's rate-limit windows (a minute for votes and suggestions) stand still during a
    test, so that none ends between a test's calls and starts their count afresh; a test of
    the windows moves the clock itself."""
    moment = time.time()
    monkeypatch.setattr(ratelimit, "clock", lambda: moment)

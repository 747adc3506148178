"""Checks on the project as a whole: migrations, production settings, translations."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]


def _manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_migrations_are_complete():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x7#" + "k9q-Vb2!Lm4@Pw8$Rt6%Zy1^" * 3,
        ALLOWED_HOSTS="wsis.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="wsis.example.org")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(language):
    path = ROOT / "wsis" / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and not all(_strings(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{language}: untranslated {untranslated[:5]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:5]}"
    for message in catalog:
        if not message.id:
            continue
        for source, translation in zip(
            _strings(message.id), _strings(message.string), strict=False
        ):
            assert _placeholders(source) == _placeholders(translation), (language, message.id)


def _strings(value):
    return list(value) if isinstance(value, tuple | list) else [value]


def _placeholders(text):
    return sorted(re.findall(r"%\(\w+\)[sd]|\{\w*\}", text or ""))

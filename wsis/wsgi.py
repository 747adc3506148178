import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis.settings")
django_application = get_wsgi_application()

# The URLconf imports every API module and, through them, the libraries of search (scikit-learn,
# SciPy: 3 s of CPU). Done here, it is done once in gunicorn's master with `--preload`, and each
# worker, a restarted one too, is forked ready; otherwise every worker's first request pays it.
get_resolver().url_patterns  # noqa: B018 - read for its import

from wsis.prizes.intake import VoteIntake  # noqa: E402 - needs the settings configured above

# Votes in order are taken in front of Django (wsis/prizes/intake.py); everything else is Django's.
application = VoteIntake(django_application)

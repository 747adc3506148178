"""The demonstration roadmaps: marked as such, idempotent, and every real figure they use is
one the indicators app ships, with the same source."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.stocktaking.factories import moderator
from wsis.indicators import services as indicator_services
from wsis.indicators.models import Observation
from wsis.roadmaps.models import Progress, Roadmap, Target

pytestmark = pytest.mark.django_db


def shipped(target: Target, year: int) -> Observation:
    return Observation.objects.get(
        indicator=target.indicator,
        area_type=target.area_type,
        area_code=target.area_code,
        sex=target.sex,
        location=target.location,
        age=target.age,
        year=year,
    )


def test_demo_roadmaps(settings):
    settings.DEBUG = True
    indicator_services.load_sources()
    moderator()
    call_command("load_demo_roadmaps", stdout=StringIO())
    call_command("load_demo_roadmaps", stdout=StringIO())  # changes nothing
    assert Roadmap.objects.count() == 2 and Target.objects.count() == 4
    assert Roadmap.objects.get(is_current=True).version == 2027
    for roadmap in Roadmap.objects.all():
        assert "(demonstration)" in roadmap.title["en"] and "للعرض التوضيحي" in roadmap.title["ar"]
    for target in Target.objects.all():
        assert "(demonstration)" in target.text["en"]
        baseline = shipped(target, target.baseline_date.year)
        assert baseline.value == target.baseline_value
        assert baseline.source == target.baseline_source
    for progress in Progress.objects.select_related("target__indicator"):
        if progress.has_value:
            observation = shipped(progress.target, progress.date.year)
            assert (observation.value, observation.source) == (progress.value, progress.source)
        else:
            assert progress.value is None

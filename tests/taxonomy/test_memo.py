"""Vocabularies held in memory follow every change to them."""

import pytest
from django.core.cache import cache

from wsis.taxonomy import memo
from wsis.taxonomy.models import Country, CountryGroup

pytestmark = pytest.mark.django_db


def test_a_changed_entry_is_seen_at_once():
    nepal = Country.objects.get(code="NP")
    assert memo.vocabulary(Country).by_pk[nepal.pk].name["en"] == "Nepal"
    nepal.name = nepal.name | {"en": "Federal Democratic Republic of Nepal"}
    nepal.save()
    assert memo.vocabulary(Country).by_pk[nepal.pk].name["en"].startswith("Federal")


def test_order_and_codes_follow_the_vocabulary():
    codes = memo.codes(Country)
    assert codes == sorted(codes) and "NP" in codes
    CountryGroup.objects.create(code="TEST", name={"en": "Test group"}, position=99)
    assert memo.codes(CountryGroup)[-1] == "TEST"


def test_an_emptied_cache_reloads():
    memo.vocabulary(Country)
    Country.objects.filter(code="NP").update(name={"en": "Changed without a signal"})
    cache.clear()
    assert memo.vocabulary(Country).by_pk[Country.objects.get(code="NP").pk].name["en"] == (
        "Changed without a signal"
    )

"""The list's filters are checked without building a form, exactly as the filterset's form checks
them: the same values, and the same errors for the same parameters."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from wsis.stocktaking.filters import Chosen, InitiativeFilter, clean, published

pytestmark = pytest.mark.django_db

PARAMS = [
    {},
    {"q": "  rural schools "},
    {"q": "null\x00character"},
    {"country": ["SN", "BO"], "action_line": ["C7.e-health"], "sdg_goal": ["3"]},
    {"country": ["SN", "XX"], "sort": "best"},
    {"language": "fr"},  # one value where a list is expected
    {"status_light": ["red"], "start_year": ["2024"], "work_state": ["ongoing"]},
    {"start_year": ["1999"], "status_light": ["purple"]},
    QueryDict("q=telemedicine&country=SN&country=BO&sort=title&page=2"),
    QueryDict("country=&region=AFR&sort="),
]


@pytest.mark.parametrize("params", PARAMS)
def test_clean_says_what_the_filterset_form_says(params):
    form = InitiativeFilter(params, queryset=published()).form
    if form.is_valid():
        assert clean(params) == form.cleaned_data
    else:
        with pytest.raises(ValidationError) as raised:
            clean(params)
        assert raised.value.message_dict == {name: list(e) for name, e in form.errors.items()}


def test_chosen_facets_and_lights():
    chosen = Chosen.of({"q": " radio ", "country": ["SN"], "region": []})
    assert chosen.text == "radio"
    assert chosen.facets == {"country": ["SN"]}
    assert chosen.lights == ("green", "amber")
    assert Chosen.of({"status_light": ["red"]}).lights == ("red",)

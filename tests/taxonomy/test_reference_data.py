import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from simple_history.utils import get_history_model_for_model

from tests.conftest import reference_data
from wsis.taxonomy import models
from wsis.taxonomy.reference_data import (
    ReferenceDataError,
    load_reference_data,
    read_reference_data,
)

pytestmark = pytest.mark.django_db

PRIZE_CATEGORY_CODES = (
    "C1 C2 C3 C4 C5 C6 C7-e-government C7-e-business C7-e-learning C7-e-health C7-e-employment "
    "C7-e-environment C7-e-agriculture C7-e-science C8 C9 C10 C11"
).split()


def test_vocabularies_have_the_expected_sizes():
    assert models.ActionLine.objects.filter(parent__isnull=True).count() == 11
    assert list(
        models.ActionLine.objects.filter(parent__code="C7").values_list("code", flat=True)
    ) == [
        f"C7.{k}"
        for k in "e-government e-business e-learning e-health e-employment "
        "e-environment e-agriculture e-science".split()
    ]
    assert list(models.PrizeCategory.objects.values_list("code", flat=True)) == PRIZE_CATEGORY_CODES
    assert models.SDGGoal.objects.count() == 17
    assert models.SDGTarget.objects.count() == 169
    assert models.SDGIndicator.objects.count() >= 231
    assert models.GDCObjective.objects.count() == 5
    assert 245 <= models.Country.objects.count() <= 250
    assert not models.Country.objects.filter(itu_region__isnull=True).exists()
    assert set(models.Region.objects.values_list("code", flat=True)) == {
        "AFR",
        "AMS",
        "ARB",
        "ASP",
        "CIS",
        "EUR",
        "INT",
    }


def test_names_carry_the_languages_the_data_gives():
    c5 = models.ActionLine.objects.get(code="C5")
    assert c5.name["ar"] == "بناء الثقة والأمن في استخدام تكنولوجيا المعلومات والاتصالات"
    assert set(c5.name) == {"ar", "en", "es", "fr", "ru", "zh"}
    assert c5.lead_facilitator == "ITU"
    assert models.ActionLine.objects.get(code="C7.e-health").lead_facilitator == "WHO"
    goal = models.SDGGoal.objects.get(number=9)
    assert set(goal.title) == {"ar", "en", "es", "fr", "ru", "zh"}
    target = models.SDGTarget.objects.get(code="9.c")
    assert target.goal == goal and "Internet" in target.text["en"]
    # Arabic GDC wording from the sources, with the OCR slip «الحكومة» mended to «الحوكمة».
    assert models.GDCObjective.objects.get(number=5).name["ar"].startswith("الحوكمة الدولية")
    egypt = models.Country.objects.get(code="EG")
    assert egypt.name["ar"] == "مصر" and egypt.itu_region.code == "ARB"
    assert egypt.m49_region == "002" and egypt.m49_subregion == "015"


def test_country_groups():
    ldc = set(models.Country.objects.filter(groups__code="LDC").values_list("code", flat=True))
    lldc = set(models.Country.objects.filter(groups__code="LLDC").values_list("code", flat=True))
    sids = set(models.Country.objects.filter(groups__code="SIDS").values_list("code", flat=True))
    assert len(ldc) == 44 and {"HT", "ET", "AF", "TV"} <= ldc and "ST" not in ldc
    assert len(lldc) == 32 and {"BO", "NE", "MN"} <= lldc
    assert {"FJ", "MV", "JM", "SG"} <= sids and "FR" not in sids
    assert models.CountryGroup.objects.get(code="LDC").as_of is not None


def test_a_second_load_changes_nothing():
    history = get_history_model_for_model(models.ActionLine)
    before = history.objects.count()
    report = load_reference_data(reference_data())
    assert not report.changed
    assert all(count.created == count.updated == 0 for count in report.counts.values())
    assert history.objects.count() == before


def test_a_changed_name_is_updated_and_reported(tmp_path):
    models.TargetGroup.objects.filter(code="youth").update(name={"en": "Old name"})
    report = load_reference_data(reference_data())
    assert report.counts["target groups"].updated == 1
    assert models.TargetGroup.objects.get(code="youth").name["en"] == "Youth"


def test_the_command_prints_what_it_loaded(capsys):
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert "SDG targets" in out and "169" in out
    assert "nothing changed" in out


@pytest.fixture
def broken_copy(tmp_path, settings):
    target = tmp_path / "data"
    shutil.copytree(settings.WSIS_REFERENCE_DATA, target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def _empty_vocabularies():
    models.Country.objects.all().delete()
    for model in (
        models.PrizeCategory,
        models.SDGIndicator,
        models.SDGTarget,
        models.SDGGoal,
        models.GDCObjective,
        models.CountryGroup,
        models.Region,
    ):
        model.objects.all().delete()
    models.ActionLine.objects.filter(parent__isnull=False).delete()
    models.ActionLine.objects.all().delete()


def test_a_malformed_file_loads_nothing(broken_copy):
    _empty_vocabularies()
    sdg = broken_copy / "sdg" / "sdg.json"
    sdg.write_text(sdg.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # cut off mid-file
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", path=str(broken_copy))
    assert "sdg.json: not valid JSON" in str(error.value)
    assert "Nothing was loaded" in str(error.value)
    assert models.SDGGoal.objects.count() == 0
    assert models.ActionLine.objects.count() == 0
    assert models.Country.objects.count() == 0


def test_a_file_of_the_wrong_shape_lists_every_problem(broken_copy):
    taxonomy = broken_copy / "wsis" / "taxonomy.json"
    data = json.loads(taxonomy.read_text(encoding="utf-8"))
    del data["wsis_action_lines"]["items"][3]  # C4 goes missing
    data["global_digital_compact"]["objectives"].pop()
    taxonomy.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        read_reference_data(broken_copy)
    problems = "\n".join(error.value.problems)
    assert "expected 11 Action Lines, found 10" in problems
    assert "expected 5 GDC objectives, found 4" in problems


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not a folder"):
        call_command("load_reference_data", path=str(tmp_path / "nowhere"))

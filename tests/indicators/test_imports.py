"""Importing indicator values: all or nothing, every bad row named, idempotent, with history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.accounts.factories import UserFactory
from tests.indicators.factories import csv_file, imported, internet_use
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.core.models import Event
from wsis.indicators import services
from wsis.indicators.models import GlobalTarget, Indicator, Observation

pytestmark = pytest.mark.django_db


def test_a_bad_row_imports_nothing_and_every_problem_names_its_row_and_column():
    report = services.import_observations(
        moderator(),
        "bad.csv",
        csv_file(
            internet_use("KE", "29.5"),
            internet_use("XX", "40"),  # unknown area
            internet_use("SN", "forty"),  # not a number
            "internet_use,,,country,GH,1890,,,,12,,,ITU,",  # year out of range
            "internet_use,,,country,NG,2024,,,,,reported,,ITU,",  # reported without a value
            "internet_use,,,country,NG,2023,,,,5,no_data,,ITU,",  # no data with a value
            "internet_use,,,country,BJ,2024,both,,,5,,,,",  # bad sex, no source
            "new_series,,,world,WLD,2024,,,,5,,,ITU,",  # unknown indicator, no name or unit
        ),
    )
    assert not report.ok and not report.written
    found = {(p.row, p.column) for p in report.problems}
    assert found == {
        (3, "area_code"),
        (4, "value"),
        (5, "year"),
        (6, "value"),
        (7, "value"),
        (8, "sex"),
        (8, "source"),
        (9, "indicator_code"),
    }
    assert Observation.objects.count() == 0
    assert not Indicator.objects.filter(code="internet_use").exists()


def test_no_data_is_a_state_with_a_null_value_and_zero_is_a_value():
    imported(
        internet_use("KE", "0"),
        "internet_use,,,country,TD,2024,,,,,no_data,,ITU,Survey not run",
    )
    zero = Observation.objects.get(area_code="KE")
    missing = Observation.objects.get(area_code="TD")
    assert (zero.value, zero.state) == (Decimal("0"), "reported")
    assert (missing.value, missing.state) == (None, "no_data")
    assert missing.country.alpha3 == "TCD"


def test_reimport_changes_nothing_then_a_changed_value_updates_with_history():
    rows = [internet_use("KE", "29.5"), internet_use("SN", "58")]
    first = imported(*rows)
    assert (first.created, first.updated, first.indicators_created) == (2, 0, ["internet_use"])
    events = Event.objects.filter(label=services.IMPORTED).count()
    again = imported(*rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Event.objects.filter(label=services.IMPORTED).count() == events
    changed = imported(internet_use("KE", "31"), rows[1])
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    kenya = Observation.objects.get(area_code="KE")
    assert kenya.value == Decimal("31")
    assert [h.value for h in kenya.history.order_by("history_date")] == [
        Decimal("29.5"),
        Decimal("31"),
    ]


def test_dry_run_checks_and_writes_nothing():
    report = services.import_observations(
        moderator(), "x.csv", csv_file(internet_use("KE", "29.5")), dry_run=True
    )
    assert report.ok and report.created == 1 and not report.written
    assert Observation.objects.count() == 0 and Indicator.objects.count() == 0


def test_datahub_columns_alpha3_codes_and_written_qualifiers():
    content = csv_file(
        "internet_use,Individuals using the Internet,percent,KEN,2023,> 40,ITU DataHub,",
        header="seriesCode,seriesName,seriesUnits,entityIso,dataYear,dataValue,dataSource,dataNote",
    )
    report = services.import_observations(moderator(), "datahub.csv", content)
    assert report.ok, report.problems
    kenya = Observation.objects.get()
    assert (kenya.area_type, kenya.area_code, kenya.qualifier) == ("country", "KE", "more_than")


def test_the_unit_of_a_known_indicator_is_checked():
    imported(internet_use("KE", "29.5"))
    report = services.import_observations(
        moderator(), "x.csv", csv_file("internet_use,,number,country,SN,2024,,,,5,,,ITU,")
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "unit")]


def test_the_same_key_twice_in_a_file_is_refused():
    report = services.import_observations(
        moderator(), "x.csv", csv_file(internet_use("KE", "1"), internet_use("KEN", "2"))
    )
    assert [(p.row, p.column) for p in report.problems] == [(3, "area_code")]


@pytest.mark.parametrize("role", [None, Role.SUBMITTER, Role.FACILITATOR, Role.EXPERT])
def test_only_the_secretariat_imports(role):
    actor = UserFactory(role=role) if role else None
    with pytest.raises(PermissionDenied):
        services.import_observations(actor, "x.csv", csv_file(internet_use("KE", "1")))
    assert Observation.objects.count() == 0


def test_command_names_the_bad_row_and_imports_nothing(tmp_path, capsys):
    UserFactory(role=Role.ADMINISTRATOR)
    path = tmp_path / "values.csv"
    path.write_bytes(csv_file(internet_use("KE", "29.5"), internet_use("KE", "n/a", 2023)))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_indicators", str(path))
    assert "row 3, value" in capsys.readouterr().err
    assert Observation.objects.count() == 0
    path.write_bytes(csv_file(internet_use("KE", "29.5")))
    call_command("import_indicators", str(path))
    assert "1 were created" in capsys.readouterr().out
    assert Observation.objects.count() == 1


def test_the_sources_figures_load_once_each_cited():
    first = services.load_sources()
    assert first["observations created"] == 17 and first["targets"] == 17
    again = services.load_sources()
    assert again["observations created"] == 0 and again["observations unchanged"] == 17
    world = Observation.objects.filter(
        indicator__code="internet_use", area_code="WLD", sex="total", location="total"
    )
    assert {o.year: (o.value, o.qualifier) for o in world} == {
        2005: (Decimal("15"), "more_than"),
        2024: (Decimal("68"), "exact"),
        2025: (Decimal("74"), "exact"),
    }
    by_income = Observation.objects.filter(indicator__code="internet_use", area_type="income_group")
    assert {o.area_code: o.value for o in by_income} == {"HIC": 94, "LIC": 23}
    by_sex = Observation.objects.filter(indicator__code="internet_use", year=2025).exclude(
        sex="total"
    )
    assert {o.sex: o.value for o in by_sex} == {"female": 71, "male": 77}
    by_place = Observation.objects.filter(indicator__code="internet_use").exclude(location="total")
    assert {o.location: o.value for o in by_place} == {"urban": 85, "rural": 58}
    assert all(".ar.txt:L" in o.source for o in Observation.objects.all())
    geneva = GlobalTarget.objects.filter(framework="geneva_2003")
    broadband = GlobalTarget.objects.filter(framework="broadband_2025")
    assert geneva.count() == 10 and broadband.count() == 7
    assert geneva.get(number=3).status_state == "no_global_data"
    assert geneva.get(number=8).status_state == "blank"
    assert geneva.get(number=9).challenges_state == "blank"
    assert broadband.get(number=7).progress == "partial"
    assert all(".ar.txt:L" in t.source for t in GlobalTarget.objects.all())


def test_an_xlsx_file_is_read_like_a_csv():
    from io import BytesIO

    from openpyxl import Workbook

    def workbook(*rows) -> bytes:
        book = Workbook()
        for row in rows:
            book.active.append(row)
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    header = ["seriesCode", "seriesName", "seriesUnits", "entityIso", "dataYear", "dataValue"]
    senegal = ["internet_use", "Individuals using the Internet", "percent", "SEN", 2024, 58.5]
    chad = ["internet_use", None, None, "TCD", 2024, None]
    report = services.import_observations(moderator(), "v.xlsx", workbook(header, senegal, chad))
    assert [(p.row, p.column) for p in report.problems] == [(2, "source"), (3, "source")]
    content = workbook([*header, "dataSource"], [*senegal, "ITU"], [*chad, "ITU"])
    report = services.import_observations(moderator(), "v.xlsx", content)
    assert report.ok, report.problems
    values = {o.area_code: (o.value, o.state) for o in Observation.objects.all()}
    assert values == {"SN": (Decimal("58.5"), "reported"), "TD": (None, "no_data")}


def test_a_series_keeps_its_no_data_years_for_roadmaps():
    from wsis.indicators.series import series_of

    services.load_sources()
    imported("internet_use,,,world,WLD,2010,,,,,no_data,,Test,")
    world = series_of(Indicator.objects.get(code="internet_use"))
    assert [(o.year, o.value, o.has_value) for o in world] == [
        (2005, Decimal("15"), True),
        (2010, None, False),
        (2024, Decimal("68"), True),
        (2025, Decimal("74"), True),
    ]
    rural = series_of(Indicator.objects.get(code="internet_use"), location="rural")
    assert [(o.year, o.value) for o in rural] == [(2025, Decimal("58"))]

"""Reading and checking an indicator file (CSV or XLSX), all or nothing.

The columns (README, "Indicators"; docs/indicators.md) are close to an ITU DataHub export: one
row per value, the area as a code, the year, the value. DataHub's own column names are taken as
synonyms (`entityIso`, `seriesCode`, `dataYear`, `dataValue`…). Every row is checked before
anything is written; each problem names its row (as a spreadsheet numbers it, the header being
row 1), its column and the reason, in the reader's language.
"""

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from wsis.indicators.choices import (
    AreaType,
    IncomeGroup,
    Location,
    Qualifier,
    Sex,
    Unit,
    ValueState,
)
from wsis.indicators.models import Indicator
from wsis.stocktaking.imports import Problem, Report, read_rows
from wsis.taxonomy import memo
from wsis.taxonomy.models import Country, CountryGroup, Region

COLUMNS = [
    "indicator_code",
    "indicator_name",
    "unit",
    "area_type",
    "area_code",
    "year",
    "sex",
    "location",
    "age",
    "value",
    "state",
    "qualifier",
    "source",
    "notes",
]
REQUIRED_COLUMNS = {"indicator_code", "area_code", "year", "value"}
# ITU DataHub's export names for the same columns.
SYNONYMS = {
    "seriesCode": "indicator_code",
    "seriesName": "indicator_name",
    "seriesUnits": "unit",
    "entityIso": "area_code",
    "dataYear": "year",
    "dataValue": "value",
    "dataSource": "source",
    "dataNote": "notes",
}
WORLD_CODES = {"WLD", "WORLD", "001"}
# "> 93", "~85", "≈ 85", "< 20": the qualifier written before the figure.
PREFIXES = {
    ">": Qualifier.MORE_THAN,
    "<": Qualifier.LESS_THAN,
    "~": Qualifier.ABOUT,
    "≈": Qualifier.ABOUT,
}
AGE = re.compile(r"^(\d{1,3}(\+|-\d{1,3})?)?$")
YEARS = range(1990, 2101)
# A key of an observation: indicator code, area type, area code, year, sex, location, age.
Key = tuple[str, str, str, int, str, str, str]


@dataclass
class Row:
    number: int
    indicator_code: str
    indicator_name: str
    unit: str
    key: Key
    country_id: int | None
    value: Decimal | None
    state: str
    qualifier: str
    source: str
    notes: str


def _normalised(raw: dict) -> dict:
    return {SYNONYMS.get(column, column): (value or "").strip() for column, value in raw.items()}


class Areas:
    """The codes an area may take, from the vocabularies; a country by alpha-2 or alpha-3."""

    def __init__(self):
        countries = memo.vocabulary(Country).entries
        self.countries = {c.code.upper(): c for c in countries} | {
            c.alpha3.upper(): c for c in countries
        }
        self.regions = {r.code.upper() for r in memo.vocabulary(Region).entries}
        self.groups = {g.code.upper() for g in memo.vocabulary(CountryGroup).entries}
        self.incomes = set(IncomeGroup.values)

    def resolve(self, area_type: str, code: str) -> tuple[str, str, int | None] | str:
        """(area type, code as stored, country id), or the reason the pair is refused."""
        code = code.upper()
        kinds = {
            AreaType.WORLD: code in WORLD_CODES,
            AreaType.COUNTRY: code in self.countries,
            AreaType.REGION: code in self.regions,
            AreaType.INCOME_GROUP: code in self.incomes,
            AreaType.COUNTRY_GROUP: code in self.groups,
        }
        if area_type:
            if area_type not in AreaType.values:
                return _("Unknown area type “{value}”; use one of: {choices}.").format(
                    value=area_type, choices=", ".join(AreaType.values)
                )
            if not kinds[area_type]:
                return _("“{code}” is not a known code of this area type ({type}).").format(
                    code=code, type=area_type
                )
        else:
            found = [kind for kind, matches in kinds.items() if matches]
            if not found:
                return _(
                    "Unknown area “{code}”: give a country's ISO code, WLD, an ITU region, "
                    "an income group (HIC, UMC, LMC, LIC) or LDC, LLDC, SIDS."
                ).format(code=code)
            area_type = found[0]
        if area_type == AreaType.WORLD:
            return area_type, "WLD", None
        if area_type == AreaType.COUNTRY:
            country = self.countries[code]
            return area_type, country.code, country.pk
        return area_type, code, None


def _choice(value: str, choices, default: str) -> str | None:
    """The choice written (or the default when blank); None when it is not one."""
    value = value.lower() or default
    return value if value in choices.values or value == "" else None


def _value(text: str) -> tuple[Decimal | None, str | None, str | None]:
    """(value, qualifier written before it, reason it is refused)."""
    text = text.replace("\u00a0", "").replace(" ", "").replace("%", "")
    if not text:
        return None, None, None
    qualifier = PREFIXES.get(text[0])
    if qualifier:
        text = text[1:]
    try:
        number = Decimal(text.replace(",", "")) if text.count(",") and "." in text else None
        number = number if number is not None else Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None, None, _("“{value}” is not a number.").format(value=text)
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        return None, None, _("“{value}” is not a number.").format(value=text)
    return number, qualifier, None


def check_row(number: int, raw: dict, areas: Areas, units: dict[str, str]) -> Row | list[Problem]:
    """One row checked: a Row, or its problems (several at once, each with its column)."""
    row = _normalised(raw)
    problems = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    code = row.get("indicator_code", "")
    unit = row.get("unit", "").lower()
    if not code:
        problem("indicator_code", _("An indicator code is needed."))
    elif not re.fullmatch(r"[-a-zA-Z0-9_]{1,60}", code):
        problem("indicator_code", _("Use letters, digits, “-” and “_” only (at most 60)."))
    elif code in units:
        if unit and unit != units[code]:
            problem(
                "unit",
                _("The indicator's unit is “{unit}”; this row says “{value}”.").format(
                    unit=units[code], value=unit
                ),
            )
    elif not row.get("indicator_name") or unit not in Unit.values:
        problem(
            "indicator_code",
            _(
                "Unknown indicator “{code}”: to create it, give its name (indicator_name) and "
                "its unit ({units})."
            ).format(code=code, units=", ".join(Unit.values)),
        )
    area = areas.resolve(row.get("area_type", "").lower(), row.get("area_code", ""))
    if isinstance(area, str):
        problem("area_code" if row.get("area_code") else "area_type", area)
    year = row.get("year", "")
    if not year.isdigit() or int(year) not in YEARS:
        problem("year", _("A year from 1990 to 2100, please, not “{value}”.").format(value=year))
    sex = _choice(row.get("sex", ""), Sex, Sex.TOTAL)
    if sex is None:
        problem("sex", _("Use one of: {choices}.").format(choices=", ".join(Sex.values)))
    location = _choice(row.get("location", ""), Location, Location.TOTAL)
    if location is None:
        problem("location", _("Use one of: {choices}.").format(choices=", ".join(Location.values)))
    age = row.get("age", "")
    if not AGE.match(age):
        problem("age", _("An age group such as “15-24” or “10+”, or blank for all ages."))
    value, written_qualifier, reason = _value(row.get("value", ""))
    if reason:
        problem("value", reason)
    state = _choice(row.get("state", ""), ValueState, "")
    if state is None:
        problem("state", _("Use one of: {choices}.").format(choices=", ".join(ValueState.values)))
    elif not state:
        state = ValueState.NO_DATA if value is None and not reason else ValueState.REPORTED
    if state == ValueState.NO_DATA and value is not None:
        problem("value", _("A row marked “no data” cannot carry a value; leave it blank."))
    if state == ValueState.REPORTED and value is None and not reason:
        problem("value", _("A reported value needs a number; for a missing one write no_data."))
    qualifier = _choice(row.get("qualifier", ""), Qualifier, written_qualifier or Qualifier.EXACT)
    if qualifier is None:
        problem(
            "qualifier", _("Use one of: {choices}.").format(choices=", ".join(Qualifier.values))
        )
    source = row.get("source", "")
    if not source:
        problem("source", _("Say where the figure comes from."))
    elif len(source) > 300:
        problem("source", _("At most 300 characters."))
    if problems:
        return problems
    area_type, area_code, country_id = area
    return Row(
        number=number,
        indicator_code=code,
        indicator_name=row.get("indicator_name", ""),
        unit=unit or units.get(code, ""),
        key=(code, area_type, area_code, int(year), sex, location, age),
        country_id=country_id,
        value=value,
        state=state,
        qualifier=qualifier if state == ValueState.REPORTED else Qualifier.EXACT,
        source=source,
        notes=row.get("notes", ""),
    )


def check_file(name: str, content: bytes) -> tuple[Report, list[Row]]:
    """Every row of the file checked; the report lists every problem, and the rows are written
    only when it lists none."""
    report = Report()
    try:
        header, rows = read_rows(name, content)
        header = [SYNONYMS.get(column, column) for column in header]
        report.ignored_columns = [c for c in header if c and c not in COLUMNS]
        for column in sorted(REQUIRED_COLUMNS - set(header)):
            report.problems.append(Problem(1, column, _("This column is missing.")))
        if report.problems:
            return report, []
        areas = Areas()
        units = dict(Indicator.objects.values_list("code", "unit"))
        valid: list[Row] = []
        seen: dict[Key, int] = {}
        for number, raw in enumerate(rows, start=2):
            report.rows += 1
            checked = check_row(number, raw, areas, units)
            if isinstance(checked, list):
                report.problems += checked
                # A row that names a new indicator defines it for the rows below even when it
                # has problems of its own: they are not reported again as "unknown indicator".
                row = _normalised(raw)
                if row.get("indicator_name") and row.get("unit", "").lower() in Unit.values:
                    units.setdefault(row.get("indicator_code", ""), row["unit"].lower())
                continue
            if checked.key in seen:
                message = _("The same indicator, area, year and breakdown as row {row}.")
                report.problems.append(
                    Problem(number, "area_code", message.format(row=seen[checked.key]))
                )
                continue
            seen[checked.key] = number
            # A new indicator's unit holds for the rest of the file.
            units.setdefault(checked.indicator_code, checked.unit)
            valid.append(checked)
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError) as error:
        message = _("The file cannot be read: {error}").format(error=error)
        report.problems.append(Problem(0, "", message))
        return report, []
    return report, valid

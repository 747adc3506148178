from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    PERCENT = "percent", _("Per cent")
    NUMBER = "number", pgettext_lazy("unit", "Number")
    PEOPLE = "people", _("People")
    INDEX = "index", _("Index")


class AreaType(models.TextChoices):
    """What an observation is about: the world, a group of countries, or one country."""

    WORLD = "world", _("World")
    REGION = "region", _("ITU region")
    INCOME_GROUP = "income_group", _("Income group")
    COUNTRY_GROUP = "country_group", _("Country group")
    COUNTRY = "country", _("Country")


class IncomeGroup(models.TextChoices):
    """The World Bank's income groups, as ITU's figures use them."""

    HIGH = "HIC", _("High-income countries")
    UPPER_MIDDLE = "UMC", _("Upper-middle-income countries")
    LOWER_MIDDLE = "LMC", _("Lower-middle-income countries")
    LOW = "LIC", _("Low-income countries")


class Sex(models.TextChoices):
    TOTAL = "total", pgettext_lazy("sex", "All")
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


class Location(models.TextChoices):
    TOTAL = "total", pgettext_lazy("location", "All areas")
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")


class ValueState(models.TextChoices):
    """Whether there is a figure at all: "no data" is a state of its own, never a zero."""

    REPORTED = "reported", _("Reported")
    NO_DATA = "no_data", _("No data")


class Qualifier(models.TextChoices):
    """How the source words the figure ("more than 93 %", "about 85 %")."""

    EXACT = "exact", pgettext_lazy("qualifier", "Exactly")
    MORE_THAN = "more_than", _("More than")
    LESS_THAN = "less_than", _("Less than")
    ABOUT = "about", pgettext_lazy("qualifier", "About")


class Framework(models.TextChoices):
    GENEVA_2003 = "geneva_2003", _("Geneva Plan of Action (2003)")
    BROADBAND_2025 = "broadband_2025", _("Broadband Commission targets for 2025")


class CellState(models.TextChoices):
    """What a cell of a source's table holds."""

    GIVEN = "given", _("Given")
    NO_GLOBAL_DATA = "no_global_data", _("Lack of global data")
    BLANK = "blank", _("Not stated in the source")


class TargetProgress(models.TextChoices):
    PROGRESS = "progress", _("Progress made")
    NEARLY_ACHIEVED = "nearly_achieved", _("Nearly achieved")
    PARTIAL = "partial", _("Achieved in some countries, not globally")
    DATA_PROBLEM = "data_problem", _("Progress; data too scarce to measure")
    OUTDATED_DATA = "outdated_data", _("Data outdated")
    NOT_ASSESSED = "not_assessed", _("Not assessed")

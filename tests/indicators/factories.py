"""Indicator data made the way the secretariat makes it: through an import."""

from tests.stocktaking.factories import moderator
from wsis.indicators import imports, services

HEADER = ",".join(imports.COLUMNS)


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def imported(*rows: str, actor=None):
    report = services.import_observations(actor or moderator(), "test.csv", csv_file(*rows))
    assert report.ok, report.problems
    return report


def internet_use(country: str, value, year: int = 2024) -> str:
    name = "Individuals using the Internet"
    return f"internet_use,{name},percent,country,{country},{year},,,,{value},,,ITU DataHub,"

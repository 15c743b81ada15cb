"""The public holidays the Lambda ships, computed by the `holidays` package at build time.

`mairie build` asks `holidays` for the city's public holidays over a fixed span of years and writes
them to `lambda/mairie/data/holidays.json`; the Lambda reads that small file instead of importing
`holidays` (which costs a few hundred milliseconds and ~19 MiB on a cold container). Years outside
the span, or another subdivision than the table's, fall back to `holidays` itself at run time.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, without compiling generated methods at import (see `records`)
    from mairie.catalogue.records import frozen_dataclass as dataclass

FIRST_YEAR = 2020
LAST_YEAR = 2045
TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "holidays.json"


@dataclass(frozen=True)
class HolidayTable:
    """Library labels of the holidays of one subdivision (None: metropolitan France) over some years."""

    subdivision: str | None
    first_year: int
    last_year: int
    labels: dict[date, str]

    def covers(self, subdivision: str | None, year: int) -> bool:
        return subdivision == self.subdivision and self.first_year <= year <= self.last_year

    def of_year(self, year: int) -> dict[date, str]:
        return {day: label for day, label in self.labels.items() if day.year == year}


def compute_table(subdivision: str | None) -> HolidayTable:
    """Ask the `holidays` package (build time only)."""
    from holidays.countries.france import France

    years = range(FIRST_YEAR, LAST_YEAR + 1)
    found = France(language="fr", subdiv=subdivision, years=years)  # type: ignore[no-untyped-call]
    labels = {day: str(label) for day, label in sorted(found.items()) if FIRST_YEAR <= day.year <= LAST_YEAR}
    return HolidayTable(subdivision, FIRST_YEAR, LAST_YEAR, labels)


def dump_table(table: HolidayTable) -> str:
    document = {
        "source": "holidays (PyPI), France, computed by `mairie build`",
        "subdivision": table.subdivision,
        "first_year": table.first_year,
        "last_year": table.last_year,
        "days": {day.isoformat(): label for day, label in sorted(table.labels.items())},
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_table(path: Path = TABLE_PATH) -> HolidayTable | None:
    """The shipped table, or None when it is missing or unreadable (the caller then uses `holidays`)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return HolidayTable(
            subdivision=document["subdivision"],
            first_year=int(document["first_year"]),
            last_year=int(document["last_year"]),
            labels={date.fromisoformat(day): str(label) for day, label in document["days"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None

"""French public holidays (jours fériés), with names fit to be spoken after "c'est".

Computed by the `holidays` package. One `PublicHolidays` per container: each year is computed
once, on first use, then looked up in a plain dict. The Lambda passes the table `mairie build`
computed with `holidays` (see `catalogue.holiday_table`), so `holidays` itself is imported only
for years or subdivisions the table does not cover (it costs a few hundred ms and ~19 MiB).

Metropolitan France by default: Alsace-Moselle's extra days (Vendredi saint, Saint-Étienne) only
with `subdivision="57"` or `"6AE"`, overseas days with their department code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

from mairie.catalogue.holiday_table import HolidayTable

SPOKEN_NAMES: dict[str, str] = {
    "jour de l'an": "le jour de l'An",
    "lundi de pâques": "le lundi de Pâques",
    "fête du travail": "la fête du Travail",
    "fête de la victoire": "la fête de la Victoire",
    "ascension": "l'Ascension",
    "lundi de pentecôte": "le lundi de Pentecôte",
    "fête nationale": "la fête nationale",
    "assomption": "l'Assomption",
    "toussaint": "la Toussaint",
    "armistice": "l'Armistice",
    "noël": "le jour de Noël",
    # Alsace-Moselle
    "vendredi saint": "le Vendredi saint",
    "saint-étienne": "la Saint-Étienne",
    # Overseas
    "abolition de l'esclavage": "la commémoration de l'abolition de l'esclavage",
    "fête de victor schoelcher": "la fête de Victor Schœlcher",
    "mi-carême": "la mi-carême",
}
"""`holidays`' French names (case-folded) → the name said in "c'est ___"."""


class HolidayCalendar(Protocol):
    """What the hours logic needs from a holiday calendar (tests may pass a stub)."""

    def name(self, day: date) -> str | None:
        """The spoken name of the public holiday on `day`, or None on a working day."""
        ...


def spoken_name(library_name: str) -> str:
    """Turn a name given by `holidays` into one that reads well after "c'est"."""
    key = " ".join(library_name.replace("’", "'").split()).casefold()
    known = SPOKEN_NAMES.get(key)
    if known is not None:
        return known
    return f"un jour férié ({library_name.strip()})"


def _spoken(label: str) -> str:
    """`holidays` joins two holidays on one day with "; " (Ascension and 1 May in 2008)."""
    return " et ".join(spoken_name(part) for part in label.split(";") if part.strip())


class PublicHolidays:
    """Public holidays of France (or of one `holidays` subdivision), computed lazily per year."""

    def __init__(self, subdivision: str | None = None, table: HolidayTable | None = None) -> None:
        self.subdivision = subdivision
        self._table = table
        self._years: dict[int, dict[date, str]] = {}

    def name(self, day: date) -> str | None:
        """The spoken name ("le jour de Noël", "le lundi de Pâques"…) or None."""
        return self._year(day.year).get(day)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.name(day) is not None

    def of_year(self, year: int) -> dict[date, str]:
        """All holidays of `year`, sorted, with their spoken names (for tools and tests)."""
        return dict(sorted(self._year(year).items()))

    def _year(self, year: int) -> dict[date, str]:
        cached = self._years.get(year)
        if cached is None:
            found = self._labels(year)
            cached = {day: _spoken(str(label)) for day, label in found.items() if day.year == year}
            self._years[year] = cached
        return cached

    def _labels(self, year: int) -> Mapping[date, str]:
        """`holidays`' labels of `year`: from the build-time table when it covers it, else from `holidays`."""
        if self._table is not None and self._table.covers(self.subdivision, year):
            return self._table.of_year(year)
        from holidays.countries.france import France  # lazy: keeps cold starts fast

        found: Mapping[date, str] = France(language="fr", subdiv=self.subdivision, years=year)  # type: ignore[no-untyped-call]
        return found


def is_known_subdivision(code: str) -> bool:
    """True when `holidays` knows this French subdivision code or alias (for the validator)."""
    from holidays.countries.france import France

    return code in France.subdivisions or code in getattr(France, "subdivisions_aliases", {})

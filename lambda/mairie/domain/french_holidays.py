"""Metropolitan France's public holidays, computed with the standard library only.

Importing the `holidays` package costs about 0.4 s and 19 MiB (it loads every country), which a
resident would wait for on the first opening-hours question of a new Lambda container. For
metropolitan France from 2008 to 2100 (the Pentecost Monday "journée de solidarité" rules of 2005-2007
are over) the list is short and fixed; it is given here with `holidays`' own French labels, and
`tests/unit/domain/test_french_holidays.py` checks it against `holidays` year by year. Other years
and the subdivisions (Alsace-Moselle, overseas) still use `holidays`.
"""

from __future__ import annotations

from datetime import date, timedelta

FIRST_YEAR = 2008
LAST_YEAR = 2100
"""Other years (and subdivisions) are left to the `holidays` package, which stops at 2100."""

FIXED: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Jour de l'an"),
    (5, 1, "Fête du Travail"),
    (5, 8, "Fête de la Victoire"),
    (7, 14, "Fête nationale"),
    (8, 15, "Assomption"),
    (11, 1, "Toussaint"),
    (11, 11, "Armistice"),
    (12, 25, "Noël"),
)
AFTER_EASTER: tuple[tuple[int, str], ...] = ((1, "Lundi de Pâques"), (39, "Ascension"), (50, "Lundi de Pentecôte"))


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)


def metropolitan_holidays(year: int) -> dict[date, str]:
    """{day: label} like `holidays.France(language="fr")`: two holidays on one day are joined by "; "."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} is not within {FIRST_YEAR}-{LAST_YEAR}: use the holidays package")
    labels: dict[date, list[str]] = {}
    for month, day, label in FIXED:
        labels.setdefault(date(year, month, day), []).append(label)
    sunday = easter(year)
    for days, label in AFTER_EASTER:
        labels.setdefault(sunday + timedelta(days=days), []).append(label)
    return {day: "; ".join(sorted(names)) for day, names in sorted(labels.items())}

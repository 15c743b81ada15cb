"""Public holidays: French spoken names, moveable feasts computed independently, subdivisions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mairie.domain.calendar import SPOKEN_NAMES, PublicHolidays, is_known_subdivision, spoken_name


def easter_sunday(year: int) -> date:
    """Meeus/Jones/Butcher Gregorian algorithm: an independent check of the `holidays` package."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lk = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lk) // 451
    month, day = divmod(h + lk - 7 * m + 114, 31)
    return date(year, month, day + 1)


@pytest.fixture(scope="module")
def metropole() -> PublicHolidays:
    return PublicHolidays()


def test_easter_algorithm_matches_the_known_2026_and_2027_dates() -> None:
    # The only typed dates: they check the test's own algorithm, not the code under test.
    assert easter_sunday(2026) + timedelta(days=1) == date(2026, 4, 6)
    assert easter_sunday(2027) + timedelta(days=50) == date(2027, 5, 17)


@pytest.mark.parametrize("year", range(2024, 2036))
@pytest.mark.parametrize(
    ("days_after_easter", "expected"),
    [(1, "le lundi de Pâques"), (39, "l'Ascension"), (50, "le lundi de Pentecôte")],
)
def test_moveable_feasts(metropole: PublicHolidays, year: int, days_after_easter: int, expected: str) -> None:
    assert metropole.name(easter_sunday(year) + timedelta(days=days_after_easter)) == expected


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        (1, 1, "le jour de l'An"),
        (5, 1, "la fête du Travail"),
        (5, 8, "la fête de la Victoire"),
        (7, 14, "la fête nationale"),
        (8, 15, "l'Assomption"),
        (11, 1, "la Toussaint"),
        (11, 11, "l'Armistice"),
        (12, 25, "le jour de Noël"),
    ],
)
def test_fixed_holidays(metropole: PublicHolidays, year: int, month: int, day: int, expected: str) -> None:
    assert metropole.name(date(year, month, day)) == expected


@pytest.mark.parametrize("year", [2026, 2027])
def test_eleven_holidays_in_metropolitan_france(metropole: PublicHolidays, year: int) -> None:
    names = metropole.of_year(year)
    assert len(names) == 11
    assert all(not name.startswith("un jour férié") for name in names.values())


@pytest.mark.parametrize("day", [date(2026, 12, 28), date(2026, 12, 24), date(2026, 5, 24)])
def test_working_days(metropole: PublicHolidays, day: date) -> None:
    assert metropole.name(day) is None
    assert day not in metropole


def test_alsace_moselle_is_not_assumed(metropole: PublicHolidays) -> None:
    good_friday = easter_sunday(2026) - timedelta(days=2)
    assert metropole.name(good_friday) is None
    assert metropole.name(date(2026, 12, 26)) is None
    moselle = PublicHolidays("57")
    assert moselle.name(good_friday) == "le Vendredi saint"
    assert moselle.name(date(2026, 12, 26)) == "la Saint-Étienne"


def test_years_are_computed_once(metropole: PublicHolidays) -> None:
    metropole.name(date(2030, 1, 1))
    cached = metropole._years[2030]
    metropole.name(date(2030, 6, 1))
    assert metropole._years[2030] is cached


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Noël", "le jour de Noël"),
        ("  Jour de l’an ", "le jour de l'An"),
        ("LUNDI DE PENTECÔTE", "le lundi de Pentecôte"),
        ("Fête du Territoire", "un jour férié (Fête du Territoire)"),
    ],
)
def test_spoken_name(label: str, expected: str) -> None:
    assert spoken_name(label) == expected


def test_two_holidays_on_one_day() -> None:
    # In 2008 Ascension fell on 1 May; `holidays` joins both names with "; ".
    assert PublicHolidays().name(date(2008, 5, 1)) == "l'Ascension et la fête du Travail"


def test_every_spoken_name_reads_after_cest() -> None:
    articles = ("le ", "la ", "l'")
    assert all(name.startswith(articles) for name in SPOKEN_NAMES.values())


@pytest.mark.parametrize(("code", "known"), [("57", True), ("Alsace", True), ("974", True), ("75", False)])
def test_is_known_subdivision(code: str, known: bool) -> None:
    assert is_known_subdivision(code) is known

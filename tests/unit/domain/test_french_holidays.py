from __future__ import annotations

from datetime import date

import pytest
from holidays.countries.france import France

from mairie.domain.french_holidays import FIRST_YEAR, LAST_YEAR, easter, metropolitan_holidays


@pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
def test_same_days_and_labels_as_the_holidays_package(year: int) -> None:
    expected = {day: str(label) for day, label in France(language="fr", years=year).items() if day.year == year}
    assert metropolitan_holidays(year) == expected


def test_two_holidays_on_one_day_are_both_named() -> None:
    assert metropolitan_holidays(2008)[date(2008, 5, 1)] == "Ascension; Fête du Travail"


def test_known_easter_sundays() -> None:
    assert [easter(y) for y in (2024, 2025, 2026, 2038)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2038, 4, 25),
    ]


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, LAST_YEAR + 1])
def test_years_outside_the_range_are_refused(year: int) -> None:
    with pytest.raises(ValueError):
        metropolitan_holidays(year)
